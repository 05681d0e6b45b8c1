import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { asc, eq, inArray, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Platform } from '../../platform'
import { aesGcmDecrypt, aesGcmEncrypt, merchantKeys } from './crypto'
import { runBatch } from './guards'
import * as payIds from './ids'
import { payNotificationAttempts, payNotifications } from './schema'
import { rfc3339 } from './time'
import type { NotificationEnvelope } from './wire'
import { callServer } from '../../shared/callout'
import { dueDeliveries, NOTIFY_JOB, planDelivery, type DeliveryJob } from './notify-faults'
import { signedHeaders } from './key-faults'

export { NOTIFY_JOB, type DeliveryJob } from './notify-faults'
import type { WireNote } from '../../sandbox/wire-callout'

export type Notification = typeof payNotifications.$inferSelect
export type Attempt = typeof payNotificationAttempts.$inferSelect

/** WeChat Pay's retry ladder after a failed delivery: 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h. */
export const RETRY_LADDER_MS = [
  15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10_800, 10_800, 10_800, 21_600, 21_600,
].map((s) => s * 1000)
/** How long a merchant has to answer a notification. */
export const NOTIFY_TIMEOUT_MS = 5000
/** How much of a merchant's answer is kept with the attempt. */
const ANSWER_LIMIT = 2000

export type EventType = 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED'

const SUMMARY: Record<EventType, string> = {
  'TRANSACTION.SUCCESS': '支付成功',
  'REFUND.SUCCESS': '退款成功',
  'REFUND.ABNORMAL': '退款异常',
  'REFUND.CLOSED': '退款关闭',
}

/**
 * A notification about to be sent, as statements for the batch that makes its event happen (an
 * outbox): the v3 envelope, with the resource sealed by AEAD_AES_256_GCM under the merchant's
 * APIv3 key, and the job of its first delivery, due now (or as the `pay-notify` faults plan it:
 * later, twice, never). They go last in the batch; after it, `sendFirst` makes the first attempt
 * at once. Should the process die before, the job is still there and runs when the platform starts
 * again.
 */
export async function notificationQuery(
  platform: Platform,
  n: { mchid: string; eventType: EventType; resource: object; orderId: number; refundId?: string; url: string; journeyId: string | null; personId?: string | null },
): Promise<{ id: string; queries: BatchItem<'sqlite'>[] }> {
  const { ids, clock, db } = platform
  const keys = merchantKeys(platform.credentials, n.mchid)
  if (!keys) throw new Error(`no APIv3 key for merchant ${n.mchid}`)
  const id = payIds.notificationId(ids)
  const nonce = payIds.resourceNonce(ids)
  const originalType = n.eventType.startsWith('REFUND.') ? 'refund' : 'transaction'
  const now = clock.now()
  const envelope: NotificationEnvelope = {
    id,
    create_time: rfc3339(now),
    resource_type: 'encrypt-resource',
    event_type: n.eventType,
    summary: SUMMARY[n.eventType],
    resource: {
      original_type: originalType,
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: aesGcmEncrypt(keys.apiV3Key, nonce, originalType, JSON.stringify(n.resource)),
      associated_data: originalType,
      nonce,
    },
  }
  const plan = await planDelivery(platform, { id, mchid: n.mchid, eventType: n.eventType, orderId: n.orderId, personId: n.personId }, now)
  const query = db.insert(payNotifications).values({
    id,
    mchid: n.mchid,
    eventType: n.eventType,
    orderId: n.orderId,
    refundId: n.refundId ?? null,
    url: n.url,
    body: JSON.stringify(envelope),
    journeyId: n.journeyId,
    createdAt: now,
    ...(plan.dropped && { status: 'dropped' as const }),
    nextAttemptAt: plan.nextAttemptAt,
  })
  return { id, queries: [query, ...plan.jobs] }
}

/**
 * The first attempt, right after the batch whose results end with `notificationQuery`'s
 * statements: with its duplicates at the same moment (concurrently), then what it releases.
 */
export async function sendFirst(platform: Platform, results: unknown[]) {
  const { together, after } = dueDeliveries(results, platform.clock.now())
  await Promise.all(together.map((id) => platform.scheduler.runNow(id)))
  for (const id of after) await platform.scheduler.runNow(id)
}

/** A merchant acknowledges with any 2xx and an empty body or `{"code":"SUCCESS"}`. */
function acknowledges(status: number, answer: string) {
  if (status < 200 || status > 299) return false
  if (answer.trim() === '') return true
  try {
    return (JSON.parse(answer) as { code?: unknown })?.code === 'SUCCESS'
  } catch {
    return false
  }
}

async function post(url: string, headers: Record<string, string>, body: string, wire: WireNote) {
  const res = await callServer(url, { method: 'POST', headers, body }, NOTIFY_TIMEOUT_MS, wire)
  if (res.failure) return { status: null, answer: res.failure.message.slice(0, ANSWER_LIMIT), latencyMs: res.latencyMs, outcome: res.failure.kind } as const
  const answer = res.body.slice(0, ANSWER_LIMIT)
  return { status: res.status, answer, latencyMs: res.latencyMs, outcome: acknowledges(res.status!, answer) ? 'acknowledged' : 'rejected' } as const
}

/**
 * POSTs a notification once, signed afresh like a response, and records the attempt. A failed
 * attempt on the ladder schedules the next one; the 16th failure gives up. Re-sends on demand
 * leave the ladder alone.
 */
export async function attemptDelivery(platform: Platform, id: string, trigger: Attempt['trigger']): Promise<Attempt | undefined> {
  const { db, clock } = platform
  // reserve the attempt number first, so concurrent attempts never share one
  const [n] = await db
    .update(payNotifications)
    .set({ attempts: sql`${payNotifications.attempts} + 1` })
    .where(eq(payNotifications.id, id))
    .returning()
  if (!n) return undefined
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': 'Mozilla/4.0',
    'Request-ID': `${randomBytes(20).toString('hex').toUpperCase()}-0`,
    ...(await signedHeaders(platform, n.mchid, n.body, `/${n.eventType}`)),
  }
  const result = await post(n.url, headers, n.body, wireNote(platform, n, trigger))
  const now = clock.now()
  const attempt: Attempt = { id: 0, notificationId: id, n: n.attempts, trigger, at: now, ...result }
  const writes: BatchItem<'sqlite'>[] = [db.insert(payNotificationAttempts).values({ ...attempt, id: undefined })]
  let nextAttemptAt: number | null = null
  let gaveUp = false
  if (result.outcome === 'acknowledged') {
    writes.push(db.update(payNotifications).set({ status: 'delivered', deliveredAt: now, nextAttemptAt: null }).where(eq(payNotifications.id, id)))
  } else if (trigger !== 'resend' && trigger !== 'duplicate' && n.status === 'pending') {
    const step = n.ladderStep + 1
    const wait = RETRY_LADDER_MS[step - 1]
    if (wait === undefined) {
      gaveUp = true
      writes.push(db.update(payNotifications).set({ status: 'failed', ladderStep: step, nextAttemptAt: null }).where(eq(payNotifications.id, id)))
    } else {
      nextAttemptAt = now + wait
      writes.push(
        db.update(payNotifications).set({ ladderStep: step, nextAttemptAt }).where(eq(payNotifications.id, id)),
        platform.scheduler.job(NOTIFY_JOB, nextAttemptAt, { id, step } satisfies DeliveryJob),
      )
    }
  }
  await runBatch(db, writes)
  const subject = { mchid: n.mchid, notification: id }
  await platform.events.append({
    actor: 'wechatpay',
    surface: 'pay',
    type: 'pay.notification.attempted',
    subject,
    journeyId: n.journeyId,
    payload: {
      event_type: n.eventType,
      url: n.url,
      n: n.attempts,
      trigger,
      status: result.status,
      latencyMs: result.latencyMs,
      outcome: result.outcome,
      answer: result.answer,
      ...(nextAttemptAt !== null && { nextAttemptAt: new Date(nextAttemptAt).toISOString() }),
    },
  })
  if (gaveUp) {
    await platform.events.append({
      actor: 'wechatpay',
      surface: 'pay',
      type: 'pay.notification.abandoned',
      subject,
      journeyId: n.journeyId,
      payload: { event_type: n.eventType, attempts: n.attempts },
    })
  }
  return attempt
}

/** What the wire log shows of an attempt: its name, the resource opened with the APIv3 key, the merchant's answer. */
function wireNote(platform: Platform, n: Notification, trigger: Attempt['trigger']): WireNote {
  const what = n.eventType.startsWith('REFUND.') ? 'refund notification' : 'payment notification'
  const again = trigger === 'retry' ? ` · retry ${n.attempts - 1}` : trigger === 'resend' ? ' · resent' : String(trigger) === 'duplicate' ? ' · duplicate' : ''
  return {
    platform,
    label: `${what}${again}`,
    journey: n.journeyId,
    plaintext() {
      const keys = merchantKeys(platform.credentials, n.mchid)
      const r = (JSON.parse(n.body) as NotificationEnvelope).resource
      return keys ? aesGcmDecrypt(keys.apiV3Key, r.nonce, r.associated_data, r.ciphertext) : null
    },
    answer: (a) => (a.failure ? `no answer: ${a.failure.kind}` : `${acknowledges(a.status!, a.body) ? 'acknowledged' : 'rejected'} ${a.status}`),
  }
}

/**
 * The delivery job: makes attempt `step + 1` unless the notification was acknowledged or moved on
 * the ladder meanwhile, so a job run twice (after a crash) attempts once more at most. A duplicate
 * (fault `duplicate`) is POSTed whatever became of the first: that is what a duplicate is.
 */
export async function onDeliveryDue(platform: Platform, payload: DeliveryJob) {
  const [n] = await platform.db.select().from(payNotifications).where(eq(payNotifications.id, payload.id))
  if (payload.copy !== undefined) {
    if (n && n.status !== 'dropped') await attemptDelivery(platform, payload.id, 'duplicate')
    return
  }
  if (!n || n.status !== 'pending' || n.ladderStep !== payload.step) return
  await attemptDelivery(platform, payload.id, payload.step === 0 ? 'initial' : 'retry')
}

export async function findNotification(platform: Platform, id: string) {
  const [n] = await platform.db.select().from(payNotifications).where(eq(payNotifications.id, id))
  return n
}

/** Notifications with their attempts, for the control API. */
export async function notificationsWithAttempts(platform: Platform, rows: Notification[]) {
  if (rows.length === 0) return []
  const attempts = await platform.db
    .select()
    .from(payNotificationAttempts)
    .where(inArray(payNotificationAttempts.notificationId, rows.map((r) => r.id)))
    .orderBy(asc(payNotificationAttempts.notificationId), asc(payNotificationAttempts.n))
  return rows.map((r) => notificationView(r, attempts.filter((a) => a.notificationId === r.id)))
}

export function notificationView(n: Notification, attempts: Attempt[]) {
  return {
    id: n.id,
    eventType: n.eventType,
    url: n.url,
    status: n.status,
    createdAt: new Date(n.createdAt).toISOString(),
    deliveredAt: n.deliveredAt === null ? null : new Date(n.deliveredAt).toISOString(),
    nextAttemptAt: n.nextAttemptAt === null ? null : new Date(n.nextAttemptAt).toISOString(),
    body: JSON.parse(n.body) as NotificationEnvelope,
    attempts: attempts.map((a) => ({
      n: a.n,
      trigger: a.trigger,
      at: new Date(a.at).toISOString(),
      status: a.status,
      latencyMs: a.latencyMs,
      outcome: a.outcome,
      answer: a.answer,
    })),
  }
}
