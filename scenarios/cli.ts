import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline/promises'
import { chinaTime, funnelLines, htmlReport, jsonReport, junitReport } from './reports'
import { JOURNEY_GROUPS, journeyNames, loadJourney, runJourney, SHIPPED_KITS, type JourneyResult, type RunOptions } from './runner'
import type { Journey } from './journey'
import { BrandKitError, loadBrandKit, type BrandKit } from '../merchant-demo/src/brand'

const USAGE = `npm run scenario -- <name…|all|fault-drills> [--kit FILE|all] [--seed N] [--report json,junit,html] [--out DIR] [--accept] [--visual] [--step] [--parallel N]

  names     journeys in scenarios/journeys/ (${journeyNames().join(', ')}); all: every one;
            fault-drills: the fault-… journeys
  --kit     the world kit to run in (default the café, merchant-demo/brands/cafe.json); repeat it
            for several, or "all" for every shipped kit; golden traces of a kit other than the café
            are in scenarios/golden/<kit id>/
  --seed    the world's seed (default 1); golden traces are recorded with seed 1
  --report  reports to write into --out (default scenarios/reports)
  --accept  record this run's traces as the new golden traces
  --visual  play the journey on the phones in Chromium (one journey at a time)
  --step    wait for Enter before each step (one journey at a time)
  --parallel how many journeys run at once (default 2)`

interface Args {
  names: string[]
  kits: string[]
  seed: number
  reports: string[]
  out: string
  accept: boolean
  visual: boolean
  step: boolean
  parallel: number
}

export function parseArgs(argv: string[]): Args {
  const args: Args = { names: [], kits: [], seed: 1, reports: [], out: 'scenarios/reports', accept: false, visual: false, step: false, parallel: 2 }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${a} needs a value`)
      return v
    }
    if (a === '--seed') args.seed = Number(value())
    else if (a === '--kit') args.kits.push(value())
    else if (a === '--report') args.reports = value().split(',').filter(Boolean)
    else if (a === '--out') args.out = value()
    else if (a === '--accept') args.accept = true
    else if (a === '--visual') args.visual = true
    else if (a === '--step') args.step = true
    else if (a === '--parallel') args.parallel = Number(value())
    else if (a === '--help' || a === '-h') throw new Error(USAGE)
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}\n\n${USAGE}`)
    else args.names.push(a)
  }
  if (args.names.length === 0) throw new Error(USAGE)
  // a group (all, fault-drills) stands for its journeys, in place
  args.names = [...new Set(args.names.flatMap((n) => JOURNEY_GROUPS[n]?.(journeyNames()) ?? [n]))]
  const unknown = args.names.filter((n) => !journeyNames().includes(n))
  if (unknown.length) throw new Error(`unknown journey${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} (journeys: ${journeyNames().join(', ')}, or ${Object.keys(JOURNEY_GROUPS).join(', ')})`)
  if (args.kits.includes('all')) args.kits = [...SHIPPED_KITS]
  if (args.kits.length === 0) args.kits = [SHIPPED_KITS[0]!]
  if (!Number.isInteger(args.seed)) throw new Error('--seed takes an integer')
  for (const r of args.reports) if (!['json', 'junit', 'html'].includes(r)) throw new Error(`unknown report "${r}" (json, junit, html)`)
  if (args.visual || args.step) args.parallel = 1
  return args
}

const tty = process.stdout.isTTY
const paint = (code: number, s: string) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s)

/** Runs the journeys, prints one line per step, writes the reports; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  let args: Args
  try {
    args = parseArgs(argv)
  } catch (err) {
    console.error((err as Error).message)
    return 2
  }
  let kits: BrandKit[]
  try {
    kits = args.kits.map((k) => loadBrandKit(resolve(k)))
  } catch (err) {
    if (!(err instanceof BrandKitError)) throw err
    console.error(err.message)
    return 2
  }
  const journeys = await Promise.all(args.names.map((n) => loadJourney(n)))
  // a run's name: the journey's, with the kit's id when it is not the café alone
  const label = (name: string, kit: BrandKit) => (kits.length === 1 && kit.id === 'lumen' ? name : `${name} [${kit.id}]`)
  const prompt = args.step ? createInterface({ input: process.stdin, output: process.stdout }) : null
  const visualModule = args.visual ? await import('./visual') : null
  const visual = visualModule ? await visualModule.openVisual() : null
  const castOf = (run: Journey['run'], cast: string[]) => visualModule?.castOf(run, cast) ?? []
  const results: JourneyResult[] = []
  const queue = kits.flatMap((kit) => journeys.map((j) => ({ j, kit })))
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { j, kit } = next
      const name = label(j.name, kit)
      const opts: RunOptions = {
        kit,
        seed: args.seed,
        accept: args.accept,
        // visual playback: the phones' own pages log in too (sessions, seeded ids drawn), so its trace is not a golden one
        golden: !args.visual && (args.accept || args.seed === 1),
        beforeStep: prompt ? async (caption, i) => void (await prompt.question(paint(36, `  ${name} step ${i + 1}: ${caption} — press Enter `))) : undefined,
        afterStep: async (s, _i, world) => {
          if (visual) s.screenshot = await visual.screenshot(world.people, world.screens, world.events)
          console.log(`${paint(2, chinaTime(s.at).padStart(12))} ${s.ok ? paint(32, 'pass') : paint(31, 'FAIL')} ${paint(2, `${String(s.ms).padStart(5)} ms`)}  ${name} · ${s.caption}${s.error ? `\n      ${paint(31, s.error)}` : ''}`)
        },
        onSandbox: visual ? (urls, cast) => visual.open(urls, castOf(j!.run, cast)) : undefined,
      }
      const r = await runJourney(j, opts)
      results.push(r)
      if (r.notApplicable) {
        console.log(`${paint(33, '–')} ${name} (${r.title}) — not applicable: ${r.notApplicable}`)
        continue
      }
      const golden = r.golden.status === 'mismatch' ? paint(31, 'golden trace differs') : r.golden.status === 'missing' ? paint(31, 'no golden trace (--accept records one)') : args.visual ? 'trace not compared (visual playback)' : `golden trace ${r.golden.status}`
      console.log(`${r.ok ? paint(32, '✓') : paint(31, '✗')} ${name} (${r.title}) — ${r.steps.length} steps, ${r.ms} ms, ${golden}${r.failure ? `\n  ${paint(31, r.failure)}` : ''}`)
      if (r.funnel) console.log(funnelLines(r.funnel).map((l) => paint(2, `  ${l}`)).join('\n'))
      if (r.golden.status === 'mismatch') console.log(r.golden.diff!.split('\n').map((l) => `    ${l.startsWith('-') ? paint(31, l) : l.startsWith('+') ? paint(32, l) : l}`).join('\n'))
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(args.parallel, queue.length)) }, worker))
  prompt?.close()
  await visual?.close()
  const kitIndex = (r: JourneyResult) => kits.findIndex((k) => k.id === r.kit)
  results.sort((a, b) => kitIndex(a) - kitIndex(b) || args.names.indexOf(a.name) - args.names.indexOf(b.name))
  if (args.reports.length) {
    const out = resolve(args.out)
    mkdirSync(out, { recursive: true })
    const write = { json: () => ['report.json', jsonReport(results)], junit: () => ['junit.xml', junitReport(results)], html: () => ['report.html', htmlReport(results)] } as const
    for (const r of args.reports as (keyof typeof write)[]) {
      const [file, text] = write[r]()
      writeFileSync(join(out, file), text)
      console.log(`wrote ${join(args.out, file)}`)
    }
  }
  const failed = results.filter((r) => !r.ok)
  const skipped = results.filter((r) => r.notApplicable).length
  const ran = results.length - skipped
  const na = skipped ? `, ${skipped} not applicable to their kit` : ''
  console.log(failed.length ? paint(31, `${failed.length} of ${ran} journeys failed${na}`) : paint(32, `${ran} journeys passed${na}`))
  return failed.length ? 1 : 0
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('scenarios/cli.ts')) {
  main(process.argv.slice(2)).then((code) => process.exit(code))
}
