import { and, desc, eq, lt } from 'drizzle-orm'
import type { Platform } from '../../platform'
import type { SandboxEvent } from '../../shared/events'
import { getPerson } from '../../world/people'
import { chatAttributions, type ChainStep } from './schema'
import { attributionView, type AttributionRow } from './shares'

/** A payment on an attribution chain: the order it paid, how much, and when. */
export interface PaidStep {
  person: string
  at: string
  action: 'paid'
  outTradeNo: string
  transactionId?: string
  /** fen */
  total: number
  description: string
}

export type AttributionStep = ChainStep | PaidStep

const PAID = 'pay.payment.succeeded'
/** How far back the log is read for an order's payment (the presenter's questions are about recent orders). */
const LOOKBACK = 5000

/** The person's latest launch before an event (what brought them to pay), of the app when named. */
async function launchBefore(platform: Platform, personId: string, beforeEventId: number, appid?: string) {
  const [row] = await platform.db
    .select()
    .from(chatAttributions)
    .where(and(eq(chatAttributions.personId, personId), lt(chatAttributions.launchEventId, beforeEventId), ...(appid ? [eq(chatAttributions.appid, appid)] : [])))
    .orderBy(desc(chatAttributions.launchEventId))
    .limit(1)
  return row
}

const paidStep = (e: SandboxEvent): PaidStep => ({
  person: e.subject.person ?? e.actor,
  at: e.at,
  action: 'paid',
  outTradeNo: e.subject.out_trade_no ?? '',
  ...(e.subject.transaction_id && { transactionId: e.subject.transaction_id }),
  total: Number(e.payload.total) || 0,
  description: typeof e.payload.description === 'string' ? e.payload.description : '',
})

/** Display names for the people and groups a chain names, from the world. */
async function namesOf(platform: Platform, steps: AttributionStep[]) {
  const ids = new Set(steps.flatMap((s) => [s.person, ...('to' in s && s.to ? [s.to] : [])]))
  const names: Record<string, string> = {}
  for (const id of ids) {
    const group = platform.world.groups.find((g) => g.id === id)
    const name = group?.name ?? (await getPerson(platform.db, id))?.name
    if (name) names[id] = name
  }
  return names
}

async function chainWithPayments(platform: Platform, row: AttributionRow | undefined, payments: SandboxEvent[]) {
  const steps: AttributionStep[] = [...(row?.chain ?? []), ...payments.map(paidStep)]
  return { attribution: row ? attributionView(row) : null, steps, names: await namesOf(platform, steps) }
}

/**
 * An order's chain: the payer's launch before paying (its first touch, each share and forward,
 * the open), then the order's payment; `undefined` when no payment of that out_trade_no is logged.
 */
export async function orderAttribution(platform: Platform, outTradeNo: string) {
  const paid = (await platform.events.list({ type: PAID, desc: true, limit: LOOKBACK })).filter((e) => e.subject.out_trade_no === outTradeNo)
  const first = paid.at(-1)
  if (!first) return undefined
  const created = (await platform.events.list({ type: 'pay.order.created', desc: true, limit: LOOKBACK })).find((e) => e.subject.out_trade_no === outTradeNo)
  const appid = typeof created?.payload.appid === 'string' ? created.payload.appid : undefined
  const person = first.subject.person ?? first.actor
  const row = await launchBefore(platform, person, first.id, appid)
  return { outTradeNo, person, appid: appid ?? null, ...(await chainWithPayments(platform, row, paid.reverse())) }
}

/**
 * A person's chain: their latest mini program launch (of the app when named) and the payments
 * they made after it; `undefined` when they have not launched it.
 */
export async function personAttribution(platform: Platform, personId: string, appid?: string) {
  const row = await launchBefore(platform, personId, Number.MAX_SAFE_INTEGER, appid)
  if (!row) return undefined
  const paid = await platform.events.list({ type: PAID, after: row.launchEventId, limit: LOOKBACK })
  const own = paid.filter((e) => (e.subject.person ?? e.actor) === personId)
  return { person: personId, appid: row.appid, ...(await chainWithPayments(platform, row, own)) }
}
