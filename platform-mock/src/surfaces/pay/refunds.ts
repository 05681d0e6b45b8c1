import { and, eq, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Platform } from '../../platform'
import { fire } from '../../faults/rules'
import { journeyContext } from '../../shared/events'
import { invalidRequest, merchantNotEnough, refundExceeds, resourceNotExists } from './errors'
import { guardOf, isUniqueViolation, jobQuery, runBatch } from './guards'
import * as payIds from './ids'
import { findMerchant } from './merchants'
import { notificationQuery, sendFirst, type EventType } from './notifications'
import { findOrder, type Order } from './orders'
import { payBills, payMerchants, payOrders, payRefunds, payWallets, type PayMethod, type RefundStatus } from './schema'
import { rfc3339 } from './time'
import { findWallet, receivedAccount } from './wallets'
import type { Refund, RefundRequest, RefundResource } from './wire'

export type RefundRow = typeof payRefunds.$inferSelect

/** How long a refund stays PROCESSING before it settles: minutes to 零钱, a day to a bank card. */
export const SETTLE_AFTER_MS: Record<PayMethod, number> = { balance: 60_000, card: 86_400_000 }
export const SETTLE_JOB = 'pay.refund.settle'

/** A refund as the create and query APIs answer it. */
export function refundView(r: RefundRow): Refund {
  const from = (r.request.amount as { from?: { account: string; amount: number }[] } | undefined)?.from ?? []
  return {
    refund_id: r.refundId,
    out_refund_no: r.outRefundNo,
    transaction_id: r.transactionId,
    out_trade_no: r.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: r.userReceivedAccount,
    ...(r.successTime !== null && { success_time: rfc3339(r.successTime) }),
    create_time: rfc3339(r.createdAt),
    status: r.status,
    funds_account: 'AVAILABLE',
    amount: {
      total: r.total,
      refund: r.refund,
      from,
      payer_total: r.total,
      payer_refund: r.refund,
      settlement_refund: r.refund,
      settlement_total: r.total,
      discount_refund: 0,
      currency: r.currency,
      refund_fee: 0,
    },
    promotion_detail: [],
  }
}

/** The decrypted resource of a REFUND.* notification. */
function refundResource(r: RefundRow): RefundResource {
  return {
    mchid: r.mchid,
    transaction_id: r.transactionId,
    out_trade_no: r.outTradeNo,
    refund_id: r.refundId,
    out_refund_no: r.outRefundNo,
    refund_status: r.status,
    ...(r.successTime !== null && { success_time: rfc3339(r.successTime) }),
    user_received_account: r.userReceivedAccount,
    amount: { total: r.total, refund: r.refund, payer_total: r.total, payer_refund: r.refund },
  }
}

export async function findRefund(platform: Platform, mchid: string, outRefundNo: string) {
  const [row] = await platform.db
    .select()
    .from(payRefunds)
    .where(and(eq(payRefunds.mchid, mchid), eq(payRefunds.outRefundNo, outRefundNo)))
  return row
}

/** The same out_refund_no again: the refund it already made, if the request asks for the same thing. */
function answerRepeat(existing: RefundRow, order: Order, req: RefundRequest) {
  if (existing.orderId !== order.id || existing.refund !== req.amount.refund || existing.total !== req.amount.total) {
    throw invalidRequest('商户退款单号已被使用，且请求参数与原退款单不一致')
  }
  return refundView(existing)
}

/**
 * 退款申请: by transaction_id or out_trade_no, partial and repeated up to what was paid. The
 * merchant's funds pay for it; the refund is PROCESSING until it settles on the clock.
 */
export async function createRefund(platform: Platform, signer: string, req: RefundRequest): Promise<Refund> {
  const { db, clock, ids } = platform
  const merchant = await findMerchant(platform, signer)
  if (!merchant) throw resourceNotExists('商户号不存在')
  const order = await findOrder(
    platform,
    signer,
    req.transaction_id !== undefined ? { transactionId: req.transaction_id } : { outTradeNo: req.out_trade_no! },
  )
  if (!order) throw resourceNotExists('订单不存在')
  const existing = await findRefund(platform, signer, req.out_refund_no)
  if (existing) return answerRepeat(existing, order, req)
  if (order.tradeState !== 'SUCCESS' && order.tradeState !== 'REFUND') throw invalidRequest('订单未支付，不能发起退款')
  if (req.amount.total !== order.total) throw invalidRequest('订单金额与原订单金额不一致')
  if (req.amount.refund > order.total - order.refunded) throw refundExceeds()
  const [funds] = await db.select({ balance: payMerchants.balance }).from(payMerchants).where(eq(payMerchants.mchid, signer))
  if ((funds?.balance ?? 0) < req.amount.refund) throw merchantNotEnough()

  // a fault rule decides now, with the request's scope, how the refund will end when it settles
  const ending = await fire(platform, { surface: 'pay', faults: ['REFUND.ABNORMAL', 'REFUND.CLOSED'], route: '/v3/refund/domestic/refunds', method: 'POST', app: signer, person: order.personId })
  const settleAs = ending ? (ending.rule.fault === 'REFUND.ABNORMAL' ? 'ABNORMAL' : 'CLOSED') : undefined
  const wallet = await findWallet(platform, order.personId!)
  const method = order.payMethod!
  const now = clock.now()
  const row: typeof payRefunds.$inferInsert = {
    refundId: payIds.refundId(ids, now),
    mchid: signer,
    outRefundNo: req.out_refund_no,
    orderId: order.id,
    transactionId: order.transactionId!,
    outTradeNo: order.outTradeNo,
    reason: req.reason ?? null,
    notifyUrl: req.notify_url ?? null,
    total: order.total,
    refund: req.amount.refund,
    currency: req.amount.currency,
    userReceivedAccount: wallet ? receivedAccount(wallet, method) : '支付用户零钱',
    personId: order.personId!,
    payMethod: method,
    request: req as Record<string, unknown>,
    journeyId: journeyContext.getStore()?.journeyId ?? order.journeyId,
    createdAt: now,
  }
  try {
    await runBatch(db, [
      db
        .update(payOrders)
        .set({ refunded: sql`${payOrders.refunded} + ${row.refund}`, tradeState: 'REFUND' })
        .where(eq(payOrders.id, order.id)),
      db.update(payMerchants).set({ balance: sql`${payMerchants.balance} - ${row.refund}` }).where(eq(payMerchants.mchid, signer)),
      db.insert(payRefunds).values(row),
      jobQuery(db, SETTLE_JOB, now + SETTLE_AFTER_MS[method], { mchid: signer, outRefundNo: row.outRefundNo, ...(settleAs && { status: settleAs }) }),
    ])
  } catch (err) {
    const guard = guardOf(err)
    if (guard === 'REFUND_EXCEEDS') throw refundExceeds()
    if (guard === 'MERCHANT_NOT_ENOUGH') throw merchantNotEnough()
    if (guard === 'ORDER_STATE') throw invalidRequest('订单未支付，不能发起退款')
    if (isUniqueViolation(err, 'pay_refunds.out_refund_no')) {
      const winner = await findRefund(platform, signer, req.out_refund_no)
      if (winner) return answerRepeat(winner, order, req)
    }
    throw err
  }
  const refund = (await findRefund(platform, signer, req.out_refund_no))!
  await platform.events.append({
    actor: signer,
    surface: 'pay',
    type: 'pay.refund.created',
    subject: { mchid: signer, out_trade_no: order.outTradeNo, out_refund_no: refund.outRefundNo, person: refund.personId },
    journeyId: refund.journeyId,
    payload: { refund_id: refund.refundId, refund: refund.refund, total: refund.total, reason: refund.reason },
  })
  return refundView(refund)
}

const EVENT: Record<Exclude<RefundStatus, 'PROCESSING'>, EventType> = {
  SUCCESS: 'REFUND.SUCCESS',
  ABNORMAL: 'REFUND.ABNORMAL',
  CLOSED: 'REFUND.CLOSED',
}

/**
 * Settles a refund: SUCCESS puts the money back where it was paid from (the wallet, or the card),
 * ABNORMAL leaves it in limbo (the card could not take it), CLOSED gives it back to the merchant.
 * Sends REFUND.* when the refund asked for notifications. Returns false when it was already settled.
 */
export async function settleRefund(platform: Platform, refund: RefundRow, status: Exclude<RefundStatus, 'PROCESSING'>) {
  const { db, clock } = platform
  if (refund.status !== 'PROCESSING' && !(refund.status === 'ABNORMAL' && status === 'CLOSED')) return false
  const now = clock.now()
  const settled: RefundRow = { ...refund, status, successTime: status === 'SUCCESS' ? now : null, settledAt: now }
  const [order] = await db.select().from(payOrders).where(eq(payOrders.id, refund.orderId))
  const merchant = await findMerchant(platform, refund.mchid)
  const writes: BatchItem<'sqlite'>[] = [
    db.update(payRefunds).set({ status, successTime: settled.successTime, settledAt: now }).where(eq(payRefunds.id, refund.id)),
  ]
  if (status === 'SUCCESS') {
    if (refund.payMethod === 'balance') {
      writes.push(
        db.update(payWallets).set({ balance: sql`${payWallets.balance} + ${refund.refund}`, updatedAt: now }).where(eq(payWallets.personId, refund.personId)),
      )
    }
    writes.push(
      db.insert(payBills).values({
        personId: refund.personId,
        kind: 'refund',
        amount: refund.refund,
        method: refund.payMethod,
        mchid: refund.mchid,
        merchantName: merchant?.name ?? refund.mchid,
        description: order?.description ?? '',
        outTradeNo: refund.outTradeNo,
        transactionId: refund.transactionId,
        refundId: refund.refundId,
        at: now,
      }),
    )
  }
  if (status === 'CLOSED') {
    writes.push(
      db.update(payOrders).set({ refunded: sql`${payOrders.refunded} - ${refund.refund}` }).where(eq(payOrders.id, refund.orderId)),
      db.update(payMerchants).set({ balance: sql`${payMerchants.balance} + ${refund.refund}` }).where(eq(payMerchants.mchid, refund.mchid)),
    )
  }
  const notification = refund.notifyUrl
    ? await notificationQuery(platform, {
        mchid: refund.mchid,
        eventType: EVENT[status],
        resource: refundResource(settled),
        orderId: refund.orderId,
        refundId: refund.refundId,
        url: refund.notifyUrl,
        journeyId: refund.journeyId,
        personId: refund.personId,
      })
    : undefined
  if (notification) writes.push(...notification.queries)
  let written: unknown[]
  try {
    written = await runBatch(db, writes)
  } catch (err) {
    if (guardOf(err) === 'REFUND_STATE') return false
    throw err
  }
  await platform.events.append({
    actor: 'wechatpay',
    surface: 'pay',
    type: `pay.refund.${status.toLowerCase()}`,
    subject: { mchid: refund.mchid, out_trade_no: refund.outTradeNo, out_refund_no: refund.outRefundNo, person: refund.personId },
    journeyId: refund.journeyId,
    payload: { refund_id: refund.refundId, refund: refund.refund, user_received_account: refund.userReceivedAccount },
  })
  if (notification) await sendFirst(platform, written)
  return true
}

/** The settle job: a refund still PROCESSING succeeds, or ends as a fault rule said when it was made. */
export async function onSettleDue(platform: Platform, payload: { mchid: string; outRefundNo: string; status?: 'ABNORMAL' | 'CLOSED' }) {
  const refund = await findRefund(platform, payload.mchid, payload.outRefundNo)
  if (refund?.status === 'PROCESSING') await settleRefund(platform, refund, payload.status ?? 'SUCCESS')
}

