import { request } from 'node:http'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { streamBody, streamUnread } from '../reliability/stream'
import { testPlatform, type TestPlatform } from '../testing'

let p: TestPlatform
beforeAll(async () => {
  p = await testPlatform({ seed: '1' })
})
afterAll(() => p.close())

// far more than any limit; a server that buffered it before judging would answer only at the end
const HUGE = 512 * 1024 * 1024
const EARLY = 48 * 1024 * 1024

test.each([
  ['the control API', '/_sandbox/people', {}, 413, { error: { code: 'payload_too_large', message: expect.any(String) } }],
  ['WeChat Pay', '/v3/pay/transactions/jsapi', {}, 400, { code: 'PARAM_ERROR', message: '请求体超过大小限制（131072 字节）', detail: { location: 'body', issue: 'request body too large' } }],
  ['WeChat Pay by Host', '/v3/refund/domestic/refunds', { Host: 'api.mch.weixin.qq.com' }, 400, { code: 'PARAM_ERROR', message: expect.stringContaining('131072') }],
  ['api.weixin.qq.com', '/cgi-bin/message/custom/send?access_token=x', {}, 200, { errcode: 45002, errmsg: expect.stringMatching(/^content size out of limit rid: [0-9a-f-]+$/) }],
  ['the mini program API', '/wxa/business/getuserphonenumber?access_token=x', { Host: 'api.weixin.qq.com' }, 200, { errcode: 45002, errmsg: expect.any(String) }],
  ['qyapi.weixin.qq.com', '/wecom/cgi-bin/message/send?access_token=x', {}, 200, { errcode: 45002, errmsg: expect.stringContaining('content size out of limit, hint: [') }],
] as const)('refuses a streamed oversized body on %s before it is all sent', async (_host, path, headers, status, envelope) => {
  const res = await streamBody(p.url + path, HUGE, headers)
  expect(res.finished).toBe(false)
  expect(res.sent).toBeLessThan(EARLY)
  expect(res.status).toBe(status)
  expect(JSON.parse(res.body)).toMatchObject(envelope)
})

test('refuses a declared Content-Length over the limit without reading the body', async () => {
  const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(p.url + '/_sandbox/people', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': String(700 * 1024 * 1024) } }, (r) => {
      let body = ''
      r.on('data', (c) => (body += c))
      r.on('end', () => {
        resolve({ status: r.statusCode!, body })
        req.destroy()
      })
    })
    req.on('error', reject)
    req.write('{')
  })
  expect(res.status).toBe(413)
  expect(JSON.parse(res.body).error.code).toBe('payload_too_large')
})

test('keeps memory bounded under four concurrent oversized bodies', async () => {
  const before = process.memoryUsage().rss
  const answers = await Promise.all([1, 2, 3, 4].map(() => streamBody(p.url + '/_sandbox/people', HUGE)))
  for (const a of answers) expect(a.status).toBe(413)
  expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024)
})

test('takes a chunked body under the limit, and a bodiless DELETE', async () => {
  const made = await new Promise<number>((resolve, reject) => {
    const req = request(p.url + '/_sandbox/people', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (r) => {
      r.resume()
      resolve(r.statusCode!)
    })
    req.on('error', reject)
    req.write('{"id":"zoe",')
    req.end('"name":"Zoe Ma"}')
  })
  expect(made).toBe(201)
  expect((await fetch(`${p.url}/_sandbox/snapshots/nope`, { method: 'DELETE' })).status).toBe(404)
})

test('a refused body closes its connection, so the keep-alive client sends its next request on a fresh one', async () => {
  // fetch keeps sockets alive: the body left unread behind the refusal used to break the next
  // request sent on the same socket ("other side closed")
  for (const path of ['/v3/pay/transactions/jsapi', '/_sandbox/people']) {
    const big = await fetch(p.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ attach: 'x'.repeat(5_000_000) }) })
    expect(big.status).toBeGreaterThanOrEqual(400)
    expect(big.headers.get('connection')).toBe('close')
    await big.text()
    for (let i = 0; i < 5; i++) expect((await fetch(p.url + '/_sandbox/health')).status).toBe(200)
  }
})

test('a refused body lingers: a client still writing when the answer comes reads the answer, not a reset', async () => {
  const answer = await streamUnread(p.url + '/_sandbox/people', 8 * 1024 * 1024)
  expect(answer).toMatch(/^HTTP\/1\.1 413 /)
  expect(answer).toContain('payload_too_large')
})
