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
