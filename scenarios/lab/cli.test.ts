import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { LabResult } from './result'

const root = fileURLToPath(new URL('../..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'lab-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** `npm run simulate -- …` as a person types it (tsx, worker threads and all). */
const simulate = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scenarios/lab/cli.ts'), ...args], { cwd: dir, timeout: 240_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })

describe('npm run simulate', () => {
  it('refuses bad input with every problem at once and runs nothing (exit 2)', async () => {
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ name: 'Bad', sharing: { chat: 3 }, gifting: { rate: -1, wat: true }, conversion: { pay: '90%' } }))
    const { code, stderr } = await simulate(['--strategy', bad, '--people', 'many', '--out', join(dir, 'never')])
    expect(code).toBe(2)
    for (const line of ['sharing.chat: at most 1, got 3', 'gifting.rate: at least 0, got -1', 'gifting: unknown field "wat"', 'conversion.pay: expected a number, got "90%"', '--people many: expected a whole number']) expect(stderr).toContain(line)
    expect(stderr).toContain('Nothing ran')
    expect(existsSync(join(dir, 'never'))).toBe(false)
    expect(existsSync(join(dir, '.sandbox'))).toBe(false)
  }, 60_000)

  it('names a mistake in the JSON itself by line and column', async () => {
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{\n  "name": "Broken",\n  "gifting": { "rate": 0.2, }\n}\n')
    const { code, stderr } = await simulate(['--vs', broken])
    expect(code).toBe(2)
    expect(stderr).toMatch(/line 3, column \d+/)
  }, 60_000)

  it('runs two strategies on worker threads, prints the summary and the report’s path', async () => {
    const gifting = join(root, 'scenarios/lab/strategies/gifting.json')
    const { code, stdout } = await simulate(['--people', '300', '--days', '2', '--seed', '4', '--kit', 'blaze', '--vs', gifting, '--workers', '2'])
    expect(code, stdout).toBe(0)
    const report = /^Report: (.+)$/m.exec(stdout)?.[1]
    expect(report).toBeDefined()
    expect(report).toContain(join(dir, '.sandbox/lab/'))
    expect(stdout).toMatch(/buyers\s+\d+\s+\d+/)
    const run = join(report!, '..')
    expect(readdirSync(run).sort()).toEqual(['daily.csv', 'diff.csv', 'funnel.csv', 'reengagement.csv', 'report.html', 'result.json', 'sales.csv', 'summary.csv', 'virality.csv'])
    const result = JSON.parse(readFileSync(join(run, 'result.json'), 'utf8')) as LabResult
    expect(result).toMatchObject({ people: 300, days: 2, seed: 4, kit: { id: 'blaze' }, a: { strategy: { name: 'Default' } }, b: { strategy: { name: 'Gifting' } } })
    expect(result.a.summary.launched).toBeGreaterThan(0)
    expect(readFileSync(report!, 'utf8')).toContain('id="lab-data"')
  }, 240_000)

  it('runs in parts (one per machine) that merge into the same figures as one run', async () => {
    const common = ['--people', '5002', '--days', '1', '--seed', '6', '--workers', '1']
    const whole = await simulate([...common, '--out', join(dir, 'whole')])
    expect(whole.code, whole.stdout).toBe(0)
    for (const i of [1, 0]) expect((await simulate([...common, '--part', `${i}/2`, '--out', join(dir, 'parts')])).code).toBe(0)
    const partial = await simulate(['--merge', join(dir, 'parts/part-0-of-2.json')])
    expect(partial.code).toBe(2)
    expect(partial.stderr).toContain('shards 1 missing')
    const merged = await simulate(['--merge', join(dir, 'parts/part-1-of-2.json'), join(dir, 'parts/part-0-of-2.json'), '--out', join(dir, 'merged')])
    expect(merged.code, merged.stderr).toBe(0)
    const read = (d: string) => JSON.parse(readFileSync(join(dir, d, 'result.json'), 'utf8')) as LabResult
    const figuresOf = (r: LabResult) => ({ ...r.a, ms: 0 })
    expect(read('merged').shards).toBe(2)
    expect(figuresOf(read('merged'))).toEqual(figuresOf(read('whole')))
  }, 240_000)
})
