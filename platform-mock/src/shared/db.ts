import { createClient, type Client } from '@libsql/client'
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'
import * as schema from '../schema'

export type Db = LibSQLDatabase<typeof schema> & { $client: Client }

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url))
const disposers = new WeakMap<Db, () => void>()

export interface DbInfo {
  url: string
  kind: 'file' | 'memory' | 'remote'
}
const infos = new WeakMap<Db, DbInfo>()

/**
 * Opens a libSQL database and brings its schema up to date. Local files get WAL and
 * synchronous=NORMAL on the single connection that writes: the driver is synchronous, so one
 * connection serves one process as fast as many would. Multi-statement writes go through
 * `db.batch([...])`, which is atomic on every libSQL backend.
 */
export async function openDb(url: string, opts: { authToken?: string } = {}): Promise<Db> {
  const local = url.startsWith('file:')
  if (local) mkdirSync(dirname(url.slice('file:'.length).replace(/^\/\//, '')), { recursive: true })
  const client = createClient({ url, authToken: opts.authToken, concurrency: 1 })
  if (local) {
    await client.execute('PRAGMA journal_mode=WAL')
    await client.execute('PRAGMA synchronous=NORMAL')
    await client.execute('PRAGMA busy_timeout=5000')
  }
  const db = drizzle(client, { schema }) as Db
  await migrate(db, { migrationsFolder })
  infos.set(db, { url, kind: local ? 'file' : 'remote' })
  return db
}

/**
 * A throwaway database for tests and `--memory` runs: a temp file that is deleted on close. (The
 * driver's `:memory:` has a single connection that an open transaction would block.)
 */
export async function memoryDb(): Promise<Db> {
  const path = join(tmpdir(), `wechat-sandbox-${process.pid}-${randomBytes(6).toString('hex')}.db`)
  const db = await openDb(`file:${path}`)
  await db.$client.execute('PRAGMA synchronous=OFF')
  infos.set(db, { url: ':memory:', kind: 'memory' })
  disposers.set(db, () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true })
  })
  return db
}

export function dbInfo(db: Db): DbInfo {
  return infos.get(db) ?? { url: 'unknown', kind: 'remote' }
}

export function closeDb(db: Db) {
  db.$client.close()
  disposers.get(db)?.()
}
