import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`)

/** A person who logged in to the store: one row per openid (unionid links the brand's apps). */
export const members = sqliteTable('members', {
  id: text('id').primaryKey(),
  openid: text('openid').notNull().unique(),
  unionid: text('unionid'),
  points: integer('points').notNull().default(0),
  /** fen paid over the member's lifetime; the level follows it */
  lifetimeSpend: integer('lifetime_spend').notNull().default(0),
  createdAt: createdAt(),
})

/** The store's own session tokens, handed to the page after jscode2session. */
export const sessions = sqliteTable('sessions', {
  token: text('token').primaryKey(),
  memberId: text('member_id').notNull().references(() => members.id),
  createdAt: createdAt(),
})

/** What a member has in the cart; the same product with the same options is one line. */
export const cartItems = sqliteTable(
  'cart_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: text('member_id').notNull().references(() => members.id),
    productId: text('product_id').notNull(),
    /** JSON `{optionId: choiceId}`, keys sorted */
    options: text('options').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [uniqueIndex('cart_items_line').on(t.memberId, t.productId, t.options)],
)

/** An order, keyed by its out_trade_no. status: pending → paid → ready → collected, or closed; refunded when all of it came back. */
export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    status: text('status', { enum: ['pending', 'paid', 'ready', 'shipped', 'collected', 'closed', 'refunded'] }).notNull().default('pending'),
    /** what was bought: the cart (`order`) or a gift voucher (`gift`) */
    kind: text('kind', { enum: ['order', 'gift'] }).notNull().default('order'),
    total: integer('total').notNull(),
    storeId: text('store_id').notNull(),
    tableNo: text('table_no'),
    pickupNo: text('pickup_no').notNull(),
    /** attribution: the launch scene, its channel and query as the page reported them */
    entryScene: integer('entry_scene'),
    entryChannel: text('entry_channel').notNull().default('direct'),
    entryQuery: text('entry_query').notNull().default('{}'),
    prepayId: text('prepay_id'),
    transactionId: text('transaction_id'),
    pointsAwarded: integer('points_awarded').notNull().default(0),
    /** order-ready consents the member gave for this order (wx.requestSubscribeMessage accept) */
    readyConsents: integer('ready_consents').notNull().default(0),
    readyMessageId: text('ready_message_id'),
    /** the coupon used on this order and what it took off (total is after the discount) */
    memberCouponId: text('member_coupon_id'),
    discount: integer('discount').notNull().default(0),
    /** points the member spent on this order (kit `loyalty.redeem`); their value is part of `discount` */
    pointsUsed: integer('points_used').notNull().default(0),
    /** the gift redeemed on this order (its product line is free) */
    giftId: text('gift_id'),
    /** shipping kits: JSON `{name, phone, address}` captured at checkout, then the carrier's tracking */
    shippingAddress: text('shipping_address'),
    carrier: text('carrier'),
    trackingNo: text('tracking_no'),
    shippedAt: text('shipped_at'),
    shippedMessageId: text('shipped_message_id'),
    /** booking kits: the slot booked, China time "YYYY-MM-DDTHH:MM" (booking.ts) */
    bookingSlot: text('booking_slot'),
    /** the platform's attribution of the launch that brought the buyer in (sandbox only): its id, first touch, share and chain (JSON) */
    attributionId: text('attribution_id'),
    firstTouchChannel: text('first_touch_channel'),
    shareId: text('share_id'),
    shareChain: text('share_chain'),
    /** the store whose follow code brought the buyer to the Official Account, when they follow it */
    followStoreId: text('follow_store_id'),
    /** the Official Account template message sent after payment (followers only) */
    oaTemplateMsgId: text('oa_template_msg_id'),
    createdAt: createdAt(),
    paidAt: text('paid_at'),
    readyAt: text('ready_at'),
  },
  (t) => [index('orders_member').on(t.memberId)],
)

/** An order's lines, priced when the order was placed. */
export const orderItems = sqliteTable('order_items', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  orderId: text('order_id').notNull().references(() => orders.id),
  productId: text('product_id').notNull(),
  name: text('name').notNull(),
  /** JSON `[{option, choice}]` with display names */
  options: text('options').notNull(),
  quantity: integer('quantity').notNull(),
  unitPrice: integer('unit_price').notNull(),
})

/** Every WeChat Pay notification id handled: a repeat is acknowledged and ignored. */
export const payNotifications = sqliteTable('pay_notifications', {
  id: text('id').primaryKey(),
  eventType: text('event_type').notNull(),
  orderId: text('order_id'),
  receivedAt: createdAt(),
})

/** Points earned and spent; `members.points` is their sum. One award per order and reason. */
export const pointsLedger = sqliteTable(
  'points_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: text('member_id').notNull().references(() => members.id),
    orderId: text('order_id'),
    delta: integer('delta').notNull(),
    reason: text('reason').notNull(),
    /** earned points lapse at expiresAt (kit `pointsValidDays`); expiredAt marks that they did */
    expiresAt: text('expires_at'),
    expiredAt: text('expired_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('points_once_per_order').on(t.orderId, t.reason)],
)

/** Refunds the brand started: PROCESSING until WeChat Pay's REFUND.* notification settles them. */
export const refunds = sqliteTable('refunds', {
  id: text('id').primaryKey(),
  orderId: text('order_id').notNull().references(() => orders.id),
  amount: integer('amount').notNull(),
  reason: text('reason').notNull().default(''),
  status: text('status', { enum: ['PROCESSING', 'SUCCESS', 'ABNORMAL', 'CLOSED'] }).notNull().default('PROCESSING'),
  refundId: text('refund_id'),
  createdAt: createdAt(),
  settledAt: text('settled_at'),
})

/** A coupon a member claimed: usable until `expiresAt`, once. */
export const memberCoupons = sqliteTable(
  'member_coupons',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    couponId: text('coupon_id').notNull(),
    claimedAt: text('claimed_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedOrderId: text('used_order_id'),
    /** when the coupon-expiring message went out (once) */
    remindedAt: text('reminded_at'),
  },
  (t) => [uniqueIndex('member_coupons_once').on(t.memberId, t.couponId)],
)

/** What is left of products with limited stock (seeded from the brand kit once, then counted down). */
export const stock = sqliteTable('stock', {
  productId: text('product_id').primaryKey(),
  remaining: integer('remaining').notNull(),
})

/**
 * A gift voucher: bought (an order of kind `gift`), shared to a friend's chat with its token in the
 * card's path, claimed once by someone other than the buyer, redeemed once (at checkout or in store).
 */
export const gifts = sqliteTable(
  'gifts',
  {
    id: text('id').primaryKey(),
    /** the secret in the shared card's path; whoever holds it may claim the gift */
    token: text('token').notNull().unique(),
    /** the kit's gift kind */
    kind: text('kind').notNull(),
    buyerId: text('buyer_id').notNull().references(() => members.id),
    orderId: text('order_id').notNull().references(() => orders.id),
    message: text('message').notNull().default(''),
    status: text('status', { enum: ['pending', 'paid', 'claimed', 'redeemed', 'closed'] }).notNull().default('pending'),
    recipientId: text('recipient_id').references(() => members.id),
    expiresAt: text('expires_at').notNull(),
    claimedAt: text('claimed_at'),
    redeemedAt: text('redeemed_at'),
    /** the order it was redeemed on, or null when staff redeemed it in store */
    redeemedOrderId: text('redeemed_order_id'),
    redeemedStoreId: text('redeemed_store_id'),
    createdAt: createdAt(),
  },
  (t) => [index('gifts_buyer').on(t.buyerId), index('gifts_recipient').on(t.recipientId)],
)

/** Consents for messages that belong to no order (points changed, coupon expiring): one message each. */
export const memberConsents = sqliteTable(
  'member_consents',
  {
    memberId: text('member_id').notNull().references(() => members.id),
    kind: text('kind', { enum: ['pointsChanged', 'couponExpiring'] }).notNull(),
    credits: integer('credits').notNull().default(0),
  },
  (t) => [uniqueIndex('member_consents_kind').on(t.memberId, t.kind)],
)

/** People who follow (or followed) the brand's Official Account, keyed by their OA openid; unionid links them to members. */
export const oaFollowers = sqliteTable(
  'oa_followers',
  {
    openid: text('openid').primaryKey(),
    unionid: text('unionid'),
    subscribed: integer('subscribed', { mode: 'boolean' }).notNull().default(true),
    /** the store whose follow code (qrscene_store=<id>) they followed with */
    storeId: text('store_id'),
    /** the subscribe EventKey's scene (without qrscene_), or null for a plain follow */
    scene: text('scene'),
    followedAt: text('followed_at'),
    /** the last store code a follower scanned (SCAN) */
    lastScanStoreId: text('last_scan_store_id'),
    lastScanAt: text('last_scan_at'),
    createdAt: createdAt(),
  },
  (t) => [index('oa_followers_unionid').on(t.unionid)],
)

/** Pushes handled once: messages by MsgId, events by FromUserName + CreateTime (WeChat retries carry the same). */
export const oaInbox = sqliteTable('oa_inbox', {
  key: text('key').primaryKey(),
  kind: text('kind').notNull(),
  receivedAt: createdAt(),
})

/** An order's consultant "contact me" code (add_contact_way, `state` = the order id). */
export const wecomOrderCodes = sqliteTable('wecom_order_codes', {
  orderId: text('order_id').primaryKey(),
  configId: text('config_id').notNull(),
  qrCode: text('qr_code').notNull(),
  userid: text('userid').notNull(),
  createdAt: createdAt(),
})

/** A customer who added one of the brand's consultants (add_external_contact), and what the brand did since. */
export const wecomCustomers = sqliteTable(
  'wecom_customers',
  {
    externalUserid: text('external_userid').notNull(),
    userid: text('userid').notNull(),
    /** the member with the same unionid (externalcontact/get), when known */
    memberId: text('member_id'),
    /** the order whose code brought them (the event's State) */
    orderId: text('order_id'),
    /** store time of the add event */
    addedAt: text('added_at').notNull(),
    welcomed: integer('welcomed', { mode: 'boolean' }).notNull().default(false),
    /** the re-engagement mass message (add_msg_template msgid) and when it was created */
    reengageMsgid: text('reengage_msgid'),
    reengagedAt: text('reengaged_at'),
  },
  (t) => [primaryKey({ columns: [t.externalUserid, t.userid] })],
)

/** kf/sync_msg: where the brand stopped reading (next_cursor), per customer-service account. */
export const wecomKfCursors = sqliteTable('wecom_kf_cursors', {
  openKfid: text('open_kfid').primaryKey(),
  cursor: text('cursor').notNull(),
})

/** WeCom pushes handled once (retries carry the same event). */
export const wecomInbox = sqliteTable('wecom_inbox', {
  key: text('key').primaryKey(),
  kind: text('kind').notNull(),
  receivedAt: createdAt(),
})

/** A customer-service chat as the brand knows it: the order it was opened from (enter_session scene_param). */
export const wecomKfSessions = sqliteTable('wecom_kf_sessions', {
  externalUserid: text('external_userid').primaryKey(),
  openKfid: text('open_kfid').notNull(),
  orderId: text('order_id'),
  enteredAt: text('entered_at').notNull(),
})

/**
 * A customer-service chat's texts as the brand keeps them: what kf/sync_msg brought (the customer's,
 * origin 3) and what the brand sent with kf/send_msg (the auto-reply, a consultant's answer), which
 * sync_msg never returns. The brand console shows them.
 */
export const wecomKfMessages = sqliteTable(
  'wecom_kf_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    externalUserid: text('external_userid').notNull(),
    openKfid: text('open_kfid').notNull(),
    /** WeCom's msgid (sync_msg's, or send_msg's answer); not unique: a world reset with the same seed makes the same ids again */
    msgid: text('msgid').notNull(),
    from: text('from', { enum: ['customer', 'auto', 'consultant'] }).notNull(),
    content: text('content').notNull(),
    sentAt: text('sent_at').notNull(),
  },
  (t) => [index('wecom_kf_messages_customer').on(t.externalUserid, t.id)],
)

/**
 * The staff credential of the store's back office (`/admin/*`): one row, made at the first start
 * and kept with the store's data, so a restart does not change what the staff were given.
 */
export const staffCredentials = sqliteTable('staff_credentials', {
  token: text('token').primaryKey(),
  createdAt: createdAt(),
})
