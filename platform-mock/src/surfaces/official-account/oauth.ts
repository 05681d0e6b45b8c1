import { eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { getPerson } from '../../world/people'
import { apps } from '../../world/schema'
import { findOa, identityOf } from './account'
import {
  apiUnauthorized, codeExpired, codeUsed, invalid, invalidAppid, invalidCode, invalidGrantType, invalidOauthToken,
  invalidOpenid, invalidRefreshToken, invalidSecret, oauthTokenExpired, refreshTokenExpired,
} from './errors'
import { oaOauthCodes, oaOauthTokens } from './schema'

const CODE_TTL_MS = 5 * 60 * 1000
const TOKEN_TTL_MS = 7200 * 1000
const REFRESH_TTL_MS = 30 * 86_400 * 1000

export type OauthScope = 'snsapi_base' | 'snsapi_userinfo'

/**
 * open.weixin.qq.com/connect/oauth2/authorize, as the person's WeChat browser does it (consent
 * given for snsapi_userinfo): a single-use code for 5 minutes and the redirect it lands on.
 */
export async function authorize(platform: Platform, personId: string, req: { appid?: string; redirect_uri: string; scope: OauthScope; state?: string }) {
  const app = await findOa(platform.db, req.appid)
  await identityOf(platform.db, app.appid, personId)
  let redirect: URL
  try {
    redirect = new URL(req.redirect_uri)
  } catch {
    throw invalid('redirect_uri 参数错误')
  }
  const code = platform.ids.alnum(32)
  await platform.db.insert(oaOauthCodes).values({ code, appid: app.appid, personId, scope: req.scope, expiresAt: platform.clock.now() + CODE_TTL_MS })
  redirect.searchParams.set('code', code)
  redirect.searchParams.set('state', req.state ?? '')
  await platform.events.append({ actor: personId, surface: 'official-account', type: 'oa.oauth.authorized', subject: { appid: app.appid, person: personId }, payload: { scope: req.scope, redirectUri: req.redirect_uri } })
  return { code, state: req.state ?? '', location: redirect.toString() }
}

async function checkApp(platform: Platform, appid: string | undefined, secret: string | undefined) {
  const [app] = appid ? await platform.db.select().from(apps).where(eq(apps.appid, appid)) : []
  if (app?.kind !== 'official_account') throw invalidAppid()
  if (secret !== undefined && secret !== app.secret) throw invalidSecret()
  return app
}

async function tokenResponse(platform: Platform, appid: string, personId: string, scope: string, refreshToken?: string) {
  const { ids, clock, db } = platform
  const now = clock.now()
  const row = {
    accessToken: ids.urlsafe(86),
    refreshToken: refreshToken ?? ids.urlsafe(86),
    appid,
    personId,
    scope,
    expiresAt: now + TOKEN_TTL_MS,
    refreshExpiresAt: now + REFRESH_TTL_MS,
  }
  if (refreshToken) {
    const [old] = await db.select().from(oaOauthTokens).where(eq(oaOauthTokens.refreshToken, refreshToken))
    row.refreshExpiresAt = old!.refreshExpiresAt
    await db.batch([db.delete(oaOauthTokens).where(eq(oaOauthTokens.refreshToken, refreshToken)), db.insert(oaOauthTokens).values(row)])
  } else {
    await db.insert(oaOauthTokens).values(row)
  }
  const id = await identityOf(db, appid, personId)
  return { access_token: row.accessToken, expires_in: TOKEN_TTL_MS / 1000, refresh_token: row.refreshToken, openid: id.openid, scope, unionid: id.unionid }
}

/** 通过code换取网页授权access_token (sns/oauth2/access_token). */
export async function exchangeCode(platform: Platform, q: Record<string, string | undefined>) {
  const app = await checkApp(platform, q.appid, q.secret ?? '')
  if (q.grant_type !== 'authorization_code') throw invalidGrantType()
  const [row] = q.code ? await platform.db.select().from(oaOauthCodes).where(eq(oaOauthCodes.code, q.code)) : []
  if (!row || row.appid !== app.appid) throw invalidCode()
  if (row.usedAt !== null) throw codeUsed()
  if (platform.clock.now() >= row.expiresAt) throw codeExpired()
  await platform.db.update(oaOauthCodes).set({ usedAt: platform.clock.now() }).where(eq(oaOauthCodes.code, row.code))
  return tokenResponse(platform, app.appid, row.personId, row.scope)
}

/** 刷新access_token (sns/oauth2/refresh_token): same refresh_token, fresh access_token. */
export async function refresh(platform: Platform, q: Record<string, string | undefined>) {
  const app = await checkApp(platform, q.appid, undefined)
  if (q.grant_type !== 'refresh_token') throw invalidGrantType()
  const [row] = q.refresh_token ? await platform.db.select().from(oaOauthTokens).where(eq(oaOauthTokens.refreshToken, q.refresh_token)) : []
  if (!row || row.appid !== app.appid) throw invalidRefreshToken()
  if (platform.clock.now() >= row.refreshExpiresAt) throw refreshTokenExpired()
  return tokenResponse(platform, app.appid, row.personId, row.scope, row.refreshToken)
}

async function checkToken(platform: Platform, token: string | undefined, openid: string | undefined) {
  const [row] = token ? await platform.db.select().from(oaOauthTokens).where(eq(oaOauthTokens.accessToken, token)) : []
  if (!row) throw invalidOauthToken()
  if (platform.clock.now() >= row.expiresAt) throw oauthTokenExpired()
  const id = await identityOf(platform.db, row.appid, row.personId)
  if (openid !== id.openid) throw invalidOpenid()
  return { row, id }
}

/** 检验授权凭证 (sns/auth). */
export async function checkAuth(platform: Platform, token: string | undefined, openid: string | undefined) {
  await checkToken(platform, token, openid)
}

/** 拉取用户信息 (sns/userinfo): snsapi_userinfo tokens only (48001 for snsapi_base). */
export async function snsUserInfo(platform: Platform, token: string | undefined, openid: string | undefined, avatarBase: string) {
  const { row, id } = await checkToken(platform, token, openid)
  if (row.scope !== 'snsapi_userinfo') throw apiUnauthorized()
  const person = (await getPerson(platform.db, row.personId))!
  return {
    openid: id.openid,
    nickname: person.name,
    sex: 0,
    language: '',
    city: '',
    province: '',
    country: '',
    headimgurl: `${avatarBase}/_sandbox/people/${person.id}/avatar.svg`,
    privilege: [] as string[],
    unionid: id.unionid,
  }
}
