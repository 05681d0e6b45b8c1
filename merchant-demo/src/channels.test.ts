import { beforeEach, expect, test } from 'vitest'
import { SPORTSWEAR_KIT } from './brand'
import { fakePagesDir, platformAndMerchant, testMerchant } from './testing'

const env = platformAndMerchant({ pagesDir: fakePagesDir() })
beforeEach(async () => {
  await env.platform.post('/_sandbox/reset', {})
  await env.merchant.publish()
})

test('publishing names the account after the brand, posts the kit videos once and schedules its live', async () => {
  const first = await env.merchant.call('POST', '/admin/channels/publish')
  expect(first.status).toBe(201)
  expect(first.body.videos.map((v: { title: string }) => v.title)).toEqual(env.merchant.store.kit.channels.videos.map((v) => v.title))
  expect(first.body.live).toMatchObject({ status: 'scheduled', title: 'Friday tasting live', shelf: [{ productId: 'latte', path: 'pages/product/product?id=latte', price: 2800 }, {}, {}] })
  const again = await env.merchant.call('POST', '/admin/channels/publish')
  expect(again.body.videos.map((v: { feedId: string }) => v.feedId)).toEqual(first.body.videos.map((v: { feedId: string }) => v.feedId))
  expect(again.body.live.liveId).toBe(first.body.live.liveId)
  const profile = await env.platform.json(`/_sandbox/channels/accounts/${first.body.finderUserName}`)
  expect(profile).toMatchObject({ nickname: env.merchant.store.kit.name, color: env.merchant.store.kit.colours.primary })
  expect(profile.videos).toHaveLength(2)
  expect(profile.videos[1].products[0]).toMatchObject({ productId: 'latte', appid: env.merchant.store.appid })
  expect(profile.videos[1].miniProgram).toEqual({ appid: env.merchant.store.appid, path: 'pages/menu/menu', title: 'Order ahead' })
})

test('ending a live that is not on air is 409; starting twice is the same live', async () => {
  await env.merchant.call('POST', '/admin/channels/publish')
  expect((await env.merchant.call('POST', '/admin/channels/live/end')).status).toBe(409)
  const live = (await env.merchant.call('POST', '/admin/channels/live/start')).body
  expect(live.status).toBe('live')
  expect((await env.merchant.call('POST', '/admin/channels/live/start')).body.liveId).toBe(live.liveId)
  expect((await env.merchant.call('POST', '/admin/channels/live/end')).body.status).toBe('ended')
})

test('an order from a live product tap is attributed to the live session, and the live counts it', async () => {
  await env.merchant.call('POST', '/admin/channels/publish')
  const live = (await env.merchant.call('POST', '/admin/channels/live/start')).body
  await env.merchant.platform(`/_sandbox/people/alice/channels/lives/${live.liveId}/join`, {})
  const launched = await env.merchant.platform(`/_sandbox/people/alice/channels/lives/${live.liveId}/products/latte/tap`, {})
  expect(launched.launchOptions).toMatchObject({ scene: 1177, query: { id: 'latte' } })

  const token = await env.merchant.loginAs('alice')
  const { order, payment } = await env.merchant.orderTwoDrinks(token, { scene: launched.launchOptions.scene, query: launched.launchOptions.query })
  await env.merchant.payAs('alice', payment)
  const view = (await env.merchant.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order
  expect(view.entry).toMatchObject({ scene: 1177, channel: 'channels' })
  expect(view.attribution).toMatchObject({ attributionId: launched.attribution.attributionId, firstTouchChannel: 'channels', channels: { liveId: live.liveId, videoId: null } })
  await expect.poll(async () => (await env.merchant.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order.status).toBe('paid')

  const stats = (await env.merchant.call('GET', '/admin/channels/live')).body.lives[0].stats
  expect(stats).toMatchObject({ viewers: 1, productTaps: 1, orders: 1, gmv: order.total })
})

test('an order from a video link names the video; an order from elsewhere names no Channels source', async () => {
  const { videos } = (await env.merchant.call('POST', '/admin/channels/publish')).body
  const video = videos[0]
  const launched = await env.merchant.platform(`/_sandbox/people/bob/channels/videos/${video.feedId}/open`, { productId: video.products[0].productId })
  const token = await env.merchant.loginAs('bob')
  const { order } = await env.merchant.orderTwoDrinks(token, { scene: 1184, query: launched.launchOptions.query })
  expect((await env.merchant.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order.attribution.channels).toEqual({ finderUserName: launched.attribution.shareChain[0].finderUserName, videoId: video.feedId, liveId: null })

  await env.merchant.platform('/_sandbox/people/carol/miniprogram/launch', { entry: 'search' })
  const carol = await env.merchant.loginAs('carol')
  const other = (await env.merchant.orderTwoDrinks(carol)).order
  expect((await env.merchant.call('GET', `/api/orders/${other.id}`, undefined, carol)).body.order.attribution.channels).toBeNull()
})

test('the sportswear kit posts its own videos and live', async () => {
  const sports = await testMerchant(env.platform.url, { pagesDir: fakePagesDir(), brand: SPORTSWEAR_KIT, publish: false })
  try {
    const res = await sports.call('POST', '/admin/channels/publish')
    expect(res.body.videos.map((v: { title: string }) => v.title)).toContain('The Marathon Drop, unboxed')
    expect(res.body.live.shelf[0].productId).toBe('shanghai-marathon-runner')
  } finally {
    await sports.close()
  }
})
