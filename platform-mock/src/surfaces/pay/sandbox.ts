import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import { Hono } from 'hono'
import { z } from 'zod'
import type { Platform } from '../../platform'
import type { PlatformEnv } from '../../shared/env'
import { SandboxError } from '../../shared/errors'
import { sandboxJson } from '../../shared/validate'
import { getPerson } from '../../world/people'
import { addPayApiFault, clearPayFaults, FAULT_CODES, listPayApiFaults, type FaultCode } from './faults'
import { findMerchant, listMerchants, updateMerchant, type Merchant } from './merchants'
import { attemptDelivery, findNotification, notificationsWithAttempts } from './notifications'
import type { Order } from './orders'
import { orderSummary, payAsPerson, resolveTarget, type PayTarget } from './payments'
import { findRefund, settleRefund, type RefundRow } from './refunds'
import { payMerchants, payNotifications, payOrders, payRefunds } from './schema'
import { findWallet, listBills, updateWallet, walletView } from './wallets'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

const MerchantPatch = z
  .object({
    mode: z.enum(['public_key', 'certificate']).optional(),
    balance: z.number().int().min(0).optional(),
  })
  .refine((v) => v.mode !== undefined || v.balance !== undefined, 'give `mode` or `balance` (or both)')
const WalletPatch = z
  .object({
    balance: z.number().int().min(0).optional(),
    password: z.string().regex(/^\d{6}$/, 'six digits').optional(),
  })
  .refine((v) => v.balance !== undefined || v.password !== undefined, 'give `balance` or `password` (or both)')
const RequestPaymentParams = z.object({
  appId: z.string().optional(),
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.string(),
  paySign: z.string(),
})
const AppPayParams = z.object({
  appid: z.string(),
  partnerid: z.string(),
  prepayid: z.string(),
  package: z.string(),
  noncestr: z.string(),
  timestamp: z.string(),
  sign: z.string(),
})
const PayTargetSchema = z.union([
  z.object({ requestPayment: RequestPaymentParams }).strict(),
  z.object({ app: AppPayParams }).strict(),
  z.object({ codeUrl: z.string() }).strict(),
  z.object({ h5Url: z.string() }).strict(),
])
// The target goes in `target`; the same fields flat beside the password are accepted too.
const Targeted = z
  .object({
    target: PayTargetSchema.optional(),
    requestPayment: RequestPaymentParams.optional(),
    app: AppPayParams.optional(),
    codeUrl: z.string().optional(),
    h5Url: z.string().optional(),
    appId: z.string().optional(),
  })
  .refine(
    (b) => [b.target, b.requestPayment, b.app, b.codeUrl, b.h5Url].filter((t) => t !== undefined).length === 1,
    'name exactly one target: {"target": {"requestPayment": {…}} | {"app": {…}} | {"codeUrl": "…"} | {"h5Url": "…"}}',
  )
const PreviewRequest = Targeted
const PayRequest = Targeted.and(
  z.object({
    password: z.string().optional(),
    biometric: z.boolean().optional(),
    method: z.enum(['balance', 'card']).optional(),
    action: z.enum(['pay', 'cancel']).optional(),
  }),
)

/** The one target a request names (the schema makes sure there is exactly one). */
function targetOf(b: z.infer<typeof Targeted>): PayTarget {
  if (b.target) return b.target as PayTarget
  if (b.requestPayment) return { requestPayment: b.requestPayment as Extract<PayTarget, { requestPayment: unknown }>['requestPayment'] }
  if (b.app) return { app: b.app }
  if (b.codeUrl !== undefined) return { codeUrl: b.codeUrl }
  return { h5Url: b.h5Url! }
}
const SettleRequest = z.object({ status: z.enum(['SUCCESS', 'ABNORMAL', 'CLOSED']) })
const FaultRequest = z.object({
  code: z.enum(Object.keys(FAULT_CODES) as [FaultCode, ...FaultCode[]]),
  method: z.enum(['GET', 'POST']).optional(),
  path: z.string().startsWith('/v3/').optional(),
  times: z.number().int().min(1).max(1000).default(1),
})

function merchantView(m: Merchant, balance: number) {
  return {
    mchid: m.mchid,
    name: m.name,
    appids: m.appids,
    mode: m.platformMode,
    platformSerial: m.platformMode === 'certificate' ? m.platformSerial : m.platformPublicKeyId,
    balance,
  }
}

async function mustFindMerchant(platform: Platform, mchid: string) {
  const [row] = await platform.db.select().from(payMerchants).where(eq(payMerchants.mchid, mchid))
  if (!row) throw new SandboxError(404, 'not_found', `no merchant ${mchid}`)
  return row
}

async function mustFindPerson(platform: Platform, id: string) {
  const person = await getPerson(platform.db, id)
  if (!person) throw new SandboxError(404, 'not_found', `no person ${id}`)
  return person
}

/** Orders with their refunds and every notification (with attempts) about them. */
async function ordersWithDetails(platform: Platform, orders: Order[]) {
  const ids = orders.map((o) => o.id)
  if (ids.length === 0) return []
  const [refunds, notifications] = await Promise.all([
    platform.db.select().from(payRefunds).where(inArray(payRefunds.orderId, ids)).orderBy(asc(payRefunds.id)),
    platform.db.select().from(payNotifications).where(inArray(payNotifications.orderId, ids)).orderBy(asc(payNotifications.createdAt)),
  ])
  const withAttempts = await notificationsWithAttempts(platform, notifications)
  const byId = new Map(notifications.map((n, i) => [n.id, { row: n, view: withAttempts[i]! }]))
  const notesOf = (pred: (n: (typeof notifications)[number]) => boolean) => [...byId.values()].filter((n) => pred(n.row)).map((n) => n.view)
  return orders.map((o) => ({
    ...orderView(o),
    refunds: refunds.filter((r) => r.orderId === o.id).map((r) => ({ ...refundControlView(r), notifications: notesOf((n) => n.refundId === r.refundId) })),
    notifications: notesOf((n) => n.orderId === o.id && n.refundId === null),
  }))
}

function orderView(o: Order) {
  return {
    outTradeNo: o.outTradeNo,
    transactionId: o.transactionId,
    tradeType: o.tradeType,
    tradeState: o.tradeState,
    appid: o.appid,
    description: o.description,
    total: o.total,
    currency: o.currency,
    refunded: o.refunded,
    attach: o.attach,
    person: o.personId,
    payerOpenid: o.payerOpenid,
    payMethod: o.payMethod,
    prepayId: o.prepayId,
    codeUrl: o.codeUrl,
    h5Url: o.h5Url,
    notifyUrl: o.notifyUrl,
    createdAt: iso(o.createdAt),
    timeExpire: iso(o.timeExpire),
    successTime: iso(o.successTime),
    closedAt: iso(o.closedAt),
    request: o.request,
  }
}

function refundControlView(r: RefundRow) {
  return {
    outRefundNo: r.outRefundNo,
    refundId: r.refundId,
    outTradeNo: r.outTradeNo,
    transactionId: r.transactionId,
    status: r.status,
    refund: r.refund,
    total: r.total,
    reason: r.reason,
    person: r.personId,
    userReceivedAccount: r.userReceivedAccount,
    notifyUrl: r.notifyUrl,
    createdAt: iso(r.createdAt),
    successTime: iso(r.successTime),
  }
}

/** Sandbox controls of WeChat Pay, under `/_sandbox/pay`: merchants, orders, notifications, wallets, paying as a person, faults. */
export const paySandbox = new Hono<PlatformEnv>()
  .get('/merchants', async (c) => {
    const rows = await listMerchants(c.var.platform)
    return c.json({ merchants: rows.map((m) => merchantView(m, m.balance)) })
  })
  .get('/merchants/:mchid', async (c) => {
    const m = await mustFindMerchant(c.var.platform, c.req.param('mchid'))
    return c.json(merchantView(m, m.balance))
  })
  .patch('/merchants/:mchid', sandboxJson(MerchantPatch), async (c) => {
    const { platform } = c.var
    const mchid = c.req.param('mchid')
    await mustFindMerchant(platform, mchid)
    const { mode, balance } = c.req.valid('json')
    const m = (await updateMerchant(platform, mchid, { platformMode: mode, balance }))!
    await platform.events.append({ actor: 'sandbox', surface: 'pay', type: 'pay.merchant.updated', subject: { mchid }, payload: { mode, balance } })
    return c.json(merchantView(m, m.balance))
  })
  .get('/merchants/:mchid/orders', async (c) => {
    const { platform } = c.var
    const mchid = c.req.param('mchid')
    await mustFindMerchant(platform, mchid)
    const state = c.req.query('state') as Order['tradeState'] | undefined
    const limit = Math.min(Number(c.req.query('limit') ?? 100) || 100, 1000)
    const orders = await platform.db
      .select()
      .from(payOrders)
      .where(and(eq(payOrders.mchid, mchid), state ? eq(payOrders.tradeState, state) : undefined))
      .orderBy(desc(payOrders.createdAt), desc(payOrders.id))
      .limit(limit)
    return c.json({ orders: await ordersWithDetails(platform, orders) })
  })
  .get('/merchants/:mchid/orders/:out_trade_no', async (c) => {
    const { platform } = c.var
    const [order] = await platform.db
      .select()
      .from(payOrders)
      .where(and(eq(payOrders.mchid, c.req.param('mchid')), eq(payOrders.outTradeNo, c.req.param('out_trade_no'))))
    if (!order) throw new SandboxError(404, 'not_found', `no order ${c.req.param('out_trade_no')}`)
    return c.json((await ordersWithDetails(platform, [order]))[0])
  })
  .get('/merchants/:mchid/refunds', async (c) => {
    const { platform } = c.var
    const mchid = c.req.param('mchid')
    await mustFindMerchant(platform, mchid)
    const refunds = await platform.db.select().from(payRefunds).where(eq(payRefunds.mchid, mchid)).orderBy(desc(payRefunds.id)).limit(1000)
    const notifications = refunds.length
      ? await platform.db.select().from(payNotifications).where(inArray(payNotifications.refundId, refunds.map((r) => r.refundId)))
      : []
    const views = await notificationsWithAttempts(platform, notifications)
    return c.json({
      refunds: refunds.map((r) => ({
        ...refundControlView(r),
        notifications: views.filter((_, i) => notifications[i]!.refundId === r.refundId),
      })),
    })
  })
  .post('/merchants/:mchid/refunds/:out_refund_no/settle', sandboxJson(SettleRequest), async (c) => {
    const { platform } = c.var
    const refund = await findRefund(platform, c.req.param('mchid'), c.req.param('out_refund_no'))
    if (!refund) throw new SandboxError(404, 'not_found', `no refund ${c.req.param('out_refund_no')}`)
    const { status } = c.req.valid('json')
    if (!(await settleRefund(platform, refund, status))) {
      throw new SandboxError(409, 'settled', `refund ${refund.outRefundNo} is ${refund.status} and cannot become ${status}`)
    }
    return c.json(refundControlView((await findRefund(platform, refund.mchid, refund.outRefundNo))!))
  })

  .get('/notifications/:id', async (c) => {
    const n = await findNotification(c.var.platform, c.req.param('id'))
    if (!n) throw new SandboxError(404, 'not_found', `no notification ${c.req.param('id')}`)
    return c.json((await notificationsWithAttempts(c.var.platform, [n]))[0])
  })
  .post('/notifications/:id/resend', async (c) => {
    const { platform } = c.var
    const id = c.req.param('id')
    if (!(await findNotification(platform, id))) throw new SandboxError(404, 'not_found', `no notification ${id}`)
    await attemptDelivery(platform, id, 'resend')
    return c.json((await notificationsWithAttempts(platform, [(await findNotification(platform, id))!]))[0])
  })

  .get('/people/:id/wallet', async (c) => {
    const person = await mustFindPerson(c.var.platform, c.req.param('id'))
    const wallet = await findWallet(c.var.platform, person.id)
    if (!wallet) throw new SandboxError(404, 'not_found', `${person.id} has no wallet`)
    return c.json(walletView(wallet))
  })
  .patch('/people/:id/wallet', sandboxJson(WalletPatch), async (c) => {
    const person = await mustFindPerson(c.var.platform, c.req.param('id'))
    const { balance, password } = c.req.valid('json')
    const wallet = await updateWallet(c.var.platform, person.id, { balance, paymentPassword: password })
    if (!wallet) throw new SandboxError(404, 'not_found', `${person.id} has no wallet`)
    return c.json(walletView(wallet))
  })
  .get('/people/:id/bills', async (c) => {
    const person = await mustFindPerson(c.var.platform, c.req.param('id'))
    const kind = c.req.query('kind')
    if (kind !== undefined && kind !== 'payment' && kind !== 'refund') throw new SandboxError(400, 'invalid', 'kind is payment or refund')
    return c.json({ bills: await listBills(c.var.platform, person.id, kind) })
  })
  /** What the pay sheet shows before the person confirms; a 400 with the client's message when it would not open. */
  .post('/people/:id/preview', sandboxJson(PreviewRequest), async (c) => {
    const { platform } = c.var
    const person = await mustFindPerson(platform, c.req.param('id'))
    const body = c.req.valid('json')
    const resolved = await resolveTarget(platform, person.id, targetOf(body), body.appId)
    if ('fail' in resolved) throw new SandboxError(400, 'payment_refused', resolved.fail)
    const merchant = await findMerchant(platform, resolved.order.mchid)
    const wallet = await findWallet(platform, person.id)
    return c.json({ ...orderSummary(resolved.order, merchant?.name ?? resolved.order.mchid), wallet: wallet ? walletView(wallet) : null })
  })
  /** What the phone does when the person confirms or cancels the pay sheet (or scans a Native code). */
  .post('/people/:id/pay', sandboxJson(PayRequest), async (c) => {
    const person = await mustFindPerson(c.var.platform, c.req.param('id'))
    const body = c.req.valid('json')
    const { appId, password, biometric, method, action } = body
    return c.json(await payAsPerson(c.var.platform, person.id, { target: targetOf(body), appId, password, biometric, method, action }))
  })

  .get('/faults', async (c) => c.json({ faults: await listPayApiFaults(c.var.platform) }))
  .post('/faults', sandboxJson(FaultRequest), async (c) => {
    const { code, method, path, times } = c.req.valid('json')
    return c.json(await addPayApiFault(c.var.platform, { code, method, path, times }), 201)
  })
  .delete('/faults', async (c) => {
    await clearPayFaults(c.var.platform)
    return c.body(null, 204)
  })
