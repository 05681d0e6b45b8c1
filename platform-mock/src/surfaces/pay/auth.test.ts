import { X509Certificate, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { aesGcmDecrypt, responseMessage, rsaVerify } from './crypto'
import { merchantClient, payWorld, type PayWorld } from './testing'

let w: PayWorld
beforeAll(async () => {
  w = await payWorld({ seed: 'auth' })
})
afterAll(() => w.p.close())

const orderCount = async () => (await w.p.json(`/_sandbox/pay/merchants/${w.cred.mchid}/orders?limit=1000`)).orders.length
const setMode = (mode: 'public_key' | 'certificate') =>
  fetch(`${w.p.url}/_sandbox/pay/merchants/${w.cred.mchid}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mode }) })

describe('request authentication', () => {
  test('a request signed with the wrong key gets 401 SIGN_ERROR and changes nothing', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const impostor = merchantClient(w.p, w.cred, { privateKey })
    const before = await orderCount()
    const res = await impostor.post('/v3/pay/transactions/jsapi', await w.jsapiOrder())
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({
      code: 'SIGN_ERROR',
      message: '签名错误，请检查后再试',
      detail: {
        field: 'signature',
        location: 'authorization',
        detail: { issue: 'sign not match' },
        sign_information: { method: 'POST', url: '/v3/pay/transactions/jsapi', truncated_sign_message: expect.stringMatching(/^POST\n\/v3\/pay\/transactions\/jsapi\n\d+\n\w+\n\{"appid"\n$/) },
      },
    })
    expect(res.headers.get('request-id')).toMatch(/-0$/)
    expect(res.headers.get('wechatpay-signature')).toBeNull()
    expect(await orderCount()).toBe(before)
  })

  test('compares the serial case-insensitively and refuses another serial', async () => {
    const lower = merchantClient(w.p, w.cred, { serial: w.cred.merchantSerialNo.toLowerCase() })
    expect((await lower.post('/v3/pay/transactions/jsapi', await w.jsapiOrder())).status).toBe(200)
    const other = merchantClient(w.p, w.cred, { serial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1' })
    const res = await other.post('/v3/pay/transactions/jsapi', await w.jsapiOrder())
    expect([res.status, res.body.code]).toEqual([401, 'SIGN_ERROR'])
  })

  test('refuses stale and future timestamps', async () => {
    const now = Math.floor(Date.now() / 1000)
    for (const timestamp of [now - 330, now + 330]) {
      const res = await w.merchant.call('GET', `/v3/pay/transactions/out-trade-no/ANYORDER1?mchid=${w.cred.mchid}`, undefined, { timestamp })
      expect([res.status, res.body.code, res.body.detail.field]).toEqual([401, 'SIGN_ERROR', 'timestamp'])
    }
    const fresh = await w.merchant.call('GET', `/v3/pay/transactions/out-trade-no/ANYORDER1?mchid=${w.cred.mchid}`, undefined, { timestamp: now - 200 })
    expect(fresh.status).toBe(404)
  })

  test('refuses a missing or foreign Authorization, and a signature over other bytes', async () => {
    const target = `/v3/pay/transactions/out-trade-no/ANYORDER1?mchid=${w.cred.mchid}`
    const none = await fetch(w.p.url + target)
    expect([none.status, (await none.json()).code]).toEqual([401, 'SIGN_ERROR'])
    const basic = await w.merchant.call('GET', target, undefined, { authorization: 'Basic dXNlcjpwYXNz' })
    expect(basic.status).toBe(401)

    // signed for one query string, sent with another
    const signed = await w.merchant.call('GET', target)
    expect(signed.status).toBe(404)
    const res = await fetch(`${w.p.url}/v3/pay/transactions/out-trade-no/ANYORDER2?mchid=${w.cred.mchid}`, {
      headers: { Authorization: (await captureAuthorization('GET', target)) },
    })
    expect([res.status, (await res.json()).code]).toEqual([401, 'SIGN_ERROR'])
  })

  test('verifies over the raw body bytes: reformatted JSON fails', async () => {
    const body = await w.jsapiOrder()
    const compact = JSON.stringify(body)
    const auth = await captureAuthorization('POST', '/v3/pay/transactions/jsapi', compact)
    const pretty = await fetch(`${w.p.url}/v3/pay/transactions/jsapi`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(body, null, 2),
    })
    expect(pretty.status).toBe(401)
    const exact = await fetch(`${w.p.url}/v3/pay/transactions/jsapi`, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: compact })
    expect(exact.status).toBe(200)
  })
})

/** The Authorization header the merchant client would send for a request. */
async function captureAuthorization(method: string, target: string, body = '') {
  const { requestMessage, rsaSign } = await import('./crypto')
  const { createPrivateKey } = await import('node:crypto')
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = randomBytes(8).toString('hex')
  const signature = rsaSign(createPrivateKey(w.cred.merchantPrivateKey), requestMessage(method, target, timestamp, nonce, body))
  return `WECHATPAY2-SHA256-RSA2048 mchid="${w.cred.mchid}",nonce_str="${nonce}",timestamp="${timestamp}",serial_no="${w.cred.merchantSerialNo}",signature="${signature}"`
}

describe('platform modes', () => {
  test('public-key mode signs with PUB_KEY_ID_… and has no platform certificates', async () => {
    const res = await w.merchant.get('/v3/certificates')
    expect(res.status).toBe(404)
    expect(res.body.code).toBe('RESOURCE_NOT_EXISTS')
    expect(res.body.message).toMatch(/^无可用的平台证书/)
    expect(w.cred.platformPublicKeyId).toMatch(/^PUB_KEY_ID_01\d+$/)
  })

  test('certificate mode serves /v3/certificates sealed with the APIv3 key, signed by the certificate it lists', async () => {
    await setMode('certificate')
    try {
      const res = await w.merchant.get('/v3/certificates')
      expect(res.status).toBe(200)
      const [entry] = res.body.data
      expect(res.body.data).toHaveLength(1)
      expect(entry).toMatchObject({
        serial_no: w.cred.platformCertificateSerialNo,
        effective_time: expect.stringMatching(/\+08:00$/),
        expire_time: expect.stringMatching(/\+08:00$/),
        encrypt_certificate: { algorithm: 'AEAD_AES_256_GCM', associated_data: 'certificate' },
      })
      const e = entry.encrypt_certificate
      const pem = aesGcmDecrypt(w.cred.apiV3Key, e.nonce, e.associated_data, e.ciphertext)
      const cert = new X509Certificate(pem)
      expect(cert.serialNumber.toUpperCase()).toBe(entry.serial_no)
      expect(res.headers.get('wechatpay-serial')).toBe(entry.serial_no)
      const h = (n: string) => res.headers.get(n)!
      const message = responseMessage(h('wechatpay-timestamp'), h('wechatpay-nonce'), res.text)
      expect(rsaVerify(createPublicKey(pem), message, h('wechatpay-signature'))).toBe(true)
      const order = await w.merchant.post('/v3/pay/transactions/jsapi', await w.jsapiOrder())
      expect(order.headers.get('wechatpay-serial')).toBe(w.cred.platformCertificateSerialNo)
      expect(w.merchant.verify(order.headers, order.text)).toBe(true)
      const sm2 = await w.merchant.get('/v3/certificates?algorithm_type=SM2')
      expect(sm2.body).toEqual({ data: [] })
    } finally {
      await setMode('public_key')
    }
  })

  test('the mode is a per-merchant setting of the control API', async () => {
    const bad = await fetch(`${w.p.url}/_sandbox/pay/merchants/${w.cred.mchid}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ mode: 'sm2' }),
    })
    expect(bad.status).toBe(400)
    const m = await w.p.json(`/_sandbox/pay/merchants/${w.cred.mchid}`)
    expect(m).toMatchObject({ mchid: w.cred.mchid, mode: 'public_key', platformSerial: w.cred.platformPublicKeyId })
  })
})

describe('injected faults', () => {
  test('FREQUENCY_LIMITED and SYSTEM_ERROR answer the next matching calls, then the API is back; nothing changes', async () => {
    const before = await orderCount()
    const add = async (fault: Record<string, unknown>) => expect((await w.p.post('/_sandbox/pay/faults', fault)).status).toBe(201)
    await add({ code: 'FREQUENCY_LIMITED', path: '/v3/pay/transactions/jsapi', times: 2 })
    await add({ code: 'SYSTEM_ERROR', method: 'POST' })
    const body = await w.jsapiOrder()
    const limited = await w.merchant.post('/v3/pay/transactions/jsapi', body)
    expect([limited.status, limited.body.code]).toEqual([429, 'FREQUENCY_LIMITED'])
    expect((await w.merchant.post('/v3/pay/transactions/jsapi', body)).status).toBe(429)
    const failed = await w.merchant.post('/v3/pay/transactions/jsapi', body)
    expect([failed.status, failed.body.code]).toEqual([500, 'SYSTEM_ERROR'])
    expect(await orderCount()).toBe(before)
    expect((await w.p.json('/_sandbox/pay/faults')).faults).toEqual([])
    expect((await w.merchant.post('/v3/pay/transactions/jsapi', body)).status).toBe(200)
  })

  test('faults never bypass authentication', async () => {
    await w.p.post('/_sandbox/pay/faults', { code: 'SYSTEM_ERROR' })
    const res = await fetch(`${w.p.url}/v3/certificates`)
    expect(res.status).toBe(401)
    await fetch(`${w.p.url}/_sandbox/pay/faults`, { method: 'DELETE' })
    expect((await w.p.json('/_sandbox/pay/faults')).faults).toEqual([])
  })
})
