import { sql } from 'drizzle-orm'
import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { MerchantDb } from './db'
import { ApiError } from './errors'
import { staffCredentials } from './schema'

/**
 * The staff credential: the one given (`STAFF_TOKEN`, tests), else the one kept in the store's
 * database, made at its first start. A restart keeps it; a new database (`--memory`) makes a new one.
 */
export async function staffToken(db: MerchantDb, given?: string): Promise<string> {
  if (given !== undefined) {
    if (!/^[\x21-\x7e]{16,200}$/.test(given)) throw new Error('the staff token must be 16 to 200 printable characters without spaces')
    return given
  }
  // two stores starting on one database both insert; both then read the first one
  await db.insert(staffCredentials).values({ token: randomBytes(24).toString('base64url') }).onConflictDoNothing()
  const [row] = await db.select({ token: staffCredentials.token }).from(staffCredentials).orderBy(sql`rowid`).limit(1)
  return row.token
}

/** `/admin/*`: the staff's `Authorization: Bearer <staff token>`, else 401 before anything runs. */
export function staffOnly(token: string): MiddlewareHandler {
  const expected = digest(token)
  return async (c, next) => {
    const given = /^Bearer (\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
    if (!given) throw new ApiError(401, 'staff_only', 'staff only: Authorization: Bearer <staff token> (printed when the store starts)')
    // compare digests: equal lengths, and the time taken says nothing about the token
    if (!timingSafeEqual(digest(given), expected)) throw new ApiError(401, 'staff_only', 'wrong staff token')
    await next()
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest()

/**
 * CORS for what the store's own mini program pages call: the phone runs them in a sandboxed frame
 * (`sandbox="allow-scripts allow-forms"`), so their fetches and module scripts carry `Origin: null`;
 * opened in a tab, they are same-origin with the store. No other origin gets an answer it can read.
 */
export function pagesOnly(publicUrl: string): MiddlewareHandler {
  const own = new URL(publicUrl).origin
  return cors({
    origin: (origin) => (origin === 'null' || origin === own ? origin : null),
    allowHeaders: ['Content-Type', 'Authorization'],
    allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
  })
}
