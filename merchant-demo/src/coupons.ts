import { and, eq } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import type { Store } from './context'
import { ApiError } from './errors'
import { memberCoupons } from './schema'

export type MemberCoupon = typeof memberCoupons.$inferSelect
type State = 'usable' | 'used' | 'expired'

function stateOf(store: Store, c: MemberCoupon): State {
  if (c.usedOrderId) return 'used'
  return c.expiresAt <= store.now().toISOString() ? 'expired' : 'usable'
}

function view(store: Store, c: MemberCoupon) {
  const kind = store.kit.coupons.find((k) => k.id === c.couponId)
  return { id: c.id, couponId: c.couponId, title: kind?.title ?? c.couponId, amountOff: kind?.amountOff ?? 0, minSpend: kind?.minSpend ?? 0, expiresAt: c.expiresAt, state: stateOf(store, c) }
}

/** The brand's coupons the member has not claimed yet, and the member's own with their state. */
export async function couponsOf(store: Store, memberId: string) {
  const mine = await store.db.select().from(memberCoupons).where(eq(memberCoupons.memberId, memberId)).orderBy(memberCoupons.claimedAt)
  const claimed = new Set(mine.map((c) => c.couponId))
  return { available: store.kit.coupons.filter((c) => !claimed.has(c.id)), mine: mine.map((c) => view(store, c)) }
}

/** A member's coupon as `GET /api/coupons` answers it (`mine[]`). */
export type CouponView = Awaited<ReturnType<typeof couponsOf>>['mine'][number]

/** Claim a coupon (once per member): valid for the kit's `validDays` from now. */
export async function claimCoupon(store: Store, memberId: string, couponId: string) {
  const kind = store.kit.coupons.find((c) => c.id === couponId)
  if (!kind) throw new ApiError(404, 'unknown_coupon', `no coupon "${couponId}"`)
  const now = store.now()
  const rows = await store.db
    .insert(memberCoupons)
    .values({ id: `mc_${randomBytes(8).toString('hex')}`, memberId, couponId, claimedAt: now.toISOString(), expiresAt: new Date(now.getTime() + kind.validDays * 86_400_000).toISOString() })
    .onConflictDoNothing()
    .returning()
  if (rows.length === 0) throw new ApiError(409, 'already_claimed', `"${kind.title}" is already in your coupons`)
  return view(store, rows[0])
}

/** Checks a coupon against a cart total; returns what it takes off. */
export async function discountFor(store: Store, memberId: string, memberCouponId: string, total: number) {
  const [c] = await store.db.select().from(memberCoupons).where(and(eq(memberCoupons.id, memberCouponId), eq(memberCoupons.memberId, memberId)))
  if (!c) throw new ApiError(404, 'unknown_coupon', `no coupon ${memberCouponId} of yours`, 'couponId')
  const v = view(store, c)
  if (v.state !== 'usable') throw new ApiError(409, `coupon_${v.state}`, `"${v.title}" is ${v.state}`, 'couponId')
  if (total < v.minSpend) throw new ApiError(409, 'coupon_min_spend', `"${v.title}" needs an order of at least ¥${(v.minSpend / 100).toFixed(2)}`, 'couponId')
  return Math.min(v.amountOff, total - 1)
}
