import { eq, sql } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { journeyContext } from '../../shared/events'
import { identitiesOf } from '../../world/people'
import { currentJourney } from '../miniprogram/launch'
import { appPayMessage, jsapiPayMessage, merchantKeys, rsaVerify } from './crypto'
import { guardOf, isUniqueViolation, runBatch } from './guards'
import * as payIds from './ids'
import { findMerchant } from './merchants'
import { notificationQuery, sendFirst } from './notifications'
import { transactionView, type Order } from './orders'
import { payBills, payMerchants, payOrders, payWallets, type PayMethod } from './schema'
import { fire } from '../../faults/rules'
import { findWallet } from './wallets'
import type { RequestPayment } from './wire'

/** What a person pays: the parameters the merchant handed their client, or a code they scanned. */
export type PayTarget =
  | { requestPayment: Omit<RequestPayment, 'appId'> & { appId?: string } }
  | { app: { appid: string; partnerid: string; prepayid: string; package: string; noncestr: string; timestamp: string; sign: string } }
  | { codeUrl: string }
  | { h5Url: string }

export interface PayInput {
  target: PayTarget
  /** the app the client runs in: a mini program's wx.requestPayment takes no appId, it is implied */
  appId?: string
  /** the six-digit payment password the person types */
  password?: string
  /** Face ID / fingerprint instead of the password */
  biometric?: boolean
  /** 零钱 (balance, the default) or the bank card */
  method?: PayMethod
  /** `cancel` closes the pay sheet without paying */
  action?: 'pay' | 'cancel'
}

/** `userpaying`: the sheet still waits for the password (a USERPAYING rule); `bank_error`: the card's bank failed (BANKERROR) */
export type PayOutcome = 'success' | 'cancel' | 'wrong_password' | 'insufficient_balance' | 'bank_error' | 'userpaying' | 'fail'

/** The fault point of the pay sheet's confirmation (not a WeChat path: the person's side has none). */
export const PAY_SHEET_ROUTE = '/pay-sheet'
const INSUFFICIENT = '零钱余额不足，请更换支付方式'
const BANK_ERROR = '银行系统异常，请稍后再试或更换支付方式'

export interface PayResult {
  outcome: PayOutcome
  message: string
  /** what wx.requestPayment / getBrandWCPayRequest report to the page (JSAPI payments) */
  errMsg?: string
  order?: ReturnType<typeof orderSummary>
  transactionId?: string
  notificationId?: string
}

/** What the pay sheet shows about an order. */
export function orderSummary(order: Order, merchantName: string) {
  return {
    mchid: order.mchid,
    merchantName,
    appid: order.appid,
    outTradeNo: order.outTradeNo,
    tradeType: order.tradeType,
    description: order.description,
    total: order.total,
    currency: order.currency,
    tradeState: order.tradeState,
    timeExpire: new Date(order.timeExpire).toISOString(),
  }
}

async function orderWhere(platform: Platform, column: 'prepayId' | 'codeUrl', value: string) {
  const [row] = await platform.db.select().from(payOrders).where(eq(payOrders[column], value))
  return row
}

type Resolved = { order: Order; jsapi: boolean } | { fail: string; jsapi: boolean }

/** Finds the order a target names and checks it the way the WeChat client does before showing the sheet. */
export async function resolveTarget(platform: Platform, personId: string, target: PayTarget, appId?: string): Promise<Resolved> {
  if ('requestPayment' in target) {
    const p = target.requestPayment
    const prepay = /^prepay_id=(\S+)$/.exec(p.package ?? '')?.[1]
    const order = prepay ? await orderWhere(platform, 'prepayId', prepay) : undefined
    if (!order || order.tradeType !== 'JSAPI') return { fail: 'prepay_id无效，请重新下单', jsapi: true }
    const keys = merchantKeys(platform.credentials, order.mchid)
    const app = p.appId ?? appId ?? order.appid
    const message = jsapiPayMessage(app, p.timeStamp, p.nonceStr, p.package)
    if (p.signType !== 'RSA' || !keys || !rsaVerify(keys.merchantPublicKey, message, p.paySign)) {
      return { fail: '支付验证签名失败', jsapi: true }
    }
    if (app !== order.appid || (appId !== undefined && appId !== app)) return { fail: '商户订单的appid与当前应用不一致', jsapi: true }
    const mine = (await identitiesOf(platform.db, personId)).find((i) => i.appid === order.appid)
    if (mine?.openid !== order.payerOpenid) return { fail: '商户下单时传入的openid与当前用户不一致', jsapi: true }
    return { order, jsapi: true }
  }
  if ('app' in target) {
    const p = target.app
    const order = await orderWhere(platform, 'prepayId', p.prepayid)
    if (!order || order.tradeType !== 'APP') return { fail: 'prepayid无效，请重新下单', jsapi: false }
    const keys = merchantKeys(platform.credentials, order.mchid)
    const valid =
      keys &&
      p.package === 'Sign=WXPay' &&
      p.partnerid === order.mchid &&
      p.appid === order.appid &&
      rsaVerify(keys.merchantPublicKey, appPayMessage(p.appid, p.timestamp, p.noncestr, p.prepayid), p.sign)
    return valid ? { order, jsapi: false } : { fail: '支付验证签名失败', jsapi: false }
  }
  if ('codeUrl' in target) {
    const order = await orderWhere(platform, 'codeUrl', target.codeUrl)
    return order ? { order, jsapi: false } : { fail: '二维码已失效', jsapi: false }
  }
  const prepay = URL.canParse(target.h5Url) ? new URL(target.h5Url).searchParams.get('prepay_id') : null
  const order = prepay ? await orderWhere(platform, 'prepayId', prepay) : undefined
  return order?.tradeType === 'MWEB' ? { order, jsapi: false } : { fail: '商家订单信息有误，请重新下单', jsapi: false }
}

function failure(jsapi: boolean, message: string, order?: PayResult['order']): PayResult {
  return { outcome: 'fail', message, ...(jsapi && { errMsg: `requestPayment:fail ${message}` }), ...(order && { order }) }
}

/**
 * A person confirms (or cancels) a payment on their phone: the client's checks (paySign, appid,
 * payer, order state), then the payment password and the balance (and the pay surface's fault
 * rules USERPAYING, NOTENOUGH and BANKERROR), then `completePayment`.
 */
export async function payAsPerson(platform: Platform, personId: string, input: PayInput): Promise<PayResult> {
  const { clock, events } = platform
  const resolved = await resolveTarget(platform, personId, input.target, input.appId)
  if ('fail' in resolved) return failure(resolved.jsapi, resolved.fail)
  const { order, jsapi } = resolved
  const merchant = (await findMerchant(platform, order.mchid))!
  const summary = orderSummary(order, merchant.name)
  const subject = { person: personId, mchid: order.mchid, out_trade_no: order.outTradeNo }
  const now = clock.now()
  if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND') return failure(jsapi, '该订单已支付，请勿重复支付', summary)
  if (order.tradeState === 'CLOSED' || order.timeExpire <= now) return failure(jsapi, '订单已关闭，请重新下单', summary)

  if (input.action === 'cancel') {
    await events.append({ actor: personId, surface: 'pay', type: 'pay.payment.cancelled', subject })
    return { outcome: 'cancel', message: '用户取消支付', ...(jsapi && { errMsg: 'requestPayment:fail cancel' }), order: summary }
  }
  const wallet = await findWallet(platform, personId)
  if (!wallet) return failure(jsapi, '未开通微信支付', summary)
  const method = input.method ?? 'balance'
  const point = { surface: 'pay', route: PAY_SHEET_ROUTE, method: 'POST', app: order.mchid, person: personId } as const
  // a fault rule: the person has not typed the password yet, the sheet waits and nothing is paid
  if (await fire(platform, { ...point, faults: ['USERPAYING'] })) {
    await events.append({ actor: personId, surface: 'pay', type: 'pay.payment.userpaying', subject, payload: { method } })
    return { outcome: 'userpaying', message: '请输入支付密码', order: summary }
  }
  if (!input.biometric && input.password !== wallet.paymentPassword) {
    await events.append({ actor: personId, surface: 'pay', type: 'pay.payment.failed', subject, payload: { reason: 'wrong_password' } })
    return { outcome: 'wrong_password', message: '支付密码错误，请重试', order: summary }
  }
  const insufficient = (): PayResult => ({ outcome: 'insufficient_balance', message: INSUFFICIENT, order: summary })
  // a fault rule: 零钱 short (NOTENOUGH) or the card's bank down (BANKERROR), whatever the balance
  const refused = await fire(platform, { ...point, faults: [method === 'balance' ? 'NOTENOUGH' : 'BANKERROR'] })
  if (refused?.rule.fault === 'BANKERROR') {
    await events.append({ actor: personId, surface: 'pay', type: 'pay.payment.failed', subject, payload: { reason: 'bank_error' } })
    return { outcome: 'bank_error', message: BANK_ERROR, order: summary }
  }
  if (refused || (method === 'balance' && wallet.balance < order.total)) {
    await events.append({ actor: personId, surface: 'pay', type: 'pay.payment.failed', subject, payload: { reason: 'insufficient_balance' } })
    return insufficient()
  }
  return completePayment(platform, order, { personId, method, jsapi, merchantName: merchant.name })
}

/**
 * The payment itself, once the person has confirmed: the order is paid, the wallet debited, a bill
 * written and TRANSACTION.SUCCESS queued for the merchant, all in one batch; its first attempt is
 * awaited, so the event log is in a repeatable order.
 */
export async function completePayment(platform: Platform, order: Order, by: { personId: string; method: PayMethod; jsapi: boolean; merchantName: string }): Promise<PayResult> {
  const { db, clock, ids, events } = platform
  const { personId, method, jsapi } = by
  const merchant = { name: by.merchantName }
  const summary = orderSummary(order, merchant.name)
  const subject = { person: personId, mchid: order.mchid, out_trade_no: order.outTradeNo }
  const now = clock.now()
  const insufficient = (): PayResult => ({ outcome: 'insufficient_balance', message: INSUFFICIENT, order: summary })
  const wallet = await findWallet(platform, personId)
  if (!wallet) return failure(jsapi, '未开通微信支付', summary)

  const payerOpenid = order.payerOpenid ?? (await identitiesOf(db, personId)).find((i) => i.appid === order.appid)?.openid ?? null
  const paid: Order = {
    ...order,
    tradeState: 'SUCCESS',
    transactionId: payIds.transactionId(ids, now),
    successTime: now,
    bankType: method === 'balance' ? 'OTHERS' : wallet.cardBankType,
    payMethod: method,
    personId,
    payerOpenid,
  }
  // the journey the payment belongs to: the caller's, the order's, else the payer's own journey
  // in the mini program (a phone paying from the pay sheet names none)
  const journeyId = journeyContext.getStore()?.journeyId ?? order.journeyId ?? (await currentJourney(platform, personId))?.journeyId ?? null
  const notification = await notificationQuery(platform, {
    mchid: order.mchid,
    eventType: 'TRANSACTION.SUCCESS',
    resource: transactionView(paid),
    orderId: order.id,
    url: order.notifyUrl,
    journeyId,
    personId,
  })
  let written: unknown[]
  try {
    written = await runBatch(db, [
      db
        .update(payOrders)
        .set({
          tradeState: 'SUCCESS',
          transactionId: paid.transactionId,
          successTime: now,
          bankType: paid.bankType,
          payMethod: method,
          personId,
          payerOpenid,
        })
        .where(eq(payOrders.id, order.id)),
      ...(method === 'balance'
        ? [db.update(payWallets).set({ balance: sql`${payWallets.balance} - ${order.total}`, updatedAt: now }).where(eq(payWallets.personId, personId))]
        : []),
      db.update(payMerchants).set({ balance: sql`${payMerchants.balance} + ${order.total}` }).where(eq(payMerchants.mchid, order.mchid)),
      db.insert(payBills).values({
        personId,
        kind: 'payment',
        amount: order.total,
        method,
        mchid: order.mchid,
        merchantName: merchant.name,
        description: order.description,
        outTradeNo: order.outTradeNo,
        transactionId: paid.transactionId!,
        at: now,
      }),
      ...notification.queries,
    ])
  } catch (err) {
    // someone paid or closed the order, or spent the balance, between our checks and the batch
    const guard = guardOf(err)
    if (guard === 'WALLET_NOT_ENOUGH') return insufficient()
    if (guard === 'ORDER_STATE' || isUniqueViolation(err, 'pay_bills')) {
      const [current] = await db.select().from(payOrders).where(eq(payOrders.id, order.id))
      return failure(jsapi, current?.tradeState === 'CLOSED' ? '订单已关闭，请重新下单' : '该订单已支付，请勿重复支付', summary)
    }
    throw err
  }
  await events.append({
    actor: personId,
    surface: 'pay',
    type: 'pay.payment.succeeded',
    subject: { ...subject, transaction_id: paid.transactionId! },
    journeyId,
    payload: { total: order.total, method, trade_type: order.tradeType, description: order.description },
  })
  await sendFirst(platform, written)
  return {
    outcome: 'success',
    message: '支付成功',
    ...(jsapi && { errMsg: 'requestPayment:ok' }),
    order: { ...summary, tradeState: 'SUCCESS' },
    transactionId: paid.transactionId!,
    notificationId: notification.id,
  }
}
