import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startPlatform, type RunningPlatform } from '../platform-mock/src/server'
import { startMerchant, type RunningMerchant } from '../merchant-demo/src/server'

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
  /** stops the merchant's server (its database stays): the store is unreachable */
  stopMerchant(): Promise<void>
  /** starts the merchant again on the same port with the same database */
  startMerchant(): Promise<void>
  close(): Promise<void>
}

export async function startSandbox(seed: number): Promise<Sandbox> {
  const platform: RunningPlatform = await startPlatform({ memory: true, port: 0, seed: String(seed) })
  const dir = mkdtempSync(join(tmpdir(), 'scenario-merchant-'))
  const databaseUrl = `file:${join(dir, 'merchant.db')}`
  const open = (port: number) => startMerchant({ platformUrl: platform.url, port, databaseUrl, reconcileEveryMs: 0 })
  let merchant: RunningMerchant | null = await open(0)
  const port = merchant.port
  const merchantUrl = merchant.url
  return {
    platformUrl: platform.url,
    merchantUrl,
    staffToken: merchant.staffToken,
    seed,
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
