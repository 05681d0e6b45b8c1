import type { Stats } from 'node:fs'
import { lstat, readdir, readFile, realpath } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { Hono } from 'hono'
import { z } from 'zod'
import { SandboxError } from '../shared/errors'
import type { PlatformEnv } from '../shared/env'

/** A run's directory name as `npm run simulate` makes it (`20260302-090000-lumen-p10000-d30-s1`). */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/
/** The files of a run the control API hands out: the report, its JSON and its CSVs, nothing else. */
const RUN_FILE = /^(report\.html|result\.json|[a-z0-9][a-z0-9_-]{0,63}\.csv)$/
/** A result.json bigger than this is not read (a run of that size has gone wrong). */
const MAX_RESULT_BYTES = 64 * 1024 * 1024
/** Only the newest runs are listed (each listing reads their result.json). */
const MAX_LISTED = 100
/** The CSVs in the order the report has them; any other comes after, by name. */
const CSV_ORDER = ['summary', 'funnel', 'daily', 'virality', 'reengagement', 'sales', 'diff']

/**
 * The report runs in an opaque origin: its inline scripts (the charts) work, but it reaches nothing,
 * the sandbox's control API least of all, whatever a kit's names put into it.
 */
export const REPORT_CSP = "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"
/** The data files are downloads, never pages. */
const DATA_CSP = "sandbox; default-src 'none'"

/** The fields of `LabResult` (scenarios/lab/result.ts) the list shows; a result.json without them is skipped. */
const ListedResult = z.object({
  kit: z.object({ id: z.string(), name: z.string(), nameZh: z.string() }),
  people: z.number(),
  days: z.number(),
  seed: z.number(),
  generatedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO time'),
  a: z.object({
    strategy: z.object({ name: z.string() }),
    summary: z.object({ buyers: z.number(), orders: z.number(), sales: z.number(), kFactor: z.number() }),
  }),
  b: z.object({ strategy: z.object({ name: z.string() }) }).nullable().optional(),
})

/** One run as `GET /_sandbox/lab/reports` lists it. */
export interface LabReport {
  id: string
  kit: { id: string; name: string; nameZh: string }
  people: number
  days: number
  seed: number
  /** strategy a's name, then b's when the run compared two */
  strategies: string[]
  /** ISO, wall time when the run finished */
  generatedAt: string
  /** strategy a's figures (sales in fen) */
  summary: { buyers: number; orders: number; sales: number; kFactor: number }
  /** the run's CSVs and its result.json, as `/_sandbox/lab/reports/:id/:file` serves them */
  files: string[]
  /** the report page, or null when the run has none */
  url: string | null
}

const isFile = (s: Stats | null) => !!s && s.isFile() && !s.isSymbolicLink()
const isDir = (s: Stats | null) => !!s && s.isDirectory() && !s.isSymbolicLink()
const lstatOrNull = (path: string) => lstat(path).catch(() => null)
const within = (dir: string, path: string) => path.startsWith(dir.endsWith(sep) ? dir : dir + sep)

function fileOrder(a: string, b: string) {
  const rank = (f: string) => (f === 'result.json' ? 1000 : CSV_ORDER.indexOf(f.replace(/\.csv$/, '')) >>> 0)
  return rank(a) - rank(b) || a.localeCompare(b)
}

/** A run's directory and the lab's, both real paths, when `id` names one (not a link, not outside). */
async function runDir(labDir: string, id: string) {
  if (!RUN_ID.test(id)) return null
  const lab = await realpath(labDir).catch(() => null)
  if (!lab) return null
  const dir = join(lab, id)
  if (!isDir(await lstatOrNull(dir))) return null
  return { lab, dir }
}

/** The files of a run that may be handed out: regular files (no links) of an allowed name. */
async function runFiles(dir: string) {
  const names = await readdir(dir).catch(() => [] as string[])
  const files: string[] = []
  for (const name of names) if (RUN_FILE.test(name) && isFile(await lstatOrNull(join(dir, name)))) files.push(name)
  return files
}

async function readRun(lab: string, id: string): Promise<LabReport | null> {
  const found = await runDir(lab, id)
  if (!found) return null
  const files = await runFiles(found.dir)
  if (!files.includes('result.json')) return null
  const path = join(found.dir, 'result.json')
  const stats = await lstatOrNull(path)
  if (!stats || stats.size > MAX_RESULT_BYTES) return null
  let parsed
  try {
    parsed = ListedResult.safeParse(JSON.parse(await readFile(path, 'utf8')))
  } catch {
    return null // not JSON, or gone since the listing
  }
  if (!parsed.success) return null
  const r = parsed.data
  return {
    id,
    kit: { id: r.kit.id, name: r.kit.name, nameZh: r.kit.nameZh },
    people: r.people,
    days: r.days,
    seed: r.seed,
    strategies: [r.a.strategy.name, ...(r.b ? [r.b.strategy.name] : [])],
    generatedAt: r.generatedAt,
    summary: { buyers: r.a.summary.buyers, orders: r.a.summary.orders, sales: r.a.summary.sales, kFactor: r.a.summary.kFactor },
    files: files.filter((f) => f !== 'report.html').sort(fileOrder),
    url: files.includes('report.html') ? `/_sandbox/lab/reports/${id}/report.html` : null,
  }
}

/** The runs under `labDir` that have a readable result.json, newest first; none without a lab dir. */
export async function listLabReports(labDir: string | null): Promise<LabReport[]> {
  if (!labDir) return []
  const lab = await realpath(labDir).catch(() => null)
  if (!lab) return []
  const entries = await readdir(lab, { withFileTypes: true }).catch(() => [])
  const dirs = entries.filter((e) => e.isDirectory() && RUN_ID.test(e.name)).map((e) => e.name)
  // the newest by their result.json's time on disk first, so a lab of hundreds of runs reads a hundred
  const stamped = await Promise.all(dirs.map(async (id) => ({ id, at: (await lstatOrNull(join(lab, id, 'result.json')))?.mtimeMs ?? 0 })))
  const newest = stamped.sort((a, b) => b.at - a.at).slice(0, MAX_LISTED)
  const runs = (await Promise.all(newest.map((d) => readRun(lab, d.id)))).filter((r) => r !== null)
  return runs.sort((a, b) => Date.parse(b.generatedAt) - Date.parse(a.generatedAt) || b.id.localeCompare(a.id))
}

/** One file of one run, or null: an id or name out of pattern, a link, anything not inside the run. */
export async function labFile(labDir: string | null, id: string, file: string) {
  if (!labDir || !RUN_FILE.test(file)) return null
  const found = await runDir(labDir, id)
  if (!found || !(await runFiles(found.dir)).includes(file)) return null
  const path = join(found.dir, file)
  const real = await realpath(path).catch(() => null)
  if (!real || !within(found.lab, real)) return null
  return readFile(real).catch(() => null)
}

function headersFor(id: string, file: string): Record<string, string> {
  const common = { 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' }
  if (file === 'report.html') return { ...common, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': REPORT_CSP }
  if (file.endsWith('.json')) return { ...common, 'Content-Type': 'application/json; charset=utf-8', 'Content-Security-Policy': DATA_CSP }
  return { ...common, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Security-Policy': DATA_CSP, 'Content-Disposition': `attachment; filename="${id}-${file}"` }
}

/** The strategy lab's runs (`npm run simulate`), for the presenter: `/_sandbox/lab/reports…`. */
export const labReports = new Hono<PlatformEnv>()
  .get('/lab/reports', async (c) => c.json({ reports: await listLabReports(c.var.platform.labDir) }))
  .get('/lab/reports/:id/:file', async (c) => {
    const { id, file } = c.req.param()
    const body = await labFile(c.var.platform.labDir, id, file)
    if (!body) throw new SandboxError(404, 'not_found', 'no such file of a strategy lab run')
    return c.body(new Uint8Array(body), 200, headersFor(id, file))
  })
