import { and, desc, eq, isNull, or } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import { channelOf } from './attribution'
import type { Store } from './context'
import { ApiError } from './errors'
import type { Member } from './members'
import { gifts, orderItems, orders } from './schema'
import { WeChatPayError } from '../wechat/errors'

export type Gift = typeof gifts.$inferSelect
type Tx = Parameters<Parameters<Store['db']['transaction']>[0]>[0]

/** The page a shared gift card opens: the token in its path is what lets the friend claim it. */
export const GIFT_PAGE = 'pages/gift/gift'

/** The kit's gift vouchers with what they cost (the product's base price). */
export function giftKinds(store: Store) {
  return store.kit.gifts.map((g) => {
    const product = store.catalog.product(g.product)
    return { id: g.id, title: g.title, titleZh: g.titleZh, productId: product.id, productName: product.name, price: product.price, validDays: g.validDays, image: `${store.publicUrl}/img/products/${product.id}.svg` }
  })
}

function kindOf(store: Store, id: string) {
  const kind = giftKinds(store).find((k) => k.id === id)
  if (!kind) throw new ApiError(404, 'unknown_gift', `no gift "${id}"`, 'giftId')
  return kind
}

type State = Gift['status'] | 'expired'
/** A paid or claimed gift past its date is expired (on the store clock); the row keeps its status. */
function stateOf(store: Store, g: Gift): State {
  if ((g.status === 'paid' || g.status === 'claimed') && g.expiresAt <= store.now().toISOString()) return 'expired'
  return g.status
}

/**
 * A gift as one member sees it: the buyer gets the token and the share path (to send it); the
 * recipient and anyone holding the card see what it is and whether it can still be claimed.
 */
export function giftView(store: Store, g: Gift, viewer: string | null) {
  const kind = store.kit.gifts.find((k) => k.id === g.kind)
  const product = kind ? store.catalog.product(kind.product) : null
  const mine = viewer === g.buyerId
  return {
    id: g.id,
    giftId: g.kind,
    title: kind?.title ?? g.kind,
    productId: product?.id ?? null,
    productName: product?.name ?? null,
    value: product?.price ?? 0,
    message: g.message,
    state: stateOf(store, g),
    role: mine ? ('sent' as const) : viewer !== null && viewer === g.recipientId ? ('received' as const) : ('card' as const),
    orderId: mine ? g.orderId : null,
    token: mine ? g.token : null,
    sharePath: mine ? `${GIFT_PAGE}?token=${g.token}` : null,
    claimed: g.recipientId !== null,
    expiresAt: g.expiresAt,
    claimedAt: g.claimedAt,
    redeemedAt: g.redeemedAt,
    redeemedOrderId: viewer === g.recipientId || mine ? g.redeemedOrderId : null,
  }
}

/**
 * Buying a gift is an order of kind `gift` for one unit of the product: a JSAPI prepay like any
 * checkout, and the gift becomes `paid` (shareable) when WeChat Pay's notification fulfils that order.
 */
export async function buyGift(store: Store, member: Member, input: { giftId: string; message?: string; entry?: { scene?: number; query?: Record<string, string> } }) {
  const kind = kindOf(store, input.giftId)
  const id = `${store.kit.id.replace(/[^a-z0-9]/gi, '').slice(0, 4).toUpperCase()}G${Date.now().toString(36).toUpperCase()}${randomBytes(4).toString('hex').toUpperCase()}`
  let prepay
  try {
    prepay = await store.pay.jsapi({
      appid: store.appid,
      description: `${store.kit.name} - gift: ${kind.title}`.slice(0, 127),
      out_trade_no: id,
      notify_url: `${store.publicUrl}/pay/notify`,
      amount: { total: kind.price, currency: 'CNY' },
      payer: { openid: member.openid },
      attach: JSON.stringify({ gift: kind.id }),
    })
  } catch (err) {
    if (err instanceof WeChatPayError) throw new ApiError(502, 'pay_refused', err.message)
    throw err
  }
  const giftRowId = `g_${randomBytes(8).toString('hex')}`
  const expiresAt = new Date(store.now().getTime() + kind.validDays * 86_400_000).toISOString()
  await store.db.transaction(async (t) => {
    await t.insert(orders).values({
      id,
      kind: 'gift',
      memberId: member.id,
      total: kind.price,
      createdAt: store.now().toISOString(),
      storeId: store.kit.stores[0].id,
      pickupNo: 'GIFT',
      entryScene: input.entry?.scene ?? null,
      entryChannel: channelOf(input.entry?.scene),
      entryQuery: JSON.stringify(input.entry?.query ?? {}),
      prepayId: prepay.prepay_id,
      giftId: giftRowId,
    })
    await t.insert(orderItems).values({ orderId: id, productId: kind.productId, name: `Gift: ${kind.title}`, options: '[]', quantity: 1, unitPrice: kind.price })
    await t.insert(gifts).values({ id: giftRowId, token: randomBytes(16).toString('base64url'), kind: kind.id, buyerId: member.id, orderId: id, message: input.message ?? '', expiresAt })
  })
  const [gift] = await store.db.select().from(gifts).where(eq(gifts.id, giftRowId))
  return { gift: giftView(store, gift, member.id), orderId: id, payment: store.pay.requestPaymentParams(store.appid, prepay.prepay_id) }
}

/** Gifts the member can buy, sent and received. */
export async function giftsOf(store: Store, memberId: string) {
  const rows = await store.db.select().from(gifts).where(or(eq(gifts.buyerId, memberId), eq(gifts.recipientId, memberId))).orderBy(desc(gifts.createdAt))
  return {
    available: giftKinds(store),
    sent: rows.filter((g) => g.buyerId === memberId).map((g) => giftView(store, g, memberId)),
    received: rows.filter((g) => g.recipientId === memberId).map((g) => giftView(store, g, memberId)),
  }
}

async function byToken(store: Store, token: string) {
  const [g] = await store.db.select().from(gifts).where(eq(gifts.token, token))
  if (!g) throw new ApiError(404, 'unknown_gift', 'this gift card is not valid')
  return g
}

/** What a gift card shows the member who opened it. */
export async function giftCard(store: Store, member: Member, token: string) {
  const g = await byToken(store, token)
  const refusal = claimRefusal(store, g, member.id)
  return { gift: giftView(store, g, member.id), claimable: refusal === null, reason: refusal?.message ?? null }
}

/** Why this member may not claim this gift, or null when they may. */
function claimRefusal(store: Store, g: Gift, memberId: string): ApiError | null {
  if (g.buyerId === memberId) return new ApiError(409, 'own_gift', 'you bought this gift: send it to a friend to claim')
  if (g.recipientId === memberId) return new ApiError(409, 'already_claimed', 'this gift is already in your gifts')
  if (g.recipientId !== null) return new ApiError(409, 'gift_claimed', 'this gift was already claimed by someone else')
  const state = stateOf(store, g)
  if (state === 'pending') return new ApiError(409, 'gift_not_paid', 'this gift is not paid for yet')
  if (state === 'closed') return new ApiError(409, 'gift_closed', 'this gift was cancelled')
  if (state === 'expired') return new ApiError(409, 'gift_expired', 'this gift has expired')
  return null
}

/**
 * The friend claims the gift, once: the update only takes a paid gift nobody has claimed, so of
 * concurrent claims exactly one wins and the others are told it is taken.
 */
export async function claimGift(store: Store, member: Member, token: string) {
  const g = await byToken(store, token)
  const refusal = claimRefusal(store, g, member.id)
  if (refusal) throw refusal
  const now = store.now().toISOString()
  const won = await store.db
    .update(gifts)
    .set({ status: 'claimed', recipientId: member.id, claimedAt: now })
    .where(and(eq(gifts.id, g.id), eq(gifts.status, 'paid'), isNull(gifts.recipientId)))
    .returning()
  if (won.length === 0) throw claimRefusal(store, await byToken(store, token), member.id) ?? new ApiError(409, 'gift_claimed', 'this gift was already claimed by someone else')
  return giftView(store, won[0], member.id)
}

async function usableGift(store: Store, memberId: string, giftId: string) {
  const [g] = await store.db.select().from(gifts).where(and(eq(gifts.id, giftId), eq(gifts.recipientId, memberId)))
  if (!g) throw new ApiError(404, 'unknown_gift', `no gift ${giftId} of yours`, 'giftId')
  const state = stateOf(store, g)
  if (state === 'redeemed') throw new ApiError(409, 'gift_redeemed', 'this gift was already redeemed', 'giftId')
  if (state !== 'claimed') throw new ApiError(409, `gift_${state}`, `this gift is ${state}`, 'giftId')
  return g
}

/** What a received gift takes off this cart: the gifted product's base price, off one line of it. */
export async function giftDiscount(store: Store, memberId: string, giftId: string, lines: { productId: string; unitPrice: number }[]) {
  const g = await usableGift(store, memberId, giftId)
  const kind = kindOf(store, g.kind)
  const matching = lines.filter((l) => l.productId === kind.productId)
  if (matching.length === 0) throw new ApiError(409, 'gift_not_in_cart', `add a ${kind.productName} to the cart to redeem "${kind.title}"`, 'giftId')
  return Math.min(kind.price, ...matching.map((l) => l.unitPrice))
}

/** Inside checkout's transaction: the gift is redeemed on this order, once. */
export async function redeemOnOrder(t: Tx, store: Store, giftId: string, orderId: string) {
  const done = await t
    .update(gifts)
    .set({ status: 'redeemed', redeemedAt: store.now().toISOString(), redeemedOrderId: orderId })
    .where(and(eq(gifts.id, giftId), eq(gifts.status, 'claimed')))
    .returning()
  if (done.length === 0) throw new ApiError(409, 'gift_redeemed', 'the gift was just redeemed', 'giftId')
}

/** The staff redeem a claimed gift in store (the friend shows the gift at the counter). */
export async function redeemInStore(store: Store, token: string, storeId?: string) {
  const g = await byToken(store, token)
  const shop = storeId ? store.kit.stores.find((s) => s.id === storeId) : store.kit.stores[0]
  if (!shop) throw new ApiError(400, 'unknown_store', `no store "${storeId}"`, 'storeId')
  const state = stateOf(store, g)
  if (state === 'redeemed') throw new ApiError(409, 'gift_redeemed', 'this gift was already redeemed')
  if (state === 'paid') throw new ApiError(409, 'gift_unclaimed', 'this gift has not been claimed yet')
  if (state !== 'claimed') throw new ApiError(409, `gift_${state}`, `this gift is ${state}`)
  const done = await store.db
    .update(gifts)
    .set({ status: 'redeemed', redeemedAt: store.now().toISOString(), redeemedStoreId: shop.id })
    .where(and(eq(gifts.id, g.id), eq(gifts.status, 'claimed')))
    .returning()
  if (done.length === 0) throw new ApiError(409, 'gift_redeemed', 'this gift was already redeemed')
  return giftView(store, done[0], null)
}

/** The gift bought by this order becomes shareable (called inside fulfilment). */
export async function giftPaid(t: Tx, orderId: string) {
  await t.update(gifts).set({ status: 'paid' }).where(and(eq(gifts.orderId, orderId), eq(gifts.status, 'pending')))
}

/** An order that closed unpaid: a gift it bought is cancelled, a gift redeemed on it is usable again. */
export async function releaseGifts(store: Store, order: { id: string; kind: string; giftId: string | null }) {
  await store.db.update(gifts).set({ status: 'closed' }).where(and(eq(gifts.orderId, order.id), eq(gifts.status, 'pending')))
  if (order.kind === 'order' && order.giftId)
    await store.db.update(gifts).set({ status: 'claimed', redeemedAt: null, redeemedOrderId: null }).where(and(eq(gifts.id, order.giftId), eq(gifts.redeemedOrderId, order.id)))
}
