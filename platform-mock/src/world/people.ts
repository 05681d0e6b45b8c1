import { and, asc, eq, or } from 'drizzle-orm'
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
 * The statements that bring a person into the world: their profile, their wallet and an openid in
 * every app (plus the brand unionid), as WeChat assigns them the first time an app sees them.
 */
export function personQueries(db: Db, worldSecret: string, appRows: { appid: string; brandId: string }[], p: NewPerson, now: number) {
  const queries: BatchItem<'sqlite'>[] = [
    db.insert(people).values({
      id: p.id,
      name: p.name,
      nameZh: p.nameZh ?? p.name,
      avatar: avatarSvg(p.name),
      city: p.city ?? 'Shanghai',
      language: p.language ?? 'en',
      createdAt: now,
    }),
    db.insert(payWallets).values(newWallet(p.id, p.balance ?? 50_000, now)),
  ]
  for (const app of appRows) {
    queries.push(
      db.insert(identities).values({
        appid: app.appid,
        personId: p.id,
        openid: openidFor(worldSecret, app.appid, p.id),
        unionid: unionidFor(worldSecret, app.brandId, p.id),
      }),
    )
  }
  return queries
}

export function friendshipQuery(db: Db, x: string, y: string, now: number) {
  const [a, b] = x < y ? [x, y] : [y, x]
  return db.insert(friendships).values({ a, b, createdAt: now }).onConflictDoNothing()
}

export async function createPerson(db: Db, worldSecret: string, p: NewPerson, now: number) {
  const appRows = await db.select({ appid: apps.appid, brandId: apps.brandId }).from(apps)
  const [first, ...rest] = personQueries(db, worldSecret, appRows, p, now)
  await db.batch([first!, ...rest])
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
