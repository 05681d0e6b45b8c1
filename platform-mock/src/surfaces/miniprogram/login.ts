import { and, desc, eq, gt, isNull } from 'drizzle-orm'
import type { Platform } from '../../platform'
import type { Db } from '../../shared/db'
import { apps, identities } from '../../world/schema'
import { appidMissing, codeBeenUsed, codeMissing, invalidAppid, invalidCode, invalidSecret, secretMissing } from './errors'
import { mpLoginCodes } from './schema'

/** A wx.login code is good for five minutes of virtual time, once. */
export const LOGIN_CODE_TTL_MS = 5 * 60 * 1000

/** The insert of a fresh `wx.login` code for a person in an app, with the session_key it unlocks. */
export function loginCodeQuery(platform: Platform, appid: string, personId: string) {
  const now = platform.clock.now()
  const row = {
    code: platform.ids.alnum(32),
    appid,
    personId,
    sessionKey: platform.ids.bytes(16).toString('base64'),
    issuedAt: now,
    expiresAt: now + LOGIN_CODE_TTL_MS,
  }
  return { row, query: platform.db.insert(mpLoginCodes).values(row) }
}

/** wx.login: `{code, errMsg: 'login:ok'}`. */
export async function login(platform: Platform, appid: string, personId: string) {
  const { row, query } = loginCodeQuery(platform, appid, personId)
  await query
  return { code: row.code, errMsg: 'login:ok' }
}

/**
 * code2Session: checks the app's secret, then uses the code up (single use, unexpired, this app's)
 * and answers the person's openid, the login's session_key and the brand unionid.
 */
export async function codeToSession(platform: Platform, q: { appid?: string; secret?: string; js_code?: string }) {
  const { db, clock } = platform
  if (!q.appid) throw appidMissing()
  if (!q.secret) throw secretMissing()
  if (!q.js_code) throw codeMissing()
  const [app] = await db.select().from(apps).where(eq(apps.appid, q.appid))
  if (!app) throw invalidAppid()
  if (app.secret !== q.secret) throw invalidSecret()
  const now = clock.now()
  const [used] = await db
    .update(mpLoginCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(mpLoginCodes.code, q.js_code),
        eq(mpLoginCodes.appid, app.appid),
        isNull(mpLoginCodes.usedAt),
        gt(mpLoginCodes.expiresAt, now),
      ),
    )
    .returning()
  if (!used) {
    // a code of this app already exchanged is 40163; unknown, another app's or expired is 40029
    const [seen] = await db.select({ usedAt: mpLoginCodes.usedAt }).from(mpLoginCodes).where(and(eq(mpLoginCodes.code, q.js_code), eq(mpLoginCodes.appid, app.appid)))
    throw seen?.usedAt != null ? codeBeenUsed() : invalidCode()
  }
  const identity = await identityOf(db, app.appid, used.personId)
  if (!identity) throw invalidCode()
  return { personId: used.personId, session: { session_key: used.sessionKey, openid: identity.openid, unionid: identity.unionid } }
}

/**
 * The session_key of the person's current session in the app: that of their latest wx.login (what
 * encrypted open data is sealed with; a merchant holding an older one cannot open it, as in WeChat).
 */
export async function currentSessionKey(db: Db, appid: string, personId: string) {
  const [row] = await db
    .select({ sessionKey: mpLoginCodes.sessionKey })
    .from(mpLoginCodes)
    .where(and(eq(mpLoginCodes.appid, appid), eq(mpLoginCodes.personId, personId)))
    .orderBy(desc(mpLoginCodes.issuedAt))
    .limit(1)
  return row?.sessionKey
}

/** The person's openid and unionid in an app. */
export async function identityOf(db: Db, appid: string, personId: string) {
  const [row] = await db
    .select()
    .from(identities)
    .where(and(eq(identities.appid, appid), eq(identities.personId, personId)))
  return row
}
