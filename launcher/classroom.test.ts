import { afterAll, beforeAll, expect, test } from 'vitest'
import { CAFE_KIT, loadBrandKit } from '../merchant-demo/src/brand'
import { startMerchant, type RunningMerchant } from '../merchant-demo/src/server'
import { startPlatform, type RunningPlatform } from '../platform-mock/src/server'
import { Classroom } from './classroom'
import { journeyNames } from '../scenarios/runner'
import { kitWorld } from './world'

const kit = loadBrandKit(CAFE_KIT)
const STAFF = 'classroom-test-staff'
let platform: RunningPlatform
let merchant: RunningMerchant | null = null
let classroom: Classroom

// the launcher's arrangement: a platform with the classroom mounted, the store on a port of its own
beforeAll(async () => {
  classroom = new Classroom()
  platform = await startPlatform({ memory: true, port: 0, seed: '7', world: kitWorld(kit), mount: [{ path: '/_sandbox/classroom', app: classroom.routes }] })
  const open = (port: number) => startMerchant({ platformUrl: platform.url, port, memory: true, brand: kit, reconcileEveryMs: 0, staffToken: STAFF })
  merchant = await open(0)
  const port = merchant.port
  const close = async () => {
    await merchant?.close()
    merchant = null
  }
  classroom.attach({
    platform: platform.platform,
    platformUrl: platform.url,
    kit: () => kit,
    port,
    staffToken: STAFF,
    store: { current: () => merchant, close, put: async (start) => (await close(), (merchant = await start())), ordinary: async () => void (merchant = await open(port)) },
  })
}, 60_000)

afterAll(async () => {
  await classroom.close()
  await merchant?.close()
  await platform.close()
})

const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
  const res = await fetch(`${platform.url}/_sandbox${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) })
  return { status: res.status, body: (await res.json()) as any }
}

/** What the world holds: the platform's event log and clock, and the store's orders. */
async function world() {
  const { body } = await call('GET', '/events?limit=1000')
  const clock = (await call('GET', '/clock')).body.now
  const orders = await (await fetch(`${merchant!.url}/admin/orders`, { headers: { authorization: `Bearer ${STAFF}` } })).json()
  return { events: body.events.map((e: { id: number; type: string }) => `${e.id} ${e.type}`), clock, orders: (orders.orders ?? orders).length }
}

test('the library lists every journey with its people, and its captions once rehearsed', async () => {
  const { status, body } = await call('GET', '/classroom/journeys')
  expect(status).toBe(200)
  expect(body.kit).toEqual({ id: 'lumen', name: 'Lumen Coffee' })
  expect(body.journeys).toHaveLength(journeyNames().length)
  expect(body.journeys.find((j: { id: string }) => j.id === 'refund')).toMatchObject({ title: expect.stringMatching(/^Refund/), people: ['dave'] })
})

test('a trainer starts a journey, plays it step by step to the end, and goes back a step to the same world', async () => {
  expect((await call('GET', '/classroom/state')).body).toEqual({ lesson: null, busy: false })
  const started = await call('POST', '/classroom/start', { journey: 'refund' })
  expect(started.status).toBe(200)
  const lesson = started.body.lesson
  expect(lesson).toMatchObject({ journey: 'refund', status: 'ready', position: 0, total: 5, people: ['dave'] })
  expect(lesson.steps[0]).toMatchObject({ caption: 'The brand prints the code for table 9', state: 'next' })
  expect(lesson.steps.slice(1).every((s: { state: string }) => s.state === 'ahead')).toBe(true)
  // a fresh world from seed 1: only the seeding and the store's setup in the log, no order in the store
  const fresh = await world()
  expect(fresh.orders).toBe(0)
  expect((await call('GET', '/health')).body.seed).toBe('1')
  // the library now knows the captions
  const library = (await call('GET', '/classroom/journeys')).body.journeys
  expect(library.find((j: { id: string }) => j.id === 'refund').steps).toEqual(lesson.steps.map((s: { caption: string }) => s.caption))

  const seen = [fresh]
  for (let i = 1; i <= 5; i++) {
    const { status, body } = await call('POST', '/classroom/next')
    expect(status).toBe(200)
    expect(body.lesson.position).toBe(i)
    expect(body.lesson.steps[i - 1]).toMatchObject({ state: 'played' })
    expect(body.lesson.status).toBe(i === 5 ? 'done' : 'ready')
    if (i < 5) expect(body.lesson.steps[i].state).toBe('next')
    seen.push(await world())
  }
  // each step did something the world shows: the order is placed in step 2
  expect(seen[1]!.orders).toBe(0)
  expect(seen[2]!.orders).toBe(1)
  expect(seen[2]!.events.length).toBeGreaterThan(seen[1]!.events.length)

  // past the end: refused, and nothing changes
  const past = await call('POST', '/classroom/next')
  expect(past).toMatchObject({ status: 409, body: { error: { code: 'at_end' } } })
  expect(await world()).toEqual(seen[5])

  // back from the end, then back again: each time the world is the one before that step
  const back = await call('POST', '/classroom/back')
  expect(back.status).toBe(200)
  expect(back.body.lesson).toMatchObject({ position: 4, status: 'ready' })
  expect(back.body.lesson.steps[4].state).toBe('next')
  expect(await world()).toEqual(seen[4])
  expect((await call('POST', '/classroom/back')).body.lesson.position).toBe(3)
  expect(await world()).toEqual(seen[3])
  // and forward again from there, as the first time
  expect((await call('POST', '/classroom/next')).body.lesson.position).toBe(4)
  expect(await world()).toEqual(seen[4])
})

test('bad input answers a clear 4xx and changes nothing', async () => {
  await call('POST', '/classroom/start', { journey: 'refund' })
  await call('POST', '/classroom/next')
  const before = await world()
  const state = (await call('GET', '/classroom/state')).body

  const unknown = await call('POST', '/classroom/start', { journey: 'no-such-journey' })
  expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'unknown_journey', message: expect.stringContaining('refund') } } })
  expect((await call('POST', '/classroom/start', {})).status).toBe(400)
  expect((await call('POST', '/classroom/start', { journey: 3 })).status).toBe(400)
  expect(await world()).toEqual(before)
  expect((await call('GET', '/classroom/state')).body).toEqual(state)

  expect((await call('POST', '/classroom/back')).body.lesson.position).toBe(0)
  const start = await world()
  const early = await call('POST', '/classroom/back')
  expect(early).toMatchObject({ status: 409, body: { error: { code: 'at_start', message: expect.stringMatching(/at its start/) } } })
  expect(await world()).toEqual(start)
})

test('a journey that takes the store offline plays through, the store coming back on its own database', async () => {
  const { body } = await call('POST', '/classroom/start', { journey: 'notification-outage' })
  for (let i = 0; i < body.lesson.total; i++) expect((await call('POST', '/classroom/next')).status).toBe(200)
  const end = (await call('GET', '/classroom/state')).body.lesson
  expect(end).toMatchObject({ status: 'done', position: body.lesson.total })
  expect(end.steps.every((s: { state: string }) => s.state === 'played')).toBe(true)
})

test('ending the lessons gives the world back its seed and the launcher its own store', async () => {
  const stopped = await call('POST', '/classroom/stop')
  expect(stopped).toMatchObject({ status: 200, body: { lesson: null } })
  expect((await call('GET', '/health')).body.seed).toBe('7')
  expect((await world()).orders).toBe(0)
  expect(await call('POST', '/classroom/next')).toMatchObject({ status: 409, body: { error: { code: 'no_lesson' } } })
  expect(await call('POST', '/classroom/stop')).toMatchObject({ status: 409, body: { error: { code: 'no_lesson' } } })
})
