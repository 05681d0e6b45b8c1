import { expect, test } from 'vitest'
import { chinaTime, htmlReport } from './reports'
import type { JourneyResult } from './runner'

test('a virtual time reads as China date and time, across midnight and months', () => {
  expect(chinaTime('2026-03-02T01:00:00.000Z')).toBe('2 Mar 09:00')
  expect(chinaTime('2026-03-31T16:30:05.000Z')).toBe('1 Apr 00:30')
  expect(chinaTime('2026-03-31T16:30:05.000Z', { seconds: true })).toBe('1 Apr 00:30:05')
})

const result = (payload: unknown): JourneyResult => ({
  name: 'demo',
  title: 'Demo',
  seed: 1,
  kit: 'lumen',
  ok: true,
  ms: 10,
  steps: [{ caption: 'A step', ok: true, at: '2026-03-09T01:00:00.000Z', ms: 3, events: [1] }],
  events: [{ id: 1, seq: 1, at: '2026-03-09T01:00:05.000Z', type: 'order.paid', actor: 'alice', surface: 'pay', subject: null, journeyId: 'j1', channel: 'qr', payload } as never],
  trace: { journey: 'demo', seed: 1, events: [] },
  golden: { status: 'match', file: 'x' },
})

test('the event table fits the page: fixed columns, China times, long payloads fold and wrap', () => {
  const long = { items: Array.from({ length: 30 }, (_, i) => ({ sku: `sku-${i}`, note: 'x'.repeat(40) })) }
  const html = htmlReport([result(long)], '2026-03-02T01:00:00.000Z')
  expect(html).toContain('table.events{table-layout:fixed}')
  expect(html).toMatch(/td code,td pre\{[^}]*white-space:pre-wrap[^}]*overflow-wrap:anywhere/)
  expect(html).toContain('<td>9 Mar 09:00:05</td>')
  expect(html).toContain('<time datetime="2026-03-09T01:00:00.000Z">9 Mar 09:00</time>')
  // folded: its start in the summary, the whole of it (pretty-printed) inside
  expect(html).toMatch(/<details><summary><code>\{&quot;items&quot;[^<]*…<\/code><\/summary><pre>\{\n {2}&quot;items&quot;/)
  expect(html).toContain('sku-29')
  expect(htmlReport([result({ a: 1 })])).toContain('<td><code>{&quot;a&quot;:1}</code></td>')
})
