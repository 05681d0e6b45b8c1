import { eq } from 'drizzle-orm'
import { fire } from '../../faults/rules'
import { DEFAULT_CALLER_IP } from '../../faults/kinds/api'
import type { Platform } from '../../platform'
import { WecomError, WxError } from '../errors'
import { issueToken, stableToken } from './index'
import { accessTokens } from './schema'

/** api.weixin.qq.com's answers for the injectable codes, as WeChat words them. */
const WEIXIN = {
  '-1': () => new WxError(-1, 'system error'),
  '40001': () => new WxError(40001, 'invalid credential, access_token is invalid or not latest'),
  'token-not-latest': () => new WxError(40001, 'invalid credential, access_token is invalid or not latest'),
  '42001': () => new WxError(42001, 'access_token expired'),
  '45009': () => new WxError(45009, 'reach max api daily quota limit'),
  '45011': () => new WxError(45011, 'api minute-quota reach limit mustslower retry next minute'),
  '40164': (p: { ip?: string }) => {
    const ip = p.ip ?? DEFAULT_CALLER_IP
    return new WxError(40164, `invalid ip ${ip} ipv6 ::ffff:${ip}, not in whitelist`)
  },
  '48001': () => new WxError(48001, 'api unauthorized'),
  '43101': () => new WxError(43101, 'user refuse to accept the msg'),
  '45047': () => new WxError(45047, 'out of response count limit'),
} as const
type WeixinFault = keyof typeof WEIXIN

const WECOM = {
  '-1': () => new WecomError(-1, 'system busy'),
  '40014': () => new WecomError(40014, 'invalid access_token'),
  '42001': () => new WecomError(42001, 'access_token expired'),
  '45009': () => new WecomError(45009, 'api freq out of limit'),
  '60020': () => new WecomError(60020, 'not allow to access from your ip'),
  '48002': () => new WecomError(48002, 'api forbidden'),
} as const
type WecomFault = keyof typeof WECOM

/** Faults any token API can answer; 43101 and 45047 belong to one API each and fire there, with the person. */
const ON_TOKEN_APIS: WeixinFault[] = ['-1', '40001', 'token-not-latest', '42001', '45009', '45011', '40164', '48001']
const ON_WECOM_TOKEN_APIS: WecomFault[] = ['-1', '40014', '42001', '45009', '60020', '48002']
/** What the token endpoints themselves can answer: busy, or a caller outside the whitelist. */
const ON_TOKEN_FETCH: WeixinFault[] = ['-1', '40164']
const ON_WECOM_TOKEN_FETCH: WecomFault[] = ['-1', '60020']

/**
 * "Another service refreshed the token": the merchant's token stops working now. A plain token is
 * replaced by a new /cgi-bin/token call of the other service; a stable token by its
 * force_refresh — which is what a real second service does to a stable token.
 */
async function supersede(platform: Platform, token: string) {
  const [row] = await platform.db.select().from(accessTokens).where(eq(accessTokens.token, token))
  if (!row) return
  if (row.kind === 'stable') {
    await stableToken(platform, row.owner, true)
    return
  }
  await issueToken(platform, 'weixin', row.owner)
  await platform.db.update(accessTokens).set({ revokedAt: platform.clock.now() }).where(eq(accessTokens.token, token))
}

/**
 * The token middleware's fault point: after the token is checked, a rule of `api` (or `wecom`)
 * may answer in the API's place. Throws the error WeChat would have answered.
 */
export async function tokenApiFault(platform: Platform, host: 'weixin' | 'wecom', at: { route: string; method: string; owner: string; token: string }) {
  if (host === 'wecom') {
    const fired = await fire(platform, { surface: 'wecom', faults: ON_WECOM_TOKEN_APIS, route: at.route, method: at.method, app: at.owner.split(':')[0] })
    if (fired) throw WECOM[fired.rule.fault as WecomFault]()
    return
  }
  const fired = await fire<{ ip?: string }>(platform, { surface: 'api', faults: ON_TOKEN_APIS, route: at.route, method: at.method, app: at.owner })
  if (!fired) return
  if (fired.rule.fault === 'token-not-latest') await supersede(platform, at.token)
  throw WEIXIN[fired.rule.fault as WeixinFault](fired.params)
}

/** The token endpoints' fault point (/cgi-bin/token, /cgi-bin/stable_token, WeCom's /cgi-bin/gettoken), once the caller is known. */
export async function tokenFetchFault(platform: Platform, host: 'weixin' | 'wecom', at: { route: string; method: string; app: string }) {
  if (host === 'wecom') {
    const fired = await fire(platform, { surface: 'wecom', faults: ON_WECOM_TOKEN_FETCH, route: at.route, method: at.method, app: at.app })
    if (fired) throw WECOM[fired.rule.fault as WecomFault]()
    return
  }
  const fired = await fire<{ ip?: string }>(platform, { surface: 'api', faults: ON_TOKEN_FETCH, route: at.route, method: at.method, app: at.app })
  if (fired) throw WEIXIN[fired.rule.fault as WeixinFault](fired.params)
}

/**
 * A fault of one API about one person (43101 on subscribe/send, 45047 on custom/send): asked by
 * that route once it knows whom the message is for.
 */
export async function messageFault(platform: Platform, fault: '43101' | '45047', at: { route: string; method: string; app: string; person: string | null }) {
  const fired = await fire(platform, { surface: 'api', faults: [fault], route: at.route, method: at.method, app: at.app, person: at.person })
  if (fired) throw WEIXIN[fault]()
}
