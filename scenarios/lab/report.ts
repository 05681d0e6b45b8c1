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
/** echarts' browser build, read once; `</script` and `<!--` could end or confuse the inline script. */
function echarts() {
  echartsSource ??= readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), 'utf8')
    .replaceAll('</script', '<\\/script')
    .replaceAll('<!--', '<\\!--')
  return echartsSource
}

/** JSON that cannot leave its `<script>`: `<`, `>`, `&` and the JS line separators as \u escapes. */
export function scriptJson(value: unknown) {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** The report page: static shell, the result as `#lab-data`, echarts, and the script that draws it. */
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
<main id="report"><noscript>This report draws its tables and charts with JavaScript. The same figures are in result.json and the CSV files beside it.</noscript></main>
<script type="application/json" id="lab-data">${scriptJson(result)}</script>
<script>${echarts()}</script>
<script>${pageScript}</script>
</body>
</html>
`
}

const moneyMetrics = new Set(['sales', 'averageOrder', 'revenue'])
/** Money metrics carry `_fen` in their name, as the CSV columns do. */
const metricName = (m: string) => (moneyMetrics.has(m) ? `${m}_fen` : m)

const csv = (columns: string[], rows: unknown[][]) => stringify(rows, { header: true, columns })

/** Every table of the report as CSV, by file name; raw numbers, money in fen. */
export function reportCsv(result: LabResult): Record<string, string> {
  const runs = [result.a, result.b].filter((r): r is StrategyRun => r !== null)
  const each = <T>(rowsOf: (r: StrategyRun) => T[], row: (name: string, x: T) => unknown[]) =>
    runs.flatMap((r) => rowsOf(r).map((x) => row(r.strategy.name, x)))
  const files: Record<string, string> = {
    'summary.csv': csv(
      ['metric', 'strategy', 'value'],
      runs.flatMap((r) => Object.entries(r.summary).map(([m, v]) => [metricName(m), r.strategy.name, v])),
    ),
    'funnel.csv': csv(
      ['strategy', 'touch', 'channel', 'reached', 'launched', 'product', 'cart', 'checkout', 'paid', 'repeat', 'revenue_fen'],
      runs.flatMap((r) =>
        (['first', 'last'] as const).flatMap((touch) =>
          r.funnel[touch === 'first' ? 'firstTouch' : 'lastTouch'].map((f) => [
            r.strategy.name, touch, f.channel, f.reached, f.launched, f.product, f.cart, f.checkout, f.paid, f.repeat, f.revenue,
          ]),
        ),
      ),
    ),
    'daily.csv': csv(
      ['strategy', 'day', 'date', 'buyers', 'newBuyers', 'repeatBuyers', 'orders', 'sales_fen', 'shares', 'cumulativeBuyers', 'cumulativeRepeatBuyers'],
      each((r) => r.daily, (s, d) => [s, d.day, d.date, d.buyers, d.newBuyers, d.repeatBuyers, d.orders, d.sales, d.shares, d.cumulativeBuyers, d.cumulativeRepeatBuyers]),
    ),
    'virality.csv': csv(
      ['strategy', 'channel', 'buyers', 'shares', 'newOpens', 'recruitedBuyers', 'kFactor', 'maxDepth'],
      each((r) => r.virality, (s, v) => [s, v.channel, v.buyers, v.shares, v.newOpens, v.recruitedBuyers, v.kFactor, v.maxDepth]),
    ),
    'reengagement.csv': csv(
      ['strategy', 'kind', 'sent', 'reached', 'opened', 'boughtAgain', 'repeatRate'],
      each((r) => r.reengagement, (s, x) => [s, x.kind, x.sent, x.reached, x.opened, x.boughtAgain, x.repeatRate]),
    ),
    'sales.csv': csv(
      ['strategy', 'kind', 'id', 'name', 'orders', 'quantity', 'revenue_fen'],
      [
        ...each((r) => r.sales.byChannel, (s, c) => [s, 'channel', c.channel, '', c.orders, '', c.revenue]),
        ...each((r) => r.sales.byProduct, (s, p) => [s, 'product', p.product, p.name, '', p.quantity, p.revenue]),
      ],
    ),
  }
  if (result.b) {
    files['diff.csv'] = csv(
      ['metric', 'a', 'b', 'delta', 'ratio'],
      result.diff.map((d) => [metricName(d.metric), d.a, d.b, d.delta, d.ratio]),
    )
  }
  return files
}

/** Writes report.html, result.json and the CSV files into `dir` (created); their absolute paths. */
export function writeReport(result: LabResult, dir: string): { html: string; json: string; csv: string[] } {
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
