import { eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { payMerchants, type PlatformMode } from './schema'

export type Merchant = typeof payMerchants.$inferSelect

// Every signed request needs its merchant; the rows change only through the control API and when
// the world is replaced, so they are cached per platform and dropped at those moments. Only
// merchants that exist are kept, and at most MAX_CACHED of them: an mchid comes from the request
// before its signature is checked, so what a caller makes up must never stay in memory.
const cache = new WeakMap<Platform, Map<string, Merchant>>()
/** More merchants than a world holds; beyond it the oldest entry goes. */
export const MAX_CACHED = 256

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
  const cached = map.get(mchid)
  if (cached) return cached
  // WeChat Pay mchids are digits (10 of them for a direct merchant): anything else is no merchant
  if (!/^\d{1,32}$/.test(mchid)) return undefined
  const [row] = await platform.db.select().from(payMerchants).where(eq(payMerchants.mchid, mchid))
  if (!row) return undefined
  if (map.size >= MAX_CACHED) map.delete(map.keys().next().value!)
  map.set(mchid, row)
  return row
}

/** How many merchants are cached (for the test that unknown mchids are not). */
export const cachedMerchants = (platform: Platform) => merchantsOf(platform).size

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
