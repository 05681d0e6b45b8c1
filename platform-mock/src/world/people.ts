import { and, asc, eq, inArray, or } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Db } from '../shared/db'
import { payWallets } from '../surfaces/pay/schema'
import { newWallet } from '../surfaces/pay/wallets'
import { avatarSvg } from './avatars'
import { openidFor, unionidFor } from './credentials'
import { apps, friendships, identities, people } from './schema'

export type Person = typeof people.$inferSelect

export interface NewPerson {
  id: string
  name: string
  nameZh?: string
  city?: string
  language?: 'en' | 'zh_CN'
  /** opening wallet balance, fen */
  balance?: number
}

/**
 * The statements that bring people into the world: their profiles, their wallets and an openid in
 * every app (plus the brand unionid), as WeChat assigns them the first time an app sees them —
 * multi-row inserts of at most `ROWS` rows (a world of thousands seeds in a few statements).
 */
export function peopleQueries(db: Db, worldSecret: string, appRows: { appid: string; brandId: string }[], list: NewPerson[], now: number) {
  const queries: BatchItem<'sqlite'>[] = []
  for (let i = 0; i < list.length; i += ROWS) {
    const chunk = list.slice(i, i + ROWS)
    queries.push(
      db.insert(people).values(
        chunk.map((p) => ({ id: p.id, name: p.name, nameZh: p.nameZh ?? p.name, avatar: avatarSvg(p.name), city: p.city ?? 'Shanghai', language: p.language ?? 'en', createdAt: now })),
      ),
      db.insert(payWallets).values(chunk.map((p) => newWallet(p.id, p.balance ?? 50_000, now))),
    )
    if (appRows.length) {
      queries.push(
        db.insert(identities).values(
          chunk.flatMap((p) => appRows.map((app) => ({ appid: app.appid, personId: p.id, openid: openidFor(worldSecret, app.appid, p.id), unionid: unionidFor(worldSecret, app.brandId, p.id) }))),
        ),
      )
    }
  }
  return queries
}

/** Rows per insert statement when seeding (well inside SQLite's limit on bound values). */
const ROWS = 400

/** Friendships as multi-row inserts (a pair in either order, once). */
export function friendshipsQueries(db: Db, pairs: [string, string][], now: number) {
  const queries: BatchItem<'sqlite'>[] = []
  for (let i = 0; i < pairs.length; i += ROWS) {
    const rows = pairs.slice(i, i + ROWS).map(([x, y]) => (x < y ? { a: x, b: y, createdAt: now } : { a: y, b: x, createdAt: now }))
    queries.push(db.insert(friendships).values(rows).onConflictDoNothing())
  }
  return queries
}

export function friendshipQuery(db: Db, x: string, y: string, now: number) {
  const [a, b] = x < y ? [x, y] : [y, x]
  return db.insert(friendships).values({ a, b, createdAt: now }).onConflictDoNothing()
}

export async function createPerson(db: Db, worldSecret: string, p: NewPerson, now: number) {
  const appRows = await db.select({ appid: apps.appid, brandId: apps.brandId }).from(apps)
  const [first, ...rest] = peopleQueries(db, worldSecret, appRows, [p], now)
  await db.batch([first!, ...rest])
}

/** Names of the given people, by id (a chat list or a video's likers name a few people of a world that may hold thousands). */
export async function namesOf(db: Db, ids: string[]): Promise<Map<string, { name: string; nameZh: string }>> {
  const names = new Map<string, { name: string; nameZh: string }>()
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += ROWS) {
    const rows = await db.select({ id: people.id, name: people.name, nameZh: people.nameZh }).from(people).where(inArray(people.id, unique.slice(i, i + ROWS)))
    for (const r of rows) names.set(r.id, { name: r.name, nameZh: r.nameZh })
  }
  return names
}

export function listPeople(db: Db) {
  return db.select().from(people).orderBy(asc(people.createdAt), asc(people.id))
}

export async function getPerson(db: Db, id: string): Promise<Person | undefined> {
  const [row] = await db.select().from(people).where(eq(people.id, id))
  return row
}

export async function friendsOf(db: Db, id: string): Promise<string[]> {
  const rows = await db
    .select()
    .from(friendships)
    .where(or(eq(friendships.a, id), eq(friendships.b, id)))
  return rows.map((r) => (r.a === id ? r.b : r.a)).sort()
}

export async function areFriends(db: Db, x: string, y: string) {
  const [a, b] = x < y ? [x, y] : [y, x]
  const [row] = await db.select().from(friendships).where(and(eq(friendships.a, a), eq(friendships.b, b)))
  return Boolean(row)
}

/** The person behind an openid of an app, as the platform resolves it for every API. */
export async function personByOpenid(db: Db, appid: string, openid: string) {
  const [row] = await db
    .select()
    .from(identities)
    .where(and(eq(identities.appid, appid), eq(identities.openid, openid)))
  return row
}

export async function identitiesOf(db: Db, personId: string) {
  return db.select().from(identities).where(eq(identities.personId, personId)).orderBy(asc(identities.appid))
}
