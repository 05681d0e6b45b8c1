import { randomBytes } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import type { Platform } from '../../platform'
import type { PlatformEnv } from '../../shared/env'
import { merchantKeys, requestMessage, responseMessage, rsaSign, rsaVerify, type PlatformSigner } from './crypto'
import { bodyTooLarge, signError } from './errors'
import { checkFaults, slowAnswer } from './faults'
import { signedHeaders } from './key-faults'
import { findMerchant } from './merchants'

declare module 'hono' {
  interface ContextVariableMap {
    /** the merchant whose signature a pay request carried (set by `payAuth`) */
    payMchid: string
  }
}

/** Requests older (or newer) than this are refused, the window SDKs apply to responses. */
export const MAX_SKEW_SECONDS = 300
/** The largest request body accepted. */
export const MAX_BODY_BYTES = 128 * 1024

const SCHEME = 'WECHATPAY2-SHA256-RSA2048'

/** The fields of an `Authorization: WECHATPAY2-SHA256-RSA2048 k="v",…` header, in any order. */
export function parseAuthorization(header: string | undefined) {
  if (!header) return null
  const match = /^\s*(\S+)\s+(.*)$/s.exec(header)
  if (!match || match[1] !== SCHEME) return null
  const fields: Record<string, string> = {}
  const rest = match[2]!
  const pair = /\s*([a-z_]+)="([^"]*)"\s*(,|$)/gy
  let m: RegExpExecArray | null
  while (pair.lastIndex < rest.length && (m = pair.exec(rest))) fields[m[1]!] = m[2]!
  if (pair.lastIndex !== rest.length && rest.trim() !== '') return null
  const { mchid, nonce_str, timestamp, serial_no, signature } = fields
  if (!mchid || !nonce_str || !timestamp || !serial_no || !signature) return null
  return { mchid, nonce_str, timestamp, serial_no, signature }
}

/** The raw body bytes (Hono caches them, so the JSON validator later reads the same bytes). */
async function readBody(c: Context): Promise<Buffer> {
  if (Number(c.req.header('content-length')) > MAX_BODY_BYTES) throw bodyTooLarge(MAX_BODY_BYTES)
  if (!c.req.raw.body) return Buffer.alloc(0)
  const body = Buffer.from(await c.req.arrayBuffer())
  if (body.length > MAX_BODY_BYTES) throw bodyTooLarge(MAX_BODY_BYTES)
  return body
}

/**
 * WeChat Pay's request authentication (签名验证): the merchant's RSA-SHA256 signature over method,
 * path and query as sent, timestamp, nonce and the raw body bytes, checked with the merchant API
 * certificate's key. Anything wrong is `401 SIGN_ERROR`, before the handler runs.
 */
export const payAuth = (): MiddlewareHandler<PlatformEnv> => async (c, next) => {
  const { platform } = c.var
  const url = new URL(c.req.url)
  const target = url.pathname + url.search
  const body = await readBody(c)
  const auth = parseAuthorization(c.req.header('authorization'))
  if (!auth) throw signError('Authorization 缺失或格式错误', { field: 'authorization', location: 'header' })
  const merchant = await findMerchant(platform, auth.mchid)
  const keys = merchant && merchantKeys(platform.credentials, auth.mchid)
  if (!merchant || !keys) throw signError('mchid not found', { field: 'mchid', location: 'authorization' })
  if (auth.serial_no.toUpperCase() !== keys.merchantSerial.toUpperCase()) {
    throw signError('serial_no not match', { field: 'serial_no', location: 'authorization', value: auth.serial_no })
  }
  const ts = Number(auth.timestamp)
  if (!/^\d{1,12}$/.test(auth.timestamp) || Math.abs(Date.now() / 1000 - ts) > MAX_SKEW_SECONDS) {
    throw signError('timestamp expired', { field: 'timestamp', location: 'authorization', value: auth.timestamp })
  }
  const message = requestMessage(c.req.method, target, auth.timestamp, auth.nonce_str, body)
  if (!rsaVerify(keys.merchantPublicKey, message, auth.signature)) {
    const head = `${c.req.method}\n${target}\n${auth.timestamp}\n${auth.nonce_str}\n`
    throw signError('sign not match', {
      field: 'signature',
      location: 'authorization',
      sign_information: {
        method: c.req.method,
        sign_message_length: message.length,
        truncated_sign_message: `${head}${body.subarray(0, 8).toString('utf8')}\n`,
        url: target,
      },
    })
  }
  c.set('payMchid', auth.mchid)
  await checkFaults(platform, c.req.method, url.pathname, auth.mchid)
  const hold = await slowAnswer(platform, c.req.method, url.pathname, auth.mchid)
  await next()
  await hold?.()
}

/** The key and serial that sign for a merchant in its current mode. */
export async function platformSigner(platform: Platform, mchid: string): Promise<PlatformSigner> {
  const merchant = await findMerchant(platform, mchid)
  const keys = merchantKeys(platform.credentials, mchid)
  if (!merchant || !keys) throw new Error(`no keys for merchant ${mchid}`)
  return keys.signers[merchant.platformMode]
}

/**
 * The headers that sign a response or notification body (real time: SDKs allow 300 s of skew;
 * `skewSeconds` moves the timestamp, for fault `clock-skew`).
 */
export function signatureHeaders(signer: PlatformSigner, body: Buffer | string, skewSeconds = 0): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000) + skewSeconds)
  const nonce = randomBytes(16).toString('hex').toUpperCase()
  return {
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': rsaSign(signer.key, responseMessage(timestamp, nonce, body)),
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Serial': signer.serial,
    'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
  }
}

/**
 * Signs every 2xx answer of api.mch.weixin.qq.com (204 included, over an empty body) with the
 * platform key the merchant verifies with: the WeChat Pay public key or the platform certificate
 * (the `pay-keys` faults applied).
 */
export const signPayResponses = (): MiddlewareHandler<PlatformEnv> => async (c, next) => {
  await next()
  const res = c.res
  const mchid = c.get('payMchid')
  if (res.status < 200 || res.status > 299 || !mchid) return
  // a bill file is the one answer WeChat Pay does not sign
  if (res.headers.has('X-Sandbox-Unsigned')) {
    res.headers.delete('X-Sandbox-Unsigned')
    return
  }
  const body = Buffer.from(await res.arrayBuffer())
  const headers = new Headers(res.headers)
  const signed = await signedHeaders(c.var.platform, mchid, body, new URL(c.req.url).pathname, c.req.method)
  for (const [k, v] of Object.entries(signed)) headers.set(k, v)
  c.res = new Response(res.status === 204 ? null : body, { status: res.status, headers })
}
