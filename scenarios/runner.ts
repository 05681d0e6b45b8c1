import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Brand } from './actors/brand'
import { Faults, Operator } from './actors/operator'
import { Person, type Screen } from './actors/person'
import type { Funnel, SandboxEvent } from './actors/types'
import { Wire } from './actors/wire'
import { CAST, check, CheckFailed, type Journey, type JourneyContext } from './journey'
import { startSandbox, type Sandbox } from './sandbox'
import { addressOf, rolesOf } from './roles'
import { diffTraces, normalise, orderPrefix, serialise, type Trace } from './trace'
import { kitWorld } from '../launcher/world'
import { CAFE_KIT, loadBrandKit, SPORTSWEAR_KIT, type BrandKit } from '../merchant-demo/src/brand'

const HERE = dirname(fileURLToPath(import.meta.url))
export const JOURNEYS_DIR = join(HERE, 'journeys')
export const GOLDEN_DIR = join(HERE, 'golden')

/** The shipped world kits every journey runs against: the café first (its golden traces are scenarios/golden/*.json). */
export const SHIPPED_KITS = [CAFE_KIT, SPORTSWEAR_KIT, fileURLToPath(new URL('../merchant-demo/brands/qsr.json', import.meta.url))]

/** Where a kit's golden traces are: the café's in golden/, another kit's in golden/<kit id>/. */
export const goldenDirOf = (kit: BrandKit) => (kit.id === 'lumen' ? GOLDEN_DIR : join(GOLDEN_DIR, kit.id))

export interface StepResult {
  caption: string
  ok: boolean
  /** virtual time when the step ended */
  at: string
  ms: number
  error?: string
  /** ids of the events written during the step */
  events: number[]
  screenshot?: string
}

export interface GoldenResult {
  status: 'match' | 'mismatch' | 'missing' | 'accepted' | 'skipped'
  diff?: string
  file: string
}

export interface JourneyResult {
  name: string
  title: string
  seed: number
  /** the world kit's id */
  kit: string
  /** why the journey did not run in this kit (it passes as not applicable) */
  notApplicable?: string
  ok: boolean
  ms: number
  steps: StepResult[]
  /** the first failure: the step's caption and what did not hold */
  failure?: string
  events: SandboxEvent[]
  trace: Trace
  golden: GoldenResult
  /** the loop in numbers at the journey's end (GET /_sandbox/funnel), as the presenter's funnel shows it */
  funnel?: Funnel
}

export interface RunOptions {
  seed?: number
  /** the world kit (a file or a parsed kit; default the café) */
  kit?: string | BrandKit
  /** record the trace as the new golden one */
  accept?: boolean
  /** compare with the golden trace (default true) */
  golden?: boolean
  goldenDir?: string
  /** called before each step (the presenter's Enter in --step mode) */
  beforeStep?: (caption: string, index: number) => Promise<void>
  /** called after each step (progress lines; screenshots in --visual mode) */
  afterStep?: (step: StepResult, index: number, world: { people: string[]; screens: Record<string, Screen | null>; events: SandboxEvent[] }) => Promise<void> | void
  /** called once the sandbox is up (visual mode opens the phones there) */
  onSandbox?: (urls: { platformUrl: string; merchantUrl: string }, cast: string[]) => Promise<void>
  /** called before the sandbox closes */
  onFinish?: () => Promise<void>
  /**
   * a sandbox already up to run in, seeded with `seed` and `kit` (classroom mode: the live one the
   * phones on screen show); it is left running, and no golden trace is compared (its store was not
   * started for this journey)
   */
  sandbox?: Sandbox
}

/** Every journey under journeys/, by name. */
export function journeyNames(dir = JOURNEYS_DIR): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => f.slice(0, -3)).sort()
}

/** Names that stand for several journeys on the command line: `fault-drills` is every `fault-…` journey. */
export const JOURNEY_GROUPS: Record<string, (names: string[]) => string[]> = {
  all: (names) => names,
  'fault-drills': (names) => names.filter((n) => n.startsWith('fault-')),
}

export async function loadJourney(name: string, dir = JOURNEYS_DIR): Promise<Journey> {
  const file = join(dir, `${name}.ts`)
  if (!existsSync(file)) throw new Error(`no journey "${name}" (have: ${journeyNames(dir).join(', ')})`)
  const mod = await import(pathToFileURL(file).href)
  return { ...mod.default, name }
}

/** Runs one journey in a fresh sandbox of its own, and compares its trace with the golden one. */
export async function runJourney(j: Journey, opts: RunOptions = {}): Promise<JourneyResult> {
  const seed = opts.seed ?? 1
  const started = performance.now()
  const kit = typeof opts.kit === 'object' ? opts.kit : loadBrandKit(opts.kit ?? CAFE_KIT)
  const goldenDir = opts.goldenDir ?? goldenDirOf(kit)
  const skip = j.notApplicable?.(kit, rolesOf(kit, kitWorld(kit)))
  if (skip) {
    const trace: Trace = { journey: j.name, seed, events: [] }
    return { name: j.name, title: j.title, seed, kit: kit.id, notApplicable: skip, ok: true, ms: 0, steps: [], events: [], trace, golden: { status: 'skipped', file: goldenFile(j.name, goldenDir) } }
  }
  const sandbox = opts.sandbox ?? (await startSandbox(seed, kit))
  const roles = rolesOf(kit, sandbox.world)
  const control = new Wire(`${sandbox.platformUrl}/_sandbox`)
  // the cast's wallets hold ¥45 to ¥2000: when one of the kit's products costs more than someone
  // holds (running shoes), the operator tops the wallets up to five of the dearest before the
  // journey starts (the café's and the burger kit's prices fit every wallet: nothing happens there)
  const dearest = Math.max(...kit.products.map((p) => p.price))
  if (sandbox.world.cast.some((p) => p.balance < dearest)) {
    for (const person of sandbox.world.cast) if (person.balance < 5 * dearest) await control.call('PATCH', `/pay/people/${person.id}/wallet`, { balance: 5 * dearest })
  }
  const steps: StepResult[] = []
  let failure: string | undefined
  let lastEvent = await latestEventId(control)
  const operator = new Operator(control, { down: () => sandbox.stopMerchant(), up: () => sandbox.startMerchant() })
  const people = Object.fromEntries(CAST.map((id) => [id, new Person(id, sandbox.platformUrl, sandbox.merchantUrl, roles.fulfilment.needsAddress ? addressOf(id) : undefined)])) as Record<(typeof CAST)[number], Person>
  const faults = new Faults(control)
  const ctx: JourneyContext = {
    ...people,
    brand: new Brand(sandbox.merchantUrl, sandbox.staffToken, roles),
    kit,
    world: sandbox.world,
    roles,
    operator,
    clock: operator.clock,
    events: operator.events,
    faults,
    check,
    async step(caption, body) {
      if (failure) throw new StopJourney()
      await opts.beforeStep?.(caption, steps.length)
      const t0 = performance.now()
      const result: StepResult = { caption, ok: true, at: '', ms: 0, events: [] }
      let value
      try {
        value = await body()
      } catch (err) {
        result.ok = false
        result.error = err instanceof CheckFailed ? err.message : `${(err as Error).name}: ${(err as Error).message}`
        failure = `${caption}: ${result.error}`
      }
      result.ms = Math.round(performance.now() - t0)
      const fresh = await eventsAfter(control, lastEvent)
      result.events = fresh.map((e) => e.id)
      lastEvent = fresh.at(-1)?.id ?? lastEvent
      result.at = (await control.get('/clock')).now
      steps.push(result)
      await opts.afterStep?.(result, steps.length - 1, { people: CAST.filter((id) => people[id].active), screens: Object.fromEntries(CAST.map((id) => [id, people[id].screen])), events: fresh })
      if (!result.ok) throw new StopJourney()
      return value as never
    },
  }
  try {
    await opts.onSandbox?.({ platformUrl: sandbox.platformUrl, merchantUrl: sandbox.merchantUrl }, [...CAST])
    await j.run(ctx)
  } catch (err) {
    if (!(err instanceof StopJourney)) failure = `${(err as Error).name}: ${(err as Error).message}` + (steps.length ? ` (after "${steps.at(-1)!.caption}")` : '')
  }
  // the journey's fault rules end with it: a sandbox that outlives the journey keeps none
  if (opts.sandbox) await faults.clear().catch(() => undefined)
  const events = await eventsAfter(control, 0)
  // read after the event log, so the trace is the same with or without it
  const funnel = (await control.get('/funnel').catch(() => undefined)) as Funnel | undefined
  await opts.onFinish?.()
  if (!opts.sandbox) await sandbox.close()
  const trace = normalise(events, { platform: sandbox.platformUrl, merchant: sandbox.merchantUrl }, j.name, seed, orderPrefix(kit.id))
  const golden = failure || opts.golden === false || opts.sandbox ? { status: 'skipped' as const, file: goldenFile(j.name, goldenDir) } : compareGolden(trace, { ...opts, goldenDir })
  const ok = !failure && golden.status !== 'mismatch' && golden.status !== 'missing'
  return { name: j.name, title: j.title, seed, kit: kit.id, ok, ms: Math.round(performance.now() - started), steps, failure, events, trace, golden, funnel }
}

class StopJourney extends Error {}

export const goldenFile = (name: string, dir = GOLDEN_DIR) => join(dir, `${name}.json`)

function compareGolden(trace: Trace, opts: RunOptions): GoldenResult {
  const file = goldenFile(trace.journey, opts.goldenDir)
  if (opts.accept) {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, serialise(trace))
    return { status: 'accepted', file }
  }
  if (!existsSync(file)) return { status: 'missing', file, diff: `no golden trace ${file}: run with --accept to record one` }
  const golden = JSON.parse(readFileSync(file, 'utf8')) as Trace
  const diff = diffTraces(golden, trace)
  return diff ? { status: 'mismatch', file, diff } : { status: 'match', file }
}

async function latestEventId(control: Wire) {
  const { events } = await control.get('/events?order=desc&limit=1')
  return (events[0]?.id as number | undefined) ?? 0
}

/** Every event of the log after id `after`, oldest first, read in pages of 1 000. */
export async function eventsAfter(control: Wire, after: number): Promise<SandboxEvent[]> {
  const all: SandboxEvent[] = []
  for (;;) {
    const { events } = await control.get(`/events?after=${after}&limit=1000`)
    all.push(...events)
    if (events.length < 1000) return all
    after = events.at(-1).id
  }
}
