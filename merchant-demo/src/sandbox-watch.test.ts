import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../platform-mock/src/testing'
import { testMerchant } from './testing'
import { OA_PATH } from './official-account'
import { WECOM_PATH, wecomOf } from './wecom'

const get = async (p: TestPlatform, path: string) => (await fetch(p.url + path)).json() as Promise<any>
const post = async (p: TestPlatform, path: string, body: unknown = {}) => {
  const res = await fetch(p.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return { status: res.status, body: (await res.json()) as any }
}

/** Resets the platform's world and waits until the store has set itself up again. */
async function resetAndWait(p: TestPlatform, m: Awaited<ReturnType<typeof testMerchant>>, body: unknown = {}) {
  const before = m.sandboxWatch!.replays
  expect((await post(p, '/_sandbox/reset', body)).status).toBe(200)
  const until = Date.now() + 10_000
  while (m.sandboxWatch!.replays === before && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
  await m.sandboxWatch!.idle()
  expect(m.sandboxWatch!.replays).toBeGreaterThan(before)
}

describe('after a sandbox reset the store sets up again what it had set up', () => {
  // unseeded: a new world mints new tokens and ids, so an old one cannot pass for a new one
  let p: TestPlatform
  let m: Awaited<ReturnType<typeof testMerchant>>
  beforeAll(async () => {
    p = await testPlatform()
    m = await testMerchant(p.url, { officialAccount: true })
  })
  afterAll(async () => {
    await m.close()
    await p.close()
  })

  test('pages, Official Account and WeCom (connected later through the admin route) come back; tokens and contact-me codes of the old world are not reused', async () => {
    expect((await m.call('POST', '/admin/wecom/connect')).status).toBe(200)
    const token = await m.loginAs('alice')
    const { order, payment } = await m.orderTwoDrinks(token)
    await m.payAs('alice', payment)
    await m.call('GET', `/api/orders/${order.id}`, undefined, token)
    const code = (await m.call('GET', `/api/orders/${order.id}/consultant`, undefined, token)).body
    const old = { mp: await m.store.wechat.accessToken(), oa: await m.store.oa.wx.accessToken(), wecom: await (await wecomOf(m.store)).client.token() }

    await resetAndWait(p, m)

    const app = await get(p, `/_sandbox/miniprogram/apps/${m.store.appid}`)
    expect(app.pagesUrl).toBe(`${m.url}/mp`)
    const pages = await get(p, `/_sandbox/miniprogram/pages?appid=${m.store.appid}`)
    expect(pages.pages.map((x: { path: string }) => x.path)).toContain('pages/menu/menu')
    const launched = await post(p, '/_sandbox/people/alice/miniprogram/launch', { entry: 'recent', path: 'pages/menu/menu' })
    expect(launched.status).toBe(201)
    const png = await m.staffFetch(`/admin/tables/3/code.png`)
    expect([png.status, png.headers.get('content-type')]).toEqual([200, 'image/png'])

    expect(await get(p, `/_sandbox/official-account/server?appid=${m.store.officialAccount.appid}`)).toMatchObject({ url: `${m.url}${OA_PATH}` })
    expect(await get(p, '/_sandbox/wecom/callback')).toMatchObject({ state: 'enabled', url: `${m.url}${WECOM_PATH}` })

    // tokens are fetched again: the cached ones belonged to the old world
    const now = { mp: await m.store.wechat.accessToken(), oa: await m.store.oa.wx.accessToken(), wecom: await (await wecomOf(m.store)).client.token() }
    expect(now.mp).not.toBe(old.mp)
    expect(now.oa).not.toBe(old.oa)
    expect(now.wecom).not.toBe(old.wecom)
    // the order's contact-me code is made again in the new world (the old one is gone with it)
    const again = (await m.call('GET', `/api/orders/${order.id}/consultant`, undefined, token)).body
    expect(again.configId).not.toBe(code.configId)
    const way = await (await fetch(`${p.url}/wecom/cgi-bin/externalcontact/get_contact_way?access_token=${now.wecom}`, { method: 'POST', body: JSON.stringify({ config_id: again.configId }) })).json()
    expect(way).toMatchObject({ errcode: 0, contact_way: { state: order.id } })
    // the store's own records stay: Alice's order and points
    expect((await m.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order.status).toBe('paid')
    expect((await m.call('GET', '/admin/sandbox-watch')).body).toEqual({ watching: true, setUp: ['pages', 'officialAccount', 'wecom'], replays: 1, busy: false })
  })

  test('a snapshot restore is a replaced world too: the pages are published again', async () => {
    expect((await post(p, '/_sandbox/snapshots', { name: 'bare' })).status).toBeLessThan(300)
    await fetch(`${p.url}/_sandbox/miniprogram/apps/${m.store.appid}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pagesUrl: 'http://elsewhere.test/mp' }) })
    const before = m.sandboxWatch!.replays
    expect((await post(p, '/_sandbox/snapshots/bare/restore')).status).toBe(200)
    const until = Date.now() + 10_000
    while (m.sandboxWatch!.replays === before && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
    await m.sandboxWatch!.idle()
    expect((await get(p, `/_sandbox/miniprogram/apps/${m.store.appid}`)).pagesUrl).toBe(`${m.url}/mp`)
  })

  test('two replacements in quick succession end with the store set up in the newest world', async () => {
    const before = m.sandboxWatch!.replays
    await post(p, '/_sandbox/reset', {})
    await post(p, '/_sandbox/reset', {})
    // the second comes while the first is handled (or after it): one more round either way
    const until = Date.now() + 10_000
    while (m.sandboxWatch!.replays < before + 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
    expect(m.sandboxWatch!.replays).toBe(before + 2)
    await m.sandboxWatch!.idle()
    expect(m.sandboxWatch!.busy).toBe(false)
    expect((await get(p, `/_sandbox/miniprogram/apps/${m.store.appid}`)).pagesUrl).toBe(`${m.url}/mp`)
    expect(await get(p, '/_sandbox/wecom/callback')).toMatchObject({ state: 'enabled', url: `${m.url}${WECOM_PATH}` })
  })
})

describe('the watcher with a seeded world', () => {
  let p: TestPlatform
  let m: Awaited<ReturnType<typeof testMerchant>>
  beforeAll(async () => {
    p = await testPlatform({ seed: 'sandbox-watch' })
    m = await testMerchant(p.url)
  })
  afterAll(async () => {
    await m.close()
    await p.close()
  })

  test('a consultant added again after a reset gets the welcome again, though the new world\'s event has the same ids and time as the old one', async () => {
    expect((await m.call('POST', '/admin/wecom/connect')).status).toBe(200)
    const addConsultant = async () => {
      const token = await m.loginAs('alice')
      const { order, payment } = await m.orderTwoDrinks(token)
      await m.payAs('alice', payment)
      await m.call('GET', `/api/orders/${order.id}`, undefined, token)
      const code = (await m.call('GET', `/api/orders/${order.id}/consultant`, undefined, token)).body
      const added = await post(p, '/_sandbox/people/alice/wecom/contacts', { configId: code.configId })
      expect(added.status).toBe(201)
      const chat = (await get(p, `/_sandbox/people/alice/wecom/conversations/${added.body.conversation}/messages`)).messages
      return { externalUserid: added.body.externalUserid, welcome: chat.filter((x: { source: string }) => x.source === 'welcome').length }
    }
    const first = await addConsultant()
    expect(first.welcome).toBe(2)
    await resetAndWait(p, m, { seed: 'sandbox-watch' })
    const second = await addConsultant()
    expect(second).toEqual({ externalUserid: first.externalUserid, welcome: 2 })
  })

  test('the store started with watchSandbox: false does not watch', async () => {
    const quiet = await testMerchant(p.url, { watchSandbox: false, publish: false })
    try {
      expect(quiet.sandboxWatch).toBeNull()
      expect((await quiet.call('GET', '/admin/sandbox-watch')).body).toEqual({ watching: false, setUp: [], replays: 0, busy: false })
    } finally {
      await quiet.close()
    }
  })
})
