import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import type { LabResult } from './result'
import { writeReport } from './report'

const read = (path: string) => readFileSync(path, 'utf8')
const sample: LabResult = JSON.parse(read(join(import.meta.dirname, 'testdata/sample-result.json')))
const echarts = read(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'))
const hostileName = '</script><img src=x onerror=alert(1)>'
const hostile: LabResult = {
  ...sample,
  kit: { ...sample.kit, name: 'Lumen <!-- Coffee' },
  b: {
    ...sample.b!,
    strategy: { ...sample.b!.strategy, name: hostileName, description: 'a "quoted", <b>bold</b> idea' },
  },
}
const single: LabResult = { ...sample, b: null, diff: [] }

const dirs: string[] = []
const write = (result: LabResult) => {
  const dir = join(mkdtempSync(join(tmpdir(), 'lab-report-')), 'nested', 'out')
  dirs.push(dir)
  return writeReport(result, dir)
}
afterAll(() => dirs.forEach((d) => rmSync(join(d, '../..'), { recursive: true, force: true })))

const dataBlock = /<script type="application\/json" id="lab-data">([^<]*)<\/script>/
const labData = (html: string) => JSON.parse(dataBlock.exec(html)![1])
/** The page without the inlined echarts build, whose own strings name w3.org and apache.org. */
const ownParts = (html: string) => html.split(echarts).join('')

/** A CSV line's fields: enough for csv-stringify's quoting (csv-parse is not installed). */
function fields(line: string) {
  const out: string[] = []
  const re = /("((?:[^"]|"")*)"|[^,]*)(,|$)/g
  for (let m = re.exec(line); m && m.index < line.length; m = re.exec(line)) {
    out.push(m[2] !== undefined ? m[2].replaceAll('""', '"') : m[1])
  }
  return out
}
const csvRows = (path: string) => read(path).trimEnd().split('\n').map(fields)
const csvOf = (paths: string[], name: string) => paths.find((p) => basename(p) === name)!

test('writes the page, the result and the CSV files into a new directory', () => {
  const out = write(sample)
  expect(basename(out.html)).toBe('report.html')
  expect(JSON.parse(read(out.json))).toEqual(sample)
  expect(out.csv.map((p) => basename(p))).toEqual([
    'summary.csv',
    'funnel.csv',
    'daily.csv',
    'virality.csv',
    'reengagement.csv',
    'sales.csv',
    'diff.csv',
  ])
})

test('the page loads nothing from anywhere', () => {
  const html = read(write(sample).html)
  expect(html).toContain(echarts)
  const own = ownParts(html)
  expect(own).not.toMatch(/<script[^>]*\ssrc=/i)
  expect(own).not.toMatch(/<link/i)
  expect(own).not.toMatch(/url\(/i)
  expect(own).not.toMatch(/https?:\/\//i)
  expect(own).not.toMatch(/@import/i)
})

test('embeds the result as JSON that parses back to the same result', () => {
  expect(labData(read(write(sample).html))).toEqual(sample)
})

test('a strategy or brand name cannot break out of the data block', () => {
  const html = read(write(hostile).html)
  const own = ownParts(html)
  expect(html).not.toContain('</script><img')
  expect(own).not.toContain('<img')
  expect(own).not.toContain('<!-- Coffee')
  expect(own.match(/<\/script>/g)).toHaveLength(3)
  expect(labData(html)).toEqual(hostile)
})

test('the CSV files hold every row, money in fen, the strategy by name', () => {
  const { csv } = write(hostile)
  const runs = [hostile.a, hostile.b!]
  const summary = csvRows(csvOf(csv, 'summary.csv'))
  expect(summary[0]).toEqual(['metric', 'strategy', 'value'])
  expect(summary).toHaveLength(1 + 2 * Object.keys(hostile.a.summary).length)
  expect(summary).toContainEqual(['sales_fen', hostileName, String(hostile.b!.summary.sales)])
  const median = String(hostile.a.summary.medianHoursToFirstPurchase)
  expect(summary).toContainEqual(['medianHoursToFirstPurchase', 'Default', median])

  const funnel = csvRows(csvOf(csv, 'funnel.csv'))
  const stages = ['reached', 'launched', 'product', 'cart', 'checkout', 'paid', 'repeat'] as const
  expect(funnel[0]).toEqual(['strategy', 'touch', 'channel', ...stages, 'revenue_fen'])
  const lastTouch = runs.reduce((n, r) => n + r.funnel.lastTouch.length, 0)
  expect(funnel).toHaveLength(1 + runs.reduce((n, r) => n + r.funnel.firstTouch.length, lastTouch))
  expect(funnel.filter((r) => r[1] === 'last')).toHaveLength(lastTouch)
  const qr = hostile.a.funnel.firstTouch.find((f) => f.channel === 'qr')!
  const qrCounts = [...stages.map((k) => qr[k]), qr.revenue].map(String)
  expect(funnel).toContainEqual(['Default', 'first', 'qr', ...qrCounts])

  const daily = csvRows(csvOf(csv, 'daily.csv'))
  const counts = ['buyers', 'newBuyers', 'repeatBuyers', 'orders'] as const
  const totals = ['cumulativeBuyers', 'cumulativeRepeatBuyers'] as const
  expect(daily[0]).toEqual(['strategy', 'day', 'date', ...counts, 'sales_fen', 'shares', ...totals])
  expect(daily).toHaveLength(1 + 2 * hostile.days)
  const d0 = hostile.b!.daily[0]
  const d0Cells = [...counts.map((k) => d0[k]), d0.sales, d0.shares, ...totals.map((k) => d0[k])]
  expect(daily[1 + hostile.days]).toEqual([hostileName, '0', d0.date, ...d0Cells.map(String)])

  const virality = csvRows(csvOf(csv, 'virality.csv'))
  const viral = ['buyers', 'shares', 'newOpens', 'recruitedBuyers', 'kFactor', 'maxDepth']
  expect(virality[0]).toEqual(['strategy', 'channel', ...viral])
  expect(virality).toHaveLength(1 + runs.reduce((n, r) => n + r.virality.length, 0))

  const reengagement = csvRows(csvOf(csv, 'reengagement.csv'))
  expect(reengagement[0]).toEqual(['strategy', 'kind', 'sent', 'reached', 'opened', 'boughtAgain', 'repeatRate'])
  expect(reengagement).toHaveLength(1 + 8)
  const kinds = ['subscription', 'template', 'mass', 'wecom']
  expect(reengagement.slice(1).map((r) => r[1])).toEqual([...kinds, ...kinds])

  const sales = csvRows(csvOf(csv, 'sales.csv'))
  expect(sales[0]).toEqual(['strategy', 'kind', 'id', 'name', 'orders', 'quantity', 'revenue_fen'])
  const lines = runs.reduce((n, r) => n + r.sales.byChannel.length + r.sales.byProduct.length, 0)
  expect(sales).toHaveLength(1 + lines)
  const latte = hostile.a.sales.byProduct.find((p) => p.product === 'latte')!
  const latteCells = ['Latte', '', String(latte.quantity), String(latte.revenue)]
  expect(sales).toContainEqual(['Default', 'product', 'latte', ...latteCells])
  expect(sales.filter((r) => r[1] === 'channel').every((r) => r[3] === '' && r[5] === '')).toBe(true)

  const diff = csvRows(csvOf(csv, 'diff.csv'))
  expect(diff[0]).toEqual(['metric', 'a', 'b', 'delta', 'ratio'])
  expect(diff).toHaveLength(1 + hostile.diff.length)
  const d = hostile.diff.find((x) => x.metric === 'sales (fen)')!
  expect(diff).toContainEqual(['sales (fen)', ...[d.a, d.b, d.delta, d.ratio].map(String)])
})

test('quotes what needs quoting in CSV', () => {
  const strategy = { ...sample.a.strategy, name: 'Default, "v2"' }
  const quoted: LabResult = { ...sample, a: { ...sample.a, strategy } }
  const { csv } = write(quoted)
  const path = csvOf(csv, 'summary.csv')
  expect(read(path).split('\n')[1]).toBe('people,"Default, ""v2""",2400')
  expect(csvRows(path)[1]).toEqual(['people', 'Default, "v2"', '2400'])
})

test('writes no diff.csv for a single strategy, and its page still holds the run', () => {
  const out = write(single)
  expect(out.csv.map((p) => basename(p))).not.toContain('diff.csv')
  const summary = csvRows(csvOf(out.csv, 'summary.csv'))
  expect(summary).toHaveLength(1 + Object.keys(single.a.summary).length)
  expect(labData(read(out.html))).toEqual(single)
})
