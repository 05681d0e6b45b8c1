import { generateKeyPairSync } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Pay from 'wechatpay-node-v3'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { interceptWeChat, type Interception } from '../../intercept'
import { payWorld, type PayWorld } from './testing'

// A merchant backend written against the real API with a real SDK from npm (wechatpay-node-v3,
// which hard-codes https://api.mch.weixin.qq.com), pointed at the sandbox only by interception.

let w: PayWorld
let interception: Interception
let backend: Server
let notifyUrl: string
const verified: { event_type: string; resource: any; verified: boolean }[] = []
let pay: Pay

beforeAll(async () => {
  w = await payWorld({ seed: 'sdk' })
  // wechatpay-node-v3 verifies with platform certificates it downloads itself
  await fetch(`${w.p.url}/_sandbox/pay/merchants/${w.cred.mchid}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mode: 'certificate' }),
  })
  interception = interceptWeChat(w.p.url)
  pay = new Pay({
    appid: w.mpAppid,
    mchid: w.cred.mchid,
    publicKey: Buffer.from(w.cred.merchantCertificate),
    privateKey: Buffer.from(w.cred.merchantPrivateKey),
    key: w.cred.apiV3Key,
  })

  // the merchant's notify_url handler, as the SDK's README writes it
  backend = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', async () => {
      const body = JSON.parse(raw)
      const ok = await pay.verifySign({
        timestamp: req.headers['wechatpay-timestamp'] as string,
        nonce: req.headers['wechatpay-nonce'] as string,
        serial: req.headers['wechatpay-serial'] as string,
        signature: req.headers['wechatpay-signature'] as string,
        body,
      })
      const { ciphertext, associated_data, nonce } = body.resource
      const resource = pay.decipher_gcm(ciphertext, associated_data, nonce, w.cred.apiV3Key)
      verified.push({ event_type: body.event_type, resource, verified: ok })
      res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify(ok ? { code: 'SUCCESS', message: '成功' } : { code: 'FAIL', message: '验签失败' }))
    })
  })
  await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r))
  notifyUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}/pay/notify`
})

afterAll(async () => {
  interception.close()
  await new Promise<void>((r) => backend.close(() => r()))
  await w.p.close()
})

test('a real SDK pays, verifies and decrypts notifications, queries and refunds against the sandbox', async () => {
  const outTradeNo = `SDK${Date.now()}`
  const openid = await w.openid('alice')

  // order: the SDK signs the request and returns ready-made wx.requestPayment parameters
  const order = await pay.transactions_jsapi({
    description: '流明咖啡-燕麦拿铁',
    out_trade_no: outTradeNo,
    notify_url: notifyUrl,
    amount: { total: 4200, currency: 'CNY' },
    payer: { openid },
    attach: 'store=SH-001',
  } as Parameters<Pay['transactions_jsapi']>[0])
  expect(order.status).toBe(200)
  expect(order.data).toMatchObject({ appId: w.mpAppid, package: expect.stringMatching(/^prepay_id=wx/), signType: 'RSA' })

  // the person pays on their phone with exactly those parameters
  const paid = await w.pay('alice', { requestPayment: order.data })
  expect(paid).toMatchObject({ outcome: 'success', errMsg: 'requestPayment:ok' })

  // the notification was verified by the SDK (which fetched /v3/certificates itself) and decrypted
  expect(verified).toHaveLength(1)
  expect(verified[0]).toMatchObject({
    event_type: 'TRANSACTION.SUCCESS',
    verified: true,
    resource: { out_trade_no: outTradeNo, trade_state: 'SUCCESS', attach: 'store=SH-001', amount: { total: 4200 }, payer: { openid } },
  })
  const note = (await w.p.json(`/_sandbox/pay/notifications/${paid.notificationId}`)) as any
  expect(note.status).toBe('delivered')
  expect(interception.calls).toContain('GET https://api.mch.weixin.qq.com/v3/certificates')

  // query by out_trade_no and by transaction_id
  const byNo = await pay.query({ out_trade_no: outTradeNo })
  expect(byNo.status).toBe(200)
  expect(byNo.data).toMatchObject({ trade_state: 'SUCCESS', transaction_id: paid.transactionId })
  const byId = await pay.query({ transaction_id: paid.transactionId })
  expect(byId.data).toEqual(byNo.data)

  // partial refund, settled on the clock, notified
  const refund = await pay.refunds({
    out_trade_no: outTradeNo,
    out_refund_no: `${outTradeNo}R1`,
    reason: '少了一杯',
    notify_url: notifyUrl,
    amount: { refund: 1500, total: 4200, currency: 'CNY' },
  } as Parameters<Pay['refunds']>[0])
  expect(refund.status).toBe(200)
  expect(refund.data).toMatchObject({ status: 'PROCESSING', amount: { refund: 1500, total: 4200 } })
  await w.p.post('/_sandbox/clock/advance', { by: '5m' })
  expect(verified).toHaveLength(2)
  expect(verified[1]).toMatchObject({ event_type: 'REFUND.SUCCESS', verified: true, resource: { out_refund_no: `${outTradeNo}R1`, refund_status: 'SUCCESS' } })
  const found = await pay.find_refunds(`${outTradeNo}R1`)
  expect(found.status).toBe(200)
  expect(found.data).toMatchObject({ status: 'SUCCESS', out_trade_no: outTradeNo })
  expect((await pay.query({ out_trade_no: outTradeNo })).data.trade_state).toBe('REFUND')
})

test('the SDK closes an unpaid order (204)', async () => {
  const outTradeNo = `SDKC${Date.now()}`
  const order = await pay.transactions_jsapi({
    description: '流明咖啡-手冲',
    out_trade_no: outTradeNo,
    notify_url: notifyUrl,
    amount: { total: 3800 },
    payer: { openid: await w.openid('bob') },
  } as Parameters<Pay['transactions_jsapi']>[0])
  expect(order.status).toBe(200)
  const closed = await pay.close(outTradeNo)
  expect(closed.status).toBe(204)
  expect((await pay.query({ out_trade_no: outTradeNo })).data.trade_state).toBe('CLOSED')
})

test('the SDK signing with the wrong key gets 401 SIGN_ERROR', async () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const impostor = new Pay({
    appid: w.mpAppid,
    mchid: w.cred.mchid,
    publicKey: Buffer.from(w.cred.merchantCertificate),
    privateKey: Buffer.from(privateKey.export({ type: 'pkcs8', format: 'pem' })),
  })
  const res = await impostor.query({ out_trade_no: 'ANYORDER1' })
  expect(res.status).toBe(401)
  expect(JSON.parse((res as { error: string }).error)).toMatchObject({ code: 'SIGN_ERROR' })
})
