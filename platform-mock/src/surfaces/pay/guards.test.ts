import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { guardOf } from './guards'
import { payOrders, payWallets } from './schema'
import { payWorld, type PayWorld } from './testing'

let w: PayWorld
beforeAll(async () => {
  w = await payWorld({ seed: 'guards' })
})
afterAll(() => w.p.close())

test('the database refuses an overdraft and an impossible order transition', async () => {
  const { db } = w.p.platform
  const overdraft = await db.update(payWallets).set({ balance: -1 }).where(eq(payWallets.personId, 'alice')).catch((e) => e)
  expect(guardOf(overdraft)).toBe('WALLET_NOT_ENOUGH')
  const { body } = await w.placeJsapi()
  await w.merchant.post(`/v3/pay/transactions/out-trade-no/${body.out_trade_no}/close`, { mchid: w.cred.mchid })
  const reopen = await db.update(payOrders).set({ tradeState: 'SUCCESS' }).where(eq(payOrders.outTradeNo, body.out_trade_no)).catch((e) => e)
  expect(guardOf(reopen)).toBe('ORDER_STATE')
})

test('two confirmations of one order at once pay it once', async () => {
  const before = (await w.wallet('alice')).balance
  const { prepayId } = await w.placeJsapi()
  const results = await Promise.all([w.payPrepay('alice', prepayId), w.payPrepay('alice', prepayId), w.payPrepay('alice', prepayId)])
  expect(results.map((r) => r.outcome).sort()).toEqual(['fail', 'fail', 'success'])
  expect((await w.wallet('alice')).balance).toBe(before - 3200)
  const { bills } = await w.p.json('/_sandbox/pay/people/alice/bills?kind=payment')
  expect(bills.filter((b: any) => b.transactionId === results.find((r) => r.outcome === 'success')!.transactionId)).toHaveLength(1)
})

test('confirmations racing inside one process are settled by the database, not by luck', async () => {
  const { payAsPerson } = await import('./payments')
  const before = (await w.wallet('bob')).balance
  const { prepayId } = await w.placeJsapi({}, 'bob')
  const input = { target: { requestPayment: w.merchant.requestPayment(w.mpAppid, prepayId) }, password: '123456' }
  const results = await Promise.all([1, 2, 3].map(() => payAsPerson(w.p.platform, 'bob', input)))
  expect(results.map((r) => r.outcome).sort()).toEqual(['fail', 'fail', 'success'])
  expect(results.filter((r) => r.outcome === 'fail').map((r) => r.errMsg)).toEqual([
    'requestPayment:fail 该订单已支付，请勿重复支付',
    'requestPayment:fail 该订单已支付，请勿重复支付',
  ])
  expect((await w.wallet('bob')).balance).toBe(before - 3200)
})

test('refunds racing inside one process never add up to more than was paid', async () => {
  const { createRefund } = await import('./refunds')
  const { body, prepayId } = await w.placeJsapi()
  expect((await w.payPrepay('alice', prepayId)).outcome).toBe('success')
  const req = (no: string) => ({ out_trade_no: body.out_trade_no, out_refund_no: no, amount: { refund: 2000, total: 3200, currency: 'CNY' as const } })
  const settled = await Promise.allSettled(['IN-1', 'IN-2'].map((no) => createRefund(w.p.platform, w.cred.mchid, req(no))))
  expect(settled.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected'])
  expect((settled.find((s) => s.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'INVALID_REQUEST', status: 400 })
})

test('concurrent refunds never add up to more than was paid', async () => {
  const { body, prepayId } = await w.placeJsapi()
  expect((await w.payPrepay('alice', prepayId)).outcome).toBe('success')
  const refund = (no: string) =>
    w.merchant.post('/v3/refund/domestic/refunds', { out_trade_no: body.out_trade_no, out_refund_no: no, amount: { refund: 2000, total: 3200, currency: 'CNY' } })
  const answers = await Promise.all([refund('RACE-1'), refund('RACE-2'), refund('RACE-3')])
  expect(answers.map((a) => a.status).sort()).toEqual([200, 400, 400])
  expect(answers.filter((a) => a.status === 400).every((a) => a.body.code === 'INVALID_REQUEST')).toBe(true)
  const order = await w.p.json(`/_sandbox/pay/merchants/${w.cred.mchid}/orders/${body.out_trade_no}`)
  expect(order.refunded).toBe(2000)
  expect(order.refunds).toHaveLength(1)
})

test('a payment racing a close either pays or finds the order closed, never both', async () => {
  const before = (await w.wallet('alice')).balance
  const { body, prepayId } = await w.placeJsapi()
  const [paid, closed] = await Promise.all([
    w.payPrepay('alice', prepayId),
    w.merchant.post(`/v3/pay/transactions/out-trade-no/${body.out_trade_no}/close`, { mchid: w.cred.mchid }),
  ])
  const state = (await w.merchant.get(`/v3/pay/transactions/out-trade-no/${body.out_trade_no}?mchid=${w.cred.mchid}`)).body.trade_state
  if (paid.outcome === 'success') {
    expect([state, closed.status, closed.body?.code]).toEqual(['SUCCESS', 400, 'ORDERPAID'])
    expect((await w.wallet('alice')).balance).toBe(before - 3200)
  } else {
    expect([state, closed.status]).toEqual(['CLOSED', 204])
    expect((await w.wallet('alice')).balance).toBe(before)
  }
})
