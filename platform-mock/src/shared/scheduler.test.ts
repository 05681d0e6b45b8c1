import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { Platform } from '../platform'
import { sandboxJobs } from '../sandbox/schema'
import { testPlatform, type TestPlatform } from '../testing'
import { parseDuration } from './clock'
import { openDb } from './db'

const open: TestPlatform[] = []
afterEach(async () => {
  for (const p of open.splice(0)) await p.close()
})

/** A platform whose scheduler knows a `test.ping` job that writes an event when it runs. */
async function withPings(opts = {}) {
  const p = await testPlatform(opts)
  open.push(p)
  const ran: { label: string; at: number }[] = []
  p.platform.scheduler.handle('test.ping', async (payload: { label: string }) => {
    ran.push({ label: payload.label, at: p.platform.clock.now() })
    await p.platform.events.append({ actor: 'test', surface: 'sandbox', type: 'test.ping', payload })
  })
  const schedule = (label: string, inMs: number) =>
    p.platform.scheduler.schedule('test.ping', p.platform.clock.now() + inMs, { label })
  return { p, ran, schedule }
}

describe('the virtual clock', () => {
  test('freezes, advances by a duration and resumes from where it stood', async () => {
    const { p } = await withPings()
    const frozen = await (await p.post('/_sandbox/clock/freeze')).json()
    expect(frozen.mode).toBe('frozen')
    await new Promise((r) => setTimeout(r, 30))
    expect((await p.json('/_sandbox/clock')).nowMs).toBe(frozen.nowMs)
    const advanced = await (await p.post('/_sandbox/clock/advance', { by: '1h30m' })).json()
    expect(advanced.nowMs).toBe(frozen.nowMs + 90 * 60_000)
    const resumed = await (await p.post('/_sandbox/clock/resume')).json()
    expect(resumed.mode).toBe('live')
    expect(resumed.nowMs).toBeGreaterThanOrEqual(advanced.nowMs)
    expect(resumed.nowMs - advanced.nowMs).toBeLessThan(1000)
    // the phones and the presenter learn of a freeze and a resume from the event log
    const told = (await p.json('/_sandbox/events?surface=sandbox')).events.filter((e: { type: string }) => e.type.startsWith('clock.'))
    expect(told.map((e: { type: string; payload: { at?: string; to?: string } }) => [e.type, e.payload.at ?? e.payload.to])).toEqual([
      ['clock.frozen', new Date(frozen.nowMs).toISOString()],
      ['clock.advanced', advanced.now],
      ['clock.resumed', resumed.now],
    ])
  })

  test('advancing fires due work in due order, each at its own time, and leaves later work', async () => {
    const { p, ran, schedule } = await withPings({ seed: '1' })
    const start = p.platform.clock.now()
    await schedule('third', 3 * 3_600_000)
    await schedule('first', 15_000)
    await schedule('second', 60_000)
    await schedule('later', 3 * 86_400_000)
    const res = await (await p.post('/_sandbox/clock/advance', { by: '1d' })).json()
    expect(res.fired.map((f: any) => f.status)).toEqual(['done', 'done', 'done'])
    expect(ran).toEqual([
      { label: 'first', at: start + 15_000 },
      { label: 'second', at: start + 60_000 },
      { label: 'third', at: start + 3 * 3_600_000 },
    ])
    expect(res.nowMs).toBe(start + 86_400_000)
    const events = (await p.json('/_sandbox/events?type=test.ping')).events
    expect(events.map((e: any) => e.at)).toEqual([
      new Date(start + 15_000).toISOString(),
      new Date(start + 60_000).toISOString(),
      new Date(start + 3 * 3_600_000).toISOString(),
    ])
    expect((await p.json('/_sandbox/jobs')).jobs.map((j: any) => j.payload.label)).toEqual(['later'])
  })

  test('work scheduled by a job runs in the same advance when it falls inside it', async () => {
    const { p, ran } = await withPings({ seed: '1' })
    const start = p.platform.clock.now()
    p.platform.scheduler.handle('test.chain', async (payload: { n: number }) => {
      ran.push({ label: `chain-${payload.n}`, at: p.platform.clock.now() })
      if (payload.n < 3) await p.platform.scheduler.schedule('test.chain', p.platform.clock.now() + 60_000, { n: payload.n + 1 })
    })
    await p.platform.scheduler.schedule('test.chain', start + 60_000, { n: 1 })
    await p.post('/_sandbox/clock/advance', { by: '10m' })
    expect(ran).toEqual([1, 2, 3].map((n) => ({ label: `chain-${n}`, at: start + n * 60_000 })))
  })

  test('a failing job is recorded as failed and does not stop the others', async () => {
    const { p, ran, schedule } = await withPings({ seed: '1' })
    p.platform.scheduler.handle('test.boom', async () => {
      throw new Error('boom')
    })
    await p.platform.scheduler.schedule('test.boom', p.platform.clock.now() + 1000, {})
    await schedule('after', 2000)
    const res = await (await p.post('/_sandbox/clock/advance', { by: '5s' })).json()
    expect(res.fired.map((f: any) => [f.kind, f.status])).toEqual([
      ['test.boom', 'failed'],
      ['test.ping', 'done'],
    ])
    expect(ran.map((r) => r.label)).toEqual(['after'])
  })

  test('a live clock fires work when it comes due, without an advance', async () => {
    const { ran, schedule } = await withPings()
    await schedule('soon', 50)
    await expect.poll(() => ran.map((r) => r.label), { timeout: 3000 }).toEqual(['soon'])
  })

  test('freezing at a later time fires what falls due on the way', async () => {
    const { p, ran, schedule } = await withPings({ seed: '1' })
    await schedule('on-the-way', 60_000)
    const at = new Date(p.platform.clock.now() + 120_000).toISOString()
    const res = await (await p.post('/_sandbox/clock/freeze', { at })).json()
    expect(res.now).toBe(at)
    expect(ran.map((r) => r.label)).toEqual(['on-the-way'])
  })

  test('refuses to go backwards or take a bad duration, and stays where it was', async () => {
    const { p } = await withPings({ seed: '1' })
    const before = await p.json('/_sandbox/clock')
    expect((await p.post('/_sandbox/clock/advance', { to: '2020-01-01T00:00:00Z' })).status).toBe(409)
    expect((await p.post('/_sandbox/clock/advance', { by: 'soon' })).status).toBe(400)
    expect((await p.post('/_sandbox/clock/advance', { by: '1d', to: '2030-01-01T00:00:00Z' })).status).toBe(400)
    expect((await p.post('/_sandbox/clock/freeze', { at: 'yesterday' })).status).toBe(400)
    const after = await p.json('/_sandbox/clock')
    expect([after.mode, after.now]).toEqual([before.mode, before.now])
  })
})

test('durations read as people write them', () => {
  expect(parseDuration('90s')).toBe(90_000)
  expect(parseDuration('3d')).toBe(3 * 86_400_000)
  expect(parseDuration('1h30m')).toBe(90 * 60_000)
  expect(parseDuration(250)).toBe(250)
  expect(parseDuration('3 days')).toBeNull()
  expect(parseDuration(-1)).toBeNull()
})

describe('after a crash', () => {
  /** A platform on a file, and a way to kill it (nothing more is written) and start it again. */
  async function onFile() {
    const dir = mkdtempSync(join(tmpdir(), 'scheduler-crash-'))
    const url = `file:${join(dir, 'platform.db')}`
    const ran: string[] = []
    const opened: Platform[] = []
    const start = async (handler: (label: string) => Promise<void> = async (label) => void ran.push(label)) => {
      const platform = await Platform.open(await openDb(url), { seed: '1' })
      platform.scheduler.handle('test.ping', (payload: { label: string }) => handler(payload.label))
      opened.push(platform)
      return platform
    }
    const cleanup = async () => {
      for (const p of opened) await p.close().catch(() => undefined)
      rmSync(dir, { recursive: true, force: true })
    }
    return { start, ran, cleanup }
  }

  test('a job that was running when the process died runs again after the restart', async () => {
    const { start, ran, cleanup } = await onFile()
    let release = () => {}
    try {
      let entered = false
      const first = await start(async () => {
        entered = true
        await new Promise<void>((r) => (release = r))
      })
      await first.scheduler.schedule('test.ping', first.clock.now(), { label: 'once' })
      first.scheduler.runDue().catch(() => undefined)
      await expect.poll(() => entered).toBe(true)
      first.db.$client.close()
      const second = await start()
      expect((await second.scheduler.pending()).map((j) => j.status)).toEqual(['pending'])
      second.scheduler.startTicking()
      await expect.poll(() => ran).toEqual(['once'])
      second.scheduler.stopTicking()
    } finally {
      release()
      await cleanup()
    }
  })

  test('work that is due runs as soon as the platform starts, even with the clock frozen', async () => {
    const { start, ran, cleanup } = await onFile()
    try {
      const first = await start()
      expect(first.clock.mode).toBe('frozen')
      await first.db.insert(sandboxJobs).values({ kind: 'test.ping', dueAt: first.clock.now(), payload: { label: 'due' } })
      first.db.$client.close()
      const second = await start()
      second.scheduler.startTicking()
      await expect.poll(() => ran).toEqual(['due'])
      second.scheduler.stopTicking()
    } finally {
      await cleanup()
    }
  })

  test('a job run now by its writer is not run again by the ticker, and the ticker waits for it', async () => {
    const { p, ran } = await withPings({ seed: '1' })
    const [job] = await p.platform.scheduler.job('test.ping', p.platform.clock.now(), { label: 'now' })
    const [a, b] = await Promise.all([p.platform.scheduler.runNow(job!.id), p.platform.scheduler.runDue()])
    expect(ran.map((r) => r.label)).toEqual(['now'])
    expect(a?.fired).toMatchObject({ id: job!.id, status: 'done' })
    expect(b).toEqual([])
    expect(await p.platform.scheduler.runNow(job!.id)).toBeUndefined()
  })
})
