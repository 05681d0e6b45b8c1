import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { LabResult, StrategyRun } from '../../../scenarios/lab/result'
import { testPlatform, type TestPlatform } from '../testing'
import { REPORT_CSP } from './lab-reports'

function strategy(name: string, buyers: number, sales: number): StrategyRun {
  return {
    strategy: { name, file: null, description: `${name} strategy` },
    summary: { people: 100, reached: 80, launched: 40, buyers, repeatBuyers: 2, orders: buyers + 2, sales, averageOrder: Math.round(sales / (buyers + 2)), shares: 5, kFactor: 0.25, payFailures: 1, medianHoursToFirstPurchase: 30, repeatRateAfterReengagement: 0.1, events: 900 },
    funnel: { firstTouch: [], lastTouch: [] },
    daily: [],
    virality: [],
    shareTrees: [],
    timeToFirstPurchase: { buckets: [], medianHours: 30, p90Hours: 70 },
    reengagement: [],
    sales: { byChannel: [], byProduct: [] },
    ms: 1000,
  }
}

function result(generatedAt: string, b: StrategyRun | null = null): LabResult {
  return {
    kit: { id: 'lumen', name: 'Lumen Coffee', nameZh: '流明咖啡', color: '#6F4E37' },
    people: 100,
    days: 7,
    seed: 1,
    startsAt: '2026-03-02T01:00:00.000Z',
    generatedAt,
    shards: 1,
    workers: 1,
    ms: 2000,
    a: strategy('baseline', 12, 34_500),
    b,
    diff: [],
  }
}

let lab: string
let outside: string
let p: TestPlatform

function run(id: string, files: Record<string, string>) {
  mkdirSync(join(lab, id))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(lab, id, name), text)
}

beforeAll(async () => {
  lab = mkdtempSync(join(tmpdir(), 'lab-'))
  outside = mkdtempSync(join(tmpdir(), 'outside-'))
  writeFileSync(join(outside, 'secret.csv'), 'secret\n')
  writeFileSync(join(outside, 'result.json'), JSON.stringify(result('2026-12-07T12:00:00.000Z')))
  run('20260302-090000-lumen-p100-d7-s1', {
    'report.html': '<!doctype html><body>Older run</body>',
    'result.json': JSON.stringify(result('2026-12-01T10:00:00.000Z')),
    'daily.csv': 'day,buyers\n0,3\n',
    'summary.csv': 'metric,value\nbuyers,12\n',
    'notes.txt': 'not served',
  })
  run('20260302-090000-lumen-p100-d7-s2', {
    'report.html': '<!doctype html><body>Newer run</body>',
    'result.json': JSON.stringify(result('2026-12-05T10:00:00.000Z', strategy('referral', 20, 51_000))),
    'summary.csv': 'metric,a,b\nbuyers,12,20\n',
    'diff.csv': 'metric,a,b,delta,ratio\n',
  })
  run('broken-json', { 'report.html': '<body>x</body>', 'result.json': '{"kit": ' })
  run('wrong-shape', { 'result.json': JSON.stringify({ kit: 'lumen', people: 'many' }) })
  run('no-result', { 'report.html': '<body>x</body>' })
  // links out of the lab: a run that is one, and a run whose files are
  symlinkSync(outside, join(lab, 'linked-run'))
  run('linked-files', { 'report.html': '<body>x</body>' })
  symlinkSync(join(outside, 'result.json'), join(lab, 'linked-files', 'result.json'))
  symlinkSync(join(outside, 'secret.csv'), join(lab, 'linked-files', 'secret.csv'))
  symlinkSync(join(outside, 'secret.csv'), join(lab, '20260302-090000-lumen-p100-d7-s1', 'secret.csv'))
  // the newest on disk is not the newest run: the list goes by the run's own time
  const later = new Date('2026-12-06T00:00:00Z')
  utimesSync(join(lab, '20260302-090000-lumen-p100-d7-s1', 'result.json'), later, later)
  p = await testPlatform({ labDir: lab })
})

afterAll(async () => {
  await p?.close()
  rmSync(lab, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
})

/** A GET of a path exactly as written (fetch would resolve `..` first). */
async function rawGet(path: string) {
  const { request } = await import('node:http')
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(p.url + '/', { path }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode!, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('GET /_sandbox/lab/reports', () => {
  test('lists the runs with a readable result.json, newest first', async () => {
    const res = await p.get('/_sandbox/lab/reports')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchInlineSnapshot(`
      {
        "reports": [
          {
            "days": 7,
            "files": [
              "summary.csv",
              "diff.csv",
              "result.json",
            ],
            "generatedAt": "2026-12-05T10:00:00.000Z",
            "id": "20260302-090000-lumen-p100-d7-s2",
            "kit": {
              "id": "lumen",
              "name": "Lumen Coffee",
              "nameZh": "流明咖啡",
            },
            "people": 100,
            "seed": 1,
            "strategies": [
              "baseline",
              "referral",
            ],
            "summary": {
              "buyers": 12,
              "kFactor": 0.25,
              "orders": 14,
              "sales": 34500,
            },
            "url": "/_sandbox/lab/reports/20260302-090000-lumen-p100-d7-s2/report.html",
          },
          {
            "days": 7,
            "files": [
              "summary.csv",
              "daily.csv",
              "result.json",
            ],
            "generatedAt": "2026-12-01T10:00:00.000Z",
            "id": "20260302-090000-lumen-p100-d7-s1",
            "kit": {
              "id": "lumen",
              "name": "Lumen Coffee",
              "nameZh": "流明咖啡",
            },
            "people": 100,
            "seed": 1,
            "strategies": [
              "baseline",
            ],
            "summary": {
              "buyers": 12,
              "kFactor": 0.25,
              "orders": 14,
              "sales": 34500,
            },
            "url": "/_sandbox/lab/reports/20260302-090000-lumen-p100-d7-s1/report.html",
          },
        ],
      }
    `)
  })

  test('is empty without a lab dir, or with one that does not exist yet', async () => {
    const none = await testPlatform()
    const missing = await testPlatform({ labDir: join(lab, 'not-there') })
    try {
      expect(await none.json('/_sandbox/lab/reports')).toEqual({ reports: [] })
      expect(await missing.json('/_sandbox/lab/reports')).toEqual({ reports: [] })
      expect((await none.get('/_sandbox/lab/reports/x/report.html')).status).toBe(404)
    } finally {
      await none.close()
      await missing.close()
    }
  })

  test('answers only the sandbox’s own hosts', async () => {
    const res = await p.raw('/_sandbox/lab/reports', { host: 'evil.example' })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('forbidden_host')
  })
})

describe('GET /_sandbox/lab/reports/:id/:file', () => {
  const id = '20260302-090000-lumen-p100-d7-s1'

  test('serves the report in an opaque origin', async () => {
    const res = await p.get(`/_sandbox/lab/reports/${id}/report.html`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(REPORT_CSP)
    expect(REPORT_CSP).toBe("sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await res.text()).toContain('Older run')
  })

  test('hands out a CSV as a download and the result as JSON', async () => {
    const csv = await p.get(`/_sandbox/lab/reports/${id}/daily.csv`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="${id}-daily.csv"`)
    expect(csv.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await csv.text()).toBe('day,buyers\n0,3\n')
    const json = await p.get(`/_sandbox/lab/reports/${id}/result.json`)
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect((await json.json()).generatedAt).toBe('2026-12-01T10:00:00.000Z')
  })

  test('answers 404 in the control API’s envelope for a file the run does not have or may not hand out', async () => {
    for (const file of ['funnel.csv', 'notes.txt', 'secret.csv', 'report.htm', 'REPORT.HTML']) {
      const res = await p.get(`/_sandbox/lab/reports/${id}/${file}`)
      expect(res.status, file).toBe(404)
      expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'no such file of a strategy lab run' } })
    }
  })

  test('answers 404 for runs that are not in the lab: unknown, unreadable, linked out', async () => {
    for (const path of ['no-such-run/report.html', 'linked-run/result.json', 'linked-run/secret.csv', 'linked-files/result.json', 'linked-files/secret.csv']) {
      const res = await p.get(`/_sandbox/lab/reports/${path}`)
      expect(res.status, path).toBe(404)
      expect((await res.json()).error.code).toBe('not_found')
    }
  })

  test('answers 404 to every way of climbing out of the lab', async () => {
    const attempts = [
      `/_sandbox/lab/reports/../../../../etc/passwd`,
      `/_sandbox/lab/reports/${id}/../../../etc/passwd`,
      `/_sandbox/lab/reports/%2e%2e/result.json`,
      `/_sandbox/lab/reports/%2E%2E/%2E%2E/etc/passwd`,
      `/_sandbox/lab/reports/..%2f..%2fetc/passwd`,
      `/_sandbox/lab/reports/${id}/..%2f..%2fresult.json`,
      `/_sandbox/lab/reports/${id}/%2e%2e%2fresult.json`,
      `/_sandbox/lab/reports/${id}/..%5cresult.json`,
      `/_sandbox/lab/reports/%2fetc/passwd`,
      `/_sandbox/lab/reports/${encodeURIComponent(join(outside))}/secret.csv`,
      `/_sandbox/lab/reports/${id}/${encodeURIComponent(join(outside, 'secret.csv'))}`,
      `/_sandbox/lab/reports/${id}/report.html%00.csv`,
      `/_sandbox/lab/reports/./report.html`,
      `/_sandbox/lab/reports/../lab/${id}/report.html`,
    ]
    // the same way of asking reaches a file that is there
    expect((await rawGet(`/_sandbox/lab/reports/${id}/summary.csv`)).status).toBe(200)
    for (const path of attempts) {
      const res = await rawGet(path)
      expect(res.status, path).toBe(404)
      expect(JSON.parse(res.body).error.code, path).toBe('not_found')
      expect(res.body).not.toContain('secret')
    }
  })
})
