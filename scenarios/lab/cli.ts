import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { BrandKitError, loadBrandKit, type BrandKit } from '../../merchant-demo/src/brand'
import { shippedKits } from '../../launcher/catalog'
import { runLab } from './lab'
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
  const { values } = parseArgs({
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
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) return null
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
  if (problems.length) throw new UsageError(problems.join('\n'))
  // two strategies of the same name would be told apart by their files
  if (b && a!.name === b.name) b.name = `${b.name} (${values.vs})`
  return { kit: kit!, a: a!, b, people: people!, days: days!, seed: seed!, workers: workers ?? undefined, out: values.out }
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
  console.log(`Strategy lab: ${opts.kit.name} · ${opts.people.toLocaleString('en-US')} people · ${opts.days} days · seed ${opts.seed}`)
  console.log(`  ${opts.b ? `${opts.a.name} vs ${opts.b.name}` : opts.a.name}`)
  const result = await runLab({ ...opts, onProgress: progress() })
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
