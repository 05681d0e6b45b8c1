import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { payWorld, type PayWorld } from '../pay/testing'
import { channelsAccounts } from './schema'

let w: PayWorld
let finder: string
beforeEach(async () => {
  w = await payWorld({ seed: 'channels' })
  finder = (await w.p.json('/_sandbox/channels/accounts')).accounts[0].finderUserName
})
afterEach(() => w.p.close())

const post = (path: string, body?: unknown) => w.p.post(path, body)
const del = (path: string) => fetch(w.p.url + path, { method: 'DELETE' })
const latte = () => ({ productId: 'latte', title: 'Oat Latte', price: 3200, path: 'pages/product/product?id=latte' })
const count = async (type: string) => (await w.p.json(`/_sandbox/events?type=${type}`)).events.length

async function video(extra: Record<string, unknown> = {}) {
  const res = await post('/_sandbox/channels/videos', { title: 'Morning pour-over', description: 'How we brew', products: [latte()], miniProgram: { path: 'pages/menu/menu', title: 'Order now' }, ...extra })
  expect(res.status).toBe(201)
  return res.json()
}

async function liveNow() {
  const live = await (await post('/_sandbox/channels/lives', { title: 'Friday tasting', shelf: [latte(), { productId: 'beans', title: 'House beans', price: 8800, path: 'pages/product/product?id=beans' }] })).json()
  await post(`/_sandbox/channels/lives/${live.liveId}/start`)
  return live
}

describe('the account', () => {
  test('the seeded world has the brand account with a sph id, the same for the same seed', async () => {
    expect(finder).toMatch(/^sph[0-9A-Za-z]{12}$/)
    const again = await payWorld({ seed: 'channels' })
    expect((await again.p.json('/_sandbox/channels/accounts')).accounts[0]).toMatchObject({ finderUserName: finder, nickname: 'Lumen Coffee', appid: w.mpAppid })
    await again.p.close()
  })

  test('the profile can be renamed; a bad colour is 400 and changes nothing', async () => {
    const res = await fetch(`${w.p.url}/_sandbox/channels/accounts/${finder}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nickname: 'Stride Sports', color: 'red' }) })
    expect(res.status).toBe(400)
    expect((await w.p.json(`/_sandbox/channels/accounts/${finder}`)).nickname).toBe('Lumen Coffee')
    const ok = await fetch(`${w.p.url}/_sandbox/channels/accounts/${finder}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nickname: 'Stride Sports' }) })
    expect((await ok.json()).nickname).toBe('Stride Sports')
  })

  test('avatars, covers and the presenter are generated animated SVG', async () => {
    const v = await video()
    const live = await liveNow()
    for (const path of [`/_sandbox/channels/accounts/${finder}/avatar.svg`, v.coverUrl, live.presenterUrl]) {
      const res = await w.p.get(path)
      expect(res.headers.get('content-type')).toBe('image/svg+xml')
      expect(await res.text()).toMatch(/^<svg/)
    }
    expect(await (await w.p.get(v.coverUrl)).text()).toContain('<animate')
  })

  test('an unknown account is 404', async () => {
    expect((await w.p.get('/_sandbox/channels/accounts/sphnobody')).status).toBe(404)
    expect((await post('/_sandbox/channels/videos', { finderUserName: 'sphnobody', title: 'x' })).status).toBe(404)
  })
})

describe('videos and the feed', () => {
  test('a posted video has products, a mini program link and an event', async () => {
    const v = await video()
    expect(v).toMatchObject({ feedId: expect.stringMatching(/^export[0-9A-Za-z]{36}$/), finderUserName: finder, title: 'Morning pour-over', likes: 0, comments: 0 })
    expect(v.products[0]).toMatchObject({ ...latte(), appid: w.mpAppid })
    expect(v.miniProgram).toEqual({ appid: w.mpAppid, path: 'pages/menu/menu', title: 'Order now' })
    const [e] = (await w.p.json('/_sandbox/events?type=channels.video.posted')).events
    expect(e).toMatchObject({ actor: finder, surface: 'channels', subject: { finder, video: v.feedId } })
  })

  test('bad videos are 400 and post nothing', async () => {
    for (const body of [{}, { title: '' }, { title: 'x', products: [{ ...latte(), price: -1 }] }, { title: 'x', products: [{ ...latte(), appid: 'wxnope' }] }, { title: 'x', miniProgram: { path: 'pages/a b?x=1', title: 'y' } }]) {
      expect((await post('/_sandbox/channels/videos', body)).status).toBe(400)
    }
    expect((await post('/_sandbox/channels/videos', 'not json')).status).toBe(400)
    expect(await count('channels.video.posted')).toBe(0)
  })

  test('following shows the account videos; friends shows what friends liked; recommended shows all', async () => {
    const v = await video()
    expect((await w.p.json('/_sandbox/people/alice/channels/feed?tab=following')).videos).toEqual([])
    await post(`/_sandbox/people/alice/channels/accounts/${finder}/follow`)
    const following = (await w.p.json('/_sandbox/people/alice/channels/feed?tab=following')).videos
    expect(following.map((x: any) => x.feedId)).toEqual([v.feedId])
    expect(following[0].followed).toBe(true)
    await post(`/_sandbox/people/bob/channels/videos/${v.feedId}/like`)
    const friends = (await w.p.json('/_sandbox/people/alice/channels/feed?tab=friends')).videos
    expect(friends[0]).toMatchObject({ feedId: v.feedId, likes: 1, liked: false, likedBy: [{ person: 'bob', name: 'Bob Li' }] })
    expect((await w.p.json('/_sandbox/people/henry/channels/feed?tab=recommended')).videos).toHaveLength(1)
    expect((await w.p.get('/_sandbox/people/alice/channels/feed?tab=hot')).status).toBe(400)
    expect((await w.p.get('/_sandbox/people/nobody/channels/feed')).status).toBe(404)
  })

  test('likes are once per person and can be taken back; follows too', async () => {
    const v = await video()
    await post(`/_sandbox/people/alice/channels/videos/${v.feedId}/like`)
    const twice = await (await post(`/_sandbox/people/alice/channels/videos/${v.feedId}/like`)).json()
    expect(twice).toMatchObject({ likes: 1, liked: true })
    expect(await count('channels.video.liked')).toBe(1)
    expect(await (await del(`/_sandbox/people/alice/channels/videos/${v.feedId}/like`)).json()).toMatchObject({ likes: 0, liked: false })
    expect((await post('/_sandbox/people/alice/channels/videos/exportnope/like')).status).toBe(404)
    await post(`/_sandbox/people/alice/channels/accounts/${finder}/follow`)
    expect((await w.p.json(`/_sandbox/people/alice/channels/accounts/${finder}`)).followers).toBe(1)
    await del(`/_sandbox/people/alice/channels/accounts/${finder}/follow`)
    expect((await w.p.json(`/_sandbox/people/alice/channels/accounts/${finder}`)).followed).toBe(false)
  })

  test('a video filling the screen is a view (a discovery touch); a bad origin is 400', async () => {
    const v = await video()
    expect((await post(`/_sandbox/people/alice/channels/videos/${v.feedId}/view`, { from: 'chat' })).status).toBe(200)
    expect((await post(`/_sandbox/people/alice/channels/videos/${v.feedId}/view`, { from: 'tv' })).status).toBe(400)
    expect((await post('/_sandbox/people/alice/channels/videos/exportnope/view', {})).status).toBe(404)
    const [viewed] = (await w.p.json('/_sandbox/events?type=channels.video.viewed')).events
    expect(viewed).toMatchObject({ actor: 'alice', channel: 'channels', subject: { video: v.feedId }, payload: { from: 'chat' } })
    expect(await count('channels.video.viewed')).toBe(1)
  })

  test('comments are listed newest first; an empty comment is 400', async () => {
    const v = await video()
    expect((await post(`/_sandbox/people/alice/channels/videos/${v.feedId}/comments`, { text: 'Looks great' })).status).toBe(201)
    expect((await post(`/_sandbox/people/bob/channels/videos/${v.feedId}/comments`, { text: '  ' })).status).toBe(400)
    const { comments } = await w.p.json(`/_sandbox/channels/videos/${v.feedId}/comments`)
    expect(comments).toMatchObject([{ person: 'alice', name: 'Alice Wang', text: 'Looks great' }])
    expect((await w.p.json(`/_sandbox/channels/videos/${v.feedId}`)).comments).toBe(1)
  })

  test('a product under a video opens the mini program with scene 1184, attributed to the video', async () => {
    const v = await video()
    const res = await post(`/_sandbox/people/alice/channels/videos/${v.feedId}/open`, { productId: 'latte' })
    expect(res.status).toBe(201)
    const launch = await res.json()
    expect(launch.launchOptions).toMatchObject({ scene: 1184, path: 'pages/product/product', query: { id: 'latte' } })
    expect(launch.attribution.firstTouchChannel).toBe('channels')
    const a = await w.p.json(`/_sandbox/attribution?person=alice`)
    expect(a.channels).toEqual({ finderUserName: finder, videoId: v.feedId, liveId: null })
    expect(a.shareChain[0]).toMatchObject({ via: 'channels', entry: 'channels-video', scene: 1184, videoId: v.feedId })
    const link = await (await post(`/_sandbox/people/alice/channels/videos/${v.feedId}/open`, {})).json()
    expect(link.launchOptions).toMatchObject({ scene: 1184, path: 'pages/menu/menu' })
    expect((await post(`/_sandbox/people/alice/channels/videos/${v.feedId}/open`, { productId: 'tea' })).status).toBe(404)
    expect(await count('channels.product.tapped')).toBe(1)
  })

  test('a video without a mini program link answers 400 to a link tap and launches nothing', async () => {
    const v = await video({ miniProgram: undefined })
    expect((await post(`/_sandbox/people/alice/channels/videos/${v.feedId}/open`, {})).status).toBe(400)
    expect(await count('miniprogram.launched')).toBe(0)
  })

  test('the profile shop opens with 1175, its goods tab with 1195', async () => {
    await video()
    const shop = await (await post(`/_sandbox/people/alice/channels/accounts/${finder}/shop`, { tab: 'shop' })).json()
    expect(shop.launchOptions.scene).toBe(1175)
    const goods = await (await post(`/_sandbox/people/alice/channels/accounts/${finder}/shop`, { tab: 'goods', productId: 'latte' })).json()
    expect(goods.launchOptions).toMatchObject({ scene: 1195, query: { id: 'latte' } })
    expect((await post(`/_sandbox/people/alice/channels/accounts/${finder}/shop`, { tab: 'goods' })).status).toBe(400)
    expect((await post(`/_sandbox/people/alice/channels/accounts/${finder}/shop`, { tab: 'goods', productId: 'nope' })).status).toBe(404)
  })
})

describe('sharing a video to a chat', () => {
  test('a video card keeps its origin when forwarded, and a tap from it carries the chain', async () => {
    const v = await video()
    const sent = await (await post('/_sandbox/people/alice/messages', { to: 'bob', type: 'channels_video', channelsVideo: { feedId: v.feedId } })).json()
    expect(sent).toMatchObject({ kind: 'channels_video', body: { feedId: v.feedId, finderUserName: finder, title: 'Morning pour-over', coverUrl: v.coverUrl, shareId: expect.stringMatching(/^shr_/) } })
    const fwd = await (await post('/_sandbox/people/bob/messages', { to: 'carol', type: 'forward', message: sent.seq })).json()
    expect(fwd.body.forwarded).toEqual({ from: 'alice', message: sent.seq })
    const launch = await (await post(`/_sandbox/people/carol/channels/videos/${v.feedId}/open`, { productId: 'latte', shareId: fwd.body.shareId })).json()
    expect(launch.attribution.shareChain.map((s: any) => [s.person, s.action])).toEqual([
      ['alice', 'discovered'],
      ['alice', 'shared'],
      ['bob', 'forwarded'],
      ['carol', 'opened'],
    ])
    expect(launch.attribution.shareChain[0]).toMatchObject({ via: 'channels', videoId: v.feedId })
    expect((await w.p.json('/_sandbox/events?type=chat.video.shared')).events).toHaveLength(1)
    expect((await w.p.json('/_sandbox/events?type=chat.video.forwarded')).events).toHaveLength(1)
  })

  test('an unknown video is 404 and sends nothing; a card of a conversation one is not in is 403', async () => {
    const v = await video()
    expect((await post('/_sandbox/people/alice/messages', { to: 'bob', type: 'channels_video', channelsVideo: { feedId: 'exportnope' } })).status).toBe(404)
    expect((await w.p.json('/_sandbox/people/bob/conversations')).conversations.every((c: any) => !c.lastMessage)).toBe(true)
    const sent = await (await post('/_sandbox/people/alice/messages', { to: 'bob', type: 'channels_video', channelsVideo: { feedId: v.feedId } })).json()
    expect((await post(`/_sandbox/people/henry/channels/videos/${v.feedId}/open`, { productId: 'latte', shareId: sent.body.shareId })).status).toBe(403)
  })
})

describe('live sessions', () => {
  test('scheduled → started → ended, each an event; the wrong order is 409 and changes nothing', async () => {
    const live = await (await post('/_sandbox/channels/lives', { title: 'Friday tasting', startTime: '2026-03-06T20:00:00+08:00', shelf: [latte()] })).json()
    expect(live).toMatchObject({ status: 'scheduled', startTime: '2026-03-06T12:00:00.000Z', shelf: [{ productId: 'latte', appid: w.mpAppid }], noticeId: expect.stringMatching(/^notice_/) })
    expect((await post(`/_sandbox/channels/lives/${live.liveId}/end`)).status).toBe(409)
    expect((await post(`/_sandbox/channels/lives/${live.liveId}/start`)).status).toBe(200)
    expect((await post(`/_sandbox/channels/lives/${live.liveId}/start`)).status).toBe(409)
    const ended = await (await post(`/_sandbox/channels/lives/${live.liveId}/end`)).json()
    expect(ended).toMatchObject({ status: 'ended', stats: { viewers: 0, productTaps: 0, orders: 0 } })
    expect(await count('channels.live.scheduled')).toBe(1)
    expect(await count('channels.live.started')).toBe(1)
    expect(await count('channels.live.ended')).toBe(1)
    expect((await post('/_sandbox/channels/lives/live_nope/start')).status).toBe(404)
  })

  test('a live needs a shelf and a valid start time', async () => {
    expect((await post('/_sandbox/channels/lives', { title: 'x', shelf: [] })).status).toBe(400)
    expect((await post('/_sandbox/channels/lives', { title: 'x', shelf: [latte()], startTime: 'friday' })).status).toBe(400)
    expect((await w.p.json('/_sandbox/channels/lives')).lives).toEqual([])
  })

  test('viewers join and leave; the peak stays; joining before the start is 409', async () => {
    const scheduled = await (await post('/_sandbox/channels/lives', { title: 'Later', shelf: [latte()] })).json()
    expect((await post(`/_sandbox/people/alice/channels/lives/${scheduled.liveId}/join`)).status).toBe(409)
    const live = await liveNow()
    for (const who of ['alice', 'bob', 'carol']) await post(`/_sandbox/people/${who}/channels/lives/${live.liveId}/join`)
    await post(`/_sandbox/people/bob/channels/lives/${live.liveId}/leave`)
    await post(`/_sandbox/people/alice/channels/lives/${live.liveId}/join`)
    expect(await w.p.json(`/_sandbox/channels/lives/${live.liveId}/stats`)).toMatchObject({ viewers: 3, watching: 2, peakViewers: 3 })
    expect((await w.p.json(`/_sandbox/people/alice/channels/lives/${live.liveId}`)).inRoom).toBe(true)
    // joining while in the room is the same visit
    await post(`/_sandbox/people/carol/channels/lives/${live.liveId}/join`)
    expect(await count('channels.live.joined')).toBe(3)
  })

  test('a product tap in the room opens the mini program with scene 1177, attributed to the live', async () => {
    const live = await liveNow()
    expect((await post(`/_sandbox/people/alice/channels/lives/${live.liveId}/products/latte/tap`)).status).toBe(409)
    await post(`/_sandbox/people/alice/channels/lives/${live.liveId}/join`)
    expect((await post(`/_sandbox/people/alice/channels/lives/${live.liveId}/products/tea/tap`)).status).toBe(404)
    const launch = await (await post(`/_sandbox/people/alice/channels/lives/${live.liveId}/products/latte/tap`)).json()
    expect(launch.launchOptions).toMatchObject({ scene: 1177, path: 'pages/product/product', query: { id: 'latte' }, apiCategory: 'nativeFunctionalized' })
    expect(launch.tap).toMatchObject({ source: 'live', sourceId: live.liveId, productId: 'latte' })
    const [tapped] = (await w.p.json('/_sandbox/events?type=channels.product.tapped')).events
    expect(tapped).toMatchObject({ actor: 'alice', channel: 'channels', subject: { live: live.liveId, product: 'latte', finder } })
    const a = await w.p.json(`/_sandbox/attribution?person=alice`)
    expect(a).toMatchObject({ firstTouchChannel: 'channels', channels: { finderUserName: finder, liveId: live.liveId, videoId: null } })
  })

  test('a live tap wins over a journey already going (the tap is its own touch)', async () => {
    await post('/_sandbox/people/alice/miniprogram/launch', { entry: 'recent' })
    const live = await liveNow()
    await post(`/_sandbox/people/alice/channels/lives/${live.liveId}/join`)
    const launch = await (await post(`/_sandbox/people/alice/channels/lives/${live.liveId}/products/latte/tap`)).json()
    expect(launch.journeyStarted).toBe(false)
    expect(launch.attribution.firstTouchChannel).toBe('channels')
  })

  test('orders paid after a live tap count in the live statistics', async () => {
    const live = await liveNow()
    await post(`/_sandbox/people/alice/channels/lives/${live.liveId}/join`)
    await post(`/_sandbox/people/alice/channels/lives/${live.liveId}/products/latte/tap`)
    const { prepayId } = await w.placeJsapi({ amount: { total: 3200, currency: 'CNY' } })
    expect((await w.payPrepay('alice', prepayId)).outcome).toBe('success')
    // bob paid without coming from the live: not counted
    const other = await w.placeJsapi({}, 'bob')
    await w.payPrepay('bob', other.prepayId)
    expect(await w.p.json(`/_sandbox/channels/lives/${live.liveId}/stats`)).toMatchObject({ viewers: 1, productTaps: 1, orders: 1, gmv: 3200 })
  })
})

describe('unknown things and bad input', () => {
  test('unknown accounts, videos, lives and people are 404 and write no event', async () => {
    const before = (await w.p.json('/_sandbox/events?surface=channels')).events.length
    const patch = await fetch(`${w.p.url}/_sandbox/channels/accounts/sphnobody`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"nickname":"x"}' })
    expect(patch.status).toBe(404)
    for (const path of ['/_sandbox/channels/videos/exportnope', '/_sandbox/channels/videos/exportnope/comments', '/_sandbox/channels/videos/exportnope/cover.svg', '/_sandbox/channels/lives/live_nope', '/_sandbox/channels/lives/live_nope/stats', '/_sandbox/channels/lives?finderUserName=sphnobody', '/_sandbox/people/alice/channels/accounts/sphnobody', '/_sandbox/people/nobody/channels/lives/live_nope']) {
      expect((await w.p.get(path)).status, path).toBe(404)
    }
    for (const path of ['/_sandbox/people/alice/channels/accounts/sphnobody/follow', '/_sandbox/people/alice/channels/videos/exportnope/comments', '/_sandbox/people/alice/channels/lives/live_nope/join', '/_sandbox/people/nobody/channels/accounts/' + finder + '/follow']) {
      expect((await post(path, { text: 'hi' })).status, path).toBe(404)
    }
    expect((await w.p.json('/_sandbox/events?surface=channels')).events).toHaveLength(before)
  })

  test('leaving a room one is not in changes nothing', async () => {
    const live = await liveNow()
    expect(await (await post(`/_sandbox/people/alice/channels/lives/${live.liveId}/leave`)).json()).toEqual({ liveId: live.liveId, left: false })
    expect(await count('channels.live.left')).toBe(0)
  })

  test('an ended live takes no viewers and no taps; its viewers are out', async () => {
    const live = await liveNow()
    await post(`/_sandbox/people/alice/channels/lives/${live.liveId}/join`)
    await post(`/_sandbox/channels/lives/${live.liveId}/end`)
    expect((await post(`/_sandbox/people/bob/channels/lives/${live.liveId}/join`)).status).toBe(409)
    expect((await post(`/_sandbox/people/alice/channels/lives/${live.liveId}/products/latte/tap`)).status).toBe(409)
    expect(await w.p.json(`/_sandbox/channels/lives/${live.liveId}/stats`)).toMatchObject({ viewers: 1, watching: 0, productTaps: 0 })
  })

  test('a shelf product with a bad path is 400 and schedules nothing', async () => {
    expect((await post('/_sandbox/channels/lives', { title: 'x', shelf: [{ ...latte(), path: 'pages/a b' }] })).status).toBe(400)
    expect((await post('/_sandbox/channels/lives', { title: 'x', shelf: [{ ...latte(), appid: 'wxnope' }] })).status).toBe(400)
    expect(await count('channels.live.scheduled')).toBe(0)
  })
})

describe('the wx APIs that reach Channels', () => {
  test('wx.getChannelsLiveInfo answers the live status of the brand account', async () => {
    const scheduled = await (await post('/_sandbox/channels/lives', { title: 'Friday tasting', shelf: [latte()] })).json()
    const info = await w.p.json(`/_sandbox/people/alice/channels/live-info?finderUserName=${finder}`)
    expect(info).toMatchObject({ feedId: scheduled.feedId, nonceId: scheduled.nonceId, status: 1, nickname: 'Lumen Coffee', replayStatus: 0 })
    await post(`/_sandbox/channels/lives/${scheduled.liveId}/start`)
    expect((await w.p.json(`/_sandbox/people/alice/channels/live-info?finderUserName=${finder}`)).status).toBe(2)
    expect((await w.p.get(`/_sandbox/people/alice/channels/live-info`)).status).toBe(400)
    expect((await w.p.get(`/_sandbox/people/alice/channels/live-info?finderUserName=sphnobody`)).status).toBe(404)
  })

  test('another subject’s account is refused (errno 100008)', async () => {
    // a second brand's account: the world seeds one brand, so the test writes the row itself
    await w.p.platform.db.insert(channelsAccounts).values({ finderUserName: 'sphOtherBrand0001', brandId: 'other', nickname: 'Other', signature: '', color: '#123456', appid: null, createdAt: 0 })
    const info = await w.p.get('/_sandbox/people/alice/channels/live-info?finderUserName=sphOtherBrand0001')
    expect(info.status).toBe(403)
    expect((await info.json()).error).toMatchObject({ code: 'subject_mismatch', message: expect.stringContaining('100008') })
    expect((await post('/_sandbox/people/alice/channels/open', { api: 'openChannelsUserProfile', finderUserName: 'sphOtherBrand0001' })).status).toBe(403)
  })

  test('openChannelsLive, openChannelsActivity and openChannelsUserProfile say what the phone opens', async () => {
    const v = await video()
    expect((await post('/_sandbox/people/alice/channels/open', { api: 'openChannelsLive', finderUserName: finder })).status).toBe(404)
    const live = await liveNow()
    expect(await (await post('/_sandbox/people/alice/channels/open', { api: 'openChannelsLive', finderUserName: finder })).json()).toMatchObject({ screen: 'live', liveId: live.liveId })
    expect(await (await post('/_sandbox/people/alice/channels/open', { api: 'openChannelsActivity', finderUserName: finder, feedId: v.feedId })).json()).toMatchObject({ screen: 'video', feedId: v.feedId })
    expect(await (await post('/_sandbox/people/alice/channels/open', { api: 'openChannelsUserProfile', finderUserName: finder })).json()).toEqual({ screen: 'profile', finderUserName: finder })
    expect((await post('/_sandbox/people/alice/channels/open', { api: 'openChannelsActivity', finderUserName: finder })).status).toBe(400)
    expect((await post('/_sandbox/people/alice/channels/open', { api: 'openChannelsMoments', finderUserName: finder })).status).toBe(400)
  })
})
