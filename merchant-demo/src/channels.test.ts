import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../platform-mock/src/testing'
import { SPORTSWEAR_KIT } from './brand'
import { fakePagesDir, testMerchant } from './testing'

let platform: TestPlatform
let merchant: Awaited<ReturnType<typeof testMerchant>>

beforeAll(async () => {
  platform = await testPlatform()
  merchant = await testMerchant(platform.url, { pagesDir: fakePagesDir() })
})
afterAll(async () => {
  await merchant.close()
  await platform.close()
})
beforeEach(async () => {
  await platform.post('/_sandbox/reset', {})
  await merchant.publish()
})

test('publishing names the account after the brand, posts the kit videos once and schedules its live', async () => {
  const first = await merchant.call('POST', '/admin/channels/publish')
  expect(first.status).toBe(201)
  expect(first.body.videos.map((v: { title: string }) => v.title)).toEqual(merchant.store.kit.channels.videos.map((v) => v.title))
  expect(first.body.live).toMatchObject({ status: 'scheduled', title: 'Friday tasting live', shelf: [{ productId: 'latte', path: 'pages/product/product?id=latte', price: 2800 }, {}, {}] })
  const again = await merchant.call('POST', '/admin/channels/publish')
  expect(again.body.videos.map((v: { feedId: string }) => v.feedId)).toEqual(first.body.videos.map((v: { feedId: string }) => v.feedId))
  expect(again.body.live.liveId).toBe(first.body.live.liveId)
  const profile = await platform.json(`/_sandbox/channels/accounts/${first.body.finderUserName}`)
  expect(profile).toMatchObject({ nickname: merchant.store.kit.name, color: merchant.store.kit.colours.primary })
  expect(profile.videos).toHaveLength(2)
  expect(profile.videos[1].products[0]).toMatchObject({ productId: 'latte', appid: merchant.store.appid })
  expect(profile.videos[1].miniProgram).toEqual({ appid: merchant.store.appid, path: 'pages/menu/menu', title: 'Order ahead' })
})

test('ending a live that is not on air is 409; starting twice is the same live', async () => {
  await merchant.call('POST', '/admin/channels/publish')
  expect((await merchant.call('POST', '/admin/channels/live/end')).status).toBe(409)
  const live = (await merchant.call('POST', '/admin/channels/live/start')).body
  expect(live.status).toBe('live')
  expect((await merchant.call('POST', '/admin/channels/live/start')).body.liveId).toBe(live.liveId)
  expect((await merchant.call('POST', '/admin/channels/live/end')).body.status).toBe('ended')
})

test('an order from a live product tap is attributed to the live session, and the live counts it', async () => {
  await merchant.call('POST', '/admin/channels/publish')
  const live = (await merchant.call('POST', '/admin/channels/live/start')).body
  await merchant.platform(`/_sandbox/people/alice/channels/lives/${live.liveId}/join`, {})
  const launched = await merchant.platform(`/_sandbox/people/alice/channels/lives/${live.liveId}/products/latte/tap`, {})
  expect(launched.launchOptions).toMatchObject({ scene: 1177, query: { id: 'latte' } })

  const token = await merchant.loginAs('alice')
  const { order, payment } = await merchant.orderTwoDrinks(token, { scene: launched.launchOptions.scene, query: launched.launchOptions.query })
  await merchant.payAs('alice', payment)
  const view = (await merchant.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order
  expect(view.entry).toMatchObject({ scene: 1177, channel: 'channels' })
  expect(view.attribution).toMatchObject({ attributionId: launched.attribution.attributionId, firstTouchChannel: 'channels', channels: { liveId: live.liveId, videoId: null } })
  await expect.poll(async () => (await merchant.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order.status).toBe('paid')

  const stats = (await merchant.call('GET', '/admin/channels/live')).body.lives[0].stats
  expect(stats).toMatchObject({ viewers: 1, productTaps: 1, orders: 1, gmv: order.total })
})

test('an order from a video link names the video; an order from elsewhere names no Channels source', async () => {
  const { videos } = (await merchant.call('POST', '/admin/channels/publish')).body
  const video = videos[0]
  const launched = await merchant.platform(`/_sandbox/people/bob/channels/videos/${video.feedId}/open`, { productId: video.products[0].productId })
  const token = await merchant.loginAs('bob')
  const { order } = await merchant.orderTwoDrinks(token, { scene: 1184, query: launched.launchOptions.query })
  expect((await merchant.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order.attribution.channels).toEqual({ finderUserName: launched.attribution.shareChain[0].finderUserName, videoId: video.feedId, liveId: null })

  await merchant.platform('/_sandbox/people/carol/miniprogram/launch', { entry: 'search' })
  const carol = await merchant.loginAs('carol')
  const other = (await merchant.orderTwoDrinks(carol)).order
  expect((await merchant.call('GET', `/api/orders/${other.id}`, undefined, carol)).body.order.attribution.channels).toBeNull()
})

test('the sportswear kit posts its own videos and live', async () => {
  const sports = await testMerchant(platform.url, { pagesDir: fakePagesDir(), brand: SPORTSWEAR_KIT, publish: false })
  try {
    const res = await sports.call('POST', '/admin/channels/publish')
    expect(res.body.videos.map((v: { title: string }) => v.title)).toContain('The Marathon Drop, unboxed')
    expect(res.body.live.shelf[0].productId).toBe('shanghai-marathon-runner')
  } finally {
    await sports.close()
  }
})
