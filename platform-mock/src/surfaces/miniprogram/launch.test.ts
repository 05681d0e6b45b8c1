import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { ENTRY_NAMES } from './scenes'
import { mpKit } from './testkit'

let p: TestPlatform
let kit: ReturnType<typeof mpKit>

beforeAll(async () => {
  p = await testPlatform({ seed: 'launch' })
  kit = mpKit(p)
})
afterAll(() => p.close())

const put = (path: string, body: unknown) =>
  fetch(p.url + path, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

/** The documented scene value of every entry (miniprogram.md §7, channels.md §4), and its channel. */
const DOCUMENTED: Record<string, { body?: Record<string, unknown>; scene: number; channel: string }> = {
  wxacode: { scene: 1047, channel: 'qr' },
  'wxacode long-press': { body: { entry: 'wxacode', method: 'long-press' }, scene: 1048, channel: 'qr' },
  'wxacode album': { body: { entry: 'wxacode', method: 'album' }, scene: 1049, channel: 'qr' },
  qrcode: { scene: 1011, channel: 'qr' },
  'qrcode long-press': { body: { entry: 'qrcode', method: 'long-press' }, scene: 1012, channel: 'qr' },
  'qrcode album': { body: { entry: 'qrcode', method: 'album' }, scene: 1013, channel: 'qr' },
  chat: { scene: 1007, channel: 'chat' },
  group: { scene: 1008, channel: 'group' },
  'group with shareTicket': { body: { entry: 'group', shareTicket: 'tkt-1' }, scene: 1044, channel: 'group' },
  'oa-article': { scene: 1058, channel: 'official-account' },
  'oa-menu': { scene: 1035, channel: 'official-account' },
  'oa-template-message': { scene: 1043, channel: 'official-account' },
  'oa-message': { scene: 1074, channel: 'official-account' },
  'oa-profile': { scene: 1102, channel: 'official-account' },
  'channels-video': { scene: 1184, channel: 'channels' },
  'channels-live': { scene: 1177, channel: 'channels' },
  'channels-live-streamer': { scene: 1176, channel: 'channels' },
  'channels-profile': { scene: 1175, channel: 'channels' },
  'channels-profile-goods': { scene: 1195, channel: 'channels' },
  'channels-profile-menu': { scene: 1193, channel: 'channels' },
  'channels-activity': { scene: 1191, channel: 'channels' },
  'channels-ad': { scene: 1200, channel: 'channels' },
  search: { scene: 1005, channel: 'search' },
  'search-mini-programs': { scene: 1006, channel: 'search' },
  sousou: { scene: 1053, channel: 'search' },
  'subscribe-message': { scene: 1014, channel: 'subscribe-message' },
  'pay-result': { scene: 1034, channel: 'pay' },
  'wecom-chat': { scene: 1007, channel: 'wecom' },
  'wecom-customer-service': { scene: 1202, channel: 'wecom' },
  'wecom-customer-service-link': { scene: 1207, channel: 'wecom' },
  'url-scheme': { body: { entry: 'url-scheme', path: 'pages/menu/menu' }, scene: 1065, channel: 'link' },
  'url-link': { body: { entry: 'url-link', path: 'pages/menu/menu' }, scene: 1194, channel: 'link' },
  'plain-scheme': { body: { entry: 'plain-scheme', path: 'pages/menu/menu' }, scene: 1286, channel: 'link' },
  h5: { scene: 1167, channel: 'link' },
  'mini-program': { body: { entry: 'mini-program', referrerInfo: { appId: 'wx1111111111111111', extraData: { from: 'partner' } } }, scene: 1037, channel: 'mini-program' },
  recent: { scene: 1001, channel: 'direct' },
  'pull-down': { scene: 1089, channel: 'direct' },
  favourites: { scene: 1010, channel: 'direct' },
  desktop: { scene: 1023, channel: 'direct' },
  'moments-ad': { scene: 1045, channel: 'ads' },
  'scene 1091': { body: { entry: 'scene', scene: 1091 }, scene: 1091, channel: 'official-account' },
  'scene 1060': { body: { entry: 'scene', scene: 1060 }, scene: 1060, channel: 'pay' },
}

describe('every entry maps to its documented scene value', () => {
  test('the table above covers every entry the launch API knows', () => {
    const covered = new Set(Object.entries(DOCUMENTED).map(([name, d]) => (d.body?.entry as string | undefined) ?? name))
    expect([...covered].sort()).toEqual([...ENTRY_NAMES].sort())
  })

  for (const [name, { body, scene, channel }] of Object.entries(DOCUMENTED)) {
    test(`${name} → ${scene} (${channel})`, async () => {
      const { status, body: res } = await kit.launch('alice', body ?? { entry: name, path: 'pages/menu/menu' })
      expect(status).toBe(201)
      expect(res.launchOptions.scene).toBe(scene)
      expect(res.channel).toBe(channel)
      const [event] = (await p.json(`/_sandbox/events?type=miniprogram.launched&order=desc&limit=1`)).events
      expect(event).toMatchObject({ id: res.eventId, actor: 'alice', surface: 'miniprogram', channel, payload: { scene } })
    })
  }
})

describe('launch options', () => {
  test('a 1:1 chat card: path without the slash, its query, chatType 1, empty referrerInfo, the sharer in the event', async () => {
    const { body } = await kit.launch('bob', { entry: 'chat', path: '/pages/product/product?id=oolong-250g', from: 'alice' })
    expect(body.launchOptions).toEqual({
      path: 'pages/product/product',
      query: { id: 'oolong-250g' },
      scene: 1007,
      referrerInfo: {},
      chatType: 1,
      apiCategory: 'default',
    })
    const [event] = (await p.json('/_sandbox/events?type=miniprogram.launched&order=desc&limit=1')).events
    expect(event.subject).toEqual({ person: 'bob', appid: kit.mp.appid, sharedBy: 'alice' })
  })

  test('a group card with a shareTicket: scene 1044, the ticket, chatType 3; a stranger to the group gets 403', async () => {
    const { body } = await kit.launch('carol', { entry: 'group', groupId: 'brunch-club', shareTicket: 'abc-123', path: 'pages/index/index' })
    expect(body.launchOptions).toMatchObject({ scene: 1044, shareTicket: 'abc-123', chatType: 3 })
    const without = await kit.launch('carol', { entry: 'group', groupId: 'brunch-club' })
    expect(without.body.launchOptions.scene).toBe(1008)
    expect(without.body.launchOptions.shareTicket).toBeUndefined()
    const stranger = await kit.launch('erin', { entry: 'group', groupId: 'brunch-club' })
    expect(stranger.status).toBe(403)
  })

  test('Official Account menu and template message carry the account as referrerInfo.appId; an article does not', async () => {
    expect((await kit.launch('alice', { entry: 'oa-menu' })).body.launchOptions.referrerInfo).toEqual({ appId: kit.oa.appid })
    expect((await kit.launch('alice', { entry: 'oa-template-message' })).body.launchOptions.referrerInfo).toEqual({ appId: kit.oa.appid })
    expect((await kit.launch('alice', { entry: 'oa-article' })).body.launchOptions.referrerInfo).toEqual({})
  })

  test('another mini program passes its referrerInfo through; Channels live goods are nativeFunctionalized', async () => {
    const referrerInfo = { appId: 'wx2222222222222222', extraData: { coupon: 'A1' } }
    expect((await kit.launch('dave', { entry: 'mini-program', referrerInfo })).body.launchOptions.referrerInfo).toEqual(referrerInfo)
    expect((await kit.launch('dave', { entry: 'channels-live', path: 'pages/product/product?id=7' })).body.launchOptions).toMatchObject({
      apiCategory: 'nativeFunctionalized',
      query: { id: '7' },
    })
  })

  test('a wxacode entry with a code scene puts it URL-encoded into query.scene; no path opens the home page', async () => {
    const { body } = await kit.launch('frank', { entry: 'wxacode', codeScene: 'table=5&store=SH01' })
    expect(body.launchOptions).toMatchObject({ path: 'pages/index/index', query: { scene: 'table%3D5%26store%3DSH01' }, scene: 1047 })
  })

  test('bad launches change nothing: unknown entry, unknown scene, bad path, unknown person, unknown app', async () => {
    const before = (await p.json('/_sandbox/events?order=desc&limit=1')).events[0].id
    expect((await kit.launch('alice', { entry: 'teleport' })).status).toBe(400)
    expect((await kit.launch('alice', { entry: 'scene', scene: 4242 })).status).toBe(400)
    expect((await kit.launch('alice', { entry: 'scene' })).status).toBe(400)
    expect((await kit.launch('alice', { entry: 'search', path: 'pages/../x y' })).status).toBe(400)
    expect((await kit.launch('nobody', { entry: 'search' })).status).toBe(404)
    expect((await kit.launch('alice', { entry: 'search', appid: kit.oa.appid })).status).toBe(404)
    expect((await p.json('/_sandbox/events?order=desc&limit=1')).events[0].id).toBe(before)
  })
})

describe('journeys', () => {
  test('a first launch starts a journey; launching again within 30 minutes continues it; after that a new one starts', async () => {
    const first = (await kit.launch('grace', { entry: 'channels-video' })).body
    expect(first).toMatchObject({ journeyStarted: true, journeyId: expect.stringMatching(/^jrn_[A-Za-z0-9]{16}$/) })
    await kit.advance('29m')
    const second = (await kit.launch('grace', { entry: 'pay-result' })).body
    expect(second).toMatchObject({ journeyStarted: false, journeyId: first.journeyId, channel: 'pay' })
    await kit.advance('30m')
    const third = (await kit.launch('grace', { entry: 'subscribe-message' })).body
    expect(third.journeyStarted).toBe(true)
    expect(third.journeyId).not.toBe(first.journeyId)
    const journey = (await p.json('/_sandbox/people/grace/journey')).journey
    expect(journey).toMatchObject({ journeyId: third.journeyId, channel: 'subscribe-message', scene: 1014, active: true })
  })

  test('the X-Sandbox-Journey header wins and becomes the person’s journey', async () => {
    const named = (await kit.launch('henry', { entry: 'search' }, { 'X-Sandbox-Journey': 'qa-run-7' })).body
    expect(named).toMatchObject({ journeyId: 'qa-run-7', journeyStarted: true })
    const next = (await kit.launch('henry', { entry: 'recent' })).body
    expect(next).toMatchObject({ journeyId: 'qa-run-7', journeyStarted: false })
    const events = (await p.json('/_sandbox/events?journey=qa-run-7&type=miniprogram.launched')).events
    expect(events.map((e: any) => e.payload.scene)).toEqual([1005, 1001])
  })

  test('a person with no launch has no journey', async () => {
    await p.post('/_sandbox/people', { id: 'ivy', name: 'Ivy Ma' })
    expect(await p.json('/_sandbox/people/ivy/journey')).toEqual({ journey: null })
  })
})

describe('pages', () => {
  test('the demo store publishes seven pages, the first being home', async () => {
    const body = await p.json('/_sandbox/miniprogram/pages')
    expect(body.home).toBe('pages/index/index')
    expect(body.pages.map((x: any) => x.path)).toEqual([
      'pages/index/index',
      'pages/menu/menu',
      'pages/product/product',
      'pages/cart/cart',
      'pages/order/order',
      'pages/member/member',
      'pages/coupons/coupons',
    ])
  })

  test('registering pages replaces the list: check_path and the home page follow it', async () => {
    const token = await kit.token()
    const code = (page: string) => p.post(`/wxa/getwxacodeunlimit?access_token=${token}`, { scene: 'x', page })
    expect((await (await code('pages/shop/home')).json()).errcode).toBe(41030)
    const res = await put('/_sandbox/miniprogram/pages', { pages: ['pages/shop/home', { path: 'pages/index/index', title: 'Home' }] })
    expect(res.status).toBe(200)
    expect((await code('pages/shop/home')).headers.get('content-type')).toBe('image/png')
    expect((await (await code('pages/menu/menu')).json()).errcode).toBe(41030)
    expect((await kit.launch('alice', { entry: 'search' })).body.launchOptions.path).toBe('pages/shop/home')
    expect((await put('/_sandbox/miniprogram/pages', { pages: ['/bad'] })).status).toBe(400)
    expect((await put('/_sandbox/miniprogram/pages', { pages: [] })).status).toBe(400)
    expect((await put('/_sandbox/miniprogram/pages', { pages: ['pages/a/a', 'pages/a/a'] })).status).toBe(400)
    await p.post('/_sandbox/reset', {})
    expect((await p.json('/_sandbox/miniprogram/pages')).home).toBe('pages/index/index')
  })
})

test('the scene table lists every channel, entry and scene', async () => {
  const body = await p.json('/_sandbox/miniprogram/scenes')
  expect(body.channels).toContain('official-account')
  expect(body.entries.find((e: any) => e.entry === 'group')).toMatchObject({ scene: 1008, chatType: 3 })
  expect(body.scenes.find((s: any) => s.scene === 1177)).toMatchObject({ channel: 'channels' })
})

test('refuses referrerInfo.extraData nested 5 000 deep before writing the launch or a login code', async () => {
  const { mpLoginCodes } = await import('./schema')
  const codes = async () => (await p.platform.db.select().from(mpLoginCodes)).length
  const before = { events: (await p.json('/_sandbox/events')).events.length, codes: await codes() }
  const deep = '{"a":'.repeat(5000) + '{}' + '}'.repeat(5000)
  const res = await fetch(`${p.url}/_sandbox/people/alice/miniprogram/launch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: `{"entry":"mini-program","referrerInfo":{"appId":"wx0123456789abcdef","extraData":${deep}}}`,
  })
  expect(res.status).toBe(400)
  expect(await res.json()).toEqual({ error: { code: 'bad_json', message: 'the body is not valid JSON' } })
  expect({ events: (await p.json('/_sandbox/events')).events.length, codes: await codes() }).toEqual(before)
})
