import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../testing'

const open: TestPlatform[] = []
async function platform(opts = {}) {
  const p = await testPlatform(opts)
  open.push(p)
  return p
}
afterEach(async () => {
  for (const p of open.splice(0)) await p.close()
})

const ids = async (p: TestPlatform) => (await p.json('/_sandbox/people')).people.map((x: any) => x.id)

describe('reset', () => {
  test('takes the world back to the seeded one', async () => {
    const p = await platform()
    await p.post('/_sandbox/people', { id: 'zoe', name: 'Zoe Ma' })
    await p.post('/_sandbox/people/henry/friends', { with: 'frank' })
    const res = await p.post('/_sandbox/reset')
    expect(res.status).toBe(200)
    expect(await ids(p)).not.toContain('zoe')
    expect((await p.json('/_sandbox/people/henry')).friends).toEqual(['grace'])
    const events = (await p.json('/_sandbox/events')).events
    expect(events.map((e: any) => e.type)).toEqual(['world.seeded'])
  })

  test('with a seed freezes the clock at the seeded epoch', async () => {
    const p = await platform()
    const body = await (await p.post('/_sandbox/reset', { seed: 9 })).json()
    expect(body).toMatchObject({ seed: '9', clock: { mode: 'frozen', now: '2026-03-02T01:00:00.000Z' } })
  })

  test('rejects a malformed seed and changes nothing', async () => {
    const p = await platform()
    await p.post('/_sandbox/people', { id: 'zoe', name: 'Zoe Ma' })
    const res = await p.post('/_sandbox/reset', { seed: { nope: 1 } })
    expect(res.status).toBe(400)
    expect(await ids(p)).toContain('zoe')
  })
})

describe('snapshots', () => {
  test('restore the world as it was, and list what exists', async () => {
    const p = await platform()
    await p.post('/_sandbox/people', { id: 'zoe', name: 'Zoe Ma' })
    const snap = await p.post('/_sandbox/snapshots', { name: 'with-zoe' })
    expect(snap.status).toBe(201)
    expect(await snap.json()).toMatchObject({ name: 'with-zoe', rows: expect.any(Number), tables: expect.any(Number) })
    await p.post('/_sandbox/people', { id: 'yuki', name: 'Yuki Sato' })
    await p.post('/_sandbox/people/zoe/friends', { with: 'yuki' })
    const restored = await p.post('/_sandbox/snapshots/with-zoe/restore')
    expect(restored.status).toBe(200)
    const people = await ids(p)
    expect(people).toContain('zoe')
    expect(people).not.toContain('yuki')
    expect((await p.json('/_sandbox/people/zoe')).friends).toEqual([])
    expect((await p.json('/_sandbox/snapshots')).snapshots.map((s: any) => s.name)).toEqual(['with-zoe'])
  })

  test('restore the clock and the event log with the world', async () => {
    const p = await platform({ seed: '5' })
    await p.post('/_sandbox/snapshots', { name: 'start' })
    const before = await p.json('/_sandbox/events')
    await p.post('/_sandbox/clock/advance', { by: '2d' })
    await p.post('/_sandbox/people', { id: 'zoe', name: 'Zoe Ma' })
    await p.post('/_sandbox/snapshots/start/restore')
    expect((await p.json('/_sandbox/clock')).now).toBe('2026-03-02T01:00:00.000Z')
    expect(await p.json('/_sandbox/events')).toEqual(before)
  })

  test('survive a restart of the platform', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-snap-'))
    try {
      const url = `file:${join(dir, 'platform.db')}`
      const first = await testPlatform({ memory: false, databaseUrl: url })
      await first.post('/_sandbox/people', { id: 'zoe', name: 'Zoe Ma' })
      await first.post('/_sandbox/snapshots', { name: 'keep' })
      await first.post('/_sandbox/reset')
      await first.close()
      const second = await testPlatform({ memory: false, databaseUrl: url })
      expect(await ids(second)).not.toContain('zoe')
      expect((await second.post('/_sandbox/snapshots/keep/restore')).status).toBe(200)
      expect(await ids(second)).toContain('zoe')
      await second.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('answer 404 for an unknown name and 400 for a bad one', async () => {
    const p = await platform()
    expect((await p.post('/_sandbox/snapshots/nope/restore')).status).toBe(404)
    expect((await p.post('/_sandbox/snapshots', { name: '../etc' })).status).toBe(400)
    expect((await p.post('/_sandbox/snapshots', '{"name":')).status).toBe(400)
    expect((await fetch(`${p.url}/_sandbox/snapshots/nope`, { method: 'DELETE' })).status).toBe(404)
  })
})

describe('people', () => {
  test('creating one gives them a wallet-bearing identity in every app and an event', async () => {
    const p = await platform()
    const res = await p.post('/_sandbox/people', { id: 'zoe', name: 'Zoe Ma', city: 'Xiamen' }, { 'X-Sandbox-Journey': 'j-1' })
    expect(res.status).toBe(201)
    const zoe = await p.json('/_sandbox/people/zoe')
    expect(zoe).toMatchObject({ id: 'zoe', name: 'Zoe Ma', city: 'Xiamen', friends: [] })
    expect(zoe.identities).toHaveLength(2)
    const [event] = (await p.json('/_sandbox/events?type=person.created')).events
    expect(event).toMatchObject({ actor: 'sandbox', surface: 'sandbox', subject: { person: 'zoe' }, journeyId: 'j-1' })
  })

  test('bad input gets a 4xx and changes nothing', async () => {
    const p = await platform()
    const before = await ids(p)
    expect((await p.post('/_sandbox/people', { id: 'Zoe!', name: 'x' })).status).toBe(400)
    expect((await p.post('/_sandbox/people', { id: 'alice', name: 'Another Alice' })).status).toBe(409)
    expect((await p.post('/_sandbox/people', { id: 'zoe' })).status).toBe(400)
    expect((await p.post('/_sandbox/people/alice/friends', { with: 'nobody' })).status).toBe(404)
    expect((await p.post('/_sandbox/people/alice/friends', { with: 'alice' })).status).toBe(400)
    expect(await ids(p)).toEqual(before)
    expect((await p.json('/_sandbox/people/alice')).friends).toEqual(['bob', 'carol', 'dave', 'grace'])
  })

  test('befriending is mutual and idempotent', async () => {
    const p = await platform()
    await p.post('/_sandbox/people/henry/friends', { with: 'frank' })
    await p.post('/_sandbox/people/frank/friends', { with: 'henry' })
    expect((await p.json('/_sandbox/people/frank')).friends).toEqual(['dave', 'henry'])
    expect((await p.json('/_sandbox/events?type=friendship.created')).events).toHaveLength(1)
  })
})

describe('events', () => {
  test('filter by type, actor, journey and cursor', async () => {
    const p = await platform()
    await p.post('/_sandbox/people', { id: 'zoe', name: 'Zoe' }, { 'X-Sandbox-Journey': 'j-a' })
    await p.post('/_sandbox/people/zoe/friends', { with: 'alice' }, { 'X-Sandbox-Journey': 'j-b' })
    const all = (await p.json('/_sandbox/events')).events
    expect(all.map((e: any) => e.type)).toEqual(['world.seeded', 'person.created', 'friendship.created'])
    expect((await p.json('/_sandbox/events?journey=j-b')).events.map((e: any) => e.type)).toEqual(['friendship.created'])
    expect((await p.json('/_sandbox/events?actor=zoe')).events).toHaveLength(1)
    expect((await p.json(`/_sandbox/events?after=${all[1].id}`)).events.map((e: any) => e.id)).toEqual([all[2].id])
    expect((await p.get('/_sandbox/events?after=-3')).status).toBe(400)
  })
})

test('refuses an advance past what a date can hold, and changes nothing', async () => {
  const p = await platform({ seed: '1' })
  const state = async () => ({ now: (await p.json('/_sandbox/clock')).nowMs, jobs: await p.json('/_sandbox/jobs'), events: (await p.json('/_sandbox/events')).events.length })
  const before = await state()
  for (const by of [1e308, 8.64e15, '99999999999999d']) {
    const res = await p.post('/_sandbox/clock/advance', { by })
    expect(res.status).toBe(400)
    expect((await res.json()).error.code).toBe('invalid')
  }
  expect(await state()).toEqual(before)
})
