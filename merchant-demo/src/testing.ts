import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { testPlatform, type TestPlatform } from '../../platform-mock/src/testing'
import { startMerchant, type MerchantOptions } from './server'

/**
 * A merchant on a random port with a throwaway database, against a platform URL, plus helpers
 * that act as the store's page (HTTP only) and, on `/admin/*`, as its staff (the staff token,
 * unless a token is given). Tests start the platform themselves.
 */
export async function testMerchant(platformUrl: string, opts: Partial<MerchantOptions> = {}) {
  const merchant = await startMerchant({ platformUrl, port: 0, memory: true, reconcileEveryMs: 0, ...opts })
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const bearer = token ?? (path.startsWith('/admin/') ? merchant.staffToken : undefined)
    const res = await fetch(merchant.url + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null }
  }
  const platform = async (path: string, body?: unknown) => {
    const res = await fetch(platformUrl + path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return res.json()
  }
  /** What a page does for a person: wx.login (the person API stands for the phone), then the store's login. */
  const loginAs = async (person: string): Promise<string> => {
    const { code } = await platform(`/_sandbox/people/${person}/miniprogram/login`, {})
    const res = await call('POST', '/api/login', { code })
    if (res.status !== 200) throw new Error(`login: ${JSON.stringify(res.body)}`)
    return res.body.token
  }
  /** The person confirms the pay sheet with these wx.requestPayment parameters. */
  const payAs = (person: string, payment: unknown, password = '123456') => platform(`/_sandbox/pay/people/${person}/pay`, { target: { requestPayment: payment }, password })
  /** A grande iced half-sugar latte and an oolong milk tea (¥57), checked out. */
  const orderTwoDrinks = async (token: string, entry: { scene: number; query: Record<string, string> } = { scene: 1047, query: { scene: 't%3D12' } }) => {
    await call('POST', '/api/cart/items', { productId: 'latte', options: { size: 'grande', sugar: 'half', temperature: 'iced' } }, token)
    await call('POST', '/api/cart/items', { productId: 'oolong-milk-tea', quantity: 1 }, token)
    const res = await call('POST', '/api/orders', { entry }, token)
    if (res.status !== 201) throw new Error(`checkout: ${JSON.stringify(res.body)}`)
    return res.body as { order: { id: string; total: number }; payment: Record<string, string> }
  }
  /** A staff GET of a picture (`/admin/…/code.png`), as fetch answers it. */
  const staffFetch = (path: string) => fetch(merchant.url + path, { headers: { authorization: `Bearer ${merchant.staffToken}` } })
  return Object.assign(merchant, { call, platform, loginAs, payAs, orderTwoDrinks, staffFetch })
}

export type TestMerchant = Awaited<ReturnType<typeof testMerchant>>

/**
 * A test file's platform and merchant: started before its tests, closed after them. Read them as
 * `env.platform` / `env.merchant` inside tests (they are set once `beforeAll` has run).
 */
export function platformAndMerchant(opts: Partial<MerchantOptions> = {}) {
  const env = {} as { platform: TestPlatform; merchant: TestMerchant }
  beforeAll(async () => {
    env.platform = await testPlatform()
    env.merchant = await testMerchant(env.platform.url, opts)
  })
  afterAll(async () => {
    await env.merchant?.close()
    await env.platform?.close()
  })
  return env
}

/** A built-pages folder with one page whose wx runtime URL is the placeholder. */
export function fakePagesDir() {
  const dir = mkdtempSync(join(tmpdir(), 'merchant-pages-'))
  mkdirSync(join(dir, 'pages/index'), { recursive: true })
  writeFileSync(join(dir, 'pages/index/index.html'), '<script src="http://localhost:4000/runtime/wx.js"></script><p>home</p>')
  return dir
}
