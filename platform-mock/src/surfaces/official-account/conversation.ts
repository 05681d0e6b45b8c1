import { and, desc, eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import type { Db } from '../../shared/db'
import { oaInteractions, oaMessages } from './schema'

export type OaMessage = typeof oaMessages.$inferSelect
export type NewOaMessage = Omit<typeof oaMessages.$inferInsert, 'seq' | 'sentAt'>

/** What WeChat shows when the account's server failed or answered nonsense. */
export const UNAVAILABLE = '该公众号暂时无法提供服务，请稍后再试'

/** The customer-service window: 48 hours after the person's last interaction. */
export const WINDOW_MS = 48 * 3600 * 1000

export function messageQuery(platform: Platform, m: NewOaMessage) {
  return platform.db.insert(oaMessages).values({ ...m, sentAt: platform.clock.now() }).returning()
}

/** Records an interaction that opens (or renews) the 48-hour window. */
export function interactionQuery(platform: Platform, appid: string, openid: string, kind: string) {
  const row = { appid, openid, lastAt: platform.clock.now(), kind }
  return platform.db.insert(oaInteractions).values(row).onConflictDoUpdate({ target: [oaInteractions.appid, oaInteractions.openid], set: row })
}

export async function insideWindow(platform: Platform, appid: string, openid: string) {
  const [row] = await platform.db
    .select()
    .from(oaInteractions)
    .where(and(eq(oaInteractions.appid, appid), eq(oaInteractions.openid, openid)))
  return !!row && platform.clock.now() - row.lastAt < WINDOW_MS
}

/** Tells the person's phone that the account wrote to them. */
export async function announce(platform: Platform, m: OaMessage) {
  await platform.events.append({
    actor: m.appid,
    surface: 'official-account',
    type: 'oa.message.delivered',
    subject: { appid: m.appid, person: m.personId, message: String(m.seq) },
    channel: 'official-account',
    payload: { recipients: [m.personId], source: m.source, kind: m.kind, preview: preview(m) },
  })
}

/** Writes one message from the account to a person and announces it. */
export async function deliver(platform: Platform, m: NewOaMessage) {
  const [row] = await messageQuery(platform, { ...m, direction: 'out' })
  await announce(platform, row!)
  return row!
}

export function preview(m: OaMessage) {
  const b = m.body as Record<string, any>
  switch (m.kind) {
    case 'text':
      return String(b.content ?? '').replace(/<[^>]+>/g, '').slice(0, 60)
    case 'news':
      return `[Link] ${b.articles?.[0]?.title ?? ''}`
    case 'miniprogrampage':
      return `[Mini Program] ${b.title ?? ''}`
    case 'template':
      return `[Notice] ${b.title ?? ''}`
    case 'image':
      return '[Photo]'
    default:
      return `[${m.kind}]`
  }
}

export function messageView(m: OaMessage) {
  return {
    seq: m.seq,
    appid: m.appid,
    from: m.direction === 'in' ? 'person' : 'account',
    source: m.source,
    kind: m.kind,
    body: m.body,
    ...(m.msgid && { msgid: m.msgid }),
    sentAt: new Date(m.sentAt).toISOString(),
  }
}

/** The person's conversation with the account, oldest first (the last `limit`). */
export async function conversationOf(db: Db, appid: string, personId: string, limit = 200) {
  const rows = await db
    .select()
    .from(oaMessages)
    .where(and(eq(oaMessages.appid, appid), eq(oaMessages.personId, personId)))
    .orderBy(desc(oaMessages.seq))
    .limit(limit)
  return rows.reverse().map(messageView)
}

export async function findMessage(db: Db, appid: string, personId: string, seq: number) {
  const [row] = await db
    .select()
    .from(oaMessages)
    .where(and(eq(oaMessages.appid, appid), eq(oaMessages.personId, personId), eq(oaMessages.seq, seq)))
  return row
}
