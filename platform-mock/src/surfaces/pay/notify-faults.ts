import { and, eq, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import { fire } from '../../faults/rules'
import type { Platform } from '../../platform'
import { sandboxJobs } from '../../sandbox/schema'
import { parseDuration } from '../../shared/clock'

/** A delivery job: the notification, and the ladder step it was scheduled at (0: the first attempt). */
export interface DeliveryJob {
  id: string
  step: number
  /** a duplicate (fault `duplicate`): one more POST of the same notification, off the ladder */
  copy?: number
  /** held back (fault `reorder`) until the next notification of this order is sent */
  heldFor?: number
  /** sent right after that next notification: the held one's release */
  release?: true
}

export const NOTIFY_JOB = 'pay.notify'

export interface NotificationFacts {
  id: string
  mchid: string
  eventType: string
  orderId: number
  personId?: string | null
}

/** How a notification is to be delivered: its first job(s), and whether it is sent at all. */
export interface DeliveryPlan {
  dropped: boolean
  /** when its first attempt is due (null: never) */
  nextAttemptAt: number | null
  /** the delivery jobs, for the batch that creates the notification */
  jobs: BatchItem<'sqlite'>[]
}

const ms = (duration: string) => parseDuration(duration) ?? 0

/**
 * Decides how a new notification is delivered, the `pay-notify` faults applied: normally one job
 * due now; a drop, none; a delay, one due later; a duplicate, more jobs for the same id; a
 * reorder, a job at the end of the hold. A notification of an order whose payment notification is
 * being held releases it with a job right after its own. Every job goes into the batch of the
 * payment or refund the notification tells of, so none is lost to a crash.
 */
export async function planDelivery(platform: Platform, n: NotificationFacts, now: number): Promise<DeliveryPlan> {
  const job = (dueAt: number, payload: DeliveryJob) => platform.scheduler.job(NOTIFY_JOB, dueAt, payload)
  const held = await heldNotifications(platform, n.orderId)
  const releases = held.map((id) => job(now, { id, step: 0, release: true }))
  const fired = await fire<{ copies?: number; after?: string; by?: string; hold?: string }>(platform, {
    surface: 'pay-notify',
    faults: n.eventType === 'TRANSACTION.SUCCESS' ? ['drop', 'duplicate', 'delay', 'reorder'] : ['drop', 'duplicate', 'delay'],
    route: `/${n.eventType}`,
    app: n.mchid,
    person: n.personId ?? null,
  })
  switch (fired?.rule.fault) {
    case 'drop':
      return { dropped: true, nextAttemptAt: null, jobs: releases }
    case 'delay': {
      const at = now + ms(fired.params.by!)
      return { dropped: false, nextAttemptAt: at, jobs: [job(at, { id: n.id, step: 0 }), ...releases] }
    }
    case 'duplicate': {
      const at = now + (fired.params.after ? ms(fired.params.after) : 0)
      const copies = Array.from({ length: fired.params.copies ?? 1 }, (_, i) => job(at, { id: n.id, step: 0, copy: i + 1 }))
      return { dropped: false, nextAttemptAt: now, jobs: [job(now, { id: n.id, step: 0 }), ...copies, ...releases] }
    }
    case 'reorder': {
      const at = now + ms(fired.params.hold ?? '1h')
      return { dropped: false, nextAttemptAt: at, jobs: [job(at, { id: n.id, step: 0, heldFor: n.orderId }), ...releases] }
    }
    default:
      return { dropped: false, nextAttemptAt: now, jobs: [job(now, { id: n.id, step: 0 }), ...releases] }
  }
}

/** The order's notifications held back by a reorder and not yet released. */
async function heldNotifications(platform: Platform, orderId: number): Promise<string[]> {
  const rows = await platform.db
    .select({ payload: sandboxJobs.payload })
    .from(sandboxJobs)
    .where(and(eq(sandboxJobs.kind, NOTIFY_JOB), eq(sandboxJobs.status, 'pending'), sql`json_extract(${sandboxJobs.payload}, '$.heldFor') = ${orderId}`))
  const ids = rows.map((r) => (r.payload as DeliveryJob).id)
  if (!ids.length) return []
  // released already (a job in an earlier batch), even if not yet run
  const released = await platform.db
    .select({ payload: sandboxJobs.payload })
    .from(sandboxJobs)
    .where(and(eq(sandboxJobs.kind, NOTIFY_JOB), sql`json_extract(${sandboxJobs.payload}, '$.release') = 1`, sql`json_extract(${sandboxJobs.payload}, '$.id') in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`))
  const gone = new Set(released.map((r) => (r.payload as DeliveryJob).id))
  return ids.filter((id) => !gone.has(id))
}

/**
 * The delivery jobs due now among a batch's results (the statements `planDelivery` gave it), in
 * the order they are to run: the notification's own and its duplicates together (concurrently),
 * then the notifications it releases, one after another.
 */
export function dueDeliveries(results: unknown[], now: number) {
  const jobs = results
    .filter((r): r is { id: number; kind: string; dueAt: number; payload: unknown }[] => Array.isArray(r) && r.length === 1 && (r[0] as { kind?: unknown })?.kind === NOTIFY_JOB)
    .map((r) => r[0]!)
    .filter((j) => j.dueAt <= now)
  const release = (j: { payload: unknown }) => (j.payload as DeliveryJob).release === true
  return { together: jobs.filter((j) => !release(j)).map((j) => j.id), after: jobs.filter(release).map((j) => j.id) }
}
