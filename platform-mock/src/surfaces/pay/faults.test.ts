import Pay from 'wechatpay-node-v3'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { interceptWeChat } from '../../intercept'
import { notificationReceiver, payWorld, type PayWorld } from './testing'

// The pay surface's fault kinds of the fault library (issue 17 point 2), each against a real
// platform over HTTP: the rule goes in through /_sandbox/faults, the merchant and the person meet it.

let w: PayWorld
let receiver: Awaited<ReturnType<typeof notificationReceiver>>
beforeAll(async () => {
  w = await payWorld({ seed: 'pay-faults' })
  receiver = await notificationReceiver()
})
afterAll(async () => {
  await receiver.close()
  await w.p.close()
})

const addRule = async (rule: Record<string, unknown>) => {
  const res = await w.p.post('/_sandbox/faults', { surface: 'pay', ...rule })
  const body = await res.json()
  expect(res.status, JSON.stringify(body)).toBe(201)
  return body as { id: number; remaining: number | null; fired: number }
}
const clearRules = () => fetch(`${w.p.url}/_sandbox/faults`, { method: 'DELETE' })
const query = async (outTradeNo: string) => (await w.merchant.get(`/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${w.cred.mchid}`)).body
const close = (outTradeNo: string) => w.merchant.post(`/v3/pay/transactions/out-trade-no/${outTradeNo}/close`, { mchid: w.cred.mchid })
const events = async (type: string) => (await w.p.json(`/_sandbox/events?type=${type}&limit=1000`)).events as { subject: Record<string, string>; payload: Record<string, any> }[]
const advance = (by: string) => w.p.post('/_sandbox/clock/advance', { by })
const opened = () => receiver.received.map((r) => ({ event_type: JSON.parse(r.body).event_type as string, resource: w.merchant.decrypt(JSON.parse(r.body)) }))

test('the catalog refuses a pay fault with bad params, naming the field', async () => {
  await clearRules()
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ fault: 'SLOW_ANSWER' }, /^params\.ms: /],
    [{ fault: 'SLOW_ANSWER', params: { ms: 30_001 } }, /^params\.ms: /],
    [{ fault: 'SLOW_ANSWER', params: { ms: 'long' } }, /^params\.ms: /],
    [{ fault: 'SLOW_ANSWER', params: { ms: 1000, jitter: 5 } }, /^params: /],
    [{ fault: 'USERPAYING', params: { ms: 1000 } }, /^params: /],
    [{ fault: 'REFUND.SUCCESS' }, /^fault: no fault "REFUND.SUCCESS" on surface "pay" \(known: .*REFUND\.ABNORMAL, REFUND\.CLOSED/],
  ]
  for (const [rule, message] of cases) {
    const res = await w.p.post('/_sandbox/faults', { surface: 'pay', ...rule })
    expect(res.status, JSON.stringify(rule)).toBe(400)
    expect((await res.json()).error.message).toMatch(message)
  }
  expect((await w.p.json('/_sandbox/faults')).faults).toEqual([])
  const catalog = (await w.p.json('/_sandbox/faults/catalog')) as unknown
  for (const fault of ['USERPAYING', 'ORDERPAID', 'NOTENOUGH', 'BANKERROR', 'REFUND.ABNORMAL', 'REFUND.CLOSED', 'SLOW_ANSWER']) {
    expect(JSON.stringify(catalog)).toContain(`"fault":"${fault}"`)
  }
})

describe('USERPAYING', () => {
  test('the sheet waits for the password: nothing paid, the query says NOTPAY, then the person pays', async () => {
    await clearRules()
    await addRule({ fault: 'USERPAYING', person: 'alice', times: 1 })
    const { body, prepayId } = await w.placeJsapi()
    const before = (await w.wallet('alice')).balance
    const waiting = await w.payPrepay('alice', prepayId)
    expect(waiting).toMatchObject({ outcome: 'userpaying', message: '请输入支付密码', order: { tradeState: 'NOTPAY' } })
    expect(waiting.errMsg).toBeUndefined()
    expect(await query(body.out_trade_no)).toMatchObject({ trade_state: 'NOTPAY', trade_state_desc: '订单未支付' })
    expect((await w.wallet('alice')).balance).toBe(before)
    expect((await events('pay.payment.userpaying')).at(-1)!.subject).toMatchObject({ person: 'alice', out_trade_no: body.out_trade_no })
    expect((await events('fault.fired')).at(-1)!.payload).toMatchObject({ fault: 'USERPAYING', route: '/pay-sheet', remaining: 0 })

    expect(await w.payPrepay('alice', prepayId)).toMatchObject({ outcome: 'success', errMsg: 'requestPayment:ok' })
    expect(await query(body.out_trade_no)).toMatchObject({ trade_state: 'SUCCESS' })
  })

  test('the merchant closes the waiting order: 204, and the person is told it closed', async () => {
    await clearRules()
    await addRule({ fault: 'USERPAYING', person: 'alice', times: 1 })
    const { body, prepayId } = await w.placeJsapi()
    expect((await w.payPrepay('alice', prepayId)).outcome).toBe('userpaying')
    expect(await query(body.out_trade_no)).toMatchObject({ trade_state: 'NOTPAY' })
    const closed = await close(body.out_trade_no)
    expect(closed.status).toBe(204)
    expect(w.merchant.verify(closed.headers, closed.text)).toBe(true)
    expect(await w.payPrepay('alice', prepayId)).toMatchObject({ outcome: 'fail', errMsg: 'requestPayment:fail 订单已关闭，请重新下单' })
    expect(await query(body.out_trade_no)).toMatchObject({ trade_state: 'CLOSED' })
  })

  test('a rule for another person leaves this one alone', async () => {
    await clearRules()
    await addRule({ fault: 'USERPAYING', person: 'bob' })
    const { prepayId } = await w.placeJsapi()
    expect((await w.payPrepay('alice', prepayId)).outcome).toBe('success')
  })
})

describe('ORDERPAID', () => {
  test('a close as the payer finishes paying: the payment goes through, the close answers 400 ORDERPAID "订单已支付"', async () => {
    await clearRules()
    await addRule({ fault: 'ORDERPAID', times: 1 })
    const { body } = await w.placeJsapi({ notify_url: receiver.url })
    const before = (await w.wallet('alice')).balance
    const res = await close(body.out_trade_no)
    expect([res.status, res.body]).toEqual([400, { code: 'ORDERPAID', message: '订单已支付' }])
    expect(res.headers.get('request-id')).toBeTruthy()
    const tx = await query(body.out_trade_no)
    expect(tx).toMatchObject({ trade_state: 'SUCCESS', trade_state_desc: '支付成功', payer: { openid: body.payer.openid }, amount: { total: 3200, payer_total: 3200 } })
    expect((await w.wallet('alice')).balance).toBe(before - 3200)
    await vi.waitFor(() => expect(opened().find((n) => n.resource.out_trade_no === body.out_trade_no)).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', resource: { transaction_id: tx.transaction_id } }))
    // closing again meets the paid order itself, rule or no rule
    const again = await close(body.out_trade_no)
    expect([again.status, again.body.code]).toEqual([400, 'ORDERPAID'])
    expect((await events('fault.fired')).filter((e) => e.payload.fault === 'ORDERPAID')).toHaveLength(1)
  })

  test('the payer\'s card pays when 零钱 is short', async () => {
    await clearRules()
    await addRule({ fault: 'ORDERPAID', person: 'carol', times: 1 })
    await fetch(`${w.p.url}/_sandbox/pay/people/carol/wallet`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ balance: 100 }) })
    const { body } = await w.placeJsapi({}, 'carol')
    expect((await close(body.out_trade_no)).body.code).toBe('ORDERPAID')
    expect(await query(body.out_trade_no)).toMatchObject({ trade_state: 'SUCCESS', bank_type: 'CMB_DEBIT' })
    expect((await w.wallet('carol')).balance).toBe(100)
  })

  test('an order whose payer is unknown (an unscanned Native code) just closes', async () => {
    await clearRules()
    await addRule({ fault: 'ORDERPAID' })
    const { payer: _, ...order } = await w.jsapiOrder()
    const placed = await w.merchant.post('/v3/pay/transactions/native', order)
    expect(placed.status).toBe(200)
    expect((await close(order.out_trade_no)).status).toBe(204)
    expect((await w.p.json('/_sandbox/faults')).faults[0]).toMatchObject({ fault: 'ORDERPAID', fired: 0 })
  })
})

describe('NOTENOUGH and BANKERROR', () => {
  test('NOTENOUGH: 零钱 short whatever it holds, the order stays NOTPAY, the card pays', async () => {
    await clearRules()
    await addRule({ fault: 'NOTENOUGH', times: 1 })
    const { body, prepayId } = await w.placeJsapi()
    const before = (await w.wallet('alice')).balance
    expect(before).toBeGreaterThan(3200)
    expect(await w.payPrepay('alice', prepayId)).toMatchObject({ outcome: 'insufficient_balance', message: '零钱余额不足，请更换支付方式' })
    expect(await query(body.out_trade_no)).toMatchObject({ trade_state: 'NOTPAY' })
    expect((await events('pay.payment.failed')).at(-1)!.payload).toEqual({ reason: 'insufficient_balance' })
    expect(await w.payPrepay('alice', prepayId, { method: 'card' })).toMatchObject({ outcome: 'success' })
    expect(await query(body.out_trade_no)).toMatchObject({ trade_state: 'SUCCESS', bank_type: 'CMB_DEBIT' })
    expect((await w.wallet('alice')).balance).toBe(before)
  })

  test('BANKERROR: the card\'s bank fails, the sheet stays open, the order stays NOTPAY, 零钱 pays', async () => {
    await clearRules()
    await addRule({ fault: 'BANKERROR', times: 1 })
    const { body, prepayId } = await w.placeJsapi()
    // 零钱 does not go through a bank: the rule waits for a card payment
    const other = await w.placeJsapi()
    expect((await w.payPrepay('alice', other.prepayId)).outcome).toBe('success')
    expect(await w.payPrepay('alice', prepayId, { method: 'card' })).toMatchObject({ outcome: 'bank_error', message: '银行系统异常，请稍后再试或更换支付方式' })
    expect(await query(body.out_trade_no)).toMatchObject({ trade_state: 'NOTPAY', trade_state_desc: '订单未支付' })
    expect((await events('pay.payment.failed')).at(-1)!.payload).toEqual({ reason: 'bank_error' })
    expect(await w.payPrepay('alice', prepayId)).toMatchObject({ outcome: 'success' })
    expect(await query(body.out_trade_no)).toMatchObject({ trade_state: 'SUCCESS', bank_type: 'OTHERS' })
  })
})

describe('refunds ending ABNORMAL or CLOSED', () => {
  async function paidOrder() {
    const { body, prepayId } = await w.placeJsapi()
    expect((await w.payPrepay('alice', prepayId)).outcome).toBe('success')
    return body.out_trade_no as string
  }
  const refund = (outTradeNo: string, outRefundNo: string) =>
    w.merchant.post('/v3/refund/domestic/refunds', { out_trade_no: outTradeNo, out_refund_no: outRefundNo, notify_url: receiver.url, amount: { refund: 3200, total: 3200, currency: 'CNY' } })
  const refundQuery = async (outRefundNo: string) => (await w.merchant.get(`/v3/refund/domestic/refunds/${outRefundNo}`)).body

  test('REFUND.ABNORMAL: PROCESSING, then ABNORMAL on the clock; the money reaches nobody, REFUND.ABNORMAL is notified', async () => {
    await clearRules()
    const outTradeNo = await paidOrder()
    await addRule({ fault: 'REFUND.ABNORMAL', times: 1 })
    const before = (await w.wallet('alice')).balance
    const made = await refund(outTradeNo, `RA${outTradeNo}`)
    expect([made.status, made.body.status]).toEqual([200, 'PROCESSING'])
    expect(await refundQuery(`RA${outTradeNo}`)).toMatchObject({ status: 'PROCESSING' })
    await advance('1m')
    await vi.waitFor(async () => expect(await refundQuery(`RA${outTradeNo}`)).toMatchObject({ status: 'ABNORMAL', user_received_account: '支付用户零钱' }))
    const q = await refundQuery(`RA${outTradeNo}`)
    expect(q.success_time).toBeUndefined()
    await vi.waitFor(() => expect(opened().find((n) => n.resource.out_refund_no === `RA${outTradeNo}`)).toMatchObject({ event_type: 'REFUND.ABNORMAL', resource: { refund_status: 'ABNORMAL' } }))
    expect((await w.wallet('alice')).balance).toBe(before)
    expect(await query(outTradeNo)).toMatchObject({ trade_state: 'REFUND' })
  })

  test('REFUND.CLOSED: PROCESSING, then CLOSED; REFUND.CLOSED is notified and the amount can be refunded again', async () => {
    await clearRules()
    const outTradeNo = await paidOrder()
    await addRule({ fault: 'REFUND.CLOSED', times: 1 })
    expect((await refund(outTradeNo, `RC${outTradeNo}`)).body.status).toBe('PROCESSING')
    await advance('1m')
    await vi.waitFor(async () => expect(await refundQuery(`RC${outTradeNo}`)).toMatchObject({ status: 'CLOSED' }))
    await vi.waitFor(() => expect(opened().find((n) => n.resource.out_refund_no === `RC${outTradeNo}`)).toMatchObject({ event_type: 'REFUND.CLOSED', resource: { refund_status: 'CLOSED' } }))
    const before = (await w.wallet('alice')).balance
    expect((await refund(outTradeNo, `RD${outTradeNo}`)).body.status).toBe('PROCESSING')
    await advance('1m')
    await vi.waitFor(async () => expect(await refundQuery(`RD${outTradeNo}`)).toMatchObject({ status: 'SUCCESS' }))
    expect((await w.wallet('alice')).balance).toBe(before + 3200)
  })
})

describe('SLOW_ANSWER', () => {
  test('the answer comes signed, after the hold, and the call was carried out before it', async () => {
    await clearRules()
    await addRule({ fault: 'SLOW_ANSWER', params: { ms: 400 }, route: '/v3/pay/transactions/jsapi', times: 1 })
    const body = await w.jsapiOrder()
    const started = Date.now()
    const pending = w.merchant.post('/v3/pay/transactions/jsapi', body)
    // the order exists while its answer is held back
    await vi.waitFor(async () => expect(await query(body.out_trade_no)).toMatchObject({ trade_state: 'NOTPAY' }))
    const res = await pending
    expect(Date.now() - started).toBeGreaterThanOrEqual(400)
    expect(res.status).toBe(200)
    expect(w.merchant.verify(res.headers, res.text)).toBe(true)
    expect((await events('fault.fired')).at(-1)!.payload).toMatchObject({ fault: 'SLOW_ANSWER', params: { ms: 400 }, route: '/v3/pay/transactions/jsapi' })
  })

  test('a real SDK times out on the prepay; its query finds the order, and the same out_trade_no again gives the same prepay_id', async () => {
    await clearRules()
    await fetch(`${w.p.url}/_sandbox/pay/merchants/${w.cred.mchid}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mode: 'certificate' }) })
    const interception = interceptWeChat(w.p.url)
    try {
      const pay = new Pay({ appid: w.mpAppid, mchid: w.cred.mchid, publicKey: Buffer.from(w.cred.merchantCertificate), privateKey: Buffer.from(w.cred.merchantPrivateKey), key: w.cred.apiV3Key })
      // wechatpay-node-v3 sets no timeout (superagent without .timeout() waits as long as the
      // answer takes); its one hook, createHttp, gives it an HTTP service that gives up after 1 s
      const TIMEOUT_MS = 1000
      const answer = async (url: string, init: RequestInit) => {
        try {
          const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) })
          const text = await res.text()
          return res.ok ? { status: res.status, data: text ? JSON.parse(text) : {} } : { status: res.status, error: text }
        } catch (err) {
          return { status: undefined, errRaw: { name: (err as Error).name }, error: (err as Error).message }
        }
      }
      pay.createHttp({
        get: (url: string, headers: Record<string, string>) => answer(url, { headers }),
        post: (url: string, params: unknown, headers: Record<string, string>) => answer(url, { method: 'POST', headers, body: JSON.stringify(params) }),
        upload: () => Promise.reject(new Error('not used')),
      } as never)
      const { notify_url: _, mchid: __, appid: ___, ...order } = (await w.jsapiOrder()) as Record<string, any>
      const params = { ...order, notify_url: receiver.url } as Parameters<Pay['transactions_jsapi']>[0]
      await addRule({ fault: 'SLOW_ANSWER', params: { ms: 2500 }, route: '/v3/pay/transactions/jsapi', times: 1 })

      const started = Date.now()
      const first = (await pay.transactions_jsapi(params)) as { status?: number; errRaw?: { name: string } }
      expect(first.status).toBeUndefined()
      expect(first.errRaw).toEqual({ name: 'TimeoutError' })
      expect(Date.now() - started).toBeLessThan(2500)

      // the merchant does not know: it asks, and the order is there, unpaid
      const found = (await pay.query({ out_trade_no: order.out_trade_no })) as { status: number; data: any }
      expect([found.status, found.data.trade_state]).toEqual([200, 'NOTPAY'])
      // placing it again with the same out_trade_no is answered (fast, the rule spent) with the same prepay
      const again = (await pay.transactions_jsapi(params)) as { status: number; data: { package: string } }
      expect(again.status).toBe(200)
      const { prepayId } = (await w.p.json(`/_sandbox/pay/merchants/${w.cred.mchid}/orders/${order.out_trade_no}`)) as { prepayId: string }
      expect(again.data.package).toBe(`prepay_id=${prepayId}`)
      const created = (await events('pay.order.created')).filter((e) => e.subject.out_trade_no === order.out_trade_no)
      expect(created).toHaveLength(1)
    } finally {
      interception.close()
      await fetch(`${w.p.url}/_sandbox/pay/merchants/${w.cred.mchid}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mode: 'public_key' }) })
    }
  })
})
