import { createPublicKey } from 'node:crypto'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { aesGcmDecrypt, responseMessage, rsaVerify } from './crypto'
import { notificationReceiver, payWorld, type PayWorld } from './testing'

// The pay-keys faults against a real platform over HTTP: what a merchant that verifies WeChat Pay's
// signatures sees on an answer and on a notification.

let w: PayWorld
beforeAll(async () => {
  w = await payWorld({ seed: 'key-faults' })
})
afterEach(async () => {
  await fetch(`${w.p.url}/_sandbox/faults`, { method: 'DELETE' })
  await mode('public_key')
})
afterAll(() => w.p.close())

const fault = async (rule: Record<string, unknown>) => {
  const res = await w.p.post('/_sandbox/faults', { surface: 'pay-keys', ...rule })
  expect(res.status, await res.clone().text()).toBe(201)
  return res.json()
}
const mode = (m: 'certificate' | 'public_key') =>
  fetch(`${w.p.url}/_sandbox/pay/merchants/${w.cred.mchid}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mode: m }) })
const query = (outTradeNo: string) => w.merchant.get(`/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${w.cred.mchid}`)

test('SIGNTEST: the answer carries a probe signature that no merchant may accept; the next answer verifies again', async () => {
  const { body } = await w.placeJsapi()
  await fault({ fault: 'SIGNTEST', route: '/v3/pay/transactions/out-trade-no/*', times: 1 })
  const probed = await query(body.out_trade_no)
  expect(probed.status).toBe(200)
  expect(probed.headers.get('Wechatpay-Signature')).toMatch(/^WECHATPAY\/SIGNTEST\//)
  expect(w.merchant.verify(probed.headers, probed.text)).toBe(false)
  const next = await query(body.out_trade_no)
  expect(w.merchant.verify(next.headers, next.text)).toBe(true)
})

test('SIGNTEST on a notification: the merchant that refuses it gets it again, properly signed, on the retry ladder', async () => {
  const r = await notificationReceiver((n, req) => ({ status: String(req.headers['wechatpay-signature']).startsWith('WECHATPAY/SIGNTEST/') ? 401 : 204 }))
  try {
    await fault({ fault: 'SIGNTEST', route: '/TRANSACTION.SUCCESS', times: 1 })
    const { prepayId } = await w.placeJsapi({ notify_url: r.url })
    const paid = await w.payPrepay('alice', prepayId)
    expect(r.received).toHaveLength(1)
    expect(w.merchant.verify(r.received[0]!.headers, r.received[0]!.body)).toBe(false)
    await w.p.post('/_sandbox/clock/advance', { by: '1m' })
    expect(r.received).toHaveLength(2)
    expect(w.merchant.verify(r.received[1]!.headers, r.received[1]!.body)).toBe(true)
    const n = await w.p.json(`/_sandbox/pay/notifications/${paid.notificationId}`)
    expect(n.status).toBe('delivered')
    expect(n.attempts.map((a: { status: number }) => a.status)).toEqual([401, 204])
  } finally {
    await r.close()
  }
})

test('clock-skew: the timestamp is off by the seconds asked, signed over that timestamp (a merchant must refuse it for the skew)', async () => {
  const { body } = await w.placeJsapi()
  await fault({ fault: 'clock-skew', params: { seconds: -900 }, times: 1 })
  const before = Math.floor(Date.now() / 1000)
  const skewed = await query(body.out_trade_no)
  const at = Number(skewed.headers.get('Wechatpay-Timestamp'))
  expect(at).toBeLessThanOrEqual(before - 900 + 1)
  expect(at).toBeGreaterThanOrEqual(before - 900 - 5)
  expect(w.merchant.verify(skewed.headers, skewed.text)).toBe(true)
  expect(Math.abs(Date.now() / 1000 - at)).toBeGreaterThan(300)
})

test('a bad pay-keys rule is refused with the parameter named', async () => {
  const res = await w.p.post('/_sandbox/faults', { surface: 'pay-keys', fault: 'clock-skew', params: { seconds: 0 } })
  expect(res.status).toBe(400)
  expect(JSON.stringify(await res.json())).toContain('seconds')
})

test('public-key: a merchant still on platform certificates gets an answer signed with the WeChat Pay public key', async () => {
  await mode('certificate')
  const { body } = await w.placeJsapi()
  const plain = await query(body.out_trade_no)
  expect(plain.headers.get('Wechatpay-Serial')).toBe(w.cred.platformCertificateSerialNo)
  await fault({ fault: 'public-key', times: 1 })
  const switched = await query(body.out_trade_no)
  expect(switched.headers.get('Wechatpay-Serial')).toBe(w.cred.platformPublicKeyId)
  expect(switched.headers.get('Wechatpay-Serial')).toMatch(/^PUB_KEY_ID_/)
  expect(w.merchant.verify(switched.headers, switched.text)).toBe(true)
})

test('cert-rotation: a new certificate is listed beside the old; after the overlap it signs, and it verifies once downloaded', async () => {
  await mode('certificate')
  const listed = async () => {
    const res = await w.merchant.get('/v3/certificates')
    expect(res.status).toBe(200)
    return res.body.data as { serial_no: string; encrypt_certificate: { nonce: string; associated_data: string; ciphertext: string } }[]
  }
  expect((await listed()).map((c) => c.serial_no)).toEqual([w.cred.platformCertificateSerialNo])
  await fault({ fault: 'cert-rotation', params: { overlap: '10m' } })
  const both = await listed()
  expect(both).toHaveLength(2)
  const fresh = both.find((c) => c.serial_no !== w.cred.platformCertificateSerialNo)!
  expect(both.map((c) => c.serial_no)).toContain(w.cred.platformCertificateSerialNo)
  const e = fresh.encrypt_certificate
  const pem = aesGcmDecrypt(w.cred.apiV3Key, e.nonce, e.associated_data, e.ciphertext)
  const { body } = await w.placeJsapi()
  // during the overlap the old certificate still signs
  const during = await query(body.out_trade_no)
  expect(during.headers.get('Wechatpay-Serial')).toBe(w.cred.platformCertificateSerialNo)
  await w.p.post('/_sandbox/clock/advance', { by: '10m' })
  const after = await query(body.out_trade_no)
  expect(after.headers.get('Wechatpay-Serial')).toBe(fresh.serial_no)
  // a merchant that kept only the old certificate cannot verify it; with the new one it can
  expect(w.merchant.verify(after.headers, after.text)).toBe(false)
  const h = (name: string) => after.headers.get(name)!
  expect(rsaVerify(createPublicKey(pem), responseMessage(h('Wechatpay-Timestamp'), h('Wechatpay-Nonce'), after.text), h('Wechatpay-Signature'))).toBe(true)
  // clearing the rule ends the rotation
  await fetch(`${w.p.url}/_sandbox/faults`, { method: 'DELETE' })
  expect((await listed()).map((c) => c.serial_no)).toEqual([w.cred.platformCertificateSerialNo])
})
