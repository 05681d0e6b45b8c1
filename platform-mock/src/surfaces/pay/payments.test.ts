import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { notificationReceiver, payWorld, type PayWorld } from './testing'

let w: PayWorld
let receiver: Awaited<ReturnType<typeof notificationReceiver>>
beforeAll(async () => {
  w = await payWorld({ seed: 'payments' })
  receiver = await notificationReceiver()
})
afterAll(async () => {
  await receiver.close()
  await w.p.close()
})

const query = async (outTradeNo: string) =>
  (await w.merchant.get(`/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${w.cred.mchid}`)).body

describe('confirming a payment as a person', () => {
  test('pays: the order succeeds, the wallet is debited, a bill is written and the merchant notified', async () => {
    const before = (await w.wallet('alice')).balance
    const { body, prepayId } = await w.placeJsapi({ notify_url: receiver.url, attach: 'cup=large' })
    const preview = await (await w.p.post('/_sandbox/pay/people/alice/preview', { target: { requestPayment: w.merchant.requestPayment(w.mpAppid, prepayId) } })).json()
    expect(preview).toMatchObject({ merchantName: expect.any(String), description: body.description, total: 3200, tradeState: 'NOTPAY' })
    const seen = receiver.received.length
    const result = await w.payPrepay('alice', prepayId)
    expect(result).toMatchObject({ outcome: 'success', errMsg: 'requestPayment:ok', transactionId: expect.stringMatching(/^42000/) })
    expect((await w.wallet('alice')).balance).toBe(before - 3200)
    expect((await query(body.out_trade_no)).trade_state).toBe('SUCCESS')

    // the notification arrived before the person's confirmation returned, signed and sealed
    expect(receiver.received.length).toBe(seen + 1)
    const note = receiver.received.at(-1)!
    expect(note.headers['wechatpay-serial']).toBe(w.cred.platformPublicKeyId)
    expect(note.headers['wechatpay-signature-type']).toBe('WECHATPAY2-SHA256-RSA2048')
    expect(w.merchant.verify(note.headers, note.body)).toBe(true)
    const envelope = JSON.parse(note.body)
    expect(envelope).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      create_time: '2026-03-02T09:00:00+08:00',
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction', nonce: expect.stringMatching(/^\w{12}$/) },
    })
    expect(w.merchant.decrypt(envelope)).toEqual(await query(body.out_trade_no))
    expect(w.merchant.decrypt(envelope)).toMatchObject({ attach: 'cup=large', trade_state: 'SUCCESS', payer: { openid: body.payer.openid } })

    const { bills } = await w.p.json('/_sandbox/pay/people/alice/bills')
    expect(bills[0]).toMatchObject({ kind: 'payment', amount: 3200, method: 'balance', outTradeNo: body.out_trade_no, transactionId: result.transactionId })
    const types = (await w.p.json('/_sandbox/events?surface=pay')).events.map((e: any) => e.type)
    expect(types).toEqual(expect.arrayContaining(['pay.order.created', 'pay.payment.succeeded', 'pay.notification.attempted']))
  })

  test('a tampered or mismatched wx.requestPayment fails like the client, and changes nothing', async () => {
    const { body, prepayId } = await w.placeJsapi()
    const params = w.merchant.requestPayment(w.mpAppid, prepayId)
    const cases = [
      { ...params, paySign: params.paySign.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) },
      { ...params, nonceStr: params.nonceStr + 'x' },
      { ...params, timeStamp: String(Number(params.timeStamp) + 1) },
      { ...params, signType: 'MD5' },
      { ...params, appId: w.oaAppid },
    ]
    for (const requestPayment of cases) {
      expect(await w.pay('alice', { requestPayment })).toMatchObject({ outcome: 'fail', errMsg: 'requestPayment:fail 支付验证签名失败' })
    }
    const otherApp = w.merchant.requestPayment(w.oaAppid, prepayId)
    expect(await w.pay('alice', { requestPayment: otherApp })).toMatchObject({ outcome: 'fail', errMsg: expect.stringContaining('appid') })
    expect(await w.pay('alice', { requestPayment: { ...params, package: 'prepay_id=wx00000000000000nope' } })).toMatchObject({ outcome: 'fail' })
    expect(await w.pay('bob', { requestPayment: params })).toMatchObject({ outcome: 'fail', errMsg: expect.stringContaining('openid') })
    expect((await query(body.out_trade_no)).trade_state).toBe('NOTPAY')
  })

  test('takes the mini program parameters without appId, the app being implied', async () => {
    const { prepayId } = await w.placeJsapi()
    const { appId: _, ...params } = w.merchant.requestPayment(w.mpAppid, prepayId)
    expect(await w.pay('alice', { requestPayment: params }, { appId: w.mpAppid })).toMatchObject({ outcome: 'success' })
  })

  test('cancel leaves the order NOTPAY and reports requestPayment:fail cancel', async () => {
    const { body, prepayId } = await w.placeJsapi()
    expect(await w.payPrepay('alice', prepayId, { action: 'cancel' })).toMatchObject({ outcome: 'cancel', errMsg: 'requestPayment:fail cancel' })
    expect((await query(body.out_trade_no)).trade_state).toBe('NOTPAY')
    expect(await w.payPrepay('alice', prepayId)).toMatchObject({ outcome: 'success' })
  })

  test('a wrong payment password pays nothing', async () => {
    const before = (await w.wallet('alice')).balance
    const { body, prepayId } = await w.placeJsapi()
    expect(await w.payPrepay('alice', prepayId, { password: '654321' })).toMatchObject({ outcome: 'wrong_password', message: '支付密码错误，请重试' })
    expect((await query(body.out_trade_no)).trade_state).toBe('NOTPAY')
    expect((await w.wallet('alice')).balance).toBe(before)
  })

  test('a short balance fails, the bank card pays, and a changed password applies', async () => {
    const { body, prepayId } = await w.placeJsapi({ amount: { total: 9_000 } }, 'henry')
    expect((await w.wallet('henry')).balance).toBe(4_500)
    expect(await w.payPrepay('henry', prepayId)).toMatchObject({ outcome: 'insufficient_balance' })
    expect((await query(body.out_trade_no)).trade_state).toBe('NOTPAY')
    const patched = await (await fetch(`${w.p.url}/_sandbox/pay/people/henry/wallet`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ password: '888888' }) })).json()
    expect(patched.balance).toBe(4_500)
    expect(await w.payPrepay('henry', prepayId, { method: 'card' })).toMatchObject({ outcome: 'wrong_password' })
    expect(await w.payPrepay('henry', prepayId, { method: 'card', password: '888888' })).toMatchObject({ outcome: 'success' })
    expect((await w.wallet('henry')).balance).toBe(4_500)
    expect(await query(body.out_trade_no)).toMatchObject({ trade_state: 'SUCCESS', bank_type: 'CMB_DEBIT' })
  })

  test('paying twice fails the second time', async () => {
    const { prepayId } = await w.placeJsapi()
    expect((await w.payPrepay('alice', prepayId)).outcome).toBe('success')
    expect(await w.payPrepay('alice', prepayId)).toMatchObject({ outcome: 'fail', errMsg: 'requestPayment:fail 该订单已支付，请勿重复支付' })
  })

  test('Face ID pays without the password', async () => {
    const { prepayId } = await w.placeJsapi()
    expect(await w.payPrepay('alice', prepayId, { password: undefined, biometric: true })).toMatchObject({ outcome: 'success' })
  })
})

describe('Native, H5 and APP', () => {
  test('anyone who scans a Native code_url can pay it, and becomes its payer', async () => {
    const { payer: _, ...order } = await w.jsapiOrder()
    const { code_url } = (await w.merchant.post('/v3/pay/transactions/native', order)).body
    const result = await w.pay('carol', { codeUrl: code_url })
    expect(result).toMatchObject({ outcome: 'success' })
    expect(result.errMsg).toBeUndefined()
    expect(await query(order.out_trade_no)).toMatchObject({ trade_type: 'NATIVE', trade_state: 'SUCCESS', payer: { openid: await w.openid('carol') } })
    expect(await w.pay('carol', { codeUrl: 'weixin://wxpay/bizpayurl?pr=nope12345' })).toMatchObject({ outcome: 'fail', message: '二维码已失效' })
  })

  test('an H5 link and signed APP parameters pay too', async () => {
    const { payer: _, ...order } = await w.jsapiOrder()
    const { h5_url } = (await w.merchant.post('/v3/pay/transactions/h5', { ...order, scene_info: { payer_client_ip: '1.2.3.4', h5_info: { type: 'Wap' } } })).body
    expect(await w.pay('dave', { h5Url: h5_url })).toMatchObject({ outcome: 'success' })

    const appOrder = { ...order, out_trade_no: `${order.out_trade_no}APP` }
    const { prepay_id } = (await w.merchant.post('/v3/pay/transactions/app', appOrder)).body
    const { rsaSign } = await import('./crypto')
    const { createPrivateKey } = await import('node:crypto')
    const timestamp = String(Math.floor(Date.now() / 1000))
    const sign = rsaSign(createPrivateKey(w.cred.merchantPrivateKey), `${w.mpAppid}\n${timestamp}\nnonce1\n${prepay_id}\n`)
    const app = { appid: w.mpAppid, partnerid: w.cred.mchid, prepayid: prepay_id, package: 'Sign=WXPay', noncestr: 'nonce1', timestamp, sign }
    expect(await w.pay('dave', { app: { ...app, noncestr: 'nonce2' } })).toMatchObject({ outcome: 'fail', message: '支付验证签名失败' })
    expect(await w.pay('dave', { app })).toMatchObject({ outcome: 'success' })
    expect((await query(appOrder.out_trade_no)).trade_type).toBe('APP')
  })

  test('takes the target flat beside the password as well', async () => {
    const { payer: _, ...order } = await w.jsapiOrder()
    const { code_url } = (await w.merchant.post('/v3/pay/transactions/native', order)).body
    const res = await w.p.post('/_sandbox/pay/people/erin/pay', { codeUrl: code_url, password: '123456', method: 'balance', action: 'pay' })
    expect(await res.json()).toMatchObject({ outcome: 'success' })
    const both = await w.p.post('/_sandbox/pay/people/erin/pay', { codeUrl: code_url, target: { codeUrl: code_url } })
    expect(both.status).toBe(400)
  })

  test('the control API refuses an unknown person and a body naming no target', async () => {
    expect((await w.p.post('/_sandbox/pay/people/nobody/pay', { target: { codeUrl: 'x' } })).status).toBe(404)
    expect((await w.p.post('/_sandbox/pay/people/alice/pay', { password: '123456' })).status).toBe(400)
    const refused = await w.p.post('/_sandbox/pay/people/alice/preview', { target: { codeUrl: 'weixin://wxpay/bizpayurl?pr=nope12345' } })
    expect(refused.status).toBe(400)
    expect((await refused.json()).error.message).toBe('二维码已失效')
  })
})
