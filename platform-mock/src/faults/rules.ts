import { createHash } from 'node:crypto'
import { asc, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Platform } from '../platform'
import { journeyContext } from '../shared/events'
import { SandboxError } from '../shared/errors'
import { FAULT_KINDS, FAULT_SURFACES, type FaultKind, type FaultSurface } from './kinds'
import { sandboxFaults } from './schema'

export type FaultRow = typeof sandboxFaults.$inferSelect

/** A rule as the control API shows it. */
export interface FaultRule {
  id: number
  surface: FaultSurface
  fault: string
  params: Record<string, unknown>
  route: string | null
  method: string | null
  app: string | null
  person: string | null
  journey: string | null
  /** how many more times it may fire; null: until cleared */
  remaining: number | null
  probability: number
  fired: number
  createdAt: string
}

/** A rule as it is asked for: what to inject, where, and how often. */
export const FaultRequest = z
  .object({
    surface: z.enum(Object.keys(FAULT_SURFACES) as [FaultSurface, ...FaultSurface[]]),
    fault: z.string().min(1).max(64),
    params: z.record(z.string(), z.unknown()).optional(),
    route: z
      .string()
      .max(256)
      .regex(/^\/[^*\s]*\*?$/, 'a path starting with /, or a prefix ending in *')
      .optional(),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
    app: z.string().min(1).max(64).optional(),
    person: z.string().min(1).max(64).optional(),
    journey: z.string().min(1).max(128).optional(),
    times: z.number().int().min(1).max(100_000).optional(),
    probability: z.number().gt(0).max(1).optional(),
  })
  .strict()
export type FaultRequest = z.input<typeof FaultRequest>

/** What a surface asks at the point where a fault could happen. */
export interface FaultPoint {
  surface: FaultSurface
  /** the kinds this point can produce (any of the surface's when absent) */
  faults?: readonly string[]
  /** the request's path, or the moment's name for deliveries */
  route: string
  method?: string
  app?: string | null
  person?: string | null
}

/** A rule that fired, with its parameters as validated. */
export interface Fired<P = Record<string, unknown>> {
  rule: FaultRule
  params: P
}

export const kindOf = (surface: string, fault: string): FaultKind | undefined => FAULT_KINDS.find((k) => k.surface === surface && k.fault === fault)

/**
 * Validates a request against the catalog; throws a 400 naming the field. Nothing is stored here.
 */
export function validateFault(body: unknown): { request: z.output<typeof FaultRequest>; params: Record<string, unknown> } {
  const parsed = FaultRequest.safeParse(body ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new SandboxError(400, 'invalid', `${issue.path.join('.') || 'body'}: ${issue.message}`)
  }
  const request = parsed.data
  const kind = kindOf(request.surface, request.fault)
  if (!kind) {
    const known = FAULT_KINDS.filter((k) => k.surface === request.surface).map((k) => k.fault)
    throw new SandboxError(400, 'invalid', `fault: no fault "${request.fault}" on surface "${request.surface}" (known: ${known.join(', ') || 'none yet'})`)
  }
  const schema = kind.params ?? z.object({}).strict()
  const params = schema.safeParse(request.params ?? {})
  if (!params.success) {
    const issue = params.error.issues[0]!
    throw new SandboxError(400, 'invalid', `params${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`)
  }
  return { request, params: params.data }
}

const view = (r: FaultRow, at: (ms: number) => string): FaultRule => ({
  id: r.id,
  surface: r.surface as FaultSurface,
  fault: r.fault,
  params: r.params,
  route: r.route,
  method: r.method,
  app: r.app,
  person: r.person,
  journey: r.journey,
  remaining: r.remaining,
  probability: r.probability,
  fired: r.fired,
  createdAt: at(r.createdAt),
})

/**
 * The rules in force, read once and kept in memory until the next change, reset or restore: the
 * hot path asks synchronously whether any rule exists at all.
 */
class FaultBook {
  rows: FaultRow[] | null = null
  loading: Promise<FaultRow[]> | null = null
  constructor(readonly platform: Platform) {
    platform.events.onReplaced(() => this.forget())
  }
  forget() {
    this.rows = null
    this.loading = null
  }
  async load(): Promise<FaultRow[]> {
    if (this.rows) return this.rows
    this.loading ??= this.platform.db
      .select()
      .from(sandboxFaults)
      .orderBy(asc(sandboxFaults.id))
      .then((rows) => (this.rows = rows))
    return this.loading
  }
}
const books = new WeakMap<Platform, FaultBook>()
const book = (platform: Platform) => {
  let b = books.get(platform)
  if (!b) books.set(platform, (b = new FaultBook(platform)))
  return b
}

const at = (platform: Platform) => (ms: number) => new Date(ms).toISOString()

export async function listFaults(platform: Platform): Promise<FaultRule[]> {
  return (await book(platform).load()).map((r) => view(r, at(platform)))
}

/** Validates and stores a rule (the event log says it was switched on). */
export async function addFault(platform: Platform, body: unknown, actor = 'sandbox'): Promise<FaultRule> {
  const { request, params } = validateFault(body)
  const [row] = await platform.db
    .insert(sandboxFaults)
    .values({
      surface: request.surface,
      fault: request.fault,
      params,
      route: request.route ?? null,
      method: request.method ?? null,
      app: request.app ?? null,
      person: request.person ?? null,
      journey: request.journey ?? null,
      remaining: request.times ?? null,
      probability: request.probability ?? 1,
      createdAt: platform.clock.now(),
    })
    .returning()
  book(platform).forget()
  const rule = view(row!, at(platform))
  await platform.events.append({ actor, surface: 'sandbox', type: 'fault.added', subject: { fault: String(rule.id) }, payload: { rule } })
  return rule
}

export async function removeFault(platform: Platform, id: number): Promise<boolean> {
  const rows = await platform.db.delete(sandboxFaults).where(eq(sandboxFaults.id, id)).returning()
  book(platform).forget()
  if (rows.length) await platform.events.append({ actor: 'sandbox', surface: 'sandbox', type: 'fault.removed', subject: { fault: String(id) }, payload: { rule: view(rows[0]!, at(platform)) } })
  return rows.length > 0
}

/** Clears every rule, or a surface's. */
export async function clearFaults(platform: Platform, surface?: FaultSurface): Promise<number> {
  const rows = await (surface ? platform.db.delete(sandboxFaults).where(eq(sandboxFaults.surface, surface)) : platform.db.delete(sandboxFaults)).returning()
  book(platform).forget()
  if (rows.length) await platform.events.append({ actor: 'sandbox', surface: 'sandbox', type: 'fault.cleared', payload: { surface: surface ?? null, rules: rows.length } })
  return rows.length
}

const routeMatches = (rule: string | null, route: string) => rule === null || (rule.endsWith('*') ? route.startsWith(rule.slice(0, -1)) : rule === route)

function applies(r: FaultRow, p: FaultPoint, journey: string | null) {
  return (
    r.surface === p.surface &&
    (!p.faults || p.faults.includes(r.fault)) &&
    (r.remaining === null || r.remaining > 0) &&
    routeMatches(r.route, p.route) &&
    (r.method === null || r.method === p.method) &&
    (r.app === null || r.app === p.app) &&
    (r.person === null || r.person === p.person) &&
    (r.journey === null || r.journey === journey)
  )
}

/** The probability's draw: a number in [0, 1) from the world's seed, the rule and the draw's position. */
function draw(seed: string | null, rule: number, n: number) {
  const h = createHash('sha256').update(`fault:${seed ?? 'unseeded'}:${rule}:${n}`).digest()
  return h.readUInt32BE(0) / 4_294_967_296
}

/**
 * The rules that would apply at this point, without firing them: for faults that are a state
 * while they are on (a rotated certificate) rather than one answer.
 */
export async function activeFaults(platform: Platform, point: FaultPoint): Promise<FaultRule[]> {
  const b = book(platform)
  const rows = b.rows ?? (await b.load())
  if (!rows.length) return []
  const journey = journeyContext.getStore()?.journeyId ?? null
  return rows.filter((r) => applies(r, point, journey)).map((r) => view(r, at(platform)))
}

/**
 * Whether a fault fires at this point: the first rule (oldest first) that applies and wins its draw
 * uses one of its turns (taken before anything awaits, so concurrent requests never share a turn),
 * and the firing is written to the event log. Costs one synchronous check when no rule is on.
 */
export async function fire<P = Record<string, unknown>>(platform: Platform, point: FaultPoint): Promise<Fired<P> | null> {
  const b = book(platform)
  if (b.rows && !b.rows.length) return null
  const rows = b.rows ?? (await b.load())
  if (!rows.length) return null
  const journey = journeyContext.getStore()?.journeyId ?? null
  for (const r of rows) {
    if (!applies(r, point, journey)) continue
    if (r.probability < 1) {
      const won = draw(platform.worldSeed, r.id, r.draws) < r.probability
      r.draws++
      if (!won) {
        await platform.db.update(sandboxFaults).set({ draws: r.draws }).where(eq(sandboxFaults.id, r.id))
        continue
      }
    }
    r.fired++
    if (r.remaining !== null) r.remaining--
    const rule = view(r, at(platform))
    const { db } = platform
    await db.update(sandboxFaults).set({ fired: r.fired, remaining: r.remaining, draws: r.draws }).where(eq(sandboxFaults.id, r.id))
    await platform.events.append({
      actor: 'sandbox',
      surface: point.surface,
      type: 'fault.fired',
      subject: { fault: String(r.id), ...(point.person && { person: point.person }), ...(point.app && { app: point.app }) },
      payload: { surface: r.surface, fault: r.fault, params: r.params, route: point.route, method: point.method ?? null, remaining: r.remaining, fired: r.fired },
    })
    return { rule, params: r.params as P }
  }
  return null
}
