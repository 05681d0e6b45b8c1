import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startPlatform, type RunningPlatform } from '../platform-mock/src/server'
import { startMerchant, type RunningMerchant } from '../merchant-demo/src/server'
import { CAFE_KIT, loadBrandKit, type BrandKit } from '../merchant-demo/src/brand'
import type { World } from '../platform-mock/src/world/world'
import { kitWorld } from '../launcher/world'

/**
 * One throwaway world for one journey: a platform (memory database, seeded, clock frozen) and the
 * demo merchant (its own database in a temp dir, so it can be taken down and brought back), each on
 * a free port. The runner owns this; actors only ever see the two URLs (and the brand its staff token).
 */
export interface Sandbox {
  platformUrl: string
  merchantUrl: string
  /** the store's staff credential (kept in its database, so the same after a restart) */
  staffToken: string
  seed: number
  /** the world kit both sides were started with */
  kit: BrandKit
  /** the platform's side of the kit: the names people see (pay sheet, consultants, corp tag) */
  world: World
  /** stops the merchant's server (its database stays): the store is unreachable */
  stopMerchant(): Promise<void>
  /** starts the merchant again on the same port with the same database */
  startMerchant(): Promise<void>
  close(): Promise<void>
}

/** Starts the platform seeded with the kit's world and the store configured by the same kit (default: the café). */
export async function startSandbox(seed: number, kitOrFile: string | BrandKit = CAFE_KIT): Promise<Sandbox> {
  const kit = typeof kitOrFile === 'string' ? loadBrandKit(kitOrFile) : kitOrFile
  const world = kitWorld(kit)
  const platform: RunningPlatform = await startPlatform({ memory: true, port: 0, seed: String(seed), world })
  const dir = mkdtempSync(join(tmpdir(), 'scenario-merchant-'))
  const databaseUrl = `file:${join(dir, 'merchant.db')}`
  const open = (port: number) => startMerchant({ platformUrl: platform.url, port, databaseUrl, reconcileEveryMs: 0, brand: kit })
  let merchant: RunningMerchant | null = await open(0)
  const port = merchant.port
  const merchantUrl = merchant.url
  return {
    platformUrl: platform.url,
    merchantUrl,
    staffToken: merchant.staffToken,
    seed,
    kit,
    world,
    async stopMerchant() {
      await merchant?.close()
      merchant = null
    },
    async startMerchant() {
      if (!merchant) merchant = await open(port)
    },
    async close() {
      await merchant?.close()
      await platform.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
