import { and, asc, eq, inArray, lte } from 'drizzle-orm'
import { sandboxJobs } from '../sandbox/schema'
import type { VirtualClock } from './clock'
import type { Db } from './db'

export interface JobRef {
  id: number
  dueAt: number
  kind: string
}

/** Does a job's work; what it answers goes back to `runNow`'s caller (a push's outcome). */
export type JobHandler = (payload: any, job: JobRef) => Promise<unknown>

interface Run {
  fired: FiredJob
  result: unknown
}

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
 *
 * The jobs table is the outbox: a write that calls for work (a payment and its notification)
 * puts `job(...)` in its own batch, so either both happen or neither. Jobs run at least once: a
 * run claims its job (pending → running) and marks it done after; a job left running by a crash
 * is pending again after `recover()`, and due work runs as soon as the platform starts. Handlers
 * must therefore be idempotent: each checks the state its job was for before acting.
 */
export class Scheduler {
  readonly #handlers = new Map<string, JobHandler>()
  /** jobs being run now, by id, so that `runNow` can wait for a run it did not start */
  readonly #inFlight = new Map<number, Promise<Run>>()
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
    const [job] = await this.job(kind, dueAt, payload)
    return job!
  }

  /**
   * A job as a statement for the batch of the writes that call for it (the outbox); it answers
   * the new row, whose id `runNow` takes.
   */
  job(kind: string, dueAt: number, payload: unknown = {}) {
    if (!this.#handlers.has(kind)) throw new Error(`no handler for job kind ${kind}`)
    return this.db.insert(sandboxJobs).values({ kind, dueAt, payload }).returning()
  }

  /** Jobs not yet run (or being run), soonest first. */
  pending() {
    return this.db
      .select()
      .from(sandboxJobs)
      .where(inArray(sandboxJobs.status, ['pending', 'running']))
      .orderBy(asc(sandboxJobs.dueAt), asc(sandboxJobs.id))
  }

  /**
   * After a restart: jobs that were running when the process stopped run again (at least once).
   * Returns how many there were.
   */
  async recover() {
    const rows = await this.db.update(sandboxJobs).set({ status: 'pending' }).where(eq(sandboxJobs.status, 'running')).returning({ id: sandboxJobs.id })
    return rows.length
  }

  /**
   * Runs one job now, whatever its due time (a payment's first notification attempt, right
   * after the batch that wrote it), and answers its run and what its handler answered. When
   * another run has claimed it, waits for that run; when it already ran, answers undefined.
   */
  async runNow(id: number): Promise<Run | undefined> {
    const job = await this.#claim(id)
    if (job) return this.#run(job)
    return this.#inFlight.get(id)
  }

  /** `runNow` for the job whose statement (from `job()`) ended a batch, given that batch's results. */
  runAfterBatch(results: unknown[]): Promise<Run | undefined> {
    const [job] = results.at(-1) as { id: number }[]
    return this.runNow(job!.id)
  }

  /**
   * Marks a job done, as a statement for the batch that records its effects: a handler that ends
   * with a batch puts it there, so that a crash can never leave the effects without the mark
   * (and the job to be run again over them).
   */
  doneQuery(job: JobRef) {
    return this.db.update(sandboxJobs).set({ status: 'done', ranAt: this.clock.now() }).where(eq(sandboxJobs.id, job.id))
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

  /** Runs what is due now at once (work a stopped process left), then, while the clock runs live, checks for due work every `everyMs`. */
  startTicking(everyMs = 250) {
    this.stopTicking()
    this.runDue().catch((err) => console.error('[scheduler]', err))
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
    await Promise.allSettled([...this.#inFlight.values()])
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
      const [next] = await this.db
        .select({ id: sandboxJobs.id, dueAt: sandboxJobs.dueAt })
        .from(sandboxJobs)
        .where(and(eq(sandboxJobs.status, 'pending'), lte(sandboxJobs.dueAt, target)))
        .orderBy(asc(sandboxJobs.dueAt), asc(sandboxJobs.id))
        .limit(1)
      if (!next) return fired
      if (stepClock && next.dueAt > this.clock.now()) await this.clock.moveTo(next.dueAt)
      const job = await this.#claim(next.id)
      // claimed meanwhile by runNow: it reports its own run
      if (!job) {
        await this.#inFlight.get(next.id)
        continue
      }
      fired.push((await this.#run(job)).fired)
    }
  }

  /** pending → running, atomically: of two runners, one gets the job. */
  async #claim(id: number) {
    const [job] = await this.db
      .update(sandboxJobs)
      .set({ status: 'running' })
      .where(and(eq(sandboxJobs.id, id), eq(sandboxJobs.status, 'pending')))
      .returning()
    return job
  }

  #run(job: typeof sandboxJobs.$inferSelect): Promise<Run> {
    const run = (async (): Promise<Run> => {
      const handler = this.#handlers.get(job.kind)
      let error: string | undefined
      let result: unknown
      try {
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`)
        result = await handler(job.payload, { id: job.id, dueAt: job.dueAt, kind: job.kind })
      } catch (err) {
        error = err instanceof Error ? err.message : String(err)
        console.error(`[scheduler] job ${job.id} (${job.kind}) failed:`, err)
      }
      const status = error === undefined ? 'done' : 'failed'
      await this.db
        .update(sandboxJobs)
        .set({ status, ranAt: this.clock.now(), error })
        .where(eq(sandboxJobs.id, job.id))
      const fired: FiredJob = { id: job.id, kind: job.kind, dueAt: new Date(job.dueAt).toISOString(), status, ...(error && { error }) }
      return { fired, result }
    })()
    this.#inFlight.set(job.id, run)
    return run.finally(() => this.#inFlight.delete(job.id))
  }
}
