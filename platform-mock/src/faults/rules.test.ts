import { afterAll, beforeAll, expect, test } from 'vitest'
import { payWorld, type PayWorld } from '../surfaces/pay/testing'

let w: PayWorld
beforeAll(async () => {
  w = await payWorld({ seed: 'fault-rules' })
})
afterAll(() => w.p.close())

const faults = async () => (await w.p.json('/_sandbox/faults')).faults as { id: number; fault: string; remaining: number | null; fired: number }[]
const clear = () => fetch(`${w.p.url}/_sandbox/faults`, { method: 'DELETE' })
const jsapi = async () => w.merchant.post('/v3/pay/transactions/jsapi', await w.jsapiOrder())
const firings = async () => (await w.p.json('/_sandbox/events?type=fault.fired&limit=5000')).events as { subject: Record<string, string>; payload: Record<string, unknown> }[]

test('a bad rule is refused naming the field, and nothing is stored', async () => {
  await clear()
  const cases: [unknown, RegExp][] = [
    [{ surface: 'nowhere', fault: 'SYSTEM_ERROR' }, /^surface: /],
    [{ surface: 'pay', fault: 'NOPE' }, /^fault: no fault "NOPE" on surface "pay" \(known: SYSTEM_ERROR, FREQUENCY_LIMITED/],
    [{ surface: 'pay', fault: 'SYSTEM_ERROR', times: 0 }, /^times: /],
    [{ surface: 'pay', fault: 'SYSTEM_ERROR', probability: 1.5 }, /^probability: /],
    [{ surface: 'pay', fault: 'SYSTEM_ERROR', route: 'v3/no-slash' }, /^route: /],
    [{ surface: 'pay', fault: 'SYSTEM_ERROR', params: { extra: 1 } }, /^params: /],
    [{ surface: 'pay', fault: 'SYSTEM_ERROR', colour: 'red' }, /colour/],
    [[{ surface: 'pay', fault: 'SYSTEM_ERROR' }, { surface: 'pay', fault: 'NOPE' }], /^1\.fault: /],
  ]
  for (const [body, message] of cases) {
    const res = await w.p.post('/_sandbox/faults', body)
    const answer = await res.json()
    expect(res.status, JSON.stringify(body)).toBe(400)
    expect(answer.error.message).toMatch(message)
  }
  expect((await w.p.post('/_sandbox/faults', '{nope')).status).toBe(400)
  expect(await faults()).toEqual([])
})

test('a rule scoped to a route and an app fires its times, each firing in the event log, then the API is back', async () => {
  await clear()
  const other = await w.p.post('/_sandbox/faults', { surface: 'pay', fault: 'SYSTEM_ERROR', app: '1900000000' })
  expect(other.status).toBe(201)
  const res = await w.p.post('/_sandbox/faults', { surface: 'pay', fault: 'FREQUENCY_LIMITED', route: '/v3/pay/transactions/*', method: 'POST', app: w.cred.mchid, times: 2 })
  expect(res.status).toBe(201)
  const rule = await res.json()
  expect(rule).toMatchObject({ surface: 'pay', fault: 'FREQUENCY_LIMITED', remaining: 2, probability: 1, fired: 0 })
  const before = (await firings()).length
  expect((await jsapi()).status).toBe(429)
  expect((await jsapi()).status).toBe(429)
  expect((await jsapi()).status).toBe(200)
  const fired = (await firings()).slice(before)
  expect(fired.map((e) => [e.subject.fault, e.payload.fault, e.payload.route, e.payload.remaining])).toEqual([
    [String(rule.id), 'FREQUENCY_LIMITED', '/v3/pay/transactions/jsapi', 1],
    [String(rule.id), 'FREQUENCY_LIMITED', '/v3/pay/transactions/jsapi', 0],
  ])
  // the other merchant's rule never fired; the spent one stays listed with what it did
  expect((await faults()).map((f) => [f.fault, f.remaining, f.fired])).toEqual([
    ['SYSTEM_ERROR', null, 0],
    ['FREQUENCY_LIMITED', 0, 2],
  ])
})

test('concurrent requests never share a turn', async () => {
  await clear()
  await w.p.post('/_sandbox/faults', { surface: 'pay', fault: 'SYSTEM_ERROR', times: 3 })
  const statuses = await Promise.all(Array.from({ length: 8 }, () => jsapi().then((r) => r.status)))
  expect(statuses.filter((s) => s === 500)).toHaveLength(3)
  expect(statuses.filter((s) => s === 200)).toHaveLength(5)
})

test('a probability is drawn from the world seed: the same rule fires on the same requests after a reset', async () => {
  const pattern = async () => {
    await w.p.post('/_sandbox/faults', { surface: 'pay', fault: 'SYSTEM_ERROR', probability: 0.5 })
    const out: number[] = []
    for (let i = 0; i < 16; i++) out.push((await jsapi()).status)
    return out.map((s) => (s === 500 ? 'x' : '.')).join('')
  }
  await w.p.post('/_sandbox/reset')
  const first = await pattern()
  await w.p.post('/_sandbox/reset')
  expect(await pattern()).toBe(first)
  expect(first).toMatch(/x/)
  expect(first).toMatch(/\./)
})

test('a reset clears the rules; a snapshot keeps them with their turns left', async () => {
  await w.p.post('/_sandbox/reset')
  await w.p.post('/_sandbox/faults', { surface: 'pay', fault: 'SYSTEM_ERROR', times: 2 })
  expect((await jsapi()).status).toBe(500)
  expect((await w.p.post('/_sandbox/snapshots', { name: 'one-fault-left' })).ok).toBe(true)
  await w.p.post('/_sandbox/reset')
  expect(await faults()).toEqual([])
  expect((await jsapi()).status).toBe(200)
  expect((await w.p.post('/_sandbox/snapshots/one-fault-left/restore')).ok).toBe(true)
  expect((await faults()).map((f) => [f.fault, f.remaining])).toEqual([['SYSTEM_ERROR', 1]])
  expect((await jsapi()).status).toBe(500)
  expect((await jsapi()).status).toBe(200)
})

test('one rule can be removed; the catalog documents every kind with its parameters', async () => {
  await clear()
  const { id } = await (await w.p.post('/_sandbox/faults', { surface: 'pay', fault: 'SYSTEM_ERROR' })).json()
  expect((await fetch(`${w.p.url}/_sandbox/faults/${id}`, { method: 'DELETE' })).status).toBe(204)
  expect((await fetch(`${w.p.url}/_sandbox/faults/${id}`, { method: 'DELETE' })).status).toBe(404)
  expect((await jsapi()).status).toBe(200)
  const { surfaces } = await w.p.json('/_sandbox/faults/catalog')
  const pay = surfaces.find((s: { surface: string }) => s.surface === 'pay')
  expect(pay.faults.map((f: { fault: string }) => f.fault)).toEqual(expect.arrayContaining(['SYSTEM_ERROR', 'FREQUENCY_LIMITED']))
  for (const s of surfaces) for (const f of s.faults) expect(f.summary.length).toBeGreaterThan(10)
})
