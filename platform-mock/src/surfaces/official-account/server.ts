import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { SandboxError } from '../../shared/errors'
import type { OaApp } from './account'
import { aesKeyOf, sha1Signature } from './crypto'
import { invalid } from './errors'
import { oaServers } from './schema'
import { callServer, verificationFailure } from '../../shared/callout'

export type ServerConfig = typeof oaServers.$inferSelect
export type ServerMode = ServerConfig['mode']

/** WeChat drops a server that has not answered within 5 s. */
export const SERVER_TIMEOUT_MS = 5000

export interface ServerInput {
  url: string
  token?: string
  encodingAESKey?: string
  mode: ServerMode
}

/** Wire-only values (nonces, echostr) are not part of the world, so they stay random. */
export const nonce = () => String(randomBytes(4).readUInt32BE(0))
export const wireTimestamp = () => String(Math.floor(Date.now() / 1000))

/**
 * 服务器配置 → 提交: checks the fields as the admin page does, then verifies the URL with a GET
 * carrying signature, timestamp, nonce and echostr; only a server that echoes echostr verbatim is
 * saved. A failed verification leaves the previous configuration as it was.
 */
export async function configureServer(platform: Platform, app: OaApp, input: ServerInput) {
  let url: URL
  try {
    url = new URL(input.url)
  } catch {
    throw invalid('url is not a URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('url must be http:// or https://')
  const token = input.token ?? app.token ?? ''
  if (!/^[A-Za-z0-9]{3,32}$/.test(token)) throw invalid('token is 3–32 letters or digits')
  const encodingAesKey = input.encodingAESKey ?? app.encodingAesKey ?? ''
  if (!aesKeyOf(encodingAesKey)) throw invalid('encodingAESKey is 43 letters or digits')

  const timestamp = wireTimestamp()
  const n = nonce()
  const echostr = String(randomBytes(8).readBigUInt64BE(0))
  const check = new URL(url)
  check.searchParams.set('signature', sha1Signature(token, timestamp, n))
  check.searchParams.set('echostr', echostr)
  check.searchParams.set('timestamp', timestamp)
  check.searchParams.set('nonce', n)
  const answer = await callServer(check, {}, SERVER_TIMEOUT_MS, { platform, label: 'URL verification', answer: (a) => (verificationFailure(a, echostr, 'echo') ? `${a.status ?? 'no answer'}: not verified` : '200 echostr: verified') })
  const status = answer.status
  const failure = verificationFailure(answer, echostr, 'echo echostr')
  const subject = { appid: app.appid }
  if (failure) {
    await platform.events.append({ actor: 'wechat', surface: 'official-account', type: 'oa.server.verification_failed', subject, payload: { url: input.url, status, reason: failure } })
    throw new SandboxError(422, 'verification_failed', `Token验证失败: ${failure}`)
  }
  const row: ServerConfig = { appid: app.appid, url: url.toString(), token, encodingAesKey, mode: input.mode, verifiedAt: platform.clock.now() }
  await platform.db.insert(oaServers).values(row).onConflictDoUpdate({ target: oaServers.appid, set: row })
  await platform.events.append({ actor: 'wechat', surface: 'official-account', type: 'oa.server.verified', subject, payload: { url: row.url, mode: row.mode } })
  return serverView(row)
}

export async function serverOf(platform: Platform, appid: string): Promise<ServerConfig | undefined> {
  const [row] = await platform.db.select().from(oaServers).where(eq(oaServers.appid, appid))
  return row
}

/** 停用: pushes stop until a server is configured again. */
export async function removeServer(platform: Platform, appid: string) {
  const rows = await platform.db.delete(oaServers).where(eq(oaServers.appid, appid)).returning()
  if (rows.length) await platform.events.append({ actor: 'sandbox', surface: 'official-account', type: 'oa.server.disabled', subject: { appid } })
  return rows.length > 0
}

export function serverView(row: ServerConfig | undefined) {
  if (!row) return { state: 'unconfigured' as const }
  return {
    state: 'enabled' as const,
    url: row.url,
    token: row.token,
    encodingAESKey: row.encodingAesKey,
    mode: row.mode,
    verifiedAt: new Date(row.verifiedAt).toISOString(),
  }
}
