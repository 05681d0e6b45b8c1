import { createHash, createPrivateKey, randomBytes } from 'node:crypto'
import { requestMessage, rsaSign } from './crypto'
import { gunzipSync } from 'node:zlib'
import { parse } from 'csv-parse/sync'
import Pay from 'wechatpay-node-v3'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { interceptWeChat, type Interception } from '../../intercept'
import { payWorld, type PayWorld } from './testing'

// 交易账单 and 下载账单 from the day's real payments and refunds, with wechatpay-node-v3 (which
// hard-codes https://api.mch.weixin.qq.com) as the merchant, reaching the sandbox by interception.

let w: PayWorld
let interception: Interception
let pay: Pay
let day: string
let paid: { outTradeNo: string; transactionId: string }[] = []
const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)

beforeAll(async () => {
  w = await payWorld({ seed: 'bills' })
  interception = interceptWeChat(w.p.url)
  pay = new Pay({ appid: w.mpAppid, mchid: w.cred.mchid, publicKey: Buffer.from(w.cred.merchantCertificate), privateKey: Buffer.from(w.cred.merchantPrivateKey), key: w.cred.apiV3Key })
  day = chinaDate((await w.p.json('/_sandbox/clock')).nowMs)
  for (const [person, total] of [['alice', 3200], ['bob', 1800]] as const) {
    const { body, prepayId } = await w.placeJsapi({ amount: { total, currency: 'CNY' }, attach: `table=${person}` }, person)
    const result = await w.payPrepay(person, prepayId)
    expect(result.outcome).toBe('success')
    paid.push({ outTradeNo: body.out_trade_no, transactionId: result.transactionId })
  }
  // an order placed and never paid is in no bill
  await w.placeJsapi()
  const refund = await w.merchant.post('/v3/refund/domestic/refunds', { out_trade_no: paid[0]!.outTradeNo, out_refund_no: `${paid[0]!.outTradeNo}R`, amount: { refund: 1000, total: 3200, currency: 'CNY' } })
  expect(refund.status).toBe(200)
})
afterAll(async () => {
  interception.close()
  await w.p.close()
})

const toNextMorning = async (hour: number) => {
  const target = Date.parse(`${day}T00:00:00+08:00`) + 86_400_000 + hour * 3_600_000
  const now = (await w.p.json('/_sandbox/clock')).nowMs
  if (target > now) await w.p.post('/_sandbox/clock/advance', { to: new Date(target).toISOString() })
}

test("the day's bill is being made until 10:00 the next day (STATEMENT_CREATING)", async () => {
  const res = await w.merchant.get(`/v3/bill/tradebill?bill_date=${day}`)
  expect(res.status).toBe(400)
  expect(res.body.code).toBe('STATEMENT_CREATING')
})

test("the trade bill lists the day's payments and refund in WeChat's layout, its SHA1 as hash_value (wechatpay-node-v3)", async () => {
  await toNextMorning(10)
  const applied = await pay.tradebill({ bill_date: day, bill_type: 'ALL' })
  expect(applied.status).toBe(200)
  expect(applied.data).toEqual({ hash_type: 'SHA1', hash_value: expect.stringMatching(/^[0-9a-f]{40}$/), download_url: expect.stringMatching(/^https:\/\/api\.mch\.weixin\.qq\.com\/v3\/billdownload\/file\?token=/) })
  const file = await pay.downloadBill(applied.data.download_url)
  expect(file.status).toBe(200)
  const text = file.data as string
  expect(createHash('sha1').update(text).digest('hex')).toBe(applied.data.hash_value)
  const lines = parse(text, { relax_column_count: true }) as string[][]
  expect(lines[0]!.slice(0, 4)).toEqual(['交易时间', '公众账号ID', '商户号', '特约商户号'])
  expect(lines[0]).toHaveLength(27)
  const rows = lines.slice(1, -2)
  expect(rows.every((r) => r.every((f) => f.startsWith('`')))).toBe(true)
  const field = (r: string[], name: string) => r[lines[0]!.indexOf(name)]!.slice(1)
  expect(rows.map((r) => [field(r, '商户订单号'), field(r, '交易状态'), field(r, '应结订单金额'), field(r, '退款金额')])).toEqual([
    [paid[0]!.outTradeNo, 'SUCCESS', '32.00', '0.00'],
    [paid[1]!.outTradeNo, 'SUCCESS', '18.00', '0.00'],
    [paid[0]!.outTradeNo, 'REFUND', '0.00', '10.00'],
  ])
  expect(field(rows[0]!, '微信订单号')).toBe(paid[0]!.transactionId)
  expect(field(rows[0]!, '商户数据包')).toBe('table=alice')
  expect(field(rows[0]!, '用户标识')).toBe(await w.openid('alice'))
  expect(field(rows[0]!, '手续费')).toBe('0.19')
  expect(field(rows[2]!, '手续费')).toBe('-0.06')
  expect(lines.at(-2)).toEqual(['总交易单数', '应结订单总金额', '退款总金额', '充值券退款总金额', '手续费总金额', '订单总金额', '申请退款总金额'])
  // the refund settles a minute after it was made (零钱): SUCCESS by the next morning
  expect(lines.at(-1)!.map((f) => f.slice(1))).toEqual(['3', '50.00', '10.00', '0.00', '0.24', '50.00', '10.00'])
  // the file is the one answer WeChat Pay does not sign
  const url = new URL(applied.data.download_url)
  expect((await signedBytes(url.pathname + url.search)).toString('utf8')).toBe(text)
})

test('SUCCESS and REFUND bills hold only their rows; GZIP gives the same bill compressed, hashed uncompressed', async () => {
  await toNextMorning(10)
  const refunds = await w.merchant.get(`/v3/bill/tradebill?bill_date=${day}&bill_type=REFUND&tar_type=GZIP`)
  expect(refunds.status).toBe(200)
  expect(w.merchant.verify(refunds.headers, refunds.text)).toBe(true)
  const url = new URL(refunds.body.download_url)
  // the download is signed by the merchant like any v3 call
  const res = await fetch(`${w.p.url}${url.pathname}${url.search}`, { headers: { Authorization: 'none' } })
  expect(res.status).toBe(401)
  const bytes = await signedBytes(url.pathname + url.search)
  const text = gunzipSync(bytes).toString('utf8')
  expect(createHash('sha1').update(text).digest('hex')).toBe(refunds.body.hash_value)
  const lines = parse(text, { relax_column_count: true }) as string[][]
  expect(lines.slice(1, -2).map((r) => r[9])).toEqual(['`REFUND'])
  const success = await w.merchant.get(`/v3/bill/tradebill?bill_date=${day}&bill_type=SUCCESS`)
  expect(success.status).toBe(200)
  expect(success.body.hash_value).not.toBe(refunds.body.hash_value)
})

/** A GET signed as the merchant, read as bytes (the bill may be gzip). */
async function signedBytes(target: string) {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = randomBytes(16).toString('hex')
  const signature = rsaSign(createPrivateKey(w.cred.merchantPrivateKey), requestMessage('GET', target, timestamp, nonce, ''))
  const authorization = `WECHATPAY2-SHA256-RSA2048 mchid="${w.cred.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${w.cred.merchantSerialNo}"`
  const res = await fetch(w.p.url + target, { headers: { Authorization: authorization } })
  expect(res.status).toBe(200)
  expect(res.headers.get('Wechatpay-Signature')).toBeNull()
  return Buffer.from(await res.arrayBuffer())
}

test('a day without trades answers NO_STATEMENT_EXIST; bad input answers PARAM_ERROR and a forged token is refused', async () => {
  await toNextMorning(10)
  const before = new Date(Date.parse(`${day}T00:00:00+08:00`) - 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
  const none = await w.merchant.get(`/v3/bill/tradebill?bill_date=${before}`)
  expect([none.status, none.body]).toEqual([400, { code: 'NO_STATEMENT_EXIST', message: '账单文件不存在' }])
  for (const query of ['', '?bill_date=2026-13-01', `?bill_date=${day}&bill_type=EVERYTHING`, `?bill_date=${day}&tar_type=ZIP`, '?bill_date=2099-01-01']) {
    const res = await w.merchant.get(`/v3/bill/tradebill${query}`)
    expect([query, res.status, res.body.code]).toEqual([query, 400, 'PARAM_ERROR'])
  }
  const forged = await w.merchant.get('/v3/billdownload/file?token=eyJtIjoiMSJ9.bm9wZQ')
  expect([forged.status, forged.body.code]).toEqual([400, 'PARAM_ERROR'])
})
