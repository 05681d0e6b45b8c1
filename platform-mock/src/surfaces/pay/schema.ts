import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { sql } from 'drizzle-orm'

/** How a merchant verifies WeChat Pay: the WeChat Pay public key (`PUB_KEY_ID_…`) or platform certificates. */
export type PlatformMode = 'public_key' | 'certificate'

/** A direct merchant on api.mch.weixin.qq.com with its keys (the PEMs live in sandbox_keys). */
export const payMerchants = sqliteTable('pay_merchants', {
  mchid: text('mchid').primaryKey(),
  brandId: text('brand_id').notNull(),
  name: text('name').notNull(),
  appids: text('appids', { mode: 'json' }).notNull().$type<string[]>(),
  merchantSerial: text('merchant_serial').notNull(),
  platformSerial: text('platform_serial').notNull(),
  platformPublicKeyId: text('platform_public_key_id').notNull(),
  /** which key signs responses and notifications; see the pay README */
  platformMode: text('platform_mode', { enum: ['public_key', 'certificate'] }).notNull().default('public_key'),
  /** the merchant's available funds, fen: payments add to it, refunds draw on it */
  balance: integer('balance').notNull().default(0),
})

/** A person's WeChat Pay balance ("Wallet" in Me → Pay), in fen, with a bank card and a payment password. */
export const payWallets = sqliteTable('pay_wallets', {
  personId: text('person_id').primaryKey(),
  balance: integer('balance').notNull(),
  updatedAt: integer('updated_at').notNull(),
  /** simulated people, simulated secret: kept readable so scenarios and trainers can see it */
  paymentPassword: text('payment_password').notNull().default('123456'),
  cardBank: text('card_bank').notNull().default('招商银行'),
  /** WeChat's `bank_type` for the card, e.g. CMB_DEBIT */
  cardBankType: text('card_bank_type').notNull().default('CMB_DEBIT'),
  cardTail: text('card_tail').notNull().default('0000'),
})

export type TradeType = 'JSAPI' | 'NATIVE' | 'MWEB' | 'APP'
export type TradeState = 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED'
export type PayMethod = 'balance' | 'card'

/** An order placed through /v3/pay/transactions/{jsapi,native,h5,app}. */
export const payOrders = sqliteTable(
  'pay_orders',
  {
    id: integer('id').primaryKey(),
    mchid: text('mchid').notNull(),
    outTradeNo: text('out_trade_no').notNull(),
    appid: text('appid').notNull(),
    tradeType: text('trade_type', { enum: ['JSAPI', 'NATIVE', 'MWEB', 'APP'] }).notNull(),
    description: text('description').notNull(),
    total: integer('total').notNull(),
    currency: text('currency').notNull(),
    attach: text('attach'),
    notifyUrl: text('notify_url').notNull(),
    /** the validated request body, as given: detail, scene_info, settle_info, goods_tag… and the duplicate check */
    request: text('request', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    prepayId: text('prepay_id').notNull(),
    codeUrl: text('code_url'),
    h5Url: text('h5_url'),
    timeExpire: integer('time_expire').notNull(),
    tradeState: text('trade_state', { enum: ['NOTPAY', 'SUCCESS', 'REFUND', 'CLOSED'] }).notNull().default('NOTPAY'),
    payerOpenid: text('payer_openid'),
    personId: text('person_id'),
    transactionId: text('transaction_id'),
    successTime: integer('success_time'),
    bankType: text('bank_type'),
    payMethod: text('pay_method', { enum: ['balance', 'card'] }),
    /** fen committed to refunds that are processing or done (closed refunds give it back) */
    refunded: integer('refunded').notNull().default(0),
    closedAt: integer('closed_at'),
    journeyId: text('journey_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('pay_orders_out_trade_no').on(t.mchid, t.outTradeNo),
    uniqueIndex('pay_orders_prepay_id').on(t.prepayId),
    uniqueIndex('pay_orders_code_url').on(t.codeUrl),
    uniqueIndex('pay_orders_transaction_id').on(t.transactionId),
  ],
)

export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED'

/** A refund placed through /v3/refund/domestic/refunds. */
export const payRefunds = sqliteTable(
  'pay_refunds',
  {
    id: integer('id').primaryKey(),
    refundId: text('refund_id').notNull(),
    mchid: text('mchid').notNull(),
    outRefundNo: text('out_refund_no').notNull(),
    orderId: integer('order_id').notNull(),
    transactionId: text('transaction_id').notNull(),
    outTradeNo: text('out_trade_no').notNull(),
    reason: text('reason'),
    notifyUrl: text('notify_url'),
    total: integer('total').notNull(),
    refund: integer('refund').notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: ['PROCESSING', 'SUCCESS', 'ABNORMAL', 'CLOSED'] }).notNull().default('PROCESSING'),
    userReceivedAccount: text('user_received_account').notNull(),
    personId: text('person_id').notNull(),
    payMethod: text('pay_method', { enum: ['balance', 'card'] }).notNull(),
    request: text('request', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    journeyId: text('journey_id'),
    createdAt: integer('created_at').notNull(),
    successTime: integer('success_time'),
    settledAt: integer('settled_at'),
  },
  (t) => [uniqueIndex('pay_refunds_out_refund_no').on(t.mchid, t.outRefundNo), uniqueIndex('pay_refunds_refund_id').on(t.refundId)],
)

/** A notification to a merchant's notify_url: the exact signed-over envelope and its delivery state. */
export const payNotifications = sqliteTable(
  'pay_notifications',
  {
    id: text('id').primaryKey(),
    mchid: text('mchid').notNull(),
    eventType: text('event_type').notNull(),
    orderId: integer('order_id').notNull(),
    refundId: text('refund_id'),
    url: text('url').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed', 'dropped'] }).notNull().default('pending'),
    /** every POST so far, re-sends included */
    attempts: integer('attempts').notNull().default(0),
    /** attempts made on the retry ladder so far (re-sends on demand are not counted) */
    ladderStep: integer('ladder_step').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    journeyId: text('journey_id'),
    createdAt: integer('created_at').notNull(),
    deliveredAt: integer('delivered_at'),
  },
  (t) => [index('pay_notifications_order').on(t.orderId)],
)

/** One POST of a notification and what the merchant answered. */
export const payNotificationAttempts = sqliteTable(
  'pay_notification_attempts',
  {
    id: integer('id').primaryKey(),
    notificationId: text('notification_id').notNull(),
    n: integer('n').notNull(),
    trigger: text('trigger', { enum: ['initial', 'retry', 'resend', 'duplicate'] }).notNull(),
    at: integer('at').notNull(),
    status: integer('status'),
    latencyMs: integer('latency_ms').notNull(),
    outcome: text('outcome', { enum: ['acknowledged', 'rejected', 'timeout', 'refused', 'error'] }).notNull(),
    answer: text('answer').notNull(),
  },
  (t) => [uniqueIndex('pay_notification_attempts_n').on(t.notificationId, t.n)],
)

/** A line in a person's bill list (Me → Pay → Bills). */
export const payBills = sqliteTable(
  'pay_bills',
  {
    id: integer('id').primaryKey(),
    personId: text('person_id').notNull(),
    kind: text('kind', { enum: ['payment', 'refund'] }).notNull(),
    amount: integer('amount').notNull(),
    method: text('method', { enum: ['balance', 'card'] }).notNull(),
    mchid: text('mchid').notNull(),
    merchantName: text('merchant_name').notNull(),
    description: text('description').notNull(),
    outTradeNo: text('out_trade_no').notNull(),
    transactionId: text('transaction_id').notNull(),
    refundId: text('refund_id'),
    at: integer('at').notNull(),
  },
  (t) => [
    index('pay_bills_person').on(t.personId, t.at),
    // an order is paid at most once: a second payment's batch fails here and rolls back whole
    uniqueIndex('pay_bills_one_payment').on(t.mchid, t.outTradeNo).where(sql`kind = 'payment'`),
  ],
)
