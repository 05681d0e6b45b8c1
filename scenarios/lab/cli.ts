import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { BrandKitError, loadBrandKit, type BrandKit } from '../../merchant-demo/src/brand'
import { shippedKits } from '../../launcher/catalog'
import { labResult, PEOPLE_PER_SHARD, runLab, runShards } from './lab'
import { shardSizes } from './population'
import type { ShardOutput } from './engine'
import type { LabResult, StrategyRun } from './result'
import { writeReport } from './report'
import { DEFAULT_STRATEGY, loadStrategy, StrategyError, type Strategy } from './strategy'

const HELP = `npm run simulate -- [options]

Runs a population through the commerce loop on the real platform and the real demo store, in
process, on the virtual clock, and writes a report (HTML, CSV, JSON).

  --people N        people in the population (default 10000)
  --days N          days it runs (default: the strategy's days, else 30)
  --seed N          the same seed gives the same numbers (default 1)
  --kit FILE|ID     the world kit: a file, or a shipped kit's id (lumen, stride, blaze; default the café)
  --strategy FILE   the strategy (default: the documented baseline, scenarios/lab/README.md)
  --vs FILE         a second strategy, run on the same population: the report sets them side by side
  --workers N       worker threads (default: one per core)
  --out DIR         where the report goes (default .sandbox/lab/<run id>/)
  -h, --help

Across machines (scenarios/lab/README.md): each machine runs a part of the shards and writes them
to a file; one machine merges the files into the report. Every other flag must be the same on all.
  --part I/N        run only shards I, I+N, I+2N, … and write them to <out>/part-I-of-N.json
  --merge FILE…     the report from the parts' files (nothing is run)

Strategy files follow scenarios/lab/strategy.schema.json.`

/** A mistake in the command line or an input file: said in full, nothing runs (exit 2). */
class UsageError extends Error {}

function kitFrom(arg: string | undefined): BrandKit {
  if (!arg) return shippedKits()[0]!
  const shipped = shippedKits().find((k) => k.id === arg)
  if (shipped) return shipped
  if (!existsSync(resolve(arg))) throw new UsageError(`--kit ${arg}: no such file, and no shipped kit has that id (${shippedKits().map((k) => k.id).join(', ')})`)
  return loadBrandKit(resolve(arg))
}

const whole = (name: string, v: string | undefined, fallback: number, min: number, max: number) => {
  if (v === undefined) return fallback
  const n = Number(v)
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} ${v}: expected a whole number from ${min} to ${max}`)
  return n
}

/** Reads everything first: every problem of every input is said before anything runs. */
function inputs(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      people: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      kit: { type: 'string' },
      brand: { type: 'string' },
      strategy: { type: 'string' },
      vs: { type: 'string' },
      workers: { type: 'string' },
      out: { type: 'string' },
      part: { type: 'string' },
      merge: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  })
  if (values.help) return null
  if (values.merge) return { merge: positionals, out: values.out }
  if (positionals.length) throw new UsageError(`unexpected ${positionals.map((p) => `"${p}"`).join(' ')}: files are read only with --merge`)
  const problems: string[] = []
  const attempt = <T>(f: () => T): T | null => {
    try {
      return f()
    } catch (err) {
      if (err instanceof UsageError || err instanceof StrategyError || err instanceof BrandKitError) {
        problems.push(err.message)
        return null
      }
      throw err
    }
  }
  const kit = attempt(() => kitFrom(values.kit ?? values.brand))
  const a = attempt<Strategy & { file?: string | null }>(() => (values.strategy ? loadStrategy(resolve(values.strategy)) : { ...DEFAULT_STRATEGY, file: null }))
  const b = values.vs ? attempt(() => loadStrategy(resolve(values.vs!))) : null
  const people = attempt(() => whole('people', values.people, 10_000, 1, 10_000_000))
  const days = attempt(() => whole('days', values.days, a?.days ?? 30, 1, 365))
  const seed = attempt(() => whole('seed', values.seed, 1, 0, 2 ** 31 - 1))
  const workers = attempt(() => (values.workers === undefined ? undefined : whole('workers', values.workers, 1, 0, 64)))
  const part = attempt(() => {
    if (values.part === undefined) return undefined
    const m = /^(\d+)\/(\d+)$/.exec(values.part)
    if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) throw new UsageError(`--part ${values.part}: expected I/N with 0 ≤ I < N, e.g. 0/4`)
    return { index: Number(m[1]), of: Number(m[2]) }
  })
  if (problems.length) throw new UsageError(problems.join('\n'))
  // two strategies of the same name would be told apart by their files
  if (b && a!.name === b.name) b.name = `${b.name} (${values.vs})`
  return { kit: kit!, a: a!, b, people: people!, days: days!, seed: seed!, workers: workers ?? undefined, out: values.out, part: part ?? undefined }
}

/** What `--part` writes: its shards' outputs, with everything the merge needs to check they belong together. */
interface PartFile {
  lab: 'part'
  part: { index: number; of: number }
  kit: BrandKit
  people: number
  days: number
  seed: number
  a: Strategy & { file?: string | null }
  b: (Strategy & { file?: string | null }) | null
  outputs: ShardOutput[][]
  workers: number
  ms: number[]
}

/** The parts' files as one run: the same kit, population, days, seed and strategies, every shard exactly once. */
function merged(files: string[]): LabResult {
  if (!files.length) throw new UsageError('--merge needs the parts\' files (part-I-of-N.json)')
  const parts = files.map((f) => {
    let part: PartFile
    try {
      part = JSON.parse(readFileSync(resolve(f), 'utf8')) as PartFile
    } catch (err) {
      throw new UsageError(`${f}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not a part file (${(err as Error).message})`}`)
    }
    if (part?.lab !== 'part' || !Array.isArray(part.outputs)) throw new UsageError(`${f}: not a part file written by --part`)
    return { file: f, part }
  })
  const first = parts[0]!.part
  const same = (p: PartFile) => JSON.stringify([p.kit.id, p.people, p.days, p.seed, p.a, p.b, p.part.of])
  for (const { file, part } of parts) if (same(part) !== same(first)) throw new UsageError(`${file} is from another run than ${parts[0]!.file} (kit, people, days, seed, strategies or N differ)`)
  const expected = shardSizes(first.people, PEOPLE_PER_SHARD).length
  const outputs = (first.b ? [0, 1] : [0]).map((i) => parts.flatMap(({ part }) => part.outputs[i] ?? []))
  const shards = outputs[0]!.map((o) => o.shard).sort((x, y) => x - y)
  const missing = Array.from({ length: expected }, (_, i) => i).filter((i) => !shards.includes(i))
  const twice = shards.filter((s, i) => shards[i - 1] === s)
  if (missing.length || twice.length) throw new UsageError(`the parts do not make the whole run: ${missing.length ? `shards ${missing.join(', ')} missing` : ''}${missing.length && twice.length ? '; ' : ''}${twice.length ? `shards ${twice.join(', ')} twice` : ''}`)
  return labResult(first, outputs, { workers: Math.max(...parts.map((p) => p.part.workers)), ms: (first.b ? [0, 1] : [0]).map((i) => Math.max(...parts.map((p) => p.part.ms[i] ?? 0))), wall: Math.max(...parts.map((p) => p.part.ms.reduce((a, b) => a + b, 0))) })
}

/** A progress bar on stderr: shard-days done. */
function progress() {
  const t0 = performance.now()
  let last = -1
  return (done: number, total: number) => {
    const pct = Math.floor((100 * done) / total)
    if (pct === last && done !== total) return
    last = pct
    const width = 30
    const filled = Math.round((width * done) / total)
    const line = `  [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(pct).padStart(3)}%  ${((performance.now() - t0) / 1000).toFixed(1)} s`
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`)
    else if (pct % 10 === 0 || done === total) process.stderr.write(`${line}\n`)
  }
}

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

function summaryLines(r: LabResult): string[] {
  const runs = [r.a, ...(r.b ? [r.b] : [])]
  const rows: [string, (s: StrategyRun) => string][] = [
    ['reached', (s) => String(s.summary.reached)],
    ['opened the mini program', (s) => String(s.summary.launched)],
    ['buyers', (s) => String(s.summary.buyers)],
    ['repeat buyers', (s) => String(s.summary.repeatBuyers)],
    ['orders', (s) => String(s.summary.orders)],
    ['sales', (s) => yuan(s.summary.sales)],
    ['shares', (s) => String(s.summary.shares)],
    ['K-factor', (s) => s.summary.kFactor.toFixed(3)],
    ['median hours to first purchase', (s) => (s.summary.medianHoursToFirstPurchase === null ? '–' : s.summary.medianHoursToFirstPurchase.toFixed(1))],
    ['repeat rate after re-engagement', (s) => `${(100 * s.summary.repeatRateAfterReengagement).toFixed(1)} %`],
  ]
  const w = Math.max(...rows.map(([k]) => k.length))
  const cols = runs.map((s) => Math.max(s.strategy.name.length, ...rows.map(([, f]) => f(s).length)))
  return [
    `  ${''.padEnd(w)}  ${runs.map((s, i) => s.strategy.name.padStart(cols[i]!)).join('  ')}`,
    ...rows.map(([k, f]) => `  ${k.padEnd(w)}  ${runs.map((s, i) => f(s).padStart(cols[i]!)).join('  ')}`),
  ]
}

export async function main(argv = process.argv.slice(2)): Promise<number> {
  let opts
  try {
    opts = inputs(argv)
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(err as Error).message}\n\nNothing ran. See npm run simulate -- --help`)
      return 2
    }
    throw err
  }
  if (!opts) {
    console.log(HELP)
    return 0
  }
  let result: LabResult
  if ('merge' in opts) {
    try {
      result = merged(opts.merge ?? [])
    } catch (err) {
      if (!(err instanceof UsageError)) throw err
      console.error(`${err.message}\n\nNothing was written.`)
      return 2
    }
  } else {
    console.log(`Strategy lab: ${opts.kit.name} · ${opts.people.toLocaleString('en-US')} people · ${opts.days} days · seed ${opts.seed}${opts.part ? ` · part ${opts.part.index}/${opts.part.of}` : ''}`)
    console.log(`  ${opts.b ? `${opts.a.name} vs ${opts.b.name}` : opts.a.name}`)
    const started = performance.now()
    if (opts.part) {
      const run = await runShards({ ...opts, onProgress: progress() })
      const file = resolve(opts.out ?? '.sandbox/lab/parts', `part-${opts.part.index}-of-${opts.part.of}.json`)
      mkdirSync(dirname(file), { recursive: true })
      const part: PartFile = { lab: 'part', part: opts.part, kit: opts.kit, people: opts.people, days: opts.days, seed: opts.seed, a: opts.a, b: opts.b, outputs: run.outputs, workers: run.workers, ms: run.ms }
      writeFileSync(file, JSON.stringify(part))
      console.log(`  ${run.outputs[0]!.length} shard${run.outputs[0]!.length === 1 ? '' : 's'} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
      console.log(`Part: ${file}`)
      return 0
    }
    result = await runLab({ ...opts, onProgress: progress() })
  }
  const stamp = result.generatedAt.replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  const dir = resolve(opts.out ?? `.sandbox/lab/${stamp}-${result.kit.id}-p${result.people}-d${result.days}-s${result.seed}`)
  const files = writeReport(result, dir)
  console.log(`\n${summaryLines(result).join('\n')}\n`)
  console.log(`  ${result.shards} communit${result.shards === 1 ? 'y' : 'ies'} on ${result.workers || 1} thread${result.workers === 1 ? '' : 's'} · ${(result.ms / 1000).toFixed(1)} s · ${Math.round(result.people / (result.ms / 1000) / (result.b ? 0.5 : 1)).toLocaleString('en-US')} people/s`)
  console.log(`  CSV and JSON beside it in ${dir}`)
  console.log(`Report: ${files.html}`)
  return 0
}

if (process.argv[1] && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err)
      process.exit(1)
    },
  )
}
