import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../platform-mock/src/testing'
import { StoreClock } from './clock'

let seeded: TestPlatform
let live: TestPlatform
let notSandbox: Server
let notSandboxUrl: string

beforeAll(async () => {
  seeded = await testPlatform({ seed: '1' })
  live = await testPlatform()
  // a server that is not the sandbox: it has no clock hook
  notSandbox = createServer((_req, res) => res.writeHead(404).end('{"errcode":40066,"errmsg":"invalid url"}'))
  await new Promise<void>((done) => notSandbox.listen(0, '127.0.0.1', done))
  notSandboxUrl = `http://127.0.0.1:${(notSandbox.address() as AddressInfo).port}`
})
afterAll(async () => {
  await seeded?.close()
  await live?.close()
  await new Promise((done) => notSandbox?.close(done))
})

test('a frozen sandbox clock is business time, and an advance is seen at the next sync', async () => {
  const clock = new StoreClock(seeded.url)
  await clock.sync()
  expect(clock.source).toBe('sandbox')
  expect(clock.now().toISOString()).toBe('2026-03-02T01:00:00.000Z')
  await seeded.post('/_sandbox/clock/advance', { by: '3d' })
  expect(clock.now().toISOString()).toBe('2026-03-02T01:00:00.000Z')
  await clock.sync()
  expect(clock.now().toISOString()).toBe('2026-03-05T01:00:00.000Z')
})

test('a live sandbox clock keeps running between syncs with its offset', async () => {
  await live.post('/_sandbox/clock/advance', { by: '10d' })
  const clock = new StoreClock(live.url)
  await clock.sync()
  const ahead = clock.now().getTime() - Date.now()
  expect(ahead).toBeGreaterThan(10 * 86_400_000 - 5000)
  expect(ahead).toBeLessThan(10 * 86_400_000 + 5000)
  const first = clock.now().getTime()
  await new Promise((done) => setTimeout(done, 20))
  expect(clock.now().getTime()).toBeGreaterThan(first)
})

test('without the hook (real WeChat) the store keeps its own clock', async () => {
  const clock = new StoreClock(notSandboxUrl)
  await clock.sync()
  expect(clock.source).toBe('own')
  expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000)
  expect(new StoreClock(null).source).toBe('own')
})

test('a sandbox that cannot be reached for a moment keeps the last answer rather than jumping to real time', async () => {
  // a sandbox whose clock answers once, then goes away
  const once = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ mode: 'frozen', now: '2026-03-02T01:00:00.000Z', nowMs: Date.parse('2026-03-02T01:00:00.000Z'), offsetMs: 0 })))
  await new Promise<void>((done) => once.listen(0, '127.0.0.1', done))
  const clock = new StoreClock(`http://127.0.0.1:${(once.address() as AddressInfo).port}`)
  await clock.sync()
  await new Promise((done) => once.close(done))
  await clock.sync()
  expect(clock.source).toBe('sandbox')
  expect(clock.now().toISOString()).toBe('2026-03-02T01:00:00.000Z')
})
