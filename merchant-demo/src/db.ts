import { createClient, type Client } from '@libsql/client'
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as schema from './schema'

export type MerchantDb = LibSQLDatabase<typeof schema> & { $client: Client }

const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url))

/** Opens the store's libSQL database (a file, or a libSQL server) and applies its migrations. */
export async function openMerchantDb(url: string, authToken?: string): Promise<{ db: MerchantDb; close(): void }> {
  const local = url.startsWith('file:')
  if (local) mkdirSync(dirname(url.slice('file:'.length).replace(/^\/\//, '')), { recursive: true })
  const client = createClient({ url, authToken, concurrency: 1 })
  if (local) {
    await client.execute('PRAGMA journal_mode=WAL')
    // WAL with NORMAL: a commit survives a killed process (kill -9); only a power cut can lose the last ones
    await client.execute('PRAGMA synchronous=NORMAL')
    await client.execute('PRAGMA busy_timeout=5000')
  }
  await client.execute('PRAGMA foreign_keys=ON')
  const db = drizzle(client, { schema }) as MerchantDb
  await migrate(db, { migrationsFolder })
  return { db, close: () => client.close() }
}

/** A throwaway database (tests, `--memory`): a temp file removed on close. */
export async function memoryMerchantDb() {
  const path = join(tmpdir(), `merchant-demo-${process.pid}-${randomBytes(6).toString('hex')}.db`)
  const opened = await openMerchantDb(`file:${path}`)
  // thrown away on close: nothing to keep through a crash
  await opened.db.$client.execute('PRAGMA synchronous=OFF')
  return {
    db: opened.db,
    close() {
      opened.close()
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true })
    },
  }
}
