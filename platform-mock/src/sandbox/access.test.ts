import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createPlatform } from '../app'
import { Platform } from '../platform'
import { memoryDb } from '../shared/db'
import { testPlatform, type TestPlatform } from '../testing'

/** One request through node:http, which (unlike fetch) sends any Host and Origin. */
function raw(base: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
    const req = request(base + path, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }))
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}

let p: TestPlatform
const people = async () => (await p.json('/_sandbox/people')).people.map((x: { id: string }) => x.id).sort()
const clock = async () => (await p.json('/_sandbox/clock')).nowMs as number

beforeAll(async () => {
  p = await testPlatform({ seed: '1' })
})
afterAll(() => p.close())

describe('the Host a request names', () => {
  test('refuses a foreign Host on the control API and the phone (DNS rebinding)', async () => {
    for (const host of ['evil.example:4000', 'evil.example', '127.0.0.1.nip.io', 'localhost.evil.example']) {
      const res = await raw(p.url, '/_sandbox/credentials', { headers: { Host: host } })
      expect(res.status).toBe(403)
      expect(JSON.parse(res.text)).toEqual({ error: { code: 'forbidden_host', message: expect.stringContaining(host) } })
      expect(res.text).not.toContain('PRIVATE KEY')
    }
    expect((await raw(p.url, '/', { headers: { Host: 'evil.example' } })).status).toBe(403)
    expect((await raw(p.url, '/_sandbox/people', { method: 'POST', headers: { Host: 'evil.example', 'Content-Type': 'application/json' }, body: '{"id":"mallory","name":"M"}' })).status).toBe(403)
    expect(await people()).not.toContain('mallory')
  })

  test('answers loopback names and sends WeChat host names to WeChat', async () => {
    const port = new URL(p.url).port
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'localhost', 'phone.localhost']) {
      const res = await raw(p.url, '/_sandbox/credentials', { headers: { Host: host } })
      expect(res.status, host).toBe(200)
      expect(res.text).toContain('PRIVATE KEY')
    }
    const wx = await raw(p.url, '/cgi-bin/token?grant_type=client_credential&appid=x&secret=y', { headers: { Host: 'api.weixin.qq.com' } })
    expect(JSON.parse(wx.text)).toMatchObject({ errcode: 40013 })
    // the control API is not a WeChat API: on a WeChat host its paths are unknown URLs
    const onWx = await raw(p.url, '/_sandbox/credentials', { headers: { Host: 'api.weixin.qq.com' } })
    expect(onWx.text).not.toContain('PRIVATE KEY')
  })

  test('answers a configured name', async () => {
    const q = await testPlatform({ allowedHosts: ['sandbox.classroom.lan'] })
    try {
      expect((await raw(q.url, '/_sandbox/health', { headers: { Host: 'sandbox.classroom.lan:4000' } })).status).toBe(200)
      expect((await raw(q.url, '/_sandbox/health', { headers: { Host: 'other.classroom.lan' } })).status).toBe(403)
    } finally {
      await q.close()
    }
  })
})

describe('state-changing calls from pages', () => {
  const json = { 'Content-Type': 'application/json' }

  test('refuses a foreign Origin and changes nothing', async () => {
    const before = { people: await people(), now: await clock() }
    for (const origin of ['https://evil.example', 'http://localhost.evil.example:4000', 'null']) {
      const headers = { ...json, Origin: origin }
      const calls = [
        raw(p.url, '/_sandbox/people', { method: 'POST', headers, body: '{"id":"mallory","name":"Mallory"}' }),
        raw(p.url, '/_sandbox/clock/advance', { method: 'POST', headers, body: '{"by":"3d"}' }),
        raw(p.url, '/_sandbox/reset', { method: 'POST', headers }),
      ]
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(403)
        expect(JSON.parse(res.text)).toEqual({ error: { code: 'forbidden_origin', message: expect.stringContaining(origin) } })
      }
    }
    expect({ people: await people(), now: await clock() }).toEqual(before)
  })

  test('refuses text/plain and form bodies, which a page may send anywhere, and changes nothing', async () => {
    const before = { people: await people(), now: await clock() }
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await raw(p.url, '/_sandbox/people', { method: 'POST', headers: { 'Content-Type': type }, body: '{"id":"mallory","name":"Mallory"}' })
      expect(res.status).toBe(415)
      expect(JSON.parse(res.text).error.code).toBe('unsupported_media_type')
      expect((await raw(p.url, '/_sandbox/clock/advance', { method: 'POST', headers: { 'Content-Type': type }, body: '{"by":"3d"}' })).status).toBe(415)
    }
    expect({ people: await people(), now: await clock() }).toEqual(before)
  })

  test("accepts the phone's own calls: JSON, or no body and no type, from its own origin or none", async () => {
    const port = new URL(p.url).port
    const own = { Origin: `http://localhost:${port}` }
    const made = await raw(p.url, '/_sandbox/people', { method: 'POST', headers: { ...json, ...own }, body: '{"id":"zoe","name":"Zoe Ma"}' })
    expect(made.status).toBe(201)
    expect((await raw(p.url, '/_sandbox/people/zoe/friends', { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{"with":"alice"}' })).status).toBeLessThan(300)
    expect((await raw(p.url, '/_sandbox/clock/freeze', { method: 'POST', headers: own })).status).toBe(200)
    // the scanner posts a picture
    const scan = await raw(p.url, '/_sandbox/qr/resolve', { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: 'not a png' })
    expect(scan.status).toBe(400)
    expect(JSON.parse(scan.text).error.code).not.toBe('unsupported_media_type')
  })
})

describe('token mode (--host on a LAN)', () => {
  const TOKEN = 'c1a55r00m'
  // another machine on the LAN, as @hono/node-server hands the socket to the app
  const lan = { incoming: { socket: { remoteAddress: '192.168.1.23', localAddress: '192.168.1.5' } } }
  let app: ReturnType<typeof createPlatform>
  let platform: Platform
  const ask = (path: string, init: RequestInit = {}, env: object = lan) => app.request(`http://192.168.1.5:4000${path}`, init, env)

  beforeAll(async () => {
    platform = await Platform.open(await memoryDb(), { seed: '1' })
    app = createPlatform(platform, { allowedHosts: ['192.168.1.5'], token: TOKEN })
  })
  afterAll(() => platform.close())

  test('refuses another machine without the token', async () => {
    const res = await ask('/_sandbox/credentials')
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: { code: 'token_required', message: expect.stringContaining('?token=') } })
    expect((await ask('/_sandbox/credentials', { headers: { 'X-Sandbox-Token': 'guess' } })).status).toBe(401)
    expect((await ask('/_sandbox/reset', { method: 'POST' })).status).toBe(401)
  })

  test('accepts the token as a header, a bearer or ?token=, and needs none from the machine itself', async () => {
    expect((await ask('/_sandbox/credentials', { headers: { 'X-Sandbox-Token': TOKEN } })).status).toBe(200)
    expect((await ask('/_sandbox/health', { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200)
    expect((await ask(`/_sandbox/health?token=${TOKEN}`)).status).toBe(200)
    const self = { incoming: { socket: { remoteAddress: '192.168.1.5', localAddress: '192.168.1.5' } } }
    expect((await ask('/_sandbox/health', {}, self)).status).toBe(200)
    const loopback = { incoming: { socket: { remoteAddress: '::ffff:127.0.0.1', localAddress: '::ffff:127.0.0.1' } } }
    expect((await ask('/_sandbox/health', {}, loopback)).status).toBe(200)
  })

  test('the printed URL keeps the token in a cookie the phone then sends', async () => {
    const opened = await ask(`/?token=${TOKEN}`)
    expect(opened.status).toBe(303)
    expect(opened.headers.get('location')).toBe('/')
    const cookie = opened.headers.get('set-cookie')!
    expect(cookie).toMatch(/^sandbox_token=c1a55r00m; Path=\/; HttpOnly; SameSite=Strict$/)
    const headers = { Cookie: cookie.split(';')[0]! }
    expect((await ask('/_sandbox/people', { headers })).status).toBe(200)
    const made = await ask('/_sandbox/people', { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json', Origin: 'http://192.168.1.5:4000' }, body: '{"id":"zoe","name":"Zoe"}' })
    expect(made.status).toBe(201)
    // a wrong token in the URL sets nothing
    const wrong = await ask('/?token=nope')
    expect(wrong.headers.get('set-cookie')).toBeNull()
  })
})
