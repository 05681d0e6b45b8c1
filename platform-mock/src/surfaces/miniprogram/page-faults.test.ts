import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { mpKit } from './testkit'

// The miniprogram fault 41030 over HTTP: a page not in the released version.

let p: TestPlatform
let kit: ReturnType<typeof mpKit>
let token: string

beforeAll(async () => {
  p = await testPlatform({ seed: 'page-faults' })
  kit = mpKit(p)
  token = await kit.token()
})
afterEach(async () => {
  await fetch(`${p.url}/_sandbox/faults`, { method: 'DELETE' })
})
afterAll(() => p.close())

const post = (path: string, body: unknown) => p.post(`${path}?access_token=${token}`, body)
const fault = async (rule: Record<string, unknown>) => {
  const res = await p.post('/_sandbox/faults', { surface: 'miniprogram', fault: '41030', ...rule })
  expect(res.status, await res.clone().text()).toBe(201)
  return res.json()
}

test('41030 takes no params: a rule with some is refused and nothing is stored', async () => {
  const res = await p.post('/_sandbox/faults', { surface: 'miniprogram', fault: '41030', params: { page: 'pages/menu/menu' } })
  expect(res.status).toBe(400)
  expect((await res.json()).error.message).toMatch(/^params: /)
  expect((await p.json('/_sandbox/faults')).faults).toEqual([])
})

test('getwxacodeunlimit answers 41030 "invalid page rid: …" for a published page while the rule holds, then makes the code', async () => {
  const rule = await fault({ route: '/wxa/getwxacodeunlimit', times: 1 })
  const res = await post('/wxa/getwxacodeunlimit', { scene: 'table=3', page: 'pages/menu/menu' })
  const body = await res.json()
  expect(body.errcode).toBe(41030)
  expect(body.errmsg).toMatch(/^invalid page rid: \S+$/)
  const fired = (await p.json('/_sandbox/events?type=fault.fired&limit=1000')).events.filter((e: any) => e.subject.fault === String(rule.id))
  expect(fired.map((e: any) => [e.payload.fault, e.payload.route])).toEqual([['41030', '/wxa/getwxacodeunlimit']])
  // check_path false skips the release check, and the rule's one turn is spent: the code is made
  const again = await post('/wxa/getwxacodeunlimit', { scene: 'table=3', page: 'pages/menu/menu' })
  expect(again.headers.get('content-type')).toBe('image/png')
})

test('check_path false is not checked against the release, so the rule does not fire', async () => {
  await fault({ times: 1 })
  const res = await post('/wxa/getwxacodeunlimit', { scene: 'table=4', page: 'pages/menu/menu', check_path: false })
  expect(res.headers.get('content-type')).toBe('image/png')
  expect((await p.json('/_sandbox/faults')).faults[0].fired).toBe(0)
})

test('subscribeMessage.send to a formal page answers 41030 and uses no consent', async () => {
  const tmpl = (await kit.templates()).find((t) => t.slug === 'order-ready')!.templateId
  await p.post('/_sandbox/people/alice/miniprogram/subscribe', { tmplIds: [tmpl] })
  await fault({ route: '/cgi-bin/message/subscribe/send' })
  const msg = {
    touser: (await kit.openid('alice')).openid,
    template_id: tmpl,
    page: 'pages/order/order?id=LC1',
    miniprogram_state: 'formal',
    data: { character_string1: { value: 'A1' }, thing2: { value: 'Latte' }, thing3: { value: 'Shop' }, time4: { value: '09:15' }, thing5: { value: 'Soon' } },
  }
  expect((await (await post('/cgi-bin/message/subscribe/send', msg)).json()).errcode).toBe(41030)
  expect((await p.json('/_sandbox/people/alice/miniprogram/subscriptions')).subscriptions).toEqual([{ templateId: tmpl, remaining: 1 }])
  // a trial-version page is not checked against the release
  expect((await (await post('/cgi-bin/message/subscribe/send', { ...msg, miniprogram_state: 'trial' })).json()).errcode).toBe(0)
})
