import { and, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import { channelOf, channelsSourceOf, tableOf } from './attribution'
import type { Store } from './context'
import { ApiError } from './errors'
import type { Member } from './members'
import { cartItems, memberCoupons, members, orderItems, orders, payNotifications, pointsLedger, refunds, stock } from './schema'
import { discountFor } from './coupons'
import { pointsExpiry } from './points'
import { giftDiscount, giftPaid, redeemOnOrder } from './gifts'
import { chinaTime, notifyPoints, templateId, thing } from './messages'
import type { JsapiOrder, Transaction } from '../wechat/pay'
import { WeChatApiError, WeChatPayError } from '../wechat/errors'
import { followerOfMember, notifyPaidFollower } from './official-account'
import { addressMode, resolveFulfilment, type Mode } from './fulfilment'
import { checkSlot, holdSlot } from './booking'

export type Order = typeof orders.$inferSelect

/** Options are stored with sorted keys, so the same choice is the same cart line. */
const optionsKey = (o: Record<string, string>) => JSON.stringify(Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b))))

/** The member's cart, priced now. */
export async function cartOf(store: Store, memberId: string) {
  const rows = await store.db.select().from(cartItems).where(eq(cartItems.memberId, memberId)).orderBy(cartItems.id)
  const lines = rows.map((r) => {
    const priced = store.catalog.price(r.productId, JSON.parse(r.options))
    return { id: r.id, productId: r.productId, name: priced.product.name, options: priced.options, labels: priced.labels, quantity: r.quantity, unitPrice: priced.unitPrice, lineTotal: priced.unitPrice * r.quantity }
  })
  return { lines, count: lines.reduce((n, l) => n + l.quantity, 0), total: lines.reduce((n, l) => n + l.lineTotal, 0) }
}

/** Adds a configured product; the same product with the same options adds to its line. */
export async function addToCart(store: Store, memberId: string, item: { productId: string; options?: Record<string, string>; quantity: number }) {
  const priced = store.catalog.price(item.productId, item.options)
  await store.db
    .insert(cartItems)
    .values({ memberId, productId: item.productId, options: optionsKey(priced.options), quantity: item.quantity })
    .onConflictDoUpdate({ target: [cartItems.memberId, cartItems.productId, cartItems.options], set: { quantity: sql`min(99, ${cartItems.quantity} + ${item.quantity})` } })
}

export async function setCartQuantity(store: Store, memberId: string, lineId: number, quantity: number) {
  const where = and(eq(cartItems.id, lineId), eq(cartItems.memberId, memberId))
  const done = quantity === 0 ? await store.db.delete(cartItems).where(where).returning() : await store.db.update(cartItems).set({ quantity }).where(where).returning()
  if (done.length === 0) throw new ApiError(404, 'unknown_line', `no cart line ${lineId}`)
}

export interface Entry {
  scene?: number
  query?: Record<string, string>
}

/**
 * Checkout: the cart becomes an order (priced, with the launch it came from), WeChat Pay gives a
 * JSAPI prepay_id, and the page gets `wx.requestPayment` parameters signed with the merchant key.
 * Nothing is written when WeChat Pay refuses the order.
 */
export interface Address {
  name: string
  phone: string
  address: string
}

export async function checkout(store: Store, member: Member, input: { storeId?: string; entry?: Entry; couponId?: string; giftId?: string; usePoints?: number; address?: Address; mode?: Mode; slot?: string }) {
  const cart = await cartOf(store, member.id)
  if (cart.lines.length === 0) throw new ApiError(409, 'empty_cart', 'the cart is empty')
  const storeId = input.storeId ?? store.kit.stores[0].id
  const shop = store.kit.stores.find((s) => s.id === storeId)
  if (!shop) throw new ApiError(400, 'unknown_store', `no store "${storeId}"`, 'storeId')
  const query = input.entry?.query ?? {}
  const table = tableOf(query)
  if (table && shop.tables > 0 && !(Number(table) >= 1 && Number(table) <= shop.tables)) throw new ApiError(400, 'unknown_table', `${shop.name} has no table ${table}`, 'entry.query')

  // the mode asked for, else the address's mode when there is an address, else the kit's first;
  // a table order is eaten at the table
  const fulfilment = resolveFulfilment(store.kit.fulfilment)
  const mode = table ? 'pickup' : (input.mode ?? (input.address && addressMode(fulfilment)) ?? fulfilment.modes[0])
  if (!table && !fulfilment.modes.includes(mode)) throw new ApiError(400, 'unknown_mode', `${store.kit.name} does not offer ${mode} (it offers ${fulfilment.modes.join(', ')})`, 'mode')
  // a booking's slot is checked before anything is written (the prepay included)
  const slot = mode === 'booking' ? await checkSlot(store, input.slot) : null
  if ((mode === 'delivery' || mode === 'shipping') && !input.address) throw new ApiError(400, 'address_required', `${store.kit.name} ${mode === 'delivery' ? 'delivers' : 'ships'} orders: address is required`, 'address')
  const address = mode === 'delivery' || mode === 'shipping' ? input.address : undefined

  const limited = await checkStock(store, cart.lines)
  const attribution = await attributionOf(store, member.openid)
  const followStoreId = (await followerOfMember(store, member.id))?.storeId ?? null
  // a received gift makes one line of its product free; a coupon comes off what is left
  const giftOff = input.giftId ? await giftDiscount(store, member.id, input.giftId, cart.lines) : 0
  const couponOff = input.couponId ? Math.max(0, await discountFor(store, member.id, input.couponId, cart.total - giftOff)) : 0
  // points come off what is left after the gift and the coupon
  const pointsUsed = input.usePoints ?? 0
  const pointsOff = pointsUsed ? pointsValue(store, member, pointsUsed, cart.total - giftOff - couponOff) : 0
  const discount = giftOff + couponOff + pointsOff
  const total = cart.total - discount
  const id = outTradeNo(store.kit.id)
  const [{ n }] = await store.db.select({ n: sql<number>`count(*)` }).from(orders)
  const pickupNo = `${table ? 'T' : 'A'}${String((n % 999) + 1).padStart(3, '0')}`
  const names = cart.lines.map((l) => `${l.name}${l.quantity > 1 ? ` ×${l.quantity}` : ''}`).join(', ')
  // nothing to pay (a gift covered it all): no prepay, the order is paid as placed
  let prepay: { prepay_id: string } | null = null
  if (total > 0) prepay = await placePrepay(store, {
    appid: store.appid,
    description: `${store.kit.name} - ${names}`.slice(0, 127),
    out_trade_no: id,
    notify_url: `${store.publicUrl}/pay/notify`,
    amount: { total, currency: 'CNY' },
    payer: { openid: member.openid },
    attach: JSON.stringify({ table, scene: input.entry?.scene ?? null }).slice(0, 127),
  })
  // the order, its lines, the emptied cart, the coupon and the stock in one transaction; a coupon
  // or stock lost to a concurrent checkout undoes all of it (and the prepay is closed)
  try {
    await store.db.transaction(async (t) => {
      await t.insert(orders).values({
        id,
        memberId: member.id,
        total,
        discount,
        pointsUsed,
        createdAt: store.now().toISOString(),
        ...(prepay ? {} : { status: 'paid' as const, paidAt: store.now().toISOString() }),
        giftId: input.giftId ?? null,
        shippingAddress: address ? JSON.stringify(address) : null,
        bookingSlot: slot,
        memberCouponId: input.couponId ?? null,
        storeId,
        tableNo: table,
        pickupNo,
        entryScene: input.entry?.scene ?? null,
        entryChannel: channelOf(input.entry?.scene, input.entry?.query),
        entryQuery: JSON.stringify(query),
        prepayId: prepay?.prepay_id ?? null,
        attributionId: attribution?.attributionId ?? null,
        firstTouchChannel: attribution?.firstTouchChannel ?? null,
        shareId: attribution?.shareId ?? null,
        shareChain: attribution ? JSON.stringify({ people: attribution.people, shareChain: attribution.shareChain }) : null,
        followStoreId,
      })
      if (slot) await holdSlot(t, store, slot)
      await t.insert(orderItems).values(cart.lines.map((l) => ({ orderId: id, productId: l.productId, name: l.name, options: JSON.stringify(l.labels), quantity: l.quantity, unitPrice: l.unitPrice })))
      await t.delete(cartItems).where(eq(cartItems.memberId, member.id))
      if (input.couponId) {
        const used = await t.update(memberCoupons).set({ usedOrderId: id }).where(and(eq(memberCoupons.id, input.couponId), isNull(memberCoupons.usedOrderId))).returning()
        if (used.length === 0) throw new ApiError(409, 'coupon_used', 'the coupon was just used', 'couponId')
      }
      if (input.giftId) await redeemOnOrder(t, store, input.giftId, id)
      if (pointsUsed) {
        // spent under a guard: two checkouts never spend the same points
        const spent = await t.update(members).set({ points: sql`${members.points} - ${pointsUsed}` }).where(and(eq(members.id, member.id), gte(members.points, pointsUsed))).returning()
        if (spent.length === 0) throw new ApiError(409, 'not_enough_points', 'the points were just spent', 'usePoints')
        await t.insert(pointsLedger).values({ memberId: member.id, orderId: id, delta: -pointsUsed, reason: 'redeemed', createdAt: store.now().toISOString() })
      }
      for (const [productId, quantity] of limited) {
        const left = await t.update(stock).set({ remaining: sql`${stock.remaining} - ${quantity}` }).where(and(eq(stock.productId, productId), gte(stock.remaining, quantity))).returning()
        if (left.length === 0) throw new ApiError(409, 'out_of_stock', `${store.catalog.product(productId).name} just sold out`, 'cart')
      }
    })
  } catch (err) {
    if (prepay) await store.pay.close(id).catch(() => undefined)
    throw err
  }
  return { order: await orderView(store, id), payment: prepay ? store.pay.requestPaymentParams(store.appid, prepay.prepay_id) : null }
}

/**
 * JSAPI下单 for a checkout. An answer that never came (timeout) or a 5xx may still have placed the
 * order: it is asked again once with the same out_trade_no and the same body, which WeChat Pay
 * answers with the same prepay_id — one order, never a second one to pay. When that fails too, the
 * order is closed (whether or not WeChat Pay has it) and the checkout refused.
 */
async function placePrepay(store: Store, order: JsapiOrder) {
  const uncertain = (err: unknown) => err instanceof WeChatPayError && (err.code === 'TIMEOUT' || err.status >= 500)
  try {
    return await store.pay.jsapi(order)
  } catch (err) {
    if (!(err instanceof WeChatPayError)) throw err
    if (!uncertain(err)) throw new ApiError(502, 'pay_refused', err.message)
  }
  try {
    return await store.pay.jsapi(order)
  } catch (err) {
    if (!(err instanceof WeChatPayError)) throw err
    await store.pay.close(order.out_trade_no).catch(() => undefined)
    throw new ApiError(502, 'pay_refused', err.message)
  }
}

/**
 * What points take off at checkout (kit `loyalty.redeem`): whole units of `points`, no more than the
 * member has, worth at most `maxShare` of what is left to pay. Refusals name `usePoints`.
 */
function pointsValue(store: Store, member: Member, points: number, left: number) {
  const rule = store.kit.loyalty.redeem
  if (!rule) throw new ApiError(400, 'points_not_accepted', `${store.kit.name} does not take points at checkout`, 'usePoints')
  if (points % rule.points !== 0) throw new ApiError(400, 'invalid', `usePoints: a multiple of ${rule.points}`, 'usePoints')
  if (points > member.points) throw new ApiError(409, 'not_enough_points', `you have ${member.points} points`, 'usePoints')
  const off = (points / rule.points) * rule.value
  const cap = Math.floor(left * rule.maxShare)
  if (off > cap) throw new ApiError(409, 'points_over_limit', `points can pay at most ¥${(cap / 100).toFixed(2)} of this order`, 'usePoints')
  return off
}

export interface Attribution {
  attributionId: string
  firstTouchChannel: string
  shareId: string | null
  people: string[]
  shareChain: Record<string, unknown>[]
}

/**
 * Where the buyer came from, as the sandbox platform knows it (chat README, "What the merchant does
 * to put the chain on its order"): the attribution of their latest launch of the mini program. A
 * sandbox-only call: skipped against a real WeChat, and an order is placed without it when it fails.
 */
export async function attributionOf(store: Store, openid: string): Promise<Attribution | null> {
  if (!store.sandbox) return null
  try {
    const q = new URLSearchParams({ appid: store.appid, openid })
    const res = await fetch(`${store.platformUrl}/_sandbox/attribution?${q}`)
    if (!res.ok) return null
    const a = (await res.json()) as Attribution
    return { attributionId: a.attributionId, firstTouchChannel: a.firstTouchChannel, shareId: a.shareId ?? null, people: a.people ?? [], shareChain: a.shareChain ?? [] }
  } catch {
    return null
  }
}

/** Quantities per product with limited stock; 409 naming the product when there is not enough. */
async function checkStock(store: Store, lines: { productId: string; quantity: number }[]) {
  const wanted = new Map<string, number>()
  for (const l of lines) wanted.set(l.productId, (wanted.get(l.productId) ?? 0) + l.quantity)
  const rows = await store.db.select().from(stock).where(inArray(stock.productId, [...wanted.keys()]))
  for (const row of rows) {
    const q = wanted.get(row.productId)!
    if (row.remaining < q) throw new ApiError(409, 'out_of_stock', `only ${row.remaining} ${store.catalog.product(row.productId).name} left`, 'cart')
  }
  return rows.map((r) => [r.productId, wanted.get(r.productId)!] as const)
}

/** Seeds stock counts for the kit's limited products that have none yet (a restart keeps the counts). */
export async function seedStock(store: Store) {
  const limited = store.kit.products.filter((p) => p.stock !== null)
  if (limited.length) await store.db.insert(stock).values(limited.map((p) => ({ productId: p.id, remaining: p.stock! }))).onConflictDoNothing()
}

/** What is left of each limited product. */
export async function stockLeft(store: Store) {
  return new Map((await store.db.select().from(stock)).map((r) => [r.productId, r.remaining]))
}

/** An order that closed unpaid gives its stock back. */
export async function releaseStock(store: Store, orderId: string) {
  const items = await store.db.select().from(orderItems).where(eq(orderItems.orderId, orderId))
  for (const i of items) await store.db.update(stock).set({ remaining: sql`${stock.remaining} + ${i.quantity}` }).where(eq(stock.productId, i.productId))
}

function outTradeNo(brandId: string) {
  const prefix = brandId.replace(/[^a-z0-9]/gi, '').slice(0, 4).toUpperCase()
  return `${prefix}${Date.now().toString(36).toUpperCase()}${randomBytes(5).toString('hex').toUpperCase()}`
}

/**
 * Marks an order paid from a verified transaction: status, points and spend in one transaction,
 * and only once — the guard is `status = 'pending'`, so a duplicate, a late notification and a
 * query racing the notification all find nothing left to do.
 */
export async function fulfil(store: Store, tx: Transaction): Promise<'fulfilled' | 'already' | 'ignored'> {
  if (tx.trade_state !== 'SUCCESS') return 'ignored'
  const [order] = await store.db.select().from(orders).where(eq(orders.id, tx.out_trade_no))
  if (!order) return 'ignored'
  if (tx.amount?.total !== order.total || tx.mchid !== store.pay.config.mchid) throw new ApiError(422, 'amount_mismatch', `transaction ${tx.transaction_id} does not match order ${order.id}`)
  const points = store.catalog.pointsFor(order.total)
  const result = await store.db.transaction(async (t) => {
    const paid = await t
      .update(orders)
      .set({ status: 'paid', paidAt: tx.success_time ?? store.now().toISOString(), transactionId: tx.transaction_id ?? null, pointsAwarded: points })
      .where(and(eq(orders.id, order.id), eq(orders.status, 'pending')))
      .returning({ id: orders.id })
    if (paid.length === 0) return { result: 'already' as const, referral: null }
    if (points > 0) await t.insert(pointsLedger).values({ memberId: order.memberId, orderId: order.id, delta: points, reason: 'purchase', expiresAt: pointsExpiry(store), createdAt: store.now().toISOString() })
    await t
      .update(members)
      .set({ points: sql`${members.points} + ${points}`, lifetimeSpend: sql`${members.lifetimeSpend} + ${order.total}` })
      .where(eq(members.id, order.memberId))
    const referral = await rewardReferrer(store, t, order)
    await giftPaid(t, order.id)
    return { result: 'fulfilled' as const, referral }
  })
  if (result.result === 'fulfilled' && points > 0) await notifyPoints(store, order.memberId, points, 'Purchase reward')
  if (result.result === 'fulfilled') await notifyPaidFollower(store, order.id).catch((err) => console.warn('merchant-demo: paid template message failed:', (err as Error).message))
  if (result.referral) await notifyPoints(store, result.referral.memberId, result.referral.reward, 'A friend ordered')
  return result.result
}

/**
 * A referral: the order came from a share carrying `ref=<member id>` (the sharer's), and it is the
 * buyer's first paid order. The sharer gets the kit's referralPoints, once per order (the ledger's
 * unique (order, reason) makes sure).
 */
async function rewardReferrer(store: Store, t: Parameters<Parameters<Store['db']['transaction']>[0]>[0], order: Order) {
  const reward = store.kit.loyalty.referralPoints
  const ref = (JSON.parse(order.entryQuery) as Record<string, string>).ref
  if (!reward || !ref || ref === order.memberId) return null
  const [referrer] = await t.select().from(members).where(eq(members.id, ref))
  if (!referrer) return null
  const [{ n }] = await t.select({ n: sql<number>`count(*)` }).from(orders).where(and(eq(orders.memberId, order.memberId), sql`${orders.status} <> 'pending' and ${orders.status} <> 'closed'`))
  if (n !== 1) return null
  await t.insert(pointsLedger).values({ memberId: referrer.id, orderId: order.id, delta: reward, reason: 'referral', expiresAt: pointsExpiry(store), createdAt: store.now().toISOString() })
  await t.update(members).set({ points: sql`${members.points} + ${reward}` }).where(eq(members.id, referrer.id))
  return { memberId: referrer.id, reward }
}

/** Records a notification id; false when it was seen before. */
export async function firstSighting(store: Store, id: string, eventType: string, orderId: string | null) {
  const rows = await store.db.insert(payNotifications).values({ id, eventType, orderId }).onConflictDoNothing().returning()
  return rows.length === 1
}

/** An order of the member (404 for anyone else's). A pending order is checked with WeChat Pay. */
export async function memberOrder(store: Store, member: Member, id: string) {
  const [order] = await store.db.select().from(orders).where(eq(orders.id, id))
  if (!order) throw new ApiError(404, 'unknown_order', `no order ${id}`)
  // a friend opened a card or a link of someone else's order: the page says whose it is not, and stops
  if (order.memberId !== member.id) throw new ApiError(403, 'not_your_order', 'this order was placed by another WeChat account')
  if (order.status === 'pending') {
    // the notification may be late: ask WeChat Pay (query by out_trade_no) rather than wait
    const tx = await store.pay.queryByOutTradeNo(id).catch(() => null)
    if (tx) await fulfil(store, tx)
  }
  return orderView(store, id)
}

export async function ordersOf(store: Store, memberId: string) {
  const rows = await store.db.select({ id: orders.id }).from(orders).where(eq(orders.memberId, memberId)).orderBy(desc(orders.createdAt), sql`rowid desc`).limit(50)
  return Promise.all(rows.map((r) => orderView(store, r.id)))
}

export async function orderView(store: Store, id: string) {
  const [order] = await store.db.select().from(orders).where(eq(orders.id, id))
  if (!order) throw new ApiError(404, 'unknown_order', `no order ${id}`)
  const items = await store.db.select().from(orderItems).where(eq(orderItems.orderId, id)).orderBy(orderItems.id)
  const shop = store.kit.stores.find((s) => s.id === order.storeId)
  const refundRows = await store.db.select().from(refunds).where(eq(refunds.orderId, id)).orderBy(refunds.createdAt)
  return {
    id: order.id,
    kind: order.kind,
    status: order.status,
    total: order.total,
    discount: order.discount,
    pointsUsed: order.pointsUsed,
    pickupNo: order.pickupNo,
    /** how it reaches the person, which names its number and its steps (the kit's fulfilment words) */
    mode: modeOf(store, order),
    store: shop ? { id: shop.id, name: shop.name, address: shop.address } : { id: order.storeId, name: order.storeId, address: '' },
    table: order.tableNo,
    entry: { scene: order.entryScene, channel: order.entryChannel, query: JSON.parse(order.entryQuery) as Record<string, string> },
    items: items.map((i) => ({ productId: i.productId, name: i.name, options: JSON.parse(i.options) as { option: string; choice: string }[], quantity: i.quantity, unitPrice: i.unitPrice })),
    pointsAwarded: order.pointsAwarded,
    readyConsents: order.readyConsents,
    readyMessageSent: order.readyMessageId !== null,
    transactionId: order.transactionId,
    createdAt: order.createdAt,
    paidAt: order.paidAt,
    readyAt: order.readyAt,
    refunds: refundRows.map((r) => ({ id: r.id, amount: r.amount, status: r.status, reason: r.reason })),
    giftId: order.giftId,
    /** the platform's attribution of the launch the order came from (first touch, share, chain), null when unknown */
    attribution: order.attributionId || order.followStoreId ? attributionView(order) : null,
    officialAccountMessageSent: order.oaTemplateMsgId !== null,
    /** booking kits: the slot booked, China time "YYYY-MM-DDTHH:MM" */
    slot: order.bookingSlot,
    shipping: order.shippingAddress
      ? { address: JSON.parse(order.shippingAddress) as Address, carrier: order.carrier, trackingNo: order.trackingNo, shippedAt: order.shippedAt, messageSent: order.shippedMessageId !== null }
      : null,
  }
}

/** What `GET /api/orders/:id` and the staff routes answer for an order: the one type pages, scenarios and tests read. */
export type OrderView = Awaited<ReturnType<typeof orderView>>

/** An order with a slot is a booking; one with an address goes by the kit's address mode (delivery or shipping); any other is picked up (or served to its table). */
export function modeOf(store: Store, order: Pick<Order, 'shippingAddress' | 'bookingSlot'>): Mode {
  if (order.bookingSlot) return 'booking'
  if (!order.shippingAddress) return 'pickup'
  return addressMode(resolveFulfilment(store.kit.fulfilment)) ?? 'shipping'
}

function attributionView(order: Order) {
  const chain = JSON.parse(order.shareChain ?? '{}') as { people?: string[]; shareChain?: Record<string, unknown>[] }
  return {
    attributionId: order.attributionId,
    firstTouchChannel: order.firstTouchChannel,
    shareId: order.shareId,
    people: chain.people ?? [],
    shareChain: chain.shareChain ?? [],
    /** the store whose Official Account follow code the buyer followed with */
    followStoreId: order.followStoreId,
    /** the Channels video or live session the order came from */
    channels: channelsSourceOf(chain.shareChain ?? []),
  }
}

/** The member's answer to wx.requestSubscribeMessage for this order's "order ready" message. */
export async function recordConsent(store: Store, member: Member, id: string, accepted: boolean) {
  const [order] = await store.db.select().from(orders).where(and(eq(orders.id, id), eq(orders.memberId, member.id)))
  if (!order) throw new ApiError(404, 'unknown_order', `no order ${id}`)
  if (accepted) await store.db.update(orders).set({ readyConsents: sql`${orders.readyConsents} + 1` }).where(eq(orders.id, id))
  return orderView(store, id)
}

/** The id of the app's "order ready" (取餐提醒) template, looked up once. */
export function orderReadyTemplate(store: Store) {
  return templateId(store, 'orderReady')
}

/**
 * An order's subscription message (ready, shipped), sent only while the member has a consent left
 * for it (each message uses one); WeChat's refusal is reported, not thrown.
 */
async function sendOrderMessage(
  store: Store,
  order: { order: typeof orders.$inferSelect; openid: string },
  sentColumn: 'readyMessageId' | 'shippedMessageId',
  template: () => Promise<string>,
  data: (view: Awaited<ReturnType<typeof orderView>>, items: string) => Record<string, { value: string }>,
): Promise<{ sent: boolean; reason?: string }> {
  if (order.order.readyConsents <= 0) return { sent: false, reason: 'no consent' }
  const id = order.order.id
  const view = await orderView(store, id)
  const items = view.items.map((i) => `${i.name}${i.quantity > 1 ? ` x${i.quantity}` : ''}`).join(', ')
  try {
    const { msgid } = await store.wechat.sendSubscribeMessage({
      touser: order.openid,
      template_id: await template(),
      page: `pages/order/order?id=${id}`,
      miniprogram_state: 'formal',
      lang: 'en_US',
      data: data(view, items),
    })
    await store.db.update(orders).set({ [sentColumn]: String(msgid), readyConsents: sql`${orders.readyConsents} - 1` }).where(eq(orders.id, id))
    return { sent: true }
  } catch (err) {
    if (!(err instanceof WeChatApiError)) throw err
    return { sent: false, reason: `${err.errcode} ${err.errmsg}` }
  }
}

/**
 * The brand marks an order ready: status `ready`, and — only when the member said yes to the
 * order-ready message — one subscription message into their Service Notifications.
 */
export async function markReady(store: Store, id: string) {
  const [order] = await store.db.select({ order: orders, openid: members.openid }).from(orders).innerJoin(members, eq(members.id, orders.memberId)).where(eq(orders.id, id))
  if (!order) throw new ApiError(404, 'unknown_order', `no order ${id}`)
  if (order.order.kind === 'gift') throw new ApiError(409, 'gift_order', `order ${id} bought a gift voucher: there is nothing to prepare`)
  if (order.order.shippingAddress) throw new ApiError(409, 'not_pickup', `order ${id} is ${modeOf(store, order.order) === 'delivery' ? 'delivered' : 'shipped'}: hand it over with /ship`)
  if (order.order.status !== 'paid') throw new ApiError(409, 'not_paid', `order ${id} is ${order.order.status}, not paid`)
  const readyAt = store.now()
  const updated = await store.db.update(orders).set({ status: 'ready', readyAt: readyAt.toISOString() }).where(and(eq(orders.id, id), eq(orders.status, 'paid'))).returning()
  if (updated.length === 0) throw new ApiError(409, 'not_paid', `order ${id} is no longer paid`)
  const message = await sendOrderMessage(store, order, 'readyMessageId', () => orderReadyTemplate(store), (view, items) => ({
    character_string1: { value: view.pickupNo },
    thing2: { value: thing(items) },
    thing3: { value: thing(view.store.name) },
    time4: { value: chinaTime(readyAt) },
    thing5: { value: view.table ? `Served to table ${view.table}` : view.slot ? `Checked in for ${view.slot.replace('T', ' ')}` : 'Pick up at the counter' },
  }))
  return { order: await orderView(store, id), message }
}

/**
 * A shipping kit's staff ship a paid order with the carrier's tracking number, a delivery kit's give
 * it to a rider (`carrier`, no tracking number needed): status `shipped`, and the 订单发货通知 message
 * only when the member said yes to it for this order.
 */
export async function markShipped(store: Store, id: string, input: { carrier: string; trackingNo?: string }) {
  const [order] = await store.db.select({ order: orders, openid: members.openid }).from(orders).innerJoin(members, eq(members.id, orders.memberId)).where(eq(orders.id, id))
  if (!order) throw new ApiError(404, 'unknown_order', `no order ${id}`)
  if (!order.order.shippingAddress) throw new ApiError(409, 'not_shippable', `order ${id} has no shipping address`)
  if (!input.trackingNo && modeOf(store, order.order) === 'shipping') throw new ApiError(400, 'invalid', 'trackingNo: the carrier\'s tracking number', 'trackingNo')
  if (order.order.status !== 'paid') throw new ApiError(409, 'not_paid', `order ${id} is ${order.order.status}, not paid`)
  const shippedAt = store.now()
  const updated = await store.db
    .update(orders)
    .set({ status: 'shipped', carrier: input.carrier, trackingNo: input.trackingNo ?? null, shippedAt: shippedAt.toISOString() })
    .where(and(eq(orders.id, id), eq(orders.status, 'paid')))
    .returning()
  if (updated.length === 0) throw new ApiError(409, 'not_paid', `order ${id} is no longer paid`)
  const message = await sendOrderMessage(store, order, 'shippedMessageId', () => templateId(store, 'orderShipped'), (_view, items) => ({
    character_string1: { value: id.slice(0, 32) },
    thing2: { value: thing(items) },
    thing3: { value: thing(input.carrier) },
    character_string4: { value: input.trackingNo ?? id.slice(0, 32) },
    time5: { value: chinaTime(shippedAt) },
  }))
  return { order: await orderView(store, id), message }
}
