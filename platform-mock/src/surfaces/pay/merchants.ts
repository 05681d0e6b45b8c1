import { eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { payMerchants, type PlatformMode } from './schema'

export type Merchant = typeof payMerchants.$inferSelect

// Every signed request needs its merchant; the rows change only through the control API and when
// the world is replaced, so they are cached per platform and dropped at those moments.
const cache = new WeakMap<Platform, Map<string, Merchant | null>>()

function merchantsOf(platform: Platform) {
  let map = cache.get(platform)
  if (!map) {
    map = new Map()
    cache.set(platform, map)
    platform.events.onReplaced(() => cache.get(platform)?.clear())
  }
  return map
}

/** A merchant by mchid, or undefined when WeChat Pay has no such merchant. */
export async function findMerchant(platform: Platform, mchid: string): Promise<Merchant | undefined> {
  const map = merchantsOf(platform)
  if (!map.has(mchid)) {
    const [row] = await platform.db.select().from(payMerchants).where(eq(payMerchants.mchid, mchid))
    map.set(mchid, row ?? null)
  }
  return map.get(mchid) ?? undefined
}

export async function listMerchants(platform: Platform) {
  return platform.db.select().from(payMerchants).orderBy(payMerchants.mchid)
}

/** Changes a merchant's sandbox settings: how it verifies WeChat Pay, and its available funds. */
export async function updateMerchant(platform: Platform, mchid: string, set: { platformMode?: PlatformMode; balance?: number }) {
  const rows = await platform.db.update(payMerchants).set(set).where(eq(payMerchants.mchid, mchid)).returning()
  merchantsOf(platform).delete(mchid)
  return rows[0]
}

/** Drops cached rows after a write that changed a merchant (e.g. its balance). */
export function forgetMerchant(platform: Platform, mchid: string) {
  merchantsOf(platform).delete(mchid)
}
