import { and, eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { journeyContext } from '../../shared/events'
import { personByOpenid } from '../../world/people'
import {
  appidMchidNotMatch,
  mchNotExists,
  noAuth,
  openidMismatch,
  orderClosed,
  orderNotExist,
  orderPaid,
  orderPaidOnClose,
  outTradeNoReused,
  paramError,
} from './errors'
import { isUniqueViolation, jobQuery } from './guards'
import * as payIds from './ids'
import { findMerchant, type Merchant } from './merchants'
import { payOrders, type TradeType } from './schema'
import { rfc3339, parseRfc3339 } from './time'
import type { OrderRequest, Transaction } from './wire'

export type Order = typeof payOrders.$inferSelect

/** Unpaid orders close this long after creation unless `time_expire` says otherwise (the prepay_id lifetime). */
export const DEFAULT_EXPIRY_MS = 2 * 3_600_000
export const EXPIRE_JOB = 'pay.order.expire'

const STATE_DESC: Record<Order['tradeState'], string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  CLOSED: '订单已关闭',
}

/** Key-sorted JSON: two requests have the same content when their canonical forms are equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

/** What a successful order creation answers, by trade type. */
function placedAnswer(order: Order) {
  if (order.tradeType === 'NATIVE') return { code_url: order.codeUrl! }
  if (order.tradeType === 'MWEB') return { h5_url: order.h5Url! }
  return { prepay_id: order.prepayId }
}

/** The merchant named in a body or query, which must be the one that signed the request. */
export async function requireOwnMerchant(platform: Platform, signer: string, mchid: string): Promise<Merchant> {
  const merchant = await findMerchant(platform, mchid)
  if (!merchant) throw mchNotExists()
  if (mchid !== signer) throw noAuth()
  return merchant
}

/** An order placed again with the same out_trade_no: the same prepay when nothing differs, else WeChat's error. */
function answerRepeat(platform: Platform, existing: Order, tradeType: TradeType, request: OrderRequest) {
  if (existing.tradeState === 'SUCCESS' || existing.tradeState === 'REFUND') throw orderPaid()
  if (existing.tradeState === 'CLOSED' || existing.timeExpire <= platform.clock.now()) throw orderClosed()
  if (existing.tradeType !== tradeType || canonical(existing.request) !== canonical(request)) throw outTradeNoReused()
  return placedAnswer(existing)
}

async function findByOutTradeNo(platform: Platform, mchid: string, outTradeNo: string) {
  const [row] = await platform.db
    .select()
    .from(payOrders)
    .where(and(eq(payOrders.mchid, mchid), eq(payOrders.outTradeNo, outTradeNo)))
  return row
}

/**
 * JSAPI / Native / H5 / APP 下单: validates the business rules, stores the order with its expiry
 * job, and answers prepay_id, code_url or h5_url. Placing the same order again is idempotent.
 */
export async function placeOrder(platform: Platform, signer: string, tradeType: TradeType, request: OrderRequest) {
  const { db, clock, ids } = platform
  const merchant = await requireOwnMerchant(platform, signer, request.mchid)
  if (!merchant.appids.includes(request.appid)) throw appidMchidNotMatch()
  if ('payer' in request && !(await personByOpenid(db, request.appid, request.payer.openid))) throw openidMismatch()
  const now = clock.now()
  const timeExpire = request.time_expire ? parseRfc3339(request.time_expire) : now + DEFAULT_EXPIRY_MS
  if (timeExpire <= now) {
    throw paramError('time_expire不能早于当前时间', { location: 'body', field: '/time_expire', value: request.time_expire })
  }

  const existing = await findByOutTradeNo(platform, request.mchid, request.out_trade_no)
  if (existing) return answerRepeat(platform, existing, tradeType, request)

  const prepayId = payIds.prepayId(ids, now)
  const row: typeof payOrders.$inferInsert = {
    mchid: request.mchid,
    outTradeNo: request.out_trade_no,
    appid: request.appid,
    tradeType,
    description: request.description,
    total: request.amount.total,
    currency: request.amount.currency ?? 'CNY',
    attach: request.attach ?? null,
    notifyUrl: request.notify_url,
    request: request as Record<string, unknown>,
    prepayId,
    codeUrl: tradeType === 'NATIVE' ? payIds.codeUrl(ids) : null,
    h5Url: tradeType === 'MWEB' ? payIds.h5Url(prepayId, ids) : null,
    timeExpire,
    payerOpenid: 'payer' in request ? request.payer.openid : null,
    journeyId: journeyContext.getStore()?.journeyId ?? null,
    createdAt: now,
  }
  let order: Order
  try {
    const [inserted] = await db.batch([
      db.insert(payOrders).values(row).returning(),
      jobQuery(db, EXPIRE_JOB, timeExpire, { mchid: row.mchid, outTradeNo: row.outTradeNo }),
    ])
    order = inserted[0]!
  } catch (err) {
    // the same out_trade_no placed concurrently: answer as a repeat of the one that won
    if (!isUniqueViolation(err, 'pay_orders.out_trade_no')) throw err
    const winner = await findByOutTradeNo(platform, request.mchid, request.out_trade_no)
    if (!winner) throw err
    return answerRepeat(platform, winner, tradeType, request)
  }
  await platform.events.append({
    actor: request.mchid,
    surface: 'pay',
    type: 'pay.order.created',
    subject: { mchid: order.mchid, out_trade_no: order.outTradeNo },
    payload: { trade_type: tradeType, appid: order.appid, total: order.total, description: order.description, ...placedAnswer(order) },
  })
  return placedAnswer(order)
}

/** An order of a merchant by out_trade_no or transaction_id. */
export async function findOrder(platform: Platform, mchid: string, by: { outTradeNo: string } | { transactionId: string }) {
  const where =
    'outTradeNo' in by
      ? and(eq(payOrders.mchid, mchid), eq(payOrders.outTradeNo, by.outTradeNo))
      : and(eq(payOrders.mchid, mchid), eq(payOrders.transactionId, by.transactionId))
  const [row] = await platform.db.select().from(payOrders).where(where)
  return row
}

/** An order as the query APIs answer it (and as TRANSACTION.SUCCESS carries it). */
export function transactionView(order: Order): Transaction {
  const paid = order.transactionId !== null
  const device = (order.request.scene_info as { device_id?: string } | undefined)?.device_id
  return {
    appid: order.appid,
    mchid: order.mchid,
    out_trade_no: order.outTradeNo,
    ...(paid && { transaction_id: order.transactionId!, trade_type: order.tradeType }),
    trade_state: order.tradeState,
    trade_state_desc: STATE_DESC[order.tradeState],
    ...(paid && { bank_type: order.bankType! }),
    ...(order.attach !== null && { attach: order.attach }),
    ...(paid && { success_time: rfc3339(order.successTime!) }),
    payer: paid ? { openid: order.payerOpenid! } : {},
    amount: paid
      ? { total: order.total, payer_total: order.total, currency: order.currency, payer_currency: order.currency }
      : { total: order.total, currency: order.currency, payer_currency: order.currency },
    ...(device !== undefined && { scene_info: { device_id: device } }),
    ...(!paid && { promotion_detail: [] }),
  }
}

/** 关闭订单: closes an unpaid order (closing a closed one again is a no-op). */
export async function closeOrder(platform: Platform, mchid: string, outTradeNo: string) {
  const order = await findOrder(platform, mchid, { outTradeNo })
  if (!order) throw orderNotExist()
  if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND') throw orderPaidOnClose()
  if (order.tradeState === 'CLOSED') return
  const now = platform.clock.now()
  const closed = await platform.db
    .update(payOrders)
    .set({ tradeState: 'CLOSED', closedAt: now })
    .where(and(eq(payOrders.id, order.id), eq(payOrders.tradeState, 'NOTPAY')))
    .returning({ id: payOrders.id })
  if (closed.length === 0) {
    // paid in the meantime
    const current = await findOrder(platform, mchid, { outTradeNo })
    if (current?.tradeState !== 'CLOSED') throw orderPaidOnClose()
    return
  }
  await platform.events.append({
    actor: mchid,
    surface: 'pay',
    type: 'pay.order.closed',
    subject: { mchid, out_trade_no: outTradeNo },
    payload: { reason: 'closed by merchant' },
  })
}

/** The expiry job: an order still unpaid at its time_expire is closed. */
export async function expireOrder(platform: Platform, payload: { mchid: string; outTradeNo: string }) {
  const now = platform.clock.now()
  const [order] = await platform.db
    .update(payOrders)
    .set({ tradeState: 'CLOSED', closedAt: now })
    .where(
      and(eq(payOrders.mchid, payload.mchid), eq(payOrders.outTradeNo, payload.outTradeNo), eq(payOrders.tradeState, 'NOTPAY')),
    )
    .returning()
  if (!order) return
  await platform.events.append({
    actor: 'wechatpay',
    surface: 'pay',
    type: 'pay.order.expired',
    subject: { mchid: order.mchid, out_trade_no: order.outTradeNo },
    journeyId: order.journeyId,
    payload: { time_expire: rfc3339(order.timeExpire) },
  })
}
