import { randomBytes } from 'node:crypto'
import { Hono } from 'hono'
import { weixinTokens, wecomTokens } from './shared/access-token/routes'
import type { PlatformEnv } from './shared/env'
import { errorResponse, invalidUrl, PayError, WecomError, type Envelope } from './shared/errors'
import { cards } from './surfaces/cards/routes'
import { miniprogram } from './surfaces/miniprogram/routes'
import { officialAccount, officialAccountWeb } from './surfaces/official-account/routes'
import { signPayResponses } from './surfaces/pay/auth'
import { pay } from './surfaces/pay/routes'
import { wecom, wecomPictures } from './surfaces/wecom/routes'

/** The WeChat hosts the platform emulates. */
export type WeChatHost = 'api.weixin.qq.com' | 'api.mch.weixin.qq.com' | 'qyapi.weixin.qq.com' | 'mp.weixin.qq.com' | 'p.qpic.cn'

/** A Hono app for one WeChat host: its surfaces, and its own envelope for errors and unknown paths. */
function hostApp(envelope: Envelope, notFound: () => Response) {
  const app = new Hono<PlatformEnv>()
  app.use(async (c, next) => {
    c.set('platform', c.env.platform)
    c.set('db', c.env.platform.db)
    c.set('requestId', requestIdFor(envelope))
    await next()
  })
  app.notFound(() => notFound())
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

/** api.weixin.qq.com: Official Account, mini program and Channels shop APIs. */
const weixinApi = hostApp('weixin', () => invalidUrl().getResponse(requestIdFor('weixin')))
weixinApi.route('/', weixinTokens).route('/', officialAccount).route('/', miniprogram)
weixinApi.route('/', cards)

/** api.mch.weixin.qq.com: WeChat Pay API v3. */
const payApi = hostApp('pay', () => new PayError(404, 'RESOURCE_NOT_EXISTS', '请求的资源不存在').getResponse())
payApi.use(async (c, next) => {
  await next()
  c.res.headers.set('Request-ID', c.var.requestId)
})
payApi.use(signPayResponses())
payApi.route('/', pay)

/** qyapi.weixin.qq.com: WeCom. */
const wecomApi = hostApp('wecom', () => new WecomError(40066, 'invalid url').getResponse(requestIdFor('wecom')))
wecomApi.route('/', wecomTokens).route('/', wecom)

/** mp.weixin.qq.com: the Official Account web pages (QR images, articles). */
const mpWeb = hostApp('weixin', () => new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain' } }))
mpWeb.route('/', officialAccountWeb)

/** p.qpic.cn: WeCom's picture host (contact-me code images, `qr_code`). */
const qpic = hostApp('weixin', () => new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain' } }))
qpic.route('/', wecomPictures)

export const HOSTS: Record<WeChatHost, Hono<PlatformEnv>> = {
  'api.weixin.qq.com': weixinApi,
  'api.mch.weixin.qq.com': payApi,
  'qyapi.weixin.qq.com': wecomApi,
  'mp.weixin.qq.com': mpWeb,
  'p.qpic.cn': qpic,
}

const ALIASES: Record<string, WeChatHost> = { 'api2.mch.weixin.qq.com': 'api.mch.weixin.qq.com' }

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
  if (/^\/(cgi-bin|sns|wxa|wxaapi|customservice|channels|datacube|shop|product|card)\//.test(path)) return { host: 'api.weixin.qq.com', path }
  return null
}
