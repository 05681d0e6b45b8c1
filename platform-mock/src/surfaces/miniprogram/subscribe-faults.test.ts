import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { mpKit } from './testkit'

// The miniprogram faults `reject` and `ban` over HTTP: what wx.requestSubscribeMessage answers, and what a send then gets.

let p: TestPlatform
let kit: ReturnType<typeof mpKit>
let token: string
let tmpl: Record<string, string>

beforeAll(async () => {
  p = await testPlatform({ seed: 'subscribe-faults' })
  kit = mpKit(p)
  token = await kit.token()
  tmpl = Object.fromEntries((await kit.templates()).map((t) => [t.slug, t.templateId]))
})
afterEach(async () => {
  await fetch(`${p.url}/_sandbox/faults`, { method: 'DELETE' })
})
afterAll(() => p.close())

const consent = async (person: string, tmplIds: string[]) => (await p.post(`/_sandbox/people/${person}/miniprogram/subscribe`, { tmplIds })).json()
const fault = async (rule: Record<string, unknown>) => {
  const res = await p.post('/_sandbox/faults', { surface: 'miniprogram', ...rule })
  expect(res.status, await res.clone().text()).toBe(201)
  return res.json()
}
const subscriptions = async (person: string) => (await p.json(`/_sandbox/people/${person}/miniprogram/subscriptions`)).subscriptions

test('a bad reject or ban rule is refused naming the parameter, and nothing is stored', async () => {
  for (const [params, message] of [
    [{ tmplIds: [] }, /^params\.tmplIds: /],
    [{ tmplIds: 'x' }, /^params\.tmplIds: /],
    [{ other: 1 }, /^params: /],
  ] as const) {
    const res = await p.post('/_sandbox/faults', { surface: 'miniprogram', fault: 'ban', params })
    expect(res.status).toBe(400)
    expect((await res.json()).error.message).toMatch(message)
  }
  expect((await p.json('/_sandbox/faults')).faults).toEqual([])
})

test("a refused subscription answers reject for every template asked, grants nothing, and a send gets 43101", async () => {
  const rule = await fault({ fault: 'reject', person: 'frank', times: 1 })
  const ids = [tmpl['order-ready']!, tmpl['points-changed'] ?? Object.values(tmpl)[1]!]
  expect(await consent('frank', ids)).toEqual({ errMsg: 'requestSubscribeMessage:ok', [ids[0]!]: 'reject', [ids[1]!]: 'reject' })
  expect(await subscriptions('frank')).toEqual([])
  const fired = (await p.json('/_sandbox/events?type=fault.fired&limit=1000')).events.filter((e: any) => e.subject.fault === String(rule.id))
  expect(fired.map((e: any) => [e.surface, e.payload.fault, e.payload.route, e.subject.person])).toEqual([['miniprogram', 'reject', '/subscribe', 'frank']])
  const send = await (
    await p.post(`/cgi-bin/message/subscribe/send?access_token=${token}`, {
      touser: (await kit.openid('frank')).openid,
      template_id: ids[0],
      data: { character_string1: { value: 'A1' }, thing2: { value: 'Latte' }, thing3: { value: 'Shop' }, time4: { value: '09:15' }, thing5: { value: 'Soon' } },
    })
  ).json()
  expect(send.errcode).toBe(43101)
  // the one turn is spent: the next answer is the person's own
  expect((await consent('frank', [ids[0]!]))[ids[0]!]).toBe('accept')
  expect(await subscriptions('frank')).toEqual([{ templateId: ids[0], remaining: 1 }])
})

test('a banned template answers ban for the templates the rule names; the others are granted', async () => {
  const [a, b] = [tmpl['order-ready']!, Object.values(tmpl).find((t) => t !== tmpl['order-ready'])!]
  await fault({ fault: 'ban', params: { tmplIds: [a] } })
  expect(await consent('grace', [a, b])).toEqual({ errMsg: 'requestSubscribeMessage:ok', [a]: 'ban', [b]: 'accept' })
  expect(await subscriptions('grace')).toEqual([{ templateId: b, remaining: 1 }])
  // a rule for another person leaves this one alone
  await fetch(`${p.url}/_sandbox/faults`, { method: 'DELETE' })
  await fault({ fault: 'ban', person: 'henry' })
  expect((await consent('grace', [a]))[a]).toBe('accept')
})

test('the catalog lists reject and ban on the miniprogram surface', async () => {
  const catalog = await p.json('/_sandbox/faults/catalog')
  const text = JSON.stringify(catalog)
  expect(text).toContain('"reject"')
  expect(text).toContain('"ban"')
})
