import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { WECHAT_HOSTNAMES } from '../hosts'
import { SandboxError } from '../shared/errors'

/** Who may use the control API and the phone, beyond the machine itself (see README, "Security"). */
export interface ControlAccess {
  /** host names besides loopback that the control API and the phone answer to (e.g. a LAN address) */
  allowedHosts?: readonly string[]
  /** the classroom token (`--host`): callers from other machines must present it */
  token?: string | null
}

/** The cookie a phone on the LAN keeps the token in, set when the printed `/?token=…` URL is opened. */
export const TOKEN_COOKIE = 'sandbox_token'
/** The header scripts on other machines send the token in (`Authorization: Bearer …` works too). */
export const TOKEN_HEADER = 'x-sandbox-token'

const LOOPBACK_NAME = /^(localhost|[a-z0-9.-]+\.localhost|127(\.\d{1,3}){3}|\[::1\]|\[::ffff:127(\.\d{1,3}){3}\])$/i
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i

/** A bare host name as URLs spell it (lower case, IPv6 in brackets), or null when it is none. */
function hostnameOf(hostHeader: string): string | null {
  try {
    const url = new URL(`http://${hostHeader}`)
    return url.username || url.password || url.pathname !== '/' ? null : url.hostname.toLowerCase()
  } catch {
    return null
  }
}

const bracketed = (name: string) => (name.includes(':') && !name.startsWith('[') ? `[${name}]` : name).toLowerCase()

function isLoopbackAddress(address: string | undefined) {
  return !!address && (address === '::1' || /^(::ffff:)?127\./.test(address))
}

/**
 * The guard in front of the control API (`/_sandbox/…`) and the phone (everything that is not a
 * WeChat host):
 *
 * - the Host must be loopback, a configured name or a WeChat host name, so a page on a rebound DNS
 *   name (`evil.example` → 127.0.0.1) gets nothing;
 * - a state-changing call must not come from a page on another host (`Origin`), and must be JSON
 *   (or no body): the content types a page may send cross-origin without asking (`text/plain`, forms)
 *   are refused, and so is a JSON call a page could only send after a CORS preflight, which the
 *   control API never grants;
 * - with a token (`--host`), a caller on another machine presents it: the `sandbox_token` cookie
 *   (set by opening `/?token=…`), the `X-Sandbox-Token` header, `Authorization: Bearer …` or
 *   `?token=`. Callers on the machine itself (the demo store, scenarios, curl) need none.
 *
 * `uploads` are paths that also take raw image bodies (`image/*`, `application/octet-stream`,
 * `multipart/form-data`).
 */
export function controlAccess(access: ControlAccess = {}, uploads: RegExp[] = []): MiddlewareHandler {
  const configured = new Set((access.allowedHosts ?? []).map(bracketed))
  const ours = (name: string | null) => !!name && (LOOPBACK_NAME.test(name) || configured.has(name))
  // SDKs pointed at the sandbox send WeChat's names; no page of ours is ever served from them
  const hostAllowed = (name: string | null) => ours(name) || WECHAT_HOSTNAMES.has(name!)
  const token = access.token ? Buffer.from(access.token) : null

  return async (c, next) => {
    const url = new URL(c.req.url)
    const host = hostnameOf(c.req.header('host') ?? url.host)
    if (!hostAllowed(host)) {
      throw new SandboxError(403, 'forbidden_host', `the sandbox does not answer to the host "${c.req.header('host') ?? url.host}"; use localhost, or start it with --allow-host NAME`)
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin')
      if (origin !== undefined && !ours(originHost(origin))) {
        throw new SandboxError(403, 'forbidden_origin', `control calls are not accepted from pages on ${origin}`)
      }
      const type = c.req.header('content-type')
      const upload = uploads.some((p) => p.test(url.pathname)) && /^(image\/|application\/octet-stream|multipart\/form-data)/i.test(type ?? '')
      if (type !== undefined && type.trim() !== '' && !JSON_TYPE.test(type) && !upload) {
        throw new SandboxError(415, 'unsupported_media_type', `send JSON with Content-Type: application/json, not ${type.split(';')[0]} (curl: --json '{…}')`)
      }
    }
    if (token && url.pathname.startsWith('/_sandbox') && !isLocal(c)) {
      const { presented, fromQuery } = presentedToken(c)
      if (!presented || !sameToken(presented, token)) {
        throw new SandboxError(401, 'token_required', 'this sandbox is shared on the network: open the URL printed at start (…/?token=…) or send the X-Sandbox-Token header')
      }
      if (fromQuery) setTokenCookie(c, presented)
    } else if (token && c.req.method === 'GET' && url.searchParams.has('token')) {
      // the printed URL: keep the token in a cookie and drop it from the address bar
      const presented = url.searchParams.get('token')!
      if (sameToken(presented, token)) {
        setTokenCookie(c, presented)
        url.searchParams.delete('token')
        return c.redirect(url.pathname + url.search, 303)
      }
    }
    await next()
  }
}

function originHost(origin: string) {
  try {
    const url = new URL(origin)
    return /^https?:$/.test(url.protocol) ? url.hostname.toLowerCase() : null
  } catch {
    return null // `null` (a sandboxed frame, a file) or garbage
  }
}

/** The machine itself: in-process calls (`app.request`), loopback, or our own LAN address. */
function isLocal(c: Context) {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  const socket = incoming?.socket
  if (!socket) return true
  return isLoopbackAddress(socket.remoteAddress) || socket.remoteAddress === socket.localAddress
}

function presentedToken(c: Context): { presented: string | null; fromQuery: boolean } {
  const header = c.req.header(TOKEN_HEADER) ?? /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
  if (header) return { presented: header, fromQuery: false }
  const query = c.req.query('token')
  if (query) return { presented: query, fromQuery: true }
  return { presented: getCookie(c, TOKEN_COOKIE) ?? null, fromQuery: false }
}

function sameToken(presented: string, token: Buffer) {
  const given = Buffer.from(presented)
  return given.length === token.length && timingSafeEqual(given, token)
}

function setTokenCookie(c: Context, value: string) {
  setCookie(c, TOKEN_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'Strict' })
}
