import { and, desc, eq, isNull } from 'drizzle-orm'
import { createMiddleware } from 'hono/factory'
import type { Platform } from '../../platform'
import { WecomError, WxError } from '../errors'
import type { PlatformEnv } from '../env'
import { tokenApiFault } from './faults'
import { accessTokens } from './schema'

/** Access tokens live 7200 s of virtual time. */
export const TOKEN_TTL_MS = 7200 * 1000
/** After renewal the previous token keeps working this long. */
export const OVERLAP_MS = 5 * 60 * 1000

type Host = 'weixin' | 'wecom'
type Kind = 'plain' | 'stable'

/** A new token string: long and opaque like WeChat's (SDKs reserve ≥ 512 bytes). */
function mint(platform: Platform) {
  return platform.ids.urlsafe(136)
}

/**
 * Issues a token for `owner` (appid, or `corpid:agentid` on WeCom). A plain token cuts the
 * previous plain token of the owner short to a 5-minute overlap; stable tokens are independent.
 */
export async function issueToken(platform: Platform, host: Host, owner: string, kind: Kind = 'plain') {
  const { db, clock } = platform
  const now = clock.now()
  const token = mint(platform)
  const row = { token, owner, host, kind, issuedAt: now, expiresAt: now + TOKEN_TTL_MS }
  await db.batch([
    db
      .update(accessTokens)
      .set({ revokedAt: now + OVERLAP_MS })
      .where(and(eq(accessTokens.owner, owner), eq(accessTokens.kind, kind), isNull(accessTokens.revokedAt))),
    db.insert(accessTokens).values(row),
  ])
  return { access_token: token, expires_in: TOKEN_TTL_MS / 1000 }
}

/**
 * The stable token of an owner: the same token while it has more than 5 minutes left; inside its
 * last 5 minutes a successor is issued and both work until the old one expires.
 */
export async function stableToken(platform: Platform, owner: string, forceRefresh: boolean) {
  const { db, clock } = platform
  const now = clock.now()
  const [current] = await db
    .select()
    .from(accessTokens)
    .where(and(eq(accessTokens.owner, owner), eq(accessTokens.kind, 'stable'), isNull(accessTokens.revokedAt)))
    .orderBy(desc(accessTokens.issuedAt))
    .limit(1)
  if (current && !forceRefresh && current.expiresAt - now > OVERLAP_MS) {
    return { access_token: current.token, expires_in: Math.floor((current.expiresAt - now) / 1000) }
  }
  if (current && forceRefresh) {
    await db.update(accessTokens).set({ revokedAt: now }).where(eq(accessTokens.token, current.token))
  } else if (current) {
    // renewal inside the last 5 minutes: the old one lives out its time
    await db.update(accessTokens).set({ revokedAt: current.expiresAt }).where(eq(accessTokens.token, current.token))
  }
  const token = mint(platform)
  await db.insert(accessTokens).values({ token, owner, host: 'weixin', kind: 'stable', issuedAt: now, expiresAt: now + TOKEN_TTL_MS })
  return { access_token: token, expires_in: TOKEN_TTL_MS / 1000 }
}

export type TokenCheck = { ok: true; owner: string } | { ok: false; errcode: 40001 | 41001 | 42001 | 40014 }

/** Checks a token against the virtual clock. */
export async function checkToken(platform: Platform, host: Host, token: string | undefined): Promise<TokenCheck> {
  if (!token) return { ok: false, errcode: 41001 }
  const [row] = await platform.db.select().from(accessTokens).where(eq(accessTokens.token, token))
  if (!row || row.host !== host) return { ok: false, errcode: host === 'wecom' ? 40014 : 40001 }
  const now = platform.clock.now()
  const end = Math.min(row.expiresAt, row.revokedAt ?? Infinity)
  if (now >= end) return row.revokedAt !== null && row.revokedAt < row.expiresAt
    ? { ok: false, errcode: host === 'wecom' ? 40014 : 40001 }
    : { ok: false, errcode: 42001 }
  return { ok: true, owner: row.owner }
}

const WEIXIN_MESSAGES = {
  40001: 'invalid credential, access_token is invalid or not latest',
  40014: 'invalid access_token',
  41001: 'access_token missing',
  42001: 'access_token expired',
} as const

const WECOM_MESSAGES = {
  40001: 'invalid secret',
  40014: 'invalid access_token',
  41001: 'access_token missing',
  42001: 'access_token expired',
} as const

/** Guards a route with `?access_token=`; the token's owner lands in `c.var.tokenOwner`. */
export function accessToken(host: Host = 'weixin') {
  return createMiddleware<PlatformEnv>(async (c, next) => {
    const check = await checkToken(c.var.platform, host, c.req.query('access_token'))
    if (!check.ok) {
      throw host === 'wecom'
        ? new WecomError(check.errcode, WECOM_MESSAGES[check.errcode])
        : new WxError(check.errcode, WEIXIN_MESSAGES[check.errcode])
    }
    c.set('tokenOwner', check.owner)
    // a fault rule may answer in the API's place (the fault library, surfaces api / wecom)
    await tokenApiFault(c.var.platform, host, { route: c.req.path, method: c.req.method, owner: check.owner, token: c.req.query('access_token')! })
    await next()
  })
}
