import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sandboxJobs } from '../../sandbox/schema'
import { NOTIFY_JOB } from './notifications'
import { notificationReceiver, payWorld, type PayWorld } from './testing'

let w: PayWorld
let receiver: Awaited<ReturnType<typeof notificationReceiver>>
beforeAll(async () => {
  w = await payWorld({ seed: 'refunds' })
  receiver = await notificationReceiver()
})
afterAll(async () => {
  await receiver.close()
  await w.p.close()
})

async function paid(person = 'alice', total = 3200, method: 'balance' | 'card' = 'balance') {
  const { body, prepayId } = await w.placeJsapi({ amount: { total, currency: 'CNY' } }, person)
  const r = await w.payPrepay(person, prepayId, { method })
  expect(r.outcome).toBe('success')
  return { outTradeNo: body.out_trade_no as string, transactionId: r.transactionId as string }
}

const refund = (body: Record<string, unknown>) => w.merchant.post('/v3/refund/domestic/refunds', body)
const refundBody = (o: { outTradeNo: string }, outRefundNo: string, amount: number, total = 3200) => ({
  out_trade_no: o.outTradeNo,
  out_refund_no: outRefundNo,
  reason: '顾客取消',
  notify_url: receiver.url,
  amount: { refund: amount, total, currency: 'CNY' },
})
const lastResource = () => w.merchant.decrypt(JSON.parse(receiver.received.at(-1)!.body))

describe('refunds', () => {
  test('a partial refund is PROCESSING, then SUCCESS on the clock: money back in the wallet, REFUND.SUCCESS sent', async () => {
    const order = await paid()
    const afterPay = (await w.wallet('alice')).balance
    const res = await refund(refundBody(order, 'R-partial-1', 1000))
    expect(res.status).toBe(200)
    expect(w.merchant.verify(res.headers, res.text)).toBe(true)
    expect(res.body).toEqual({
      refund_id: expect.stringMatching(/^50\d{27}$/),
      out_refund_no: 'R-partial-1',
      transaction_id: order.transactionId,
      out_trade_no: order.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      create_time: expect.stringMatching(/\+08:00$/),
      status: 'PROCESSING',
      funds_account: 'AVAILABLE',
      amount: {
        total: 3200,
        refund: 1000,
        from: [],
        payer_total: 3200,
        payer_refund: 1000,
        settlement_refund: 1000,
        settlement_total: 3200,
        discount_refund: 0,
        currency: 'CNY',
        refund_fee: 0,
      },
      promotion_detail: [],
    })
    expect((await w.wallet('alice')).balance).toBe(afterPay)
    const q = await w.merchant.get(`/v3/pay/transactions/out-trade-no/${order.outTradeNo}?mchid=${w.cred.mchid}`)
    expect(q.body).toMatchObject({ trade_state: 'REFUND', trade_state_desc: '转入退款' })

    const seen = receiver.received.length
    await w.p.post('/_sandbox/clock/advance', { by: '1m' })
    expect((await w.wallet('alice')).balance).toBe(afterPay + 1000)
    const settled = await w.merchant.get('/v3/refund/domestic/refunds/R-partial-1')
    expect(settled.body).toMatchObject({ status: 'SUCCESS', success_time: expect.stringMatching(/\+08:00$/) })
    expect(receiver.received.length).toBe(seen + 1)
    const envelope = JSON.parse(receiver.received.at(-1)!.body)
    expect(envelope).toMatchObject({ event_type: 'REFUND.SUCCESS', summary: '退款成功', resource: { original_type: 'refund', associated_data: 'refund' } })
    expect(lastResource()).toEqual({
      mchid: w.cred.mchid,
      transaction_id: order.transactionId,
      out_trade_no: order.outTradeNo,
      refund_id: res.body.refund_id,
      out_refund_no: 'R-partial-1',
      refund_status: 'SUCCESS',
      success_time: settled.body.success_time,
      user_received_account: '支付用户零钱',
      amount: { total: 3200, refund: 1000, payer_total: 3200, payer_refund: 1000 },
    })
    const { bills } = await w.p.json('/_sandbox/pay/people/alice/bills?kind=refund')
    expect(bills[0]).toMatchObject({ kind: 'refund', amount: 1000, outTradeNo: order.outTradeNo, refundId: res.body.refund_id })
  })

  test('refunds several times up to what was paid, by transaction_id too, and no further', async () => {
    const order = await paid()
    expect((await refund(refundBody(order, 'R-multi-1', 1200))).status).toBe(200)
    const byTransaction = await refund({ ...refundBody(order, 'R-multi-2', 2000), out_trade_no: undefined, transaction_id: order.transactionId })
    expect(byTransaction.status).toBe(200)
    const over = await refund(refundBody(order, 'R-multi-3', 1))
    expect([over.status, over.body.code]).toEqual([400, 'INVALID_REQUEST'])
    expect((await w.merchant.get('/v3/refund/domestic/refunds/R-multi-3')).status).toBe(404)
  })

  test('the same out_refund_no refunds once; with other amounts it is refused', async () => {
    const order = await paid()
    const first = await refund(refundBody(order, 'R-idem-1', 500))
    const again = await refund(refundBody(order, 'R-idem-1', 500))
    expect(again.body.refund_id).toBe(first.body.refund_id)
    const other = await refund(refundBody(order, 'R-idem-1', 600))
    expect([other.status, other.body.code]).toEqual([400, 'INVALID_REQUEST'])
    const { refunds } = await w.p.json(`/_sandbox/pay/merchants/${w.cred.mchid}/refunds`)
    expect(refunds.filter((r: any) => r.outRefundNo === 'R-idem-1')).toHaveLength(1)
  })

  test('a card payment is refunded to the card, after a day', async () => {
    const order = await paid('bob', 2000, 'card')
    const before = (await w.wallet('bob')).balance
    const res = await refund(refundBody(order, 'R-card-1', 2000, 2000))
    const card = (await w.wallet('bob')).card.name
    expect(res.body.user_received_account).toBe(card)
    expect(card).toMatch(/^招商银行储蓄卡\d{4}$/)
    await w.p.post('/_sandbox/clock/advance', { by: '23h' })
    expect((await w.merchant.get('/v3/refund/domestic/refunds/R-card-1')).body.status).toBe('PROCESSING')
    await w.p.post('/_sandbox/clock/advance', { by: '1h' })
    expect((await w.merchant.get('/v3/refund/domestic/refunds/R-card-1')).body.status).toBe('SUCCESS')
    expect((await w.wallet('bob')).balance).toBe(before)
  })

  test('ABNORMAL and CLOSED refunds notify, and a closed refund frees the amount again', async () => {
    const order = await paid()
    await refund(refundBody(order, 'R-abn-1', 3200))
    const settle = (no: string, status: string) => w.p.post(`/_sandbox/pay/merchants/${w.cred.mchid}/refunds/${no}/settle`, { status })
    expect((await settle('R-abn-1', 'ABNORMAL')).status).toBe(200)
    expect(lastResource()).toMatchObject({ out_refund_no: 'R-abn-1', refund_status: 'ABNORMAL' })
    expect(JSON.parse(receiver.received.at(-1)!.body).event_type).toBe('REFUND.ABNORMAL')
    expect((await settle('R-abn-1', 'SUCCESS')).status).toBe(409)
    expect((await settle('R-abn-1', 'CLOSED')).status).toBe(200)
    expect(lastResource()).toMatchObject({ out_refund_no: 'R-abn-1', refund_status: 'CLOSED' })
    expect(JSON.parse(receiver.received.at(-1)!.body).summary).toBe('退款关闭')
    expect((await refund(refundBody(order, 'R-abn-2', 3200))).status).toBe(200)
  })

  test('the merchant funds must cover a refund: NOT_ENOUGH otherwise', async () => {
    const order = await paid()
    const patch = (balance: number) =>
      fetch(`${w.p.url}/_sandbox/pay/merchants/${w.cred.mchid}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ balance }) })
    await patch(100)
    const res = await refund(refundBody(order, 'R-funds-1', 1000))
    expect([res.status, res.body.code]).toEqual([403, 'NOT_ENOUGH'])
    await patch(1_000_000)
    expect((await refund(refundBody(order, 'R-funds-1', 1000))).status).toBe(200)
  })

  test('unknown orders and refunds are RESOURCE_NOT_EXISTS; unpaid orders and a wrong total INVALID_REQUEST', async () => {
    const missing = await refund({ ...refundBody({ outTradeNo: 'NOSUCHORDER9' }, 'R-x-1', 100) })
    expect([missing.status, missing.body.code]).toEqual([404, 'RESOURCE_NOT_EXISTS'])
    const q = await w.merchant.get('/v3/refund/domestic/refunds/NOSUCHREFUND')
    expect([q.status, q.body.code]).toEqual([404, 'RESOURCE_NOT_EXISTS'])
    const { body } = await w.placeJsapi()
    const unpaid = await refund(refundBody({ outTradeNo: body.out_trade_no }, 'R-x-2', 100))
    expect([unpaid.status, unpaid.body.code]).toEqual([400, 'INVALID_REQUEST'])
    const order = await paid()
    const wrongTotal = await refund(refundBody(order, 'R-x-3', 100, 9999))
    expect([wrongTotal.status, wrongTotal.body.code]).toEqual([400, 'INVALID_REQUEST'])
    const neither = await refund({ out_refund_no: 'R-x-4', amount: { refund: 1, total: 1, currency: 'CNY' } })
    expect([neither.status, neither.body.code]).toEqual([400, 'PARAM_ERROR'])
    const noCurrency = await refund({ ...refundBody(order, 'R-x-5', 100), amount: { refund: 100, total: 3200 } })
    expect(noCurrency.body).toMatchObject({ code: 'PARAM_ERROR', detail: { field: '/amount/currency' } })
  })
})

test("a refund's notification is written with its delivery job, so that a crash before the first attempt cannot strand it", async () => {
  const order = await paid()
  expect((await refund(refundBody(order, 'R-outbox-1', 500))).status).toBe(200)
  await w.p.post('/_sandbox/clock/advance', { by: '10m' })
  const sent = JSON.parse(receiver.received.at(-1)!.body)
  expect(w.merchant.decrypt(sent).out_refund_no).toBe('R-outbox-1')
  const jobs = await w.p.platform.db.select().from(sandboxJobs).where(eq(sandboxJobs.kind, NOTIFY_JOB))
  expect(jobs.filter((j) => (j.payload as { id: string }).id === sent.id).map((j) => [j.payload, j.status])).toEqual([[{ id: sent.id, step: 0 }, 'done']])
})
