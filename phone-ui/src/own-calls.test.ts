import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { isOwnLaunch, ownFetch, settled } from './own-calls'

let server: Server
let base: string
let release: (() => void) | null = null

beforeAll(async () => {
  server = createServer((req, res) => {
    const send = (body: unknown) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body))
    if (req.url === '/launch') return send({ appid: 'wx1', eventId: 41, launchOptions: { path: 'pages/index/index', query: {}, scene: 1001, referrerInfo: {} } })
    if (req.url === '/scan') return send({ action: 'open-miniprogram', launch: { eventId: 42, launchOptions: { scene: 1011 } } })
    // answers only when the test releases it, like a launch call still in flight on a loaded machine
    if (req.url === '/slow-launch') release = () => send({ eventId: 43, launchOptions: { scene: 1007 } })
    else send({ ok: true })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

test('notes the launches its calls answered, also inside a scan result', async () => {
  await ownFetch(`${base}/launch`, { method: 'POST' })
  await ownFetch(`${base}/scan`, { method: 'POST' })
  expect(isOwnLaunch(41)).toBe(true)
  expect(isOwnLaunch(42)).toBe(true)
  expect(isOwnLaunch(7)).toBe(false)
})

test('an event that arrives while the launch call is in flight is known as its own once the call settles', async () => {
  const call = ownFetch(`${base}/slow-launch`, { method: 'POST' })
  let done = false
  const waiting = settled().then(() => (done = true))
  // however long the answer takes, nothing decides before it has come
  await expect.poll(() => release !== null).toBe(true)
  expect(done).toBe(false)
  expect(isOwnLaunch(43)).toBe(false)
  release!()
  await call
  await waiting
  expect(isOwnLaunch(43)).toBe(true)
})

test('settled() answers at once when no call is in flight', async () => {
  await expect(settled()).resolves.toBeUndefined()
})
