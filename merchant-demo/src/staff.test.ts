import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, expect, test } from 'vitest'
import { startMerchant } from './server'
import { fakePagesDir, platformAndMerchant } from './testing'

const env = platformAndMerchant({ pagesDir: fakePagesDir() })
const FOREIGN = 'https://evil.example'

beforeEach(async () => {
  await env.platform.post('/_sandbox/reset', {})
  await env.merchant.publish()
})

/** A request to the store as a browser on `origin` (or no browser) would make it. */
const send = async (path: string, init: { method?: string; bearer?: string; origin?: string; headers?: Record<string, string>; body?: unknown } = {}) => {
  const headers: Record<string, string> = { ...init.headers }
  if (init.bearer !== undefined) headers.authorization = `Bearer ${init.bearer}`
  if (init.origin !== undefined) headers.origin = init.origin
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(env.merchant.url + path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) })
  const text = await res.text()
  return { status: res.status, acao: res.headers.get('access-control-allow-origin'), body: text.startsWith('{') ? JSON.parse(text) : text }
}
const preflight = (path: string, origin: string, method = 'POST') =>
  send(path, { method: 'OPTIONS', origin, headers: { 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' } })

test('/admin answers 401 staff_only without the staff token or with a wrong one, and 200 with it', async () => {
  expect(await send('/admin/orders')).toMatchInlineSnapshot(`
    {
      "acao": null,
      "body": {
        "error": {
          "code": "staff_only",
          "message": "staff only: Authorization: Bearer <staff token> (printed when the store starts)",
        },
      },
      "status": 401,
    }
  `)
  expect(await send('/admin/orders', { bearer: `${env.merchant.staffToken}x` })).toMatchObject({ status: 401, body: { error: { code: 'staff_only', message: 'wrong staff token' } } })
  expect(await send('/admin/orders', { bearer: 'short' })).toMatchObject({ status: 401, body: { error: { code: 'staff_only' } } })
  // a member's session is no staff credential
  const member = await env.merchant.loginAs('alice')
  expect((await send('/admin/orders', { bearer: member })).status).toBe(401)
  expect((await send('/admin/tables/12/code.png')).status).toBe(401)
  expect((await send('/admin/orders', { bearer: env.merchant.staffToken })).status).toBe(200)
  const png = await env.merchant.staffFetch('/admin/tables/12/code.png')
  expect([png.status, png.headers.get('content-type')]).toEqual([200, 'image/png'])
})

test('a refund without the staff token is refused and changes nothing', async () => {
  const token = await env.merchant.loginAs('bob')
  const { order, payment } = await env.merchant.orderTwoDrinks(token)
  await env.merchant.payAs('bob', payment)
  await expect.poll(async () => (await env.merchant.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order.status).toBe('paid')
  for (const bearer of [undefined, 'not-the-staff-token-at-all'])
    expect(await send(`/admin/orders/${order.id}/refund`, { method: 'POST', bearer, origin: FOREIGN, body: {} })).toMatchObject({ status: 401, acao: null })
  expect((await env.merchant.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order).toMatchObject({ status: 'paid' })
  expect((await env.merchant.call('POST', `/admin/orders/${order.id}/refund`, {})).status).toBe(201)
})

test('a cross-origin preflight or request to /admin gets no Access-Control-Allow-Origin', async () => {
  for (const origin of [FOREIGN, 'null', env.merchant.url, env.platform.url]) {
    const pre = await preflight('/admin/orders/x/refund', origin)
    expect(pre.acao).toBeNull()
    expect(pre.status).toBe(401)
    expect((await send('/admin/orders', { origin, bearer: env.merchant.staffToken })).acao).toBeNull()
  }
})

test("/api and the pages answer the store's own pages (sandboxed frames: Origin null) and not a foreign origin", async () => {
  const ok = await preflight('/api/orders', 'null')
  expect(ok).toMatchObject({ status: 204, acao: 'null' })
  expect((await send('/api/brand', { origin: 'null' })).acao).toBe('null')
  expect((await send('/mp/pages/index/index.html', { origin: 'null' })).acao).toBe('null')
  // the pages opened in a tab of their own: same origin as the store
  expect((await send('/api/brand', { origin: new URL(env.merchant.url).origin })).acao).toBe(new URL(env.merchant.url).origin)
  for (const origin of [FOREIGN, env.platform.url, 'http://localhost.evil.example']) {
    expect((await preflight('/api/orders', origin)).acao).toBeNull()
    expect((await send('/api/brand', { origin })).acao).toBeNull()
    expect((await send('/mp/pages/index/index.html', { origin })).acao).toBeNull()
  }
  // WeChat Pay's notifications come from a server: no CORS there either
  expect((await preflight('/pay/notify', FOREIGN)).acao).toBeNull()
  expect((await preflight('/pay/notify', 'null')).acao).toBeNull()
  // the pictures are public
  expect((await send('/img/logo.svg', { origin: FOREIGN })).acao).toBe('*')
})

test('the staff token is kept with the store database across restarts, and a given one replaces it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'merchant-staff-'))
  const databaseUrl = `file:${join(dir, 'merchant.db')}`
  const opts = { platformUrl: env.platform.url, port: 0, databaseUrl, publish: false, watchSandbox: false, reconcileEveryMs: 0 }
  try {
    const first = await startMerchant(opts)
    await first.close()
    const again = await startMerchant(opts)
    await again.close()
    expect(again.staffToken).toBe(first.staffToken)
    expect(first.staffToken).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(first.staffToken).not.toBe(env.merchant.staffToken)
    const given = await startMerchant({ ...opts, staffToken: 'a-staff-token-from-the-env' })
    try {
      expect(given.staffToken).toBe('a-staff-token-from-the-env')
      const res = await fetch(`${given.url}/admin/sandbox-watch`, { headers: { authorization: `Bearer ${first.staffToken}` } })
      expect(res.status).toBe(401)
    } finally {
      await given.close()
    }
    await expect(startMerchant({ ...opts, staffToken: 'short' })).rejects.toThrow(/16 to 200 printable characters/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
