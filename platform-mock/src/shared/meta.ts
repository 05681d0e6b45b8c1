import { eq } from 'drizzle-orm'
import { sandboxMeta } from '../sandbox/schema'
import type { Db } from './db'

/** Reads one world fact from sandbox_meta, parsed from JSON. */
export async function readMeta<T>(db: Db, key: string): Promise<T | undefined> {
  const [row] = await db.select().from(sandboxMeta).where(eq(sandboxMeta.key, key))
  return row ? (JSON.parse(row.value) as T) : undefined
}

export function writeMetaQuery(db: Db, key: string, value: unknown) {
  const json = JSON.stringify(value)
  return db
    .insert(sandboxMeta)
    .values({ key, value: json })
    .onConflictDoUpdate({ target: sandboxMeta.key, set: { value: json } })
}

export async function writeMeta(db: Db, key: string, value: unknown) {
  await writeMetaQuery(db, key, value)
}
