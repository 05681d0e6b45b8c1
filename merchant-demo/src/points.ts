import { and, desc, eq, gt, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import type { Store } from './context'
import { members, orders, pointsLedger } from './schema'

/** Why a member's points changed, as the member centre words it. */
export type PointsReason = 'purchase' | 'referral' | 'redeemed' | 'redeem-returned' | 'expired' | 'refund'

/** One line of a member's points history: what changed, why, for which order, when (the store's clock). */
export interface PointsEntry {
  delta: number
  reason: PointsReason
  /** the order it was earned on, spent on or taken back for (a referral: the friend's order, not named) */
  order: { id: string; pickupNo: string } | null
  at: string
  /** earned points: when they lapse, unless they already did */
  expiresAt: string | null
}

/**
 * A member's points history from the store's ledger, newest first: earned for an order, a
 * friend's first order (referral), spent at checkout, returned, taken back on a refund, expired.
 */
export async function pointsHistory(store: Store, memberId: string, limit = 50): Promise<PointsEntry[]> {
  const rows = await store.db
    .select({ delta: pointsLedger.delta, reason: pointsLedger.reason, orderId: pointsLedger.orderId, pickupNo: orders.pickupNo, orderMember: orders.memberId, at: pointsLedger.createdAt, expiresAt: pointsLedger.expiresAt, expiredAt: pointsLedger.expiredAt })
    .from(pointsLedger)
    .leftJoin(orders, eq(orders.id, pointsLedger.orderId))
    .where(eq(pointsLedger.memberId, memberId))
    .orderBy(desc(pointsLedger.id))
    .limit(limit)
  return rows.map((r) => ({
    delta: r.delta,
    reason: (r.reason.startsWith('refund:') ? 'refund' : r.reason) as PointsReason,
    // a friend's order is theirs: the sharer sees that a friend ordered, not the friend's order
    order: r.orderId && r.pickupNo && r.orderMember === memberId ? { id: r.orderId, pickupNo: r.pickupNo } : null,
    at: r.at,
    expiresAt: r.delta > 0 && !r.expiredAt ? r.expiresAt : null,
  }))
}

/** When points earned now lapse (the kit's `pointsValidDays`), or null when they never do. */
export function pointsExpiry(store: Store): string | null {
  const days = store.kit.loyalty.pointsValidDays
  return days ? new Date(store.now().getTime() + days * 86_400_000).toISOString() : null
}

/**
 * Lets earned points lapse on the store's clock: every earning whose time is up is marked, and the
 * member loses that many points (never below zero) in one `expired` ledger row — once, since a
 * marked row is never counted again.
 */
export async function expirePoints(store: Store, memberId?: string) {
  const now = store.now().toISOString()
  const due = and(gt(pointsLedger.delta, 0), isNotNull(pointsLedger.expiresAt), lte(pointsLedger.expiresAt, now), isNull(pointsLedger.expiredAt), memberId ? eq(pointsLedger.memberId, memberId) : undefined)
  const groups = await store.db.select({ memberId: pointsLedger.memberId, total: sql<number>`sum(${pointsLedger.delta})` }).from(pointsLedger).where(due).groupBy(pointsLedger.memberId)
  let expired = 0
  for (const g of groups) {
    expired += await store.db.transaction(async (t) => {
      const rows = await t.update(pointsLedger).set({ expiredAt: now }).where(and(due, eq(pointsLedger.memberId, g.memberId))).returning({ delta: pointsLedger.delta })
      const [member] = await t.select().from(members).where(eq(members.id, g.memberId))
      const lapse = Math.min(member.points, rows.reduce((n, r) => n + r.delta, 0))
      if (lapse <= 0) return 0
      await t.insert(pointsLedger).values({ memberId: g.memberId, delta: -lapse, reason: 'expired', createdAt: now })
      await t.update(members).set({ points: sql`${members.points} - ${lapse}` }).where(eq(members.id, g.memberId))
      return lapse
    })
  }
  return expired
}

/**
 * Points spent on an order come back when the order closes unpaid or is refunded in full: one
 * `redeem-returned` ledger row per order (its unique (order, reason) makes it once), valid like
 * newly earned points.
 */
export async function returnUsedPoints(store: Store, order: { id: string; memberId: string; pointsUsed: number }) {
  if (!order.pointsUsed) return 0
  return store.db.transaction(async (t) => {
    const back = await t.insert(pointsLedger).values({ memberId: order.memberId, orderId: order.id, delta: order.pointsUsed, reason: 'redeem-returned', expiresAt: pointsExpiry(store), createdAt: store.now().toISOString() }).onConflictDoNothing().returning()
    if (back.length === 0) return 0
    await t.update(members).set({ points: sql`${members.points} + ${order.pointsUsed}` }).where(eq(members.id, order.memberId))
    return order.pointsUsed
  })
}
