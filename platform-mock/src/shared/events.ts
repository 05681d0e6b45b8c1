import { AsyncLocalStorage } from 'node:async_hooks'
import { EventEmitter } from 'node:events'
import { and, asc, desc, eq, gt, gte, lte, type SQL } from 'drizzle-orm'
import { events } from '../sandbox/schema'
import type { VirtualClock } from './clock'
import type { Db } from './db'

export type EventRow = typeof events.$inferSelect

/** What a surface records: who did what, to which ids, on which journey and entry channel. */
export interface NewEvent {
  actor: string
  surface: string
  type: string
  subject?: Record<string, string>
  journeyId?: string | null
  channel?: string | null
  payload?: Record<string, unknown>
}

/** An event as the control API and the SSE stream show it. */
export interface SandboxEvent {
  id: number
  at: string
  actor: string
  surface: string
  type: string
  subject: Record<string, string>
  journeyId: string | null
  channel: string | null
  payload: Record<string, unknown>
}

export interface EventFilter {
  surface?: string
  type?: string
  actor?: string
  journeyId?: string
  channel?: string
  /** only events after this id (a cursor) */
  after?: number
  from?: number
  to?: number
  limit?: number
  /** newest first */
  desc?: boolean
}

/** The journey a request belongs to (the `X-Sandbox-Journey` header), for every event it writes. */
export const journeyContext = new AsyncLocalStorage<{ journeyId: string | null }>()

export function toSandboxEvent(row: EventRow): SandboxEvent {
  return {
    id: row.seq,
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    surface: row.surface,
    type: row.type,
    subject: row.subject,
    journeyId: row.journeyId,
    channel: row.channel,
    payload: row.payload,
  }
}

export function matches(e: SandboxEvent, f: EventFilter) {
  return (
    (!f.surface || e.surface === f.surface) &&
    (!f.type || e.type === f.type) &&
    (!f.actor || e.actor === f.actor) &&
    (!f.journeyId || e.journeyId === f.journeyId) &&
    (!f.channel || e.channel === f.channel) &&
    (f.after === undefined || e.id > f.after)
  )
}

/** The append-only log of everything that happens in the world. */
export class EventLog {
  readonly #bus = new EventEmitter().setMaxListeners(0)

  constructor(
    private readonly db: Db,
    private readonly clock: VirtualClock,
  ) {}

  async append(e: NewEvent): Promise<SandboxEvent> {
    const journeyId = e.journeyId !== undefined ? e.journeyId : (journeyContext.getStore()?.journeyId ?? null)
    const [row] = await this.db
      .insert(events)
      .values({
        at: this.clock.now(),
        actor: e.actor,
        surface: e.surface,
        type: e.type,
        subject: e.subject ?? {},
        journeyId,
        channel: e.channel ?? null,
        payload: e.payload ?? {},
      })
      .returning()
    const event = toSandboxEvent(row!)
    this.#bus.emit('event', event)
    return event
  }

  async list(f: EventFilter = {}): Promise<SandboxEvent[]> {
    const where: SQL[] = []
    if (f.surface) where.push(eq(events.surface, f.surface))
    if (f.type) where.push(eq(events.type, f.type))
    if (f.actor) where.push(eq(events.actor, f.actor))
    if (f.journeyId) where.push(eq(events.journeyId, f.journeyId))
    if (f.channel) where.push(eq(events.channel, f.channel))
    if (f.after !== undefined) where.push(gt(events.seq, f.after))
    if (f.from !== undefined) where.push(gte(events.at, f.from))
    if (f.to !== undefined) where.push(lte(events.at, f.to))
    const rows = await this.db
      .select()
      .from(events)
      .where(and(...where))
      .orderBy(f.desc ? desc(events.seq) : asc(events.seq))
      .limit(Math.min(f.limit ?? 500, 5000))
    return rows.map(toSandboxEvent)
  }

  /** Calls `listener` for every event appended from now on; returns the unsubscribe. */
  subscribe(listener: (e: SandboxEvent) => void) {
    this.#bus.on('event', listener)
    return () => void this.#bus.off('event', listener)
  }

  /** Tells live subscribers the log was replaced (reset / restore), so they can start over. */
  announceReplaced(reason: string) {
    this.#bus.emit('replaced', reason)
  }

  onReplaced(listener: (reason: string) => void) {
    this.#bus.on('replaced', listener)
    return () => void this.#bus.off('replaced', listener)
  }
}
