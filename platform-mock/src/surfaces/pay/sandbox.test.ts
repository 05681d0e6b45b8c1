import { afterAll, beforeAll, expect, test } from 'vitest'
import { payWorld, type PayWorld } from './testing'

let w: PayWorld
beforeAll(async () => {
  w = await payWorld({ seed: 'pay-sandbox' })
})
afterAll(() => w.p.close())

const patch = (path: string, body: unknown) =>
  fetch(w.p.url + path, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

test('every seeded person has a wallet with a card and the default payment password', async () => {
  const wallet = await w.p.json('/_sandbox/pay/people/carol/wallet')
  expect(wallet).toMatchObject({ balance: 120_000, card: { bank: '招商银行', bankType: 'CMB_DEBIT', tail: expect.stringMatching(/^\d{4}$/) } })
  expect(JSON.stringify(wallet)).not.toContain('123456')
  const { prepayId } = await w.placeJsapi({}, 'carol')
  expect((await w.payPrepay('carol', prepayId, { password: '123456' })).outcome).toBe('success')
  expect((await patch('/_sandbox/pay/people/carol/wallet', { password: '12ab' })).status).toBe(400)
  expect((await w.p.json('/_sandbox/pay/people/nobody/wallet')).error.code).toBe('not_found')
})

test('a new person gets a wallet too', async () => {
  await w.p.post('/_sandbox/people', { id: 'zoe', name: 'Zoe Ma', balance: 1234 })
  expect((await w.p.json('/_sandbox/pay/people/zoe/wallet')).balance).toBe(1234)
  expect((await w.p.json('/_sandbox/pay/people/zoe/bills')).bills).toEqual([])
})

test('a snapshot keeps orders, wallets and settings; a reset brings back the seeded defaults', async () => {
  const { body, prepayId } = await w.placeJsapi({}, 'dave')
  await w.payPrepay('dave', prepayId)
  await patch(`/_sandbox/pay/merchants/${w.cred.mchid}`, { mode: 'certificate' })
  await patch('/_sandbox/pay/people/dave/wallet', { password: '000000' })
  const paidBalance = (await w.wallet('dave')).balance
  await w.p.post('/_sandbox/snapshots', { name: 'after-dave' })

  await w.p.post('/_sandbox/reset')
  expect((await w.p.json(`/_sandbox/pay/merchants/${w.cred.mchid}`)).mode).toBe('public_key')
  expect((await w.wallet('dave')).balance).toBe(30_000)
  const gone = await w.merchant.get(`/v3/pay/transactions/out-trade-no/${body.out_trade_no}?mchid=${w.cred.mchid}`)
  expect(gone.status).toBe(404)
  // the response of a reset world is signed in the default mode again
  expect(gone.headers.get('wechatpay-serial')).toBeNull()
  const fresh = await w.merchant.post('/v3/pay/transactions/jsapi', await w.jsapiOrder())
  expect(fresh.headers.get('wechatpay-serial')).toBe(w.cred.platformPublicKeyId)

  await w.p.post('/_sandbox/snapshots/after-dave/restore')
  expect((await w.p.json(`/_sandbox/pay/merchants/${w.cred.mchid}`)).mode).toBe('certificate')
  expect((await w.wallet('dave')).balance).toBe(paidBalance)
  const back = await w.merchant.get(`/v3/pay/transactions/out-trade-no/${body.out_trade_no}?mchid=${w.cred.mchid}`)
  expect(back.body.trade_state).toBe('SUCCESS')
  expect(back.headers.get('wechatpay-serial')).toBe(w.cred.platformCertificateSerialNo)
})

test('lists merchants, and answers 404 for unknown ones', async () => {
  const { merchants } = await w.p.json('/_sandbox/pay/merchants')
  expect(merchants).toEqual([expect.objectContaining({ mchid: w.cred.mchid, appids: [w.mpAppid, w.oaAppid] })])
  expect((await w.p.get('/_sandbox/pay/merchants/1900000000/orders')).status).toBe(404)
})

test('answers 400 to a merchant or wallet patch that changes nothing', async () => {
  const res = await patch(`/_sandbox/pay/merchants/${w.cred.mchid}`, {})
  expect(res.status).toBe(400)
  expect(await res.json()).toEqual({ error: { code: 'invalid', message: 'body: give `mode` or `balance` (or both)' } })
  expect((await patch('/_sandbox/pay/people/carol/wallet', {})).status).toBe(400)
})
