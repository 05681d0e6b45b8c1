import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { BrandKit } from '../../merchant-demo/src/brand'
import type { SandboxEvent } from '../actors/types'
import { runShard, type ShardOutput, type ShardSpec } from './engine'
import { FIGURE_EVENTS, figures } from './metrics'
import { shardSizes } from './population'
import type { DiffRow, LabResult, StrategyRun } from './result'
import type { Strategy } from './strategy'

/** People per community: each is a shard with its own sandbox, run in a worker thread. */
export const PEOPLE_PER_SHARD = 5000

export interface LabOptions {
  kit: BrandKit
  people: number
  days: number
  seed: number
  a: Strategy & { file?: string | null }
  b?: (Strategy & { file?: string | null }) | null
  /** worker threads (default: one per core, at most the shards); 0 runs the shards in this thread */
  workers?: number
  /** called as shards finish days: done and total shard-days over both strategies */
  onProgress?: (done: number, total: number) => void
  /** called as each shard ends (the bench reads its heap) */
  onShard?: (output: ShardOutput) => void
}

/** Runs one strategy (or two) through the population and counts the figures. */
export async function runLab(opts: LabOptions): Promise<LabResult> {
  const started = performance.now()
  const run = await runShards(opts)
  return labResult(opts, run.outputs, { workers: run.workers, ms: run.ms, wall: performance.now() - started })
}

/** One part of a run (`part`: shards `index`, `index + of`, …), or all of it: each strategy's shard outputs, in shard order. */
export async function runShards(opts: LabOptions & { part?: { index: number; of: number } }): Promise<{ outputs: ShardOutput[][]; workers: number; ms: number[] }> {
  const sizes = shardSizes(opts.people, PEOPLE_PER_SHARD)
  const mine = sizes.map((size, shard) => ({ size, shard })).filter(({ shard }) => !opts.part || shard % opts.part.of === opts.part.index)
  const workers = Math.max(0, Math.min(opts.workers ?? availableParallelism(), mine.length))
  const strategies = [opts.a, ...(opts.b ? [opts.b] : [])]
  const total = Math.max(1, mine.length * opts.days * strategies.length)
  let done = 0
  const tick = () => opts.onProgress?.(++done, total)
  const outputs: ShardOutput[][] = []
  const ms: number[] = []
  for (const strategy of strategies) {
    const t0 = performance.now()
    const specs: ShardSpec[] = mine.map(({ size, shard }) => ({ kit: opts.kit, strategy, seed: opts.seed, shard, size, totalPeople: opts.people, days: opts.days }))
    const out = workers ? await inWorkers(specs, workers, tick) : await inThisThread(specs, tick)
    out.forEach((o) => opts.onShard?.(o))
    outputs.push(out)
    ms.push(Math.round(performance.now() - t0))
  }
  return { outputs, workers, ms }
}

/** The result of a run from its shards' outputs (all of them, from one machine or merged from several). */
export function labResult(opts: Pick<LabOptions, 'kit' | 'people' | 'days' | 'seed' | 'a' | 'b'>, outputs: ShardOutput[][], time: { workers: number; ms: number[]; wall: number }): LabResult {
  const strategies = [opts.a, ...(opts.b ? [opts.b] : [])]
  const runs: StrategyRun[] = strategies.map((strategy, i) => ({
    strategy: { name: strategy.name, file: strategy.file ?? null, description: strategy.description },
    ...figures(opts.kit, [...outputs[i]!].sort((x, y) => x.shard - y.shard)),
    ms: time.ms[i] ?? 0,
  }))
  const [a, b = null] = runs
  return {
    kit: { id: opts.kit.id, name: opts.kit.name, nameZh: opts.kit.nameZh ?? opts.kit.name, color: opts.kit.colours.primary },
    people: opts.people,
    days: opts.days,
    seed: opts.seed,
    startsAt: new Date(Math.min(...outputs[0]!.map((o) => o.dayZero))).toISOString(),
    generatedAt: new Date().toISOString(),
    shards: shardSizes(opts.people, PEOPLE_PER_SHARD).length,
    workers: time.workers,
    ms: Math.round(time.wall),
    a: a!,
    b,
    diff: b ? differences(a!, b) : [],
  }
}

async function inThisThread(specs: ShardSpec[], tick: () => void) {
  const out: ShardOutput[] = []
  for (const spec of specs) out.push(await runShard(spec, tick))
  return out
}

/** Shards spread over `n` worker threads (each runs one shard at a time: its sandbox, then the next), merged in shard order. */
async function inWorkers(specs: ShardSpec[], n: number, tick: () => void): Promise<ShardOutput[]> {
  const out: ShardOutput[] = new Array(specs.length)
  let next = 0
  await Promise.all(
    Array.from({ length: n }, async () => {
      const worker = new Worker(new URL('./worker.ts', import.meta.url))
      try {
        while (next < specs.length) {
          const i = next++
          out[i] = await new Promise<ShardOutput>((resolve, reject) => {
            const onMessage = (m: { day?: number; output?: ShardOutput; error?: string }) => {
              if (m.day !== undefined) return tick()
              worker.off('message', onMessage)
              worker.off('error', reject)
              if (m.error) reject(new Error(`shard ${i}: ${m.error}`))
              else resolve(m.output!)
            }
            worker.on('message', onMessage)
            worker.once('error', reject)
            worker.postMessage(specs[i])
          })
        }
      } finally {
        await worker.terminate()
      }
    }),
  )
  return out
}

/** What a worker sends back of its shard's event log: the events the figures read, with the fields they read. */
export function compact(output: ShardOutput): ShardOutput {
  const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]))
  const events: SandboxEvent[] = output.events
    .filter((e) => FIGURE_EVENTS.has(e.type))
    .map((e) => ({ ...e, subject: pick(e.subject as Record<string, unknown>, ['person', 'sharedBy', 'out_trade_no']), payload: pick(e.payload as Record<string, unknown>, ['firstTouchChannel', 'entry', 'total', 'refund', 'kind', 'source']) }) as SandboxEvent)
  // the figures count every event of the log: the ones left out still count
  return { ...output, events, eventCount: output.events.length }
}

/** The headline figures and each channel's sharing, b against a. */
export function differences(a: StrategyRun, b: StrategyRun): DiffRow[] {
  const rows: [string, number, number][] = [
    ['people reached', a.summary.reached, b.summary.reached],
    ['opened the mini program', a.summary.launched, b.summary.launched],
    ['buyers', a.summary.buyers, b.summary.buyers],
    ['repeat buyers', a.summary.repeatBuyers, b.summary.repeatBuyers],
    ['orders', a.summary.orders, b.summary.orders],
    ['sales (fen)', a.summary.sales, b.summary.sales],
    ['average order (fen)', a.summary.averageOrder, b.summary.averageOrder],
    ['shares', a.summary.shares, b.summary.shares],
    ['K-factor', a.summary.kFactor, b.summary.kFactor],
    ['pay failures', a.summary.payFailures, b.summary.payFailures],
    ['median hours to first purchase', a.summary.medianHoursToFirstPurchase ?? 0, b.summary.medianHoursToFirstPurchase ?? 0],
    ['repeat rate after re-engagement', a.summary.repeatRateAfterReengagement, b.summary.repeatRateAfterReengagement],
  ]
  const channels = [...new Set([...a.virality, ...b.virality].map((v) => v.channel))].sort()
  for (const c of channels) {
    const va = a.virality.find((v) => v.channel === c)
    const vb = b.virality.find((v) => v.channel === c)
    rows.push([`${c}: shares`, va?.shares ?? 0, vb?.shares ?? 0], [`${c}: K-factor`, va?.kFactor ?? 0, vb?.kFactor ?? 0])
  }
  return rows.map(([metric, x, y]) => ({ metric, a: x, b: y, delta: Math.round((y - x) * 1000) / 1000, ratio: x ? Math.round((y / x) * 1000) / 1000 : null }))
}
