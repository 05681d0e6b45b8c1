import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startMerchant, type MerchantOptions } from './server'

/**
 * A merchant on a random port with a throwaway database, against a platform URL, plus helpers
 * that act as the store's page (HTTP only). Tests start the platform themselves.
 */
export async function testMerchant(platformUrl: string, opts: Partial<MerchantOptions> = {}) {
  const merchant = await startMerchant({ platformUrl, port: 0, memory: true, ...opts })
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(merchant.url + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null }
  }
  return Object.assign(merchant, { call })
}

/** A built-pages folder with one page whose wx runtime URL is the placeholder. */
export function fakePagesDir() {
  const dir = mkdtempSync(join(tmpdir(), 'merchant-pages-'))
  mkdirSync(join(dir, 'pages/index'), { recursive: true })
  writeFileSync(join(dir, 'pages/index/index.html'), '<script src="http://localhost:4000/runtime/wx.js"></script><p>home</p>')
  return dir
}
