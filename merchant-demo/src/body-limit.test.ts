import { expect, test } from 'vitest'
import { streamBody, streamUnread } from '../../platform-mock/src/reliability/stream'
import { fakePagesDir, platformAndMerchant } from './testing'

const env = platformAndMerchant({ pagesDir: fakePagesDir() })

test.each(['/api/cart/items', '/api/login', '/pay/notify'])('refuses a streamed oversized body on %s before it is all sent', async (path) => {
  const res = await streamBody(env.merchant.url + path, 256 * 1024 * 1024)
  expect(res.finished).toBe(false)
  expect(res.sent).toBeLessThan(32 * 1024 * 1024)
  expect(res.status).toBe(413)
  expect(JSON.parse(res.body)).toEqual({ error: { code: 'payload_too_large', message: 'the body is over 1 MiB' } })
})

test('still takes a chunked body under the limit', async () => {
  const res = await fetch(env.merchant.url + '/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: new Blob(['{"code":"nope"}']).stream(),
    duplex: 'half',
  } as RequestInit)
  expect(res.status).toBeLessThan(500)
})

test('a refused body closes its connection, so the keep-alive client sends its next request on a fresh one', async () => {
  const big = await fetch(env.merchant.url + '/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'x'.repeat(2_000_000) }) })
  expect(big.status).toBe(413)
  expect(big.headers.get('connection')).toBe('close')
  await big.text()
  for (let i = 0; i < 5; i++) expect((await fetch(env.merchant.url + '/health')).status).toBe(200)
})

test('a refused body lingers: a client still writing when the answer comes reads the answer, not a reset', async () => {
  const answer = await streamUnread(env.merchant.url + '/api/login', 8 * 1024 * 1024)
  expect(answer).toMatch(/^HTTP\/1\.1 413 /)
  expect(answer).toContain('payload_too_large')
})
