import { randomBytes } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { weixinTokens, wecomTokens } from './shared/access-token/routes'
import { limitBody as limitStream } from './shared/body-limit'
import type { PlatformEnv } from './shared/env'
import { contentTooLarge, errorResponse, invalidUrl, requirePost, PayError, SandboxError, WecomError, type Envelope } from './shared/errors'
import { cards } from './surfaces/cards/routes'
import { miniprogram } from './surfaces/miniprogram/routes'
import { MAX_UPLOAD_BYTES } from './surfaces/official-account/materials'
import { officialAccount, officialAccountPictures, officialAccountWeb } from './surfaces/official-account/routes'
import { MAX_BODY_BYTES, signPayResponses } from './surfaces/pay/auth'
import { bodyTooLarge } from './surfaces/pay/errors'
import { pay } from './surfaces/pay/routes'
import { payBills } from './surfaces/pay/bills'
import { wecom, wecomPictures } from './surfaces/wecom/routes'

/** The WeChat hosts the platform emulates. */
export type WeChatHost = 'api.weixin.qq.com' | 'api.mch.weixin.qq.com' | 'qyapi.weixin.qq.com' | 'mp.weixin.qq.com' | 'p.qpic.cn' | 'mmbiz.qpic.cn'

/** The largest body a JSON API of api.weixin.qq.com or WeCom takes (an article's content is < 1 MB). */
export const MAX_API_BODY_BYTES = 2 * 1024 * 1024

/** What each host answers a body over its limit with, in its own envelope. */
const TOO_LARGE: Record<Envelope, () => Error> = {
  pay: () => bodyTooLarge(MAX_BODY_BYTES),
  weixin: () => contentTooLarge(),
  wecom: () => new WecomError(45002, 'content size out of limit'),
  sandbox: () => new SandboxError(413, 'payload_too_large', `the body is over the limit of the control API`),
}

/** Counts a body while it streams in and refuses it, in the host's envelope, once over `maxBytes`. */
export const limitBody = (envelope: Envelope, maxBytes: number) =>
  limitStream(maxBytes, (c) => errorResponse(envelope, TOO_LARGE[envelope](), c.var.requestId ?? 'unknown'))

/**
 * A Hono app for one WeChat host: its surfaces, and its own envelope for errors and unknown paths.
 * Bodies are counted while they stream in and refused once over the host's limit, so a huge or
 * endless body never sits in memory.
 */
function hostApp(envelope: Envelope, notFound: (c: Context<PlatformEnv>) => Response, maxBytes: number | ((path: string) => number) = MAX_API_BODY_BYTES) {
  const app = new Hono<PlatformEnv>()
  app.use(async (c, next) => {
    c.set('platform', c.env.platform)
    c.set('db', c.env.platform.db)
    c.set('requestId', requestIdFor(envelope))
    await next()
  })
  app.use((c, next) => limitBody(envelope, typeof maxBytes === 'number' ? maxBytes : maxBytes(c.req.path))(c, next))
  app.notFound((c) => notFound(c))
  app.onError((err, c) => errorResponse(envelope, err, c.var.requestId ?? 'unknown'))
  return app
}

/** Request ids in each host's shape. They are not part of the world, so they stay random. */
function requestIdFor(envelope: Envelope) {
  const hex = (n: number) => randomBytes(Math.ceil(n / 2)).toString('hex').slice(0, n)
  if (envelope === 'pay') return `${hex(40).toUpperCase()}-0`
  if (envelope === 'wecom') return `${Date.now()}${hex(8)}`
  return `${hex(8)}-${hex(8)}-${hex(8)}`
}

/** The paths an app answers only by POST (its routes are plain paths, as WeChat documents them). */
function postOnlyPaths(app: Hono<PlatformEnv>) {
  const get = new Set(app.routes.filter((r) => r.method === 'GET').map((r) => r.path))
  return new Set(app.routes.filter((r) => r.method === 'POST' && !get.has(r.path)).map((r) => r.path))
}

/** api.weixin.qq.com: Official Account, mini program and Channels shop APIs. */
let weixinPostOnly: Set<string> | undefined
/** Uploads (a permanent picture may be 10 MB) take more than a JSON API. */
const UPLOADS = new Set(['/cgi-bin/material/add_material', '/cgi-bin/media/uploadimg'])
const weixinApi = hostApp(
  'weixin',
  (c) => {
    // another method on a POST API is WeChat's 43002, not an unknown URL
    weixinPostOnly ??= postOnlyPaths(weixinApi)
    const err = c.req.method !== 'POST' && weixinPostOnly.has(c.req.path) ? requirePost() : invalidUrl()
    return err.getResponse(c.var.requestId)
  },
  (path) => (UPLOADS.has(path) ? MAX_UPLOAD_BYTES : MAX_API_BODY_BYTES),
)
weixinApi.route('/', weixinTokens).route('/', officialAccount).route('/', miniprogram)
weixinApi.route('/', cards)

/** api.mch.weixin.qq.com: WeChat Pay API v3. */
const payApi = hostApp('pay', () => new PayError(404, 'RESOURCE_NOT_EXISTS', '请求的资源不存在').getResponse(), MAX_BODY_BYTES)
payApi.use(async (c, next) => {
  await next()
  c.res.headers.set('Request-ID', c.var.requestId)
})
payApi.use(signPayResponses())
payApi.route('/', pay).route('/', payBills)

/** qyapi.weixin.qq.com: WeCom. */
const wecomApi = hostApp('wecom', () => new WecomError(40066, 'invalid url').getResponse(requestIdFor('wecom')))
wecomApi.route('/', wecomTokens).route('/', wecom)

/** mp.weixin.qq.com: the Official Account web pages (QR images, articles). */
const mpWeb = hostApp('weixin', () => new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain' } }))
mpWeb.route('/', officialAccountWeb)

/** p.qpic.cn: WeCom's picture host (contact-me code images, `qr_code`). */
const qpic = hostApp('weixin', () => new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain' } }))
qpic.route('/', wecomPictures)

/** mmbiz.qpic.cn: the Official Account's picture host (uploaded covers and article images). */
const mmbiz = hostApp('weixin', () => new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain' } }))
mmbiz.route('/', officialAccountPictures)

export const HOSTS: Record<WeChatHost, Hono<PlatformEnv>> = {
  'api.weixin.qq.com': weixinApi,
  'api.mch.weixin.qq.com': payApi,
  'qyapi.weixin.qq.com': wecomApi,
  'mp.weixin.qq.com': mpWeb,
  'p.qpic.cn': qpic,
  'mmbiz.qpic.cn': mmbiz,
}

const ALIASES: Record<string, WeChatHost> = { 'api2.mch.weixin.qq.com': 'api.mch.weixin.qq.com' }

/** Every host name the platform answers as WeChat (SDKs send these as Host). */
export const WECHAT_HOSTNAMES: ReadonlySet<string> = new Set([...Object.keys(HOSTS), ...Object.keys(ALIASES)])

function asWeChatHost(name: string | undefined | null): WeChatHost | undefined {
  if (!name) return undefined
  const bare = name.split(',')[0]!.trim().toLowerCase().replace(/:\d+$/, '')
  return bare in HOSTS ? (bare as WeChatHost) : ALIASES[bare]
}

/**
 * Which WeChat host a request is for, and the path it has there: by the X-Forwarded-Host or Host
 * header (or the URL's host, for intercepted calls) when it names a WeChat host, else by path.
 */
export function pickHost(url: URL, headers: Headers): { host: WeChatHost; path: string } | null {
  const named = asWeChatHost(headers.get('x-forwarded-host')) ?? asWeChatHost(url.hostname) ?? asWeChatHost(headers.get('host'))
  const path = url.pathname
  if (named) return { host: named, path }
  if (path.startsWith('/v3/')) return { host: 'api.mch.weixin.qq.com', path }
  if (path.startsWith('/wecom/cgi-bin/')) return { host: 'qyapi.weixin.qq.com', path: path.slice('/wecom'.length) }
  if (path.startsWith('/mp/')) return { host: 'mp.weixin.qq.com', path: path.slice('/mp'.length) }
  if (path === '/cgi-bin/showqrcode') return { host: 'mp.weixin.qq.com', path }
  if (path.startsWith('/wwhead/')) return { host: 'p.qpic.cn', path }
  if (/^\/mmbiz_(png|jpg|gif|bmp)\//.test(path)) return { host: 'mmbiz.qpic.cn', path }
  if (/^\/(cgi-bin|sns|wxa|wxaapi|customservice|channels|datacube|shop|product|card)\//.test(path)) return { host: 'api.weixin.qq.com', path }
  return null
}
