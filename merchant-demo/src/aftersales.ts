import { and, eq, inArray, lte, sql } from 'drizzle-orm'
import type { Store } from './context'
import { ApiError } from './errors'
import { fulfil, orderView, releaseStock } from './orders'
import { releaseGifts } from './gifts'
import { notifyPoints } from './messages'
import { returnUsedPoints } from './points'
import { gifts, memberCoupons, members, orders, pointsLedger, refunds } from './schema'
import { WeChatPayError } from '../wechat/errors'
import type { Refund } from '../wechat/pay'

/**
 * The brand refunds (part of) a paid order. WeChat Pay answers PROCESSING; the money moves when the
 * refund settles, which its REFUND.* notification (or a reconciliation query) tells us.
 */
export async function refundOrder(store: Store, orderId: string, input: { amount?: number; reason?: string }) {
  const [order] = await store.db.select().from(orders).where(eq(orders.id, orderId))
  if (!order) throw new ApiError(404, 'unknown_order', `no order ${orderId}`)
  if (!['paid', 'ready', 'collected'].includes(order.status)) throw new ApiError(409, 'not_paid', `order ${orderId} is ${order.status}`)
  const previous = await store.db.select().from(refunds).where(eq(refunds.orderId, orderId))
  // an ABNORMAL refund's money has left the store's account too (WeChat Pay holds it until it is
  // refunded another way); only a CLOSED one gave it back
  const taken = previous.filter((r) => r.status !== 'CLOSED').reduce((n, r) => n + r.amount, 0)
  const left = order.total - taken
  const amount = input.amount ?? left
  if (amount < 1 || amount > left) throw new ApiError(400, 'invalid', `amount: between 1 and ${left} fen`, 'amount')
  const id = `R${orderId}-${previous.length + 1}`
  let answer: Refund
  try {
    answer = await store.pay.refund({
      out_trade_no: orderId,
      out_refund_no: id,
      reason: input.reason || undefined,
      notify_url: `${store.publicUrl}/pay/notify`,
      amount: { refund: amount, total: order.total, currency: 'CNY' },
    })
  } catch (err) {
    if (err instanceof WeChatPayError) throw new ApiError(502, 'refund_refused', err.message)
    throw err
  }
  await store.db.insert(refunds).values({ id, orderId, amount, reason: input.reason ?? '', refundId: answer.refund_id })
  if ((answer.status ?? answer.refund_status) !== 'PROCESSING') await settleRefund(store, answer)
  return { refund: { id, amount, status: (await refundRow(store, id)).status }, order: await orderView(store, orderId) }
}

async function refundRow(store: Store, id: string) {
  const [row] = await store.db.select().from(refunds).where(eq(refunds.id, id))
  return row
}

/**
 * A refund settled (notification or query). SUCCESS takes back the points the refunded yuan earned
 * (never below zero) and the spend, once: the guard is `status = 'PROCESSING'`.
 */
export async function settleRefund(store: Store, r: Refund): Promise<'settled' | 'already' | 'ignored'> {
  const status = r.refund_status ?? r.status
  if (!status || status === 'PROCESSING') return 'ignored'
  const row = await refundRow(store, r.out_refund_no)
  if (!row) return 'ignored'
  const settled = await store.db.transaction(async (t) => {
    const moved = await t
      .update(refunds)
      .set({ status, settledAt: store.now().toISOString() })
      .where(and(eq(refunds.id, row.id), eq(refunds.status, 'PROCESSING')))
      .returning()
    if (moved.length === 0) return { result: 'already' as const }
    if (status !== 'SUCCESS') return { result: 'settled' as const, failed: status as keyof typeof REFUND_NOTES }
    const [order] = await t.select().from(orders).where(eq(orders.id, row.orderId))
    const [member] = await t.select().from(members).where(eq(members.id, order.memberId))
    const points = Math.min(member.points, store.catalog.pointsFor(row.amount))
    if (points > 0) await t.insert(pointsLedger).values({ memberId: member.id, orderId: order.id, delta: -points, reason: `refund:${row.id}`, createdAt: store.now().toISOString() })
    await t
      .update(members)
      .set({ points: sql`${members.points} - ${points}`, lifetimeSpend: sql`max(0, ${members.lifetimeSpend} - ${row.amount})` })
      .where(eq(members.id, member.id))
    const [{ refunded }] = await t.select({ refunded: sql<number>`coalesce(sum(${refunds.amount}), 0)` }).from(refunds).where(and(eq(refunds.orderId, order.id), eq(refunds.status, 'SUCCESS')))
    if (refunded >= order.total) await t.update(orders).set({ status: 'refunded' }).where(eq(orders.id, order.id))
    // a gift voucher refunded in full can no longer be claimed or redeemed
    if (refunded >= order.total && order.kind === 'gift') await t.update(gifts).set({ status: 'closed' }).where(and(eq(gifts.orderId, order.id), inArray(gifts.status, ['pending', 'paid', 'claimed'])))
    return { result: 'settled' as const, memberId: member.id, points }
  })
  // refunded in full: the points spent on it come back
  const [after] = await store.db.select().from(orders).where(eq(orders.id, row.orderId))
  if (after?.status === 'refunded') await returnUsedPoints(store, after)
  if ('points' in settled && settled.points) await notifyPoints(store, settled.memberId, -settled.points, 'Refund')
  if ('failed' in settled && settled.failed) console.warn(`merchant-demo: refund ${row.id} of order ${row.orderId} ended ${settled.failed}: ${REFUND_NOTES[settled.failed]}`)
  return settled.result
}

/** Why a refund did not go through, as the store's log says it (no page shows it yet). */
export const REFUND_NOTES = {
  ABNORMAL: 'The refund could not reach the account you paid from (WeChat Pay: ABNORMAL). The store will refund you another way and contact you.',
  CLOSED: 'The refund was closed by WeChat Pay (CLOSED) and the money is back with the store, which will refund you again.',
} as const

const CLOSED_STATES = ['CLOSED', 'REVOKED', 'PAYERROR']

/** How long an unpaid order waits for its payment before the store's job closes it (WeChat's prepay lasts 2 h). */
export const PAY_WINDOW_MS = 15 * 60_000

/**
 * 关闭订单 for an unpaid order, then closes it here. The person may have paid in the meantime (their
 * password typed as the store gave up): WeChat Pay answers 400 ORDERPAID, and the order is asked
 * for and kept as paid — never closed, never refunded for being late.
 */
async function closeWithWeChatPay(store: Store, order: typeof orders.$inferSelect): Promise<'closed' | 'fulfilled' | 'paid' | 'failed'> {
  try {
    await store.pay.close(order.id)
  } catch (err) {
    if (!(err instanceof WeChatPayError)) throw err
    if (err.code === 'ORDERPAID') {
      const tx = await store.pay.queryByOutTradeNo(order.id).catch(() => null)
      if (tx?.trade_state === 'SUCCESS' || tx?.trade_state === 'REFUND') return (await fulfil(store, tx)) === 'fulfilled' ? 'fulfilled' : 'paid'
      return 'paid'
    }
    if (err.code !== 'ORDER_CLOSED') return 'failed'
  }
  return (await closeUnpaid(store, order)) ? 'closed' : 'failed'
}

/**
 * WeChat Pay closed an order that was never paid (its prepay expired, or it was closed): the order
 * closes, and what it held comes back — stock, a redeemed gift, a coupon. False when it was no
 * longer pending.
 */
async function closeUnpaid(store: Store, order: typeof orders.$inferSelect) {
  const closed = await store.db.update(orders).set({ status: 'closed' }).where(and(eq(orders.id, order.id), eq(orders.status, 'pending'))).returning()
  if (closed.length === 0) return false
  await releaseStock(store, order.id)
  await releaseGifts(store, order)
  await returnUsedPoints(store, order)
  // a coupon on an order that was never paid can be used again
  if (order.memberCouponId) await store.db.update(memberCoupons).set({ usedOrderId: null }).where(and(eq(memberCoupons.id, order.memberCouponId), eq(memberCoupons.usedOrderId, order.id)))
  return true
}

/**
 * "Pay again" on an unpaid order's page, as WeChat stores do it: the order's prepay_id is good
 * until WeChat Pay closes the order (2 hours unless `time_expire` says otherwise), so the page gets
 * fresh `wx.requestPayment` parameters for the same prepay — one order, one out_trade_no, paid at
 * most once. WeChat Pay is asked first: an order it has paid is fulfilled (409 `order_paid`), one it
 * has closed closes here too and gives back its stock, gift and coupon (409 `order_closed`: order again).
 */
export async function payAgain(store: Store, memberId: string, id: string) {
  const [order] = await store.db.select().from(orders).where(and(eq(orders.id, id), eq(orders.memberId, memberId)))
  if (!order) throw new ApiError(404, 'unknown_order', `no order ${id}`)
  if (order.status !== 'pending' || !order.prepayId) throw new ApiError(409, order.status === 'closed' ? 'order_closed' : 'order_paid', `order ${id} is ${order.status}`)
  const tx = await store.pay.queryByOutTradeNo(id).catch((err) => (err instanceof WeChatPayError ? null : Promise.reject(err)))
  if (tx?.trade_state === 'SUCCESS') {
    await fulfil(store, tx)
    throw new ApiError(409, 'order_paid', `order ${id} is already paid`)
  }
  if (tx && CLOSED_STATES.includes(tx.trade_state)) {
    await closeUnpaid(store, order)
    throw new ApiError(409, 'order_closed', `order ${id} closed unpaid: WeChat Pay closed it (${tx.trade_state}); please order again`)
  }
  return { order: await orderView(store, id), payment: store.pay.requestPaymentParams(store.appid, order.prepayId) }
}

/**
 * The customer cancels an order from its page, as café apps allow before the drink is made: an
 * unpaid order is closed with WeChat Pay (and gives back what it held); a paid one that is not ready
 * yet is refunded in full through WeChat Pay (the REFUND.SUCCESS notification then takes back its
 * points and makes it `refunded`). 409 `not_cancellable` once it is ready, shipped or a gift voucher,
 * `already_cancelled` when its refund is under way.
 */
export async function cancelOrder(store: Store, memberId: string, id: string) {
  const [order] = await store.db.select().from(orders).where(and(eq(orders.id, id), eq(orders.memberId, memberId)))
  if (!order) throw new ApiError(404, 'unknown_order', `no order ${id}`)
  if (order.kind !== 'order') throw new ApiError(409, 'not_cancellable', `order ${id} bought a gift voucher`)
  if (order.status === 'pending') {
    const tx = await store.pay.queryByOutTradeNo(id).catch((err) => (err instanceof WeChatPayError ? null : Promise.reject(err)))
    // paid in the meantime: it is refunded like any paid order
    if (tx?.trade_state === 'SUCCESS') await fulfil(store, tx)
    else if (!order.prepayId || (tx && CLOSED_STATES.includes(tx.trade_state))) {
      await closeUnpaid(store, order)
      return { refund: null, order: await orderView(store, id) }
    } else {
      const outcome = await closeWithWeChatPay(store, order)
      if (outcome === 'failed') throw new ApiError(502, 'close_failed', `WeChat Pay did not close order ${id}; please try again`)
      // closed: done; paid just before the close: refunded below like any paid order
      if (outcome === 'closed') return { refund: null, order: await orderView(store, id) }
    }
  }
  const [current] = await store.db.select().from(orders).where(eq(orders.id, id))
  if (current.status !== 'paid') throw new ApiError(409, 'not_cancellable', `order ${id} is ${current.status}`)
  const taken = await store.db.select().from(refunds).where(and(eq(refunds.orderId, id), inArray(refunds.status, ['PROCESSING', 'SUCCESS'])))
  if (taken.length) throw new ApiError(409, 'already_cancelled', `order ${id} is already being refunded`)
  return refundOrder(store, id, { reason: 'Cancelled by the customer' })
}

/**
 * Reconciliation: ask WeChat Pay about every order still pending after `olderThanMs` (its
 * notification is overdue) and every refund still processing, and settle what it says.
 */
export async function reconcile(store: Store, opts: { olderThanMs?: number } = {}) {
  // overdue on business time (the platform's clock in the sandbox, where WeChat Pay's retries run too)
  const cutoff = new Date(store.now().getTime() - (opts.olderThanMs ?? 60_000)).toISOString()
  const pending = await store.db.select().from(orders).where(and(eq(orders.status, 'pending'), lte(orders.createdAt, cutoff)))
  const result = { checked: 0, fulfilled: 0, closed: 0, refundsSettled: 0 }
  const payBy = new Date(store.now().getTime() - PAY_WINDOW_MS).toISOString()
  for (const order of pending) {
    result.checked++
    const tx = await store.pay.queryByOutTradeNo(order.id).catch((err) => (err instanceof WeChatPayError ? null : Promise.reject(err)))
    if (!tx) continue
    if (tx.trade_state === 'SUCCESS' && (await fulfil(store, tx)) === 'fulfilled') result.fulfilled++
    if (CLOSED_STATES.includes(tx.trade_state) && (await closeUnpaid(store, order))) result.closed++
    // not paid within the store's window: closed with WeChat Pay, so it can no longer be paid
    if (tx.trade_state === 'NOTPAY' && order.prepayId && order.createdAt <= payBy) {
      const outcome = await closeWithWeChatPay(store, order)
      if (outcome === 'closed') result.closed++
      if (outcome === 'fulfilled') result.fulfilled++
    }
  }
  const processing = await store.db.select().from(refunds).where(inArray(refunds.status, ['PROCESSING']))
  for (const r of processing) {
    const answer = await store.pay.queryRefund(r.id).catch((err) => (err instanceof WeChatPayError ? null : Promise.reject(err)))
    if (answer && (await settleRefund(store, answer)) === 'settled') result.refundsSettled++
  }
  return result
}
