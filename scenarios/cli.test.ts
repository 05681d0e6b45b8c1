import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, test, vi } from 'vitest'
import { main } from './cli'
import { journeyNames } from './runner'

const printed = () => {
  const lines: string[] = []
  const grab = (...a: unknown[]) => void lines.push(a.join(' '))
  vi.spyOn(console, 'log').mockImplementation(grab)
  vi.spyOn(console, 'error').mockImplementation(grab)
  return lines
}
afterEach(() => vi.restoreAllMocks())

test('an unknown journey is one line naming the journeys, exit code 2, and nothing runs', async () => {
  const lines = printed()
  expect(await main(['whole-lop'])).toBe(2)
  expect(lines).toHaveLength(1)
  expect(lines[0]).toBe(`unknown journey "whole-lop" (journeys: ${journeyNames().join(', ')}, or all, fault-drills)`)
  expect(lines[0]).not.toMatch(/\n|at .*\.ts/)
})

test('each step shows its China date and time, and the journey its funnel, in text, JSON and HTML', async () => {
  const out = mkdtempSync(join(tmpdir(), 'reports-'))
  const lines = printed()
  expect(await main(['loyalty-over-time', '--report', 'json,html', '--out', out])).toBe(0)
  const steps = lines.filter((l) => l.includes('loyalty-over-time ·'))
  // the clock starts at 2026-03-02 09:00 China time (01:00 UTC) and advances 3, 1 and 3 days
  expect(steps.map((l) => l.trim().slice(0, 11))).toEqual(['2 Mar 09:00', '2 Mar 09:00', '2 Mar 09:00', '5 Mar 09:00', '6 Mar 09:00', '9 Mar 09:00'])
  expect(lines.join('\n')).not.toContain('01:00:00')
  const text = lines.join('\n').split('\n')
  expect(text).toContain('  funnel: 1 touches → 1 journeys opened the mini program → 0 buyers (0 repeat) · 0 orders · ¥0 · 0 shares')
  expect(text.some((l) => /^\s+qr: 1 journeys, 0 paid/.test(l))).toBe(true)

  const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
  expect(json.journeys[0].funnel).toMatchObject({ touches: 1, journeys: 1, buyers: 0, orders: 0, byChannel: [{ channel: 'qr', journeys: 1 }] })
  const html = readFileSync(join(out, 'report.html'), 'utf8')
  expect(html).toContain('<h3>Funnel at the end</h3>')
  expect(html).toContain('<td>qr</td><td>1</td>')
  expect(html).toContain('>9 Mar 09:00</time>')
  expect(html).not.toMatch(/<td>\d\d:\d\d:\d\d<\/td>/)
})
