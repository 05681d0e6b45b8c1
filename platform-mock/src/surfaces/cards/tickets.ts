import { createHash } from 'node:crypto'
import { and, desc, eq, gt } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { OVERLAP_MS, TOKEN_TTL_MS } from '../../shared/access-token'
import { invalidTicketType } from './errors'
import { apiTickets } from './schema'
import type { TicketResponse } from './wire'

export type TicketType = 'wx_card' | 'jsapi'

export function asTicketType(type: string | undefined): TicketType {
  if (type === 'wx_card' || type === 'jsapi') return type
  throw invalidTicketType()
}

/**
 * JS-SDK 附录4 (卡券 api_ticket) / 附录1 (jsapi_ticket): 7200 s of virtual time, like the access
 * token. While the current ticket has more than 5 minutes left the same one comes back, so callers
 * that do not cache still sign with a ticket that works; every unexpired ticket keeps verifying.
 */
export async function ticketFor(platform: Platform, appid: string, type: TicketType): Promise<TicketResponse> {
  const { db, clock } = platform
  const now = clock.now()
  const [current] = await db
    .select()
    .from(apiTickets)
    .where(and(eq(apiTickets.appid, appid), eq(apiTickets.type, type)))
    .orderBy(desc(apiTickets.issuedAt))
    .limit(1)
  if (current && current.expiresAt - now > OVERLAP_MS) {
    return { errcode: 0, errmsg: 'ok', ticket: current.ticket, expires_in: Math.floor((current.expiresAt - now) / 1000) }
  }
  // WeChat's tickets are 86-character url-safe strings (sM4AOVdWfPE4DxkXGEs8VMKv7FMCPm-I98-…)
  const ticket = platform.ids.urlsafe(86)
  await db.insert(apiTickets).values({ ticket, appid, type, issuedAt: now, expiresAt: now + TOKEN_TTL_MS })
  return { errcode: 0, errmsg: 'ok', ticket, expires_in: TOKEN_TTL_MS / 1000 }
}

/** Every api_ticket of an app that has not expired on the virtual clock. */
export async function liveTickets(platform: Platform, appid: string, type: TicketType) {
  const rows = await platform.db
    .select({ ticket: apiTickets.ticket })
    .from(apiTickets)
    .where(and(eq(apiTickets.appid, appid), eq(apiTickets.type, type), gt(apiTickets.expiresAt, platform.clock.now())))
  return rows.map((r) => r.ticket)
}

/** What wx.config is signed over (JS-SDK 附录1): the ticket, the nonce, the timestamp and the page. */
export interface JsapiSignInput {
  jsapi_ticket: string
  noncestr: string
  timestamp: string | number
  /** the page's whole URL; what follows `#` is not signed */
  url: string
}

/**
 * The JS-SDK signature (附录1-JS-SDK使用权限签名算法): sha1 of string1, the four fields in ASCII
 * order as `key=value` joined by `&`, the values as they are (no URL-escaping), the URL without
 * its fragment.
 */
export function jsapiSignature(input: JsapiSignInput): { string1: string; signature: string } {
  const url = input.url.split('#')[0]!
  const string1 = `jsapi_ticket=${input.jsapi_ticket}&noncestr=${input.noncestr}&timestamp=${input.timestamp}&url=${url}`
  return { string1, signature: createHash('sha1').update(string1).digest('hex') }
}
