import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { main, parseArgs } from './cli'
import { htmlReport, junitReport } from './reports'
import { loadJourney, runJourney, SHIPPED_KITS } from './runner'
import { diffTraces, serialise } from './trace'

const TESTDATA = fileURLToPath(new URL('./testdata/journeys', import.meta.url))

describe('the scenario runner', () => {
  test('a failing check fails the run with the step caption, and the steps after it do not run', async () => {
    const j = await loadJourney('wrong-points', TESTDATA)
    const r = await runJourney(j, { golden: false })
    expect(r.ok).toBe(false)
    expect(r.failure).toMatch(/^Her member card shows 999 points: the member card: points is 0, expected 999/)
    expect(r.steps.map((s) => s.ok)).toEqual([true, true, false])
    const junit = junitReport([r])
    expect(junit).toContain('<failure message="the member card: points is 0, expected 999">')
    expect(htmlReport([r])).toContain('Her member card shows 999 points')
  })

  test('a golden trace mismatch fails the run and shows a readable diff; --accept records the new one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'golden-'))
    const j = await loadJourney('scan-only', TESTDATA)
    const recorded = await runJourney(j, { goldenDir: dir, accept: true })
    expect(recorded.golden.status).toBe('accepted')
    const file = join(dir, 'scan-only.json')
    const golden = JSON.parse(readFileSync(file, 'utf8'))
    golden.events.find((e: { type: string }) => e.type === 'miniprogram.launched').payload.scene = 1011
    writeFileSync(file, serialise(golden))

    const r = await runJourney(j, { goldenDir: dir })
    expect(r.ok).toBe(false)
    expect(r.golden.status).toBe('mismatch')
    const lines = r.golden.diff!.split('\n')
    expect(lines.find((l) => l.startsWith('- ') && l.includes('miniprogram.launched'))).toContain('"scene":1011')
    expect(lines.find((l) => l.startsWith('+ ') && l.includes('miniprogram.launched'))).toContain('"scene":1049')
    expect(lines.filter((l) => l.startsWith('-') || l.startsWith('+'))).toHaveLength(2)
  })

  test('two runs with one seed give identical traces, another seed a different one', async () => {
    const j = await loadJourney('scan-only', TESTDATA)
    const [a, b, c] = await Promise.all([runJourney(j, { seed: 5, golden: false }), runJourney(j, { seed: 5, golden: false }), runJourney(j, { seed: 6, golden: false })])
    expect(a.trace.events.length).toBeGreaterThan(3)
    expect(diffTraces(a.trace, b.trace)).toBe('')
    expect(diffTraces(a.trace, c.trace)).not.toBe('')
  })

  test('the command line refuses bad arguments with exit code 2', async () => {
    expect(await main(['--seed', 'x', 'all'])).toBe(2)
    expect(await main(['no-such-option', '--frobnicate'])).toBe(2)
  })

  test('--kit takes a kit file, several, or all of the shipped kits; a bad kit is refused with exit code 2', async () => {
    expect(parseArgs(['refund']).kits).toEqual([SHIPPED_KITS[0]])
    expect(parseArgs(['refund', '--kit', 'a.json', '--kit', 'b.json']).kits).toEqual(['a.json', 'b.json'])
    expect(parseArgs(['refund', '--kit', 'all']).kits).toEqual(SHIPPED_KITS)
    const dir = mkdtempSync(join(tmpdir(), 'kit-'))
    writeFileSync(join(dir, 'bad.json'), '{ "id": "Bad Id" }')
    expect(await main(['refund', '--kit', join(dir, 'bad.json')])).toBe(2)
    expect(await main(['refund', '--kit', join(dir, 'missing.json')])).toBe(2)
  })
})
