import { and, asc, eq, lte } from 'drizzle-orm'
import { sandboxJobs } from '../sandbox/schema'
import type { VirtualClock } from './clock'
import type { Db } from './db'

export type JobHandler = (payload: any, job: { id: number; dueAt: number; kind: string }) => Promise<void>

export interface FiredJob {
  id: number
  kind: string
  dueAt: string
  status: 'done' | 'failed'
  error?: string
}

/**
 * Work due at a virtual time. Surfaces register a handler per job kind and schedule jobs; the
 * jobs run in (due time, creation) order, each with the clock standing at its due time, whether
 * the clock reaches it live or is advanced past it.
 */
export class Scheduler {
  readonly #handlers = new Map<string, JobHandler>()
  #running: Promise<FiredJob[]> | null = null
  #timer: NodeJS.Timeout | null = null

  constructor(
    private readonly db: Db,
    private readonly clock: VirtualClock,
  ) {}

  handle(kind: string, handler: JobHandler) {
    this.#handlers.set(kind, handler)
  }

  async schedule(kind: string, dueAt: number, payload: unknown = {}) {
    if (!this.#handlers.has(kind)) throw new Error(`no handler for job kind ${kind}`)
    const [job] = await this.db.insert(sandboxJobs).values({ kind, dueAt, payload }).returning()
    return job!
  }

  /** Jobs not yet run, soonest first. */
  pending() {
    return this.db
      .select()
      .from(sandboxJobs)
      .where(eq(sandboxJobs.status, 'pending'))
      .orderBy(asc(sandboxJobs.dueAt), asc(sandboxJobs.id))
  }

  /** Advances the clock by `ms`, running everything that falls due on the way, in order. */
  async advance(ms: number): Promise<FiredJob[]> {
    return this.#exclusive(async () => {
      const target = this.clock.now() + ms
      const fired = await this.#runUntil(target, true)
      await this.clock.moveTo(Math.max(target, this.clock.now()))
      return fired
    })
  }

  /** Runs whatever is due now (the live clock's tick). */
  async runDue(): Promise<FiredJob[]> {
    if (this.#running) return []
    return this.#exclusive(() => this.#runUntil(this.clock.now(), false))
  }

  /** While the clock runs live, checks for due work every `everyMs`. */
  startTicking(everyMs = 250) {
    this.stopTicking()
    this.#timer = setInterval(() => {
      if (this.clock.mode === 'live') this.runDue().catch((err) => console.error('[scheduler]', err))
    }, everyMs)
    this.#timer.unref()
  }

  stopTicking() {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
  }

  /** Waits for a run in progress (used before reset/restore swap the world out). */
  async idle() {
    await this.#running?.catch(() => undefined)
  }

  async #exclusive(run: () => Promise<FiredJob[]>): Promise<FiredJob[]> {
    while (this.#running) await this.#running.catch(() => undefined)
    this.#running = run()
    try {
      return await this.#running
    } finally {
      this.#running = null
    }
  }

  async #runUntil(target: number, stepClock: boolean): Promise<FiredJob[]> {
    const fired: FiredJob[] = []
    for (;;) {
      const [job] = await this.db
        .select()
        .from(sandboxJobs)
        .where(and(eq(sandboxJobs.status, 'pending'), lte(sandboxJobs.dueAt, target)))
        .orderBy(asc(sandboxJobs.dueAt), asc(sandboxJobs.id))
        .limit(1)
      if (!job) return fired
      if (stepClock && job.dueAt > this.clock.now()) await this.clock.moveTo(job.dueAt)
      const handler = this.#handlers.get(job.kind)
      let error: string | undefined
      try {
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`)
        await handler(job.payload, { id: job.id, dueAt: job.dueAt, kind: job.kind })
      } catch (err) {
        error = err instanceof Error ? err.message : String(err)
        console.error(`[scheduler] job ${job.id} (${job.kind}) failed:`, err)
      }
      const status = error === undefined ? 'done' : 'failed'
      await this.db
        .update(sandboxJobs)
        .set({ status, ranAt: this.clock.now(), error })
        .where(eq(sandboxJobs.id, job.id))
      fired.push({ id: job.id, kind: job.kind, dueAt: new Date(job.dueAt).toISOString(), status, ...(error && { error }) })
    }
  }
}
