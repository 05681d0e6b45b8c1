/**
 * The strategy lab's report: one self-contained HTML file (echarts and the data inline, no network,
 * fit for a `default-src 'none'` sandbox CSP), the result as JSON, and CSV files of every table.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { stringify } from 'csv-stringify/sync'
import type { LabResult, StrategyRun } from './result'
import { pageScript, pageStyle } from './report-page'

let echartsSource: string | undefined
/** echarts' browser build, read once; a `</script` or `<!--` in it would end or upset its tag. */
function echarts() {
  const path = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js')
  echartsSource ??= readFileSync(path, 'utf8')
    .replaceAll('</script', '<\\/script')
    .replaceAll('<!--', '<\\!--')
  return echartsSource
}

/** JSON that cannot leave its `<script>`: `<`, `>`, `&` and U+2028/9 as \u escapes. */
export function scriptJson(value: unknown) {
  const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, escape)
}

/** The page: a static shell, the result as `#lab-data`, echarts, and the script that draws it. */
export function reportHtml(result: LabResult) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Strategy lab report</title>
<style>${pageStyle}</style>
</head>
<body>
<div class="bar"></div>
<main id="report"><noscript>This report draws its tables and charts with JavaScript.
The same figures are in result.json and the CSV files beside it.</noscript></main>
<script type="application/json" id="lab-data">${scriptJson(result)}</script>
<script>${echarts()}</script>
<script>${pageScript}</script>
</body>
</html>
`
}

const moneyFields = new Set(['sales', 'averageOrder', 'revenue'])
/** Money is in fen, and says so in its column or metric name. */
const fen = (name: string) => (moneyFields.has(name) ? `${name}_fen` : name)

/** `lead` columns, then one per field of `keys` (blank where a row has none). */
function csv(lead: string[], keys: string[], rows: [unknown[], object][]) {
  const cells = rows.map(([first, row]) => [
    ...first,
    ...keys.map((k) => (row as Record<string, unknown>)[k] ?? ''),
  ])
  return stringify(cells, { header: true, columns: [...lead, ...keys.map(fen)] })
}

const funnelKeys = ['channel', 'reached', 'launched', 'product', 'cart', 'checkout', 'paid', 'repeat']
const dayKeys = ['day', 'date', 'buyers', 'newBuyers', 'repeatBuyers', 'orders', 'sales', 'shares']
const dayTotals = ['cumulativeBuyers', 'cumulativeRepeatBuyers']
const viralKeys = ['channel', 'buyers', 'shares', 'newOpens', 'recruitedBuyers', 'kFactor', 'maxDepth']

/** Every table of the report as CSV, by file name; raw numbers, money in fen. */
export function reportCsv(result: LabResult): Record<string, string> {
  const runs = [result.a, result.b].filter((r): r is StrategyRun => r !== null)
  const each = (rowsOf: (r: StrategyRun) => object[], ...lead: string[]) =>
    runs.flatMap((r) => rowsOf(r).map((x): [unknown[], object] => [[r.strategy.name, ...lead], x]))
  const files: Record<string, string> = {
    'summary.csv': csv(
      ['metric', 'strategy'],
      ['value'],
      runs.flatMap((r) =>
        Object.entries(r.summary).map(([m, value]): [unknown[], object] => [
          [fen(m), r.strategy.name],
          { value },
        ]),
      ),
    ),
    'funnel.csv': csv(['strategy', 'touch'], [...funnelKeys, 'revenue'], [
      ...each((r) => r.funnel.firstTouch, 'first'),
      ...each((r) => r.funnel.lastTouch, 'last'),
    ]),
    'daily.csv': csv(['strategy'], [...dayKeys, ...dayTotals], each((r) => r.daily)),
    'virality.csv': csv(['strategy'], viralKeys, each((r) => r.virality)),
    'reengagement.csv': csv(
      ['strategy'],
      ['kind', 'sent', 'reached', 'opened', 'boughtAgain', 'repeatRate'],
      each((r) => r.reengagement),
    ),
    'sales.csv': csv(['strategy', 'kind'], ['id', 'name', 'orders', 'quantity', 'revenue'], [
      ...each((r) => r.sales.byChannel.map(({ channel: id, ...c }) => ({ id, ...c })), 'channel'),
      ...each((r) => r.sales.byProduct.map(({ product: id, ...p }) => ({ id, ...p })), 'product'),
    ]),
  }
  if (result.b) {
    const rows = result.diff.map((d): [unknown[], object] => [[fen(d.metric)], d])
    files['diff.csv'] = csv(['metric'], ['a', 'b', 'delta', 'ratio'], rows)
  }
  return files
}

/** Writes report.html, result.json and the CSV files into `dir` (created); their absolute paths. */
export function writeReport(
  result: LabResult,
  dir: string,
): { html: string; json: string; csv: string[] } {
  const out = resolve(dir)
  mkdirSync(out, { recursive: true })
  const html = join(out, 'report.html')
  writeFileSync(html, reportHtml(result))
  const json = join(out, 'result.json')
  writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`)
  const csvFiles = Object.entries(reportCsv(result)).map(([name, text]) => {
    const path = join(out, name)
    writeFileSync(path, text)
    return path
  })
  return { html, json, csv: csvFiles }
}
