import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../platform-mock/src/testing'
import { fetchCredentials, type SandboxCredentials } from '../src/config'
import { WeChatClient } from './client'
import { WeChatApiError } from './errors'
import { WeChatPay } from './pay'

let platform: TestPlatform
let cred: SandboxCredentials

beforeAll(async () => {
  platform = await testPlatform()
  cred = await fetchCredentials(platform.url)
})
afterAll(() => platform?.close())

const client = () => new WeChatClient({ appid: cred.miniProgram.appid, secret: cred.miniProgram.secret, baseUrl: platform.url })

test('the access token is cached, and fetched again when WeChat says it expired (42001)', async () => {
  const wx = client()
  const token = await wx.accessToken()
  expect(await wx.accessToken()).toBe(token)
  await platform.post('/_sandbox/clock/advance', { by: '3h' })
  // the cache still believes in the old token (real time); the call gets 42001 and retries
  const templates = await wx.templates()
  expect(templates.map((t) => t.title)).toContain('取餐提醒')
  expect(await wx.accessToken()).not.toBe(token)
})

test('a wrong secret surfaces as a WeChatApiError with errcode 40125', async () => {
  const wx = new WeChatClient({ appid: cred.miniProgram.appid, secret: 'x'.repeat(32), baseUrl: platform.url })
  await expect(wx.code2Session('nope')).rejects.toMatchObject({ errcode: 40125 })
  await expect(wx.accessToken()).rejects.toBeInstanceOf(WeChatApiError)
})

test('pay answers are verified: a tampered body or an unknown serial is refused', async () => {
  const pay = new WeChatPay({ ...cred.pay, baseUrl: platform.url })
  const res = await fetch(`${platform.url}/v3/pay/transactions/out-trade-no/NOPE?mchid=${cred.pay.mchid}`, {
    headers: { Authorization: pay.authorization('GET', `/v3/pay/transactions/out-trade-no/NOPE?mchid=${cred.pay.mchid}`, ''), Accept: 'application/json' },
  })
  expect(res.status).toBe(404)
  await expect(pay.queryByOutTradeNo('NOPE')).rejects.toMatchObject({ status: 404, code: 'ORDER_NOT_EXIST' })

  const signed = await fetch(`${platform.url}/v3/pay/transactions/out-trade-no/X?mchid=${cred.pay.mchid}`, { method: 'GET' })
  expect(signed.status).toBe(401)
  const headers = { timestamp: String(Math.floor(Date.now() / 1000)), nonce: 'n', signature: 'AAAA', serial: cred.pay.platformPublicKeyId! }
  expect(() => pay.verify(headers, '{}')).toThrow(/does not match/)
  expect(() => pay.verify({ ...headers, serial: 'PUB_KEY_ID_0000' }, '{}')).toThrow(/unknown Wechatpay-Serial/)
  expect(() => pay.verify({ ...headers, timestamp: '1000' }, '{}')).toThrow(/not within 300s/)
})

test('in platform-certificate mode answers are signed by the certificate, and still verify', async () => {
  const patched = await fetch(`${platform.url}/_sandbox/pay/merchants/${cred.pay.mchid}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'certificate' }) })
  expect(patched.ok).toBe(true)
  const pay = new WeChatPay({ ...cred.pay, baseUrl: platform.url })
  await expect(pay.queryByOutTradeNo('NOPE')).rejects.toMatchObject({ code: 'ORDER_NOT_EXIST' })
  const { code } = await platform.json('/_sandbox/people/alice/miniprogram/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
  const { openid } = await client().code2Session(code)
  const order = await pay.jsapi({ appid: cred.miniProgram.appid, description: 'Latte', out_trade_no: `C${Date.now()}`, notify_url: 'http://127.0.0.1:9/n', amount: { total: 100 }, payer: { openid } })
  expect(order.prepay_id).toMatch(/^wx/)
  const onlyKey = new WeChatPay({ ...cred.pay, platformCertificate: undefined, platformCertificateSerialNo: undefined, baseUrl: platform.url })
  await expect(onlyKey.jsapi({ appid: cred.miniProgram.appid, description: 'Latte', out_trade_no: `D${Date.now()}`, notify_url: 'http://127.0.0.1:9/n', amount: { total: 100 }, payer: { openid } })).rejects.toMatchObject({ code: 'SIGN_ERROR' })
})
