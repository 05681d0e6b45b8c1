import { and, eq, gt, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import type { Store } from './context'
import { members, pointsLedger } from './schema'

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
      await t.insert(pointsLedger).values({ memberId: g.memberId, delta: -lapse, reason: 'expired' })
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
    const back = await t.insert(pointsLedger).values({ memberId: order.memberId, orderId: order.id, delta: order.pointsUsed, reason: 'redeem-returned', expiresAt: pointsExpiry(store) }).onConflictDoNothing().returning()
    if (back.length === 0) return 0
    await t.update(members).set({ points: sql`${members.points} + ${order.pointsUsed}` }).where(eq(members.id, order.memberId))
    return order.pointsUsed
  })
}
