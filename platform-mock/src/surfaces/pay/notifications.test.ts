import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { startPlatform } from '../../server'
import type { TestPlatform } from '../../testing'
import { NOTIFY_TIMEOUT_MS, RETRY_LADDER_MS } from './notifications'
import { merchantClient, notificationReceiver, payWorld, type PayWorld } from './testing'

let w: PayWorld
const receivers: Awaited<ReturnType<typeof notificationReceiver>>[] = []
beforeAll(async () => {
  w = await payWorld({ seed: 'notifications' })
})
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close()
})
afterAll(() => w.p.close())

async function receiver(answer?: Parameters<typeof notificationReceiver>[0]) {
  const r = await notificationReceiver(answer)
  receivers.push(r)
  return r
}

/** Places an order notifying `url`, has alice pay it, and returns the order's notification. */
async function paidOrder(url: string) {
  const { body, prepayId } = await w.placeJsapi({ notify_url: url })
  const result = await w.payPrepay('alice', prepayId)
  expect(result.outcome).toBe('success')
  return { outTradeNo: body.out_trade_no, notificationId: result.notificationId as string }
}

const notification = async (id: string) => w.p.json(`/_sandbox/pay/notifications/${id}`)
const clockMs = async () => (await w.p.json('/_sandbox/clock')).nowMs as number

describe('the retry ladder', () => {
  test('an endpoint that fails twice then succeeds sees exactly three attempts, at 0 s, 15 s and 30 s', async () => {
    const r = await receiver((n) => (n <= 2 ? { status: 500, body: '{"code":"FAIL","message":"失败"}' } : { status: 200, body: '{"code":"SUCCESS"}' }))
    const t0 = await clockMs()
    const { notificationId } = await paidOrder(r.url)
    expect(r.received).toHaveLength(1)
    await w.p.post('/_sandbox/clock/advance', { by: '1h' })
    expect(r.received).toHaveLength(3)
    const n = await notification(notificationId)
    expect(n.status).toBe('delivered')
    expect(n.attempts.map((a: any) => [Date.parse(a.at) - t0, a.status, a.outcome, a.trigger])).toEqual([
      [0, 500, 'rejected', 'initial'],
      [15_000, 500, 'rejected', 'retry'],
      [30_000, 200, 'acknowledged', 'retry'],
    ])
    expect(n.attempts[0].answer).toBe('{"code":"FAIL","message":"失败"}')
    // every attempt is the same notification, freshly signed
    const ids = r.received.map((x) => JSON.parse(x.body).id)
    expect(new Set(ids)).toEqual(new Set([notificationId]))
    for (const x of r.received) expect(w.merchant.verify(x.headers, x.body)).toBe(true)
    const events = (await w.p.json(`/_sandbox/events?type=pay.notification.attempted`)).events.filter((e: any) => e.subject.notification === notificationId)
    expect(events.map((e: any) => [e.payload.n, e.payload.status, e.payload.outcome])).toEqual([
      [1, 500, 'rejected'],
      [2, 500, 'rejected'],
      [3, 200, 'acknowledged'],
    ])
    expect(events[0].payload.latencyMs).toEqual(expect.any(Number))
  })

  test('a refused connection is retried on the whole ladder, 15 retries over 24 h 4 m, then abandoned', async () => {
    const r = await receiver()
    const deadUrl = r.url
    await r.close()
    const t0 = await clockMs()
    const { notificationId } = await paidOrder(deadUrl)
    await w.p.post('/_sandbox/clock/advance', { by: '2d' })
    const n = await notification(notificationId)
    expect(n.status).toBe('failed')
    expect(n.attempts).toHaveLength(16)
    expect(n.attempts.every((a: any) => a.outcome === 'refused' && a.status === null)).toBe(true)
    const offsets = n.attempts.map((a: any) => Date.parse(a.at) - t0)
    const expected = RETRY_LADDER_MS.reduce((acc, ms) => [...acc, acc.at(-1)! + ms], [0])
    expect(offsets).toEqual(expected)
    expect(offsets.at(-1)).toBe((24 * 60 + 4) * 60_000)
    const abandoned = (await w.p.json('/_sandbox/events?type=pay.notification.abandoned')).events
    expect(abandoned.map((e: any) => e.subject.notification)).toContain(notificationId)
  })

  test('a 2xx with another answer than SUCCESS is not an acknowledgement; an empty 204 is', async () => {
    const r = await receiver((n) => (n === 1 ? { status: 200, body: '{"code":"FAIL","message":"验签失败"}' } : { status: 204 }))
    const { notificationId } = await paidOrder(r.url)
    expect((await notification(notificationId)).attempts[0].outcome).toBe('rejected')
    await w.p.post('/_sandbox/clock/advance', { by: '15s' })
    const n = await notification(notificationId)
    expect(n.status).toBe('delivered')
    expect(n.attempts.map((a: any) => a.outcome)).toEqual(['rejected', 'acknowledged'])
  })

  test(
    'a merchant that does not answer within 5 s has timed out, and is retried',
    async () => {
      const r = await receiver((n) => (n === 1 ? { status: 200, delayMs: NOTIFY_TIMEOUT_MS + 2000 } : { status: 200 }))
      const { notificationId } = await paidOrder(r.url)
      const first = (await notification(notificationId)).attempts[0]
      expect(first).toMatchObject({ outcome: 'timeout', status: null })
      expect(first.latencyMs).toBeGreaterThanOrEqual(NOTIFY_TIMEOUT_MS - 50)
      await w.p.post('/_sandbox/clock/advance', { by: '15s' })
      expect((await notification(notificationId)).status).toBe('delivered')
    },
    NOTIFY_TIMEOUT_MS * 3,
  )
})

describe('re-sending on demand', () => {
  test('re-sends a delivered notification, the same envelope, without touching the ladder', async () => {
    const r = await receiver()
    const { notificationId } = await paidOrder(r.url)
    const res = await w.p.post(`/_sandbox/pay/notifications/${notificationId}/resend`)
    expect(res.status).toBe(200)
    const n = await res.json()
    expect(n.attempts.map((a: any) => [a.n, a.trigger, a.outcome])).toEqual([
      [1, 'initial', 'acknowledged'],
      [2, 'resend', 'acknowledged'],
    ])
    expect(r.received.map((x) => x.body)).toEqual([r.received[0]!.body, r.received[0]!.body])
    expect((await w.p.post('/_sandbox/pay/notifications/nope/resend')).status).toBe(404)
  })

  test('a re-send that is acknowledged ends the retries', async () => {
    let up = false
    const r = await receiver(() => (up ? { status: 204 } : { status: 503 }))
    const { notificationId } = await paidOrder(r.url)
    up = true
    await w.p.post(`/_sandbox/pay/notifications/${notificationId}/resend`)
    await w.p.post('/_sandbox/clock/advance', { by: '1h' })
    const n = await notification(notificationId)
    expect(n.status).toBe('delivered')
    expect(n.attempts.map((a: any) => a.trigger)).toEqual(['initial', 'resend'])
  })
})

describe('the merchant view', () => {
  test("lists a merchant's orders with their notifications and attempts", async () => {
    const r = await receiver()
    const { outTradeNo, notificationId } = await paidOrder(r.url)
    const { orders } = await w.p.json(`/_sandbox/pay/merchants/${w.cred.mchid}/orders?state=SUCCESS`)
    const order = orders.find((o: any) => o.outTradeNo === outTradeNo)
    expect(order).toMatchObject({ tradeState: 'SUCCESS', person: 'alice', payMethod: 'balance', total: 3200 })
    expect(order.notifications).toEqual([
      expect.objectContaining({ id: notificationId, eventType: 'TRANSACTION.SUCCESS', status: 'delivered', attempts: [expect.objectContaining({ n: 1, outcome: 'acknowledged' })] }),
    ])
  })
})

/** A JSAPI order for alice on a platform started by the test, notified at `notifyUrl`. */
async function aliceOrder(url: string, outTradeNo: string, notifyUrl: string) {
  const doc = await (await fetch(`${url}/_sandbox/credentials`)).json()
  const merchant = merchantClient({ url } as TestPlatform, doc.pay)
  const alice = (await (await fetch(`${url}/_sandbox/people/alice`)).json()).identities.find((i: any) => i.appid === doc.miniProgram.appid).openid
  const order = await merchant.post('/v3/pay/transactions/jsapi', {
    appid: doc.miniProgram.appid,
    mchid: doc.pay.mchid,
    description: 'Lumen Coffee - Oat Latte',
    out_trade_no: outTradeNo,
    notify_url: notifyUrl,
    amount: { total: 3200 },
    payer: { openid: alice },
  })
  return { doc, merchant, order }
}

describe('a crash between the payment and its first attempt', () => {
  test('the restarted platform delivers the notification: its row and delivery job committed together', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pay-crash-'))
    const databaseUrl = `file:${join(dir, 'platform.db')}`
    // the first POST is never answered (the process dies while it waits); later ones are acknowledged
    const r = await receiver((n) => (n === 1 ? { status: 204, delayMs: 60_000 } : { status: 204 }))
    const first = await startPlatform({ databaseUrl, port: 0, seed: 'crash' })
    const second: { current?: Awaited<ReturnType<typeof startPlatform>> } = {}
    try {
      const { doc, merchant, order } = await aliceOrder(first.url, 'CRASH0001', r.url)
      expect(order.status).toBe(200)
      const paying = fetch(`${first.url}/_sandbox/pay/people/alice/pay`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ target: { requestPayment: merchant.requestPayment(doc.miniProgram.appid, order.body.prepay_id) }, password: '123456' }),
      }).catch(() => undefined)
      await expect.poll(() => r.received.length).toBe(1)
      // kill -9: the process writes nothing more
      first.platform.db.$client.close()
      const notificationId = JSON.parse(r.received[0]!.body).id as string
      second.current = await startPlatform({ databaseUrl, port: 0 })
      const restarted = second.current
      await expect.poll(async () => (await (await fetch(`${restarted.url}/_sandbox/pay/notifications/${notificationId}`)).json()).status).toBe('delivered')
      expect(r.received.map((x) => JSON.parse(x.body).id)).toEqual([notificationId, notificationId])
      const paid = await merchantClient({ url: restarted.url } as TestPlatform, doc.pay).get(`/v3/pay/transactions/out-trade-no/CRASH0001?mchid=${doc.pay.mchid}`)
      expect(paid.body.trade_state).toBe('SUCCESS')
      void paying
    } finally {
      await r.close()
      await first.close().catch(() => undefined)
      await second.current?.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a retry pending at the crash runs on the restarted platform, on the ladder where it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pay-crash-'))
    const databaseUrl = `file:${join(dir, 'platform.db')}`
    const r = await receiver((n) => (n <= 2 ? { status: 500 } : { status: 204 }))
    const first = await startPlatform({ databaseUrl, port: 0 })
    let restarted: Awaited<ReturnType<typeof startPlatform>> | undefined
    try {
      const { doc, merchant, order } = await aliceOrder(first.url, 'CRASH0002', r.url)
      // a frozen clock, so that the ladder moves only when the test moves it
      await fetch(`${first.url}/_sandbox/clock/freeze`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
      const paid = await fetch(`${first.url}/_sandbox/pay/people/alice/pay`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ target: { requestPayment: merchant.requestPayment(doc.miniProgram.appid, order.body.prepay_id) }, password: '123456' }),
      })
      const { notificationId } = await paid.json()
      await fetch(`${first.url}/_sandbox/clock/advance`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"by":"15s"}' })
      expect(r.received).toHaveLength(2)
      // kill -9 with the third attempt (30 s after the second) pending, then a minute passes
      first.platform.db.$client.close()
      restarted = await startPlatform({ databaseUrl, port: 0 })
      await restarted.platform.clock.moveTo(restarted.platform.clock.now() + 60_000)
      await restarted.platform.scheduler.runDue()
      const n = await (await fetch(`${restarted.url}/_sandbox/pay/notifications/${notificationId}`)).json()
      expect(n.status).toBe('delivered')
      expect(n.attempts.map((a: any) => [a.n, a.trigger, a.outcome])).toEqual([
        [1, 'initial', 'rejected'],
        [2, 'retry', 'rejected'],
        [3, 'retry', 'acknowledged'],
      ])
    } finally {
      await r.close()
      await first.close().catch(() => undefined)
      await restarted?.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
