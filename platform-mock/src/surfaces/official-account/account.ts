import { and, eq } from 'drizzle-orm'
import type { Db } from '../../shared/db'
import { getPerson } from '../../world/people'
import { apps, identities } from '../../world/schema'
import { apiUnauthorized, invalidOpenid, noAccount, noPerson } from './errors'
import { oaFollowers } from './schema'

export type OaApp = typeof apps.$inferSelect
export type Follower = typeof oaFollowers.$inferSelect

/** The app behind an API token; only an Official Account may call OA APIs (48001). */
export async function oaOfToken(db: Db, appid: string): Promise<OaApp> {
  const [app] = await db.select().from(apps).where(eq(apps.appid, appid))
  if (app?.kind !== 'official_account') throw apiUnauthorized()
  return app
}

/** An Official Account named by the control API; without an appid, the world's (first) one. */
export async function findOa(db: Db, appid?: string | null): Promise<OaApp> {
  const rows = await db
    .select()
    .from(apps)
    .where(and(eq(apps.kind, 'official_account'), appid ? eq(apps.appid, appid) : undefined))
    .limit(1)
  if (!rows[0]) throw noAccount(appid ?? '(default)')
  return rows[0]
}

/** The person's openid and unionid in an app. */
export async function identityOf(db: Db, appid: string, personId: string) {
  if (!(await getPerson(db, personId))) throw noPerson(personId)
  const [row] = await db
    .select()
    .from(identities)
    .where(and(eq(identities.appid, appid), eq(identities.personId, personId)))
  if (!row) throw noPerson(personId)
  return row
}

/** Who an openid of this app is; 40003 for an openid the app has never seen. */
export async function personOfOpenid(db: Db, appid: string, openid: string) {
  const [row] = await db
    .select()
    .from(identities)
    .where(and(eq(identities.appid, appid), eq(identities.openid, openid)))
  if (!row) throw invalidOpenid()
  return row
}

export async function followerOf(db: Db, appid: string, openid: string): Promise<Follower | undefined> {
  const [row] = await db
    .select()
    .from(oaFollowers)
    .where(and(eq(oaFollowers.appid, appid), eq(oaFollowers.openid, openid)))
  return row
}
