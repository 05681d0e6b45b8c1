import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { startPlatform } from '../../server'
import type { TestPlatform } from '../../testing'
import { merchantClient, notificationReceiver, payWorld, type PayWorld } from './testing'

// The pay-notify faults against a real platform over HTTP, seen from a merchant's notify_url.

let w: PayWorld
const receivers: Awaited<ReturnType<typeof notificationReceiver>>[] = []
beforeAll(async () => {
  w = await payWorld({ seed: 'notify-faults' })
})
afterEach(async () => {
  await fetch(`${w.p.url}/_sandbox/faults`, { method: 'DELETE' })
  for (const r of receivers.splice(0)) await r.close()
})
afterAll(() => w.p.close())

async function receiver(answer?: Parameters<typeof notificationReceiver>[0]) {
  const r = await notificationReceiver(answer)
  receivers.push(r)
  return r
}
const fault = async (rule: Record<string, unknown>) => {
  const res = await w.p.post('/_sandbox/faults', { surface: 'pay-notify', ...rule })
  expect(res.status, await res.clone().text()).toBe(201)
  return res.json()
}
async function paidOrder(url: string) {
  const { body, prepayId } = await w.placeJsapi({ notify_url: url })
  const result = await w.payPrepay('alice', prepayId)
  expect(result.outcome).toBe('success')
  return { outTradeNo: body.out_trade_no as string, notificationId: result.notificationId as string }
}
const notification = async (id: string) => w.p.json(`/_sandbox/pay/notifications/${id}`)
const advance = (by: string) => w.p.post('/_sandbox/clock/advance', { by })
const events = async (type: string) => (await w.p.json(`/_sandbox/events?type=${type}&limit=5000`)).events as any[]
const ids = (r: { received: { body: string }[] }) => r.received.map((x) => JSON.parse(x.body).id as string)

test('a bad pay-notify rule is refused naming the parameter', async () => {
  for (const [params, message] of [
    [{ by: 'soon' }, /^params\.by: by: a duration/],
    [{}, /^params\.by: /],
    [{ by: '1h', extra: 1 }, /^params: /],
  ] as const) {
    const res = await w.p.post('/_sandbox/faults', { surface: 'pay-notify', fault: 'delay', params })
    expect(res.status).toBe(400)
    expect((await res.json()).error.message).toMatch(message)
  }
  const res = await w.p.post('/_sandbox/faults', { surface: 'pay-notify', fault: 'duplicate', params: { copies: 9 } })
  expect((await res.json()).error.message).toMatch(/^params\.copies: /)
})

test('a dropped notification is never sent nor retried; the order is paid all the same', async () => {
  const r = await receiver()
  const rule = await fault({ fault: 'drop', route: '/TRANSACTION.SUCCESS', times: 1 })
  const { outTradeNo, notificationId } = await paidOrder(r.url)
  await advance('1d')
  expect(r.received).toEqual([])
  const n = await notification(notificationId)
  expect(n).toMatchObject({ status: 'dropped', attempts: [], nextAttemptAt: null })
  const fired = (await events('fault.fired')).filter((e) => e.subject.fault === String(rule.id))
  expect(fired.map((e) => [e.surface, e.payload.fault, e.payload.route, e.subject.person, e.subject.app])).toEqual([['pay-notify', 'drop', '/TRANSACTION.SUCCESS', 'alice', w.cred.mchid]])
  // the merchant finds out by querying
  const q = await w.merchant.get(`/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${w.cred.mchid}`)
  expect(q.body.trade_state).toBe('SUCCESS')
  // the rule's one turn is spent: the next payment notifies as usual
  const next = await paidOrder(r.url)
  expect(ids(r)).toEqual([next.notificationId])
})

test('a duplicated notification arrives twice at the same moment, the same id, each signed; the copy leaves the ladder alone', async () => {
  // the endpoint holds its first answer for a second: a copy sent after it would come a second later
  const slow = await receiver((n) => ({ status: 204, delayMs: n === 1 ? 1000 : 0 }))
  await fault({ fault: 'duplicate', times: 1 })
  const { notificationId } = await paidOrder(slow.url)
  expect(ids(slow)).toEqual([notificationId, notificationId])
  expect(slow.received[0]!.body).toBe(slow.received[1]!.body)
  expect(slow.received[1]!.at - slow.received[0]!.at).toBeLessThan(1000)
  for (const x of slow.received) expect(w.merchant.verify(x.headers, x.body)).toBe(true)
  const n = await notification(notificationId)
  expect(n.status).toBe('delivered')
  expect(n.attempts.map((a: any) => a.trigger).sort()).toEqual(['duplicate', 'initial'])
  await advance('1d')
  expect(slow.received).toHaveLength(2)
})

test('a duplicate `after` a while comes later on the virtual clock, even when the first was acknowledged', async () => {
  const r = await receiver()
  await fault({ fault: 'duplicate', params: { copies: 2, after: '2m' }, times: 1 })
  const { notificationId } = await paidOrder(r.url)
  expect(ids(r)).toEqual([notificationId])
  await advance('1m')
  expect(r.received).toHaveLength(1)
  await advance('1m')
  expect(ids(r)).toEqual([notificationId, notificationId, notificationId])
})

test('a delayed notification is first attempted `by` later, then on the ladder from there', async () => {
  const r = await receiver((n) => (n === 1 ? { status: 500 } : { status: 204 }))
  const t0 = (await w.p.json('/_sandbox/clock')).nowMs as number
  await fault({ fault: 'delay', params: { by: '10m' }, times: 1 })
  const { notificationId } = await paidOrder(r.url)
  expect(r.received).toHaveLength(0)
  expect((await notification(notificationId)).nextAttemptAt).toBe(new Date(t0 + 600_000).toISOString())
  await advance('9m59s')
  expect(r.received).toHaveLength(0)
  await advance('1m')
  const n = await notification(notificationId)
  expect(n.status).toBe('delivered')
  expect(n.attempts.map((a: any) => [Date.parse(a.at) - t0, a.trigger, a.outcome])).toEqual([
    [600_000, 'initial', 'rejected'],
    [615_000, 'retry', 'acknowledged'],
  ])
})

test("a reordered payment notification arrives right after its refund's", async () => {
  const r = await receiver()
  await fault({ fault: 'reorder', times: 1 })
  const { outTradeNo, notificationId } = await paidOrder(r.url)
  expect(r.received).toHaveLength(0)
  const refund = await w.merchant.post('/v3/refund/domestic/refunds', { out_trade_no: outTradeNo, out_refund_no: `${outTradeNo}R`, notify_url: r.url, amount: { refund: 3200, total: 3200, currency: 'CNY' } })
  expect(refund.status).toBe(200)
  await advance('5m')
  const types = r.received.map((x) => JSON.parse(x.body).event_type)
  expect(types).toEqual(['REFUND.SUCCESS', 'TRANSACTION.SUCCESS'])
  expect(ids(r)[1]).toBe(notificationId)
  // the hold's own job finds it delivered and does nothing
  await advance('2h')
  expect(r.received).toHaveLength(2)
})

test('a reordered payment notification with no refund arrives when the hold ends', async () => {
  const r = await receiver()
  await fault({ fault: 'reorder', params: { hold: '30m' }, times: 1 })
  const { notificationId } = await paidOrder(r.url)
  await advance('29m')
  expect(r.received).toHaveLength(0)
  await advance('1m')
  expect(ids(r)).toEqual([notificationId])
})

test('a delayed notification survives kill -9: its job was written with the payment', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notify-fault-crash-'))
  const databaseUrl = `file:${join(dir, 'platform.db')}`
  const r = await receiver()
  const first = await startPlatform({ databaseUrl, port: 0, seed: 'notify-crash' })
  let restarted: Awaited<ReturnType<typeof startPlatform>> | undefined
  try {
    const post = (url: string, path: string, body: unknown) => fetch(url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    await post(first.url, '/_sandbox/clock/freeze', {})
    expect((await post(first.url, '/_sandbox/faults', { surface: 'pay-notify', fault: 'delay', params: { by: '1h' } })).status).toBe(201)
    const doc = await (await fetch(`${first.url}/_sandbox/credentials`)).json()
    const merchant = merchantClient({ url: first.url } as TestPlatform, doc.pay)
    const alice = (await (await fetch(`${first.url}/_sandbox/people/alice`)).json()).identities.find((i: any) => i.appid === doc.miniProgram.appid).openid
    const order = await merchant.post('/v3/pay/transactions/jsapi', { appid: doc.miniProgram.appid, mchid: doc.pay.mchid, description: 'Lumen Coffee - Oat Latte', out_trade_no: 'DELAYCRASH1', notify_url: r.url, amount: { total: 3200 }, payer: { openid: alice } })
    const paid = await (await post(first.url, '/_sandbox/pay/people/alice/pay', { target: { requestPayment: merchant.requestPayment(doc.miniProgram.appid, order.body.prepay_id) }, password: '123456' })).json()
    expect(paid.outcome).toBe('success')
    // kill -9 before the hour is up
    first.platform.db.$client.close()
    restarted = await startPlatform({ databaseUrl, port: 0 })
    expect(r.received).toHaveLength(0)
    await post(restarted.url, '/_sandbox/clock/advance', { by: '1h' })
    expect(ids(r)).toEqual([paid.notificationId])
    expect((await (await fetch(`${restarted.url}/_sandbox/pay/notifications/${paid.notificationId}`)).json()).status).toBe('delivered')
  } finally {
    await first.close().catch(() => undefined)
    await restarted?.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
