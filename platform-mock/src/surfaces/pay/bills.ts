import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { and, eq, gte, lt } from 'drizzle-orm'
import { stringify } from 'csv-stringify/sync'
import { Hono } from 'hono'
import type { PlatformEnv } from '../../shared/env'
import { payAuth } from './auth'
import type { Platform } from '../../platform'
import { PayError } from '../../shared/errors'
import { merchantKeys } from './crypto'
import { paramError } from './errors'
import { payOrders, payRefunds } from './schema'

const CHINA_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000
/** WeChat Pay makes the day's bill at 10:00 the next day (China time); before that it is "being made". */
const READY_AFTER_MS = DAY_MS + 10 * 3_600_000
/** The fee rate the sandbox charges (WeChat's standard rate for most categories). */
export const FEE_RATE = 0.006

export type BillType = 'ALL' | 'SUCCESS' | 'REFUND'
export type TarType = 'GZIP' | null

/** 交易账单 columns, WeChat's own, in order. */
const TRADE_COLUMNS = [
  '交易时间', '公众账号ID', '商户号', '特约商户号', '设备号', '微信订单号', '商户订单号', '用户标识', '交易类型', '交易状态',
  '付款银行', '货币种类', '应结订单金额', '代金券金额', '微信退款单号', '商户退款单号', '退款金额', '充值券退款金额', '退款类型',
  '退款状态', '商品名称', '商户数据包', '手续费', '费率', '订单金额', '申请退款金额', '费率备注',
]
const TRADE_SUMMARY = ['总交易单数', '应结订单总金额', '退款总金额', '充值券退款总金额', '手续费总金额', '订单总金额', '申请退款总金额']

/** The start of a China-time day `yyyy-MM-dd` in epoch ms; NaN when it is not a date. */
function chinaDay(date: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return NaN
  const ms = Date.parse(`${date}T00:00:00+08:00`)
  return Number.isNaN(ms) || new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10) !== date ? NaN : ms
}
const chinaTime = (ms: number) => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')
const yuan = (fen: number) => (fen / 100).toFixed(2)
const fee = (fen: number) => Math.round(fen * FEE_RATE)
/** Every field of a bill row is written with a leading backquote (so spreadsheets keep ids as text). */
const ticked = (row: (string | number)[]) => row.map((v) => `\`${v}`)

/** Checks `bill_date` (and the day's readiness) the way WeChat Pay answers it. */
export function billDay(platform: Platform, date: string | undefined): number {
  if (!date) throw paramError('输入源“/query/bill_date”映射到字段“账单日期”必填性规则校验失败，此字段为必填项', { location: 'query', value: '' })
  const start = chinaDay(date)
  if (Number.isNaN(start)) throw paramError('输入源“/query/bill_date”映射到值字段“账单日期”字符串规则校验失败，字符串格式不符合yyyy-MM-dd', { location: 'query', value: date })
  const now = platform.clock.now()
  if (start > now) throw paramError('账单日期不能晚于当前日期', { location: 'query', value: date })
  if (now < start + READY_AFTER_MS) throw new PayError(400, 'STATEMENT_CREATING', '账单生成中，请在次日10点后再获取')
  return start
}

/**
 * The 交易账单 of one merchant for one China-time day, from its real payments and refunds: a
 * payment in the day's rows when it succeeded that day, a refund when it was applied for that day
 * (its status as it stands), then the summary. Null when the day had none.
 */
export async function tradeBill(platform: Platform, mchid: string, start: number, type: BillType): Promise<string | null> {
  const end = start + DAY_MS
  const paid = type === 'REFUND' ? [] : await platform.db.select().from(payOrders).where(and(eq(payOrders.mchid, mchid), gte(payOrders.successTime, start), lt(payOrders.successTime, end)))
  const refunds = type === 'SUCCESS' ? [] : await platform.db.select().from(payRefunds).where(and(eq(payRefunds.mchid, mchid), gte(payRefunds.createdAt, start), lt(payRefunds.createdAt, end)))
  if (paid.length === 0 && refunds.length === 0) return null
  const orders = new Map<number, typeof payOrders.$inferSelect>()
  for (const o of paid) orders.set(o.id, o)
  for (const r of refunds) {
    if (orders.has(r.orderId)) continue
    const [o] = await platform.db.select().from(payOrders).where(eq(payOrders.id, r.orderId))
    if (o) orders.set(o.id, o)
  }
  const rows: { at: number; row: (string | number)[] }[] = []
  let settled = 0, refunded = 0, fees = 0, ordered = 0, applied = 0
  for (const o of paid) {
    const f = fee(o.total)
    settled += o.total
    ordered += o.total
    fees += f
    rows.push({
      at: o.successTime!,
      row: [chinaTime(o.successTime!), o.appid, mchid, 0, '', o.transactionId!, o.outTradeNo, o.payerOpenid ?? '', o.tradeType, 'SUCCESS', o.bankType ?? 'OTHERS', o.currency, yuan(o.total), '0.00', 0, 0, '0.00', '0.00', '', '', o.description, o.attach ?? '', yuan(f), '0.60%', yuan(o.total), '0.00', ''],
    })
  }
  for (const r of refunds) {
    const o = orders.get(r.orderId)!
    // a refund gives back its share of the fee
    const f = -Math.round((fee(o.total) * r.refund) / o.total)
    if (r.status === 'SUCCESS') refunded += r.refund
    applied += r.refund
    fees += f
    rows.push({
      at: r.createdAt,
      row: [chinaTime(r.createdAt), o.appid, mchid, 0, '', r.transactionId, r.outTradeNo, o.payerOpenid ?? '', o.tradeType, 'REFUND', o.bankType ?? 'OTHERS', r.currency, '0.00', '0.00', r.refundId, r.outRefundNo, yuan(r.refund), '0.00', 'ORIGINAL', r.status, o.description, o.attach ?? '', yuan(f), '0.60%', '0.00', yuan(r.refund), ''],
    })
  }
  rows.sort((a, b) => a.at - b.at)
  return stringify([
    TRADE_COLUMNS,
    ...rows.map((r) => ticked(r.row)),
    TRADE_SUMMARY,
    ticked([rows.length, yuan(settled), yuan(refunded), '0.00', yuan(fees), yuan(ordered), yuan(applied)]),
  ], { record_delimiter: 'windows' })
}

/** What a download token stands for: one merchant's bill of one kind for one day. */
interface BillToken {
  m: string
  d: string
  k: 'trade'
  t: BillType
  z: TarType
}

/** A download token: the bill it stands for, sealed with the merchant's APIv3 key (nothing to store, it outlives a restart). */
export function billToken(platform: Platform, bill: BillToken) {
  const body = Buffer.from(JSON.stringify(bill)).toString('base64url')
  return `${body}.${mac(platform, bill.m, body)}`
}

function mac(platform: Platform, mchid: string, body: string) {
  const key = merchantKeys(platform.credentials, mchid)?.apiV3Key
  if (!key) return ''
  return createHmac('sha256', key).update(body).digest('base64url')
}

/** The bill a token stands for, if it is one this platform made for this merchant. */
export function readBillToken(platform: Platform, mchid: string, token: string | undefined): BillToken | null {
  const [body, sig] = (token ?? '').split('.')
  if (!body || !sig) return null
  let bill: BillToken
  try {
    bill = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as BillToken
  } catch {
    return null
  }
  const expected = Buffer.from(mac(platform, mchid, body))
  const given = Buffer.from(sig)
  if (bill.m !== mchid || expected.length === 0 || expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  return bill
}

/** The file as downloaded (gzip when asked) and the SHA1 of the bill itself (WeChat hashes the uncompressed bill). */
export function billFile(text: string, tar: TarType) {
  const raw = Buffer.from(text, 'utf8')
  return { hash: createHash('sha1').update(raw).digest('hex'), file: tar === 'GZIP' ? gzipSync(raw) : raw }
}

const BILL_TYPES: BillType[] = ['ALL', 'SUCCESS', 'REFUND']

/** 申请交易账单 and 下载账单 (api.mch.weixin.qq.com, signed by the merchant like every v3 call). */
export const payBills = new Hono<PlatformEnv>()
  .get('/v3/bill/tradebill', payAuth(), async (c) => {
    const { platform } = c.var
    const q = c.req.query()
    const type = (q.bill_type ?? 'ALL') as BillType
    if (!BILL_TYPES.includes(type)) throw paramError('输入源“/query/bill_type”映射到值字段“账单类型”枚举规则校验失败，枚举值应为ALL、SUCCESS、REFUND之一', { location: 'query', value: q.bill_type })
    if (q.tar_type !== undefined && q.tar_type !== 'GZIP') throw paramError('输入源“/query/tar_type”映射到值字段“压缩类型”枚举规则校验失败，枚举值应为GZIP', { location: 'query', value: q.tar_type })
    const start = billDay(platform, q.bill_date)
    const mchid = c.get('payMchid')
    const text = await tradeBill(platform, mchid, start, type)
    if (text === null) throw new PayError(400, 'NO_STATEMENT_EXIST', '账单文件不存在')
    const tar = q.tar_type === 'GZIP' ? 'GZIP' : null
    const token = billToken(platform, { m: mchid, d: q.bill_date!, k: 'trade', t: type, z: tar })
    return c.json({
      hash_type: 'SHA1',
      hash_value: billFile(text, tar).hash,
      download_url: `https://api.mch.weixin.qq.com/v3/billdownload/file?token=${token}${tar ? '&tartype=gzip' : ''}`,
    })
  })
  /** The file itself: not JSON and, unlike every other answer, not signed (the SDKs check hash_value instead). */
  .get('/v3/billdownload/file', payAuth(), async (c) => {
    const { platform } = c.var
    const bill = readBillToken(platform, c.get('payMchid'), c.req.query('token'))
    if (!bill) throw paramError('token参数错误', { location: 'query', value: c.req.query('token') ?? '' })
    const text = await tradeBill(platform, bill.m, billDay(platform, bill.d), bill.t)
    if (text === null) throw new PayError(400, 'NO_STATEMENT_EXIST', '账单文件不存在')
    const { file } = billFile(text, bill.z)
    return c.body(new Uint8Array(file), 200, { 'Content-Type': bill.z ? 'application/x-gzip' : 'text/plain; charset=utf-8', [UNSIGNED]: '1' })
  })

/** Marks an answer signPayResponses leaves unsigned (the header is removed before it leaves). */
export const UNSIGNED = 'X-Sandbox-Unsigned'
