import { createHmac } from 'node:crypto'
import { and, asc, eq, gt } from 'drizzle-orm'
import type { Platform } from '../../platform'
import type { Db } from '../../shared/db'
import { SandboxError } from '../../shared/errors'
import { getPerson } from '../../world/people'
import { pushEventLater } from './callback'
import { deliver, type Bubble } from './conversations'
import { externalUseridFor, type Corp } from './corp'
import { invalidCursor, invalidParameter, invalidMsgToken, invalidOpenKfid, kfSendLimit, kfSessionClosed } from './errors'
import { wecomKfAccounts, wecomKfTokens, wecomMessages } from './schema'
import type { KfSendMsg, KfSyncMsg } from './wire'

/** The token of a kf_msg_or_event callback is valid for 10 minutes. */
export const KF_TOKEN_TTL_MS = 10 * 60 * 1000
/** sync_msg reads the last 3 days only. */
export const KF_HISTORY_MS = 3 * 86_400_000
/** After a customer message the corp may answer 5 times within 48 hours. */
export const KF_WINDOW_MS = 48 * 3_600_000
export const KF_SEND_LIMIT = 5

/** The seeded customer-service account of a corp: `wk` + 30 characters, stable per world. */
export function kfIdFor(worldSecret: string, corpid: string) {
  return `wk${createHmac('sha256', worldSecret).update(`open_kfid:${corpid}`).digest('base64url').slice(0, 30)}`
}

/** The seeded kf account (one per corp, served by the first consultant). */
export function kfSeedQueries(db: Db, worldSecret: string, corp: { corpid: string; name: string }, servicer: string) {
  return [db.insert(wecomKfAccounts).values({ openKfid: kfIdFor(worldSecret, corp.corpid), corpid: corp.corpid, name: `${corp.name} Service`, servicer })]
}

export async function kfAccount(platform: Platform, corpid: string, openKfid: string) {
  const [row] = await platform.db.select().from(wecomKfAccounts).where(and(eq(wecomKfAccounts.corpid, corpid), eq(wecomKfAccounts.openKfid, openKfid)))
  return row
}

export async function kfAccountList(platform: Platform, corp: Corp, offset: number, limit: number) {
  const rows = await platform.db.select().from(wecomKfAccounts).where(eq(wecomKfAccounts.corpid, corp.corpid)).orderBy(asc(wecomKfAccounts.openKfid))
  return rows.slice(offset, offset + limit).map((r) => ({ open_kfid: r.openKfid, name: r.name, avatar: '', manage_privilege: true }))
}

/** The `msg_list[]` item of one stored kf message. */
function syncItem(m: typeof wecomMessages.$inferSelect, externalUserid: string) {
  const base = { msgid: m.msgid, open_kfid: m.peer, external_userid: externalUserid, send_time: Math.floor(m.sentAt / 1000), origin: m.from === 'system' ? 4 : 3, msgtype: m.kind }
  return { ...base, [m.kind]: m.body }
}

/**
 * The person's side of a service chat: entering (enter_session with scene and scene_param) or a
 * text. Each becomes a message sync_msg returns, and the corp's callback gets kf_msg_or_event
 * with a fresh Token.
 */
export async function customerToKf(platform: Platform, corp: Corp, personId: string, openKfid: string, what: { enter: { scene?: string; sceneParam?: string } } | { text: string }) {
  if (!(await getPerson(platform.db, personId))) throw new SandboxError(404, 'not_found', `no person ${personId}`)
  if (!(await kfAccount(platform, corp.corpid, openKfid))) throw new SandboxError(404, 'not_found', `no customer-service account ${openKfid}`)
  const chat = { channel: 'kf' as const, corpid: corp.corpid, peer: openKfid, personId }
  const bubble: Bubble =
    'text' in what
      ? { kind: 'text', body: { content: what.text } }
      : { kind: 'event', body: { event_type: 'enter_session', open_kfid: openKfid, external_userid: externalUseridFor(platform.credentials.worldSecret, corp.corpid, personId), scene: what.enter.scene ?? '', scene_param: what.enter.sceneParam ?? '' } }
  const [row] = await deliver(platform, chat, 'text' in what ? 'customer' : 'system', 'kf', [bubble], personId)
  const token = `ENC${platform.ids.alnum(44)}`
  // the token and the push that carries it commit together (an outbox)
  const pushing = await pushEventLater(platform, corp, 'kf_msg_or_event', {
    CreateTime: Math.floor(platform.clock.now() / 1000),
    MsgType: 'event',
    Event: 'kf_msg_or_event',
    Token: token,
    OpenKfId: openKfid,
  })
  const written = await platform.db.batch([
    platform.db.insert(wecomKfTokens).values({ token, corpid: corp.corpid, openKfid, expiresAt: platform.clock.now() + KF_TOKEN_TTL_MS }),
    ...pushing.queries,
  ])
  const push = await pushing.send(written)
  return { conversation: `kf:${corp.corpid}:${openKfid}`, seq: row!.seq, push }
}

/** A cursor names the last seq read; it is only good while that message is within 3 days. */
const cursorOf = (seq: number) => Buffer.from(`kf:${seq}`).toString('base64url')
function seqOfCursor(cursor: string) {
  const m = /^kf:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString())
  return m ? Number(m[1]) : null
}

/**
 * 读取消息: customer messages and events of the corp's kf accounts after `cursor`, oldest first,
 * within the last 3 days; messages sent with send_msg are not returned. A `token` must be one of
 * a callback and unexpired (95007); a cursor must be one this API gave and still readable (95008).
 */
export async function kfSyncMsg(platform: Platform, corp: Corp, req: KfSyncMsg) {
  const now = platform.clock.now()
  if (req.token !== undefined) {
    const [t] = await platform.db.select().from(wecomKfTokens).where(eq(wecomKfTokens.token, req.token))
    if (!t || t.corpid !== corp.corpid || now >= t.expiresAt) throw invalidMsgToken()
  }
  if (req.open_kfid !== undefined && !(await kfAccount(platform, corp.corpid, req.open_kfid))) throw invalidOpenKfid()
  let after = 0
  if (req.cursor) {
    const seq = seqOfCursor(req.cursor)
    if (seq === null) throw invalidCursor()
    const [m] = await platform.db.select().from(wecomMessages).where(eq(wecomMessages.seq, seq))
    if (!m || m.corpid !== corp.corpid || now - m.sentAt > KF_HISTORY_MS) throw invalidCursor()
    after = seq
  }
  const limit = req.limit ?? 1000
  const rows = await platform.db
    .select()
    .from(wecomMessages)
    .where(and(eq(wecomMessages.corpid, corp.corpid), eq(wecomMessages.channel, 'kf'), gt(wecomMessages.seq, after), ...(req.open_kfid ? [eq(wecomMessages.peer, req.open_kfid)] : [])))
    .orderBy(asc(wecomMessages.seq))
  const readable = rows.filter((m) => m.from !== 'staff' && now - m.sentAt <= KF_HISTORY_MS)
  const page = readable.slice(0, limit)
  const last = page.at(-1)?.seq ?? rows.at(-1)?.seq ?? after
  return {
    next_cursor: last ? cursorOf(last) : (req.cursor ?? ''),
    has_more: readable.length > limit ? 1 : 0,
    msg_list: page.map((m) => syncItem(m, externalUseridFor(platform.credentials.worldSecret, corp.corpid, m.personId))),
  }
}

/**
 * 发送消息: an answer into a customer's service chat; only within 48 h of the customer's last
 * message (95018) and at most 5 answers per customer message (95001).
 */
export async function kfSendMsg(platform: Platform, corp: Corp, req: KfSendMsg) {
  if (!(await kfAccount(platform, corp.corpid, req.open_kfid))) throw invalidOpenKfid()
  const chats = await platform.db
    .select()
    .from(wecomMessages)
    .where(and(eq(wecomMessages.corpid, corp.corpid), eq(wecomMessages.channel, 'kf'), eq(wecomMessages.peer, req.open_kfid)))
    .orderBy(asc(wecomMessages.seq))
  const personId = chats.find((m) => externalUseridFor(platform.credentials.worldSecret, corp.corpid, m.personId) === req.touser)?.personId
  const mine = chats.filter((m) => m.personId === personId)
  const lastCustomer = [...mine].reverse().find((m) => m.from !== 'staff')
  if (!personId || !lastCustomer || platform.clock.now() - lastCustomer.sentAt > KF_WINDOW_MS) throw kfSessionClosed()
  if (mine.filter((m) => m.seq > lastCustomer.seq && m.from === 'staff').length >= KF_SEND_LIMIT) throw kfSendLimit()
  const body = req.msgtype === 'text' ? req.text : req.msgtype === 'link' ? req.link : req.miniprogram
  if (!body) throw invalidParameter(req.msgtype)
  const [row] = await deliver(platform, { channel: 'kf', corpid: corp.corpid, peer: req.open_kfid, personId }, 'staff', 'kf', [{ kind: req.msgtype, body: body as Record<string, unknown> }], corp.corpid)
  return req.msgid ?? row!.msgid
}

/** kf links: `https://work.weixin.qq.com/kfid/kfc…?enc_scene=…` (WeCom does not publish how they encode; ours are stable per account). */
const KF_LINK = /^https:\/\/work\.weixin\.qq\.com\/kfid\/(kfc[0-9A-Za-z_-]+)(?:\?(.*))?$/
const linkIdOf = (openKfid: string) => `kfc${createHmac('sha256', 'kf-link').update(openKfid).digest('base64url').slice(0, 24)}`

/** 获取客服账号链接 (kf/add_contact_way): the account's link with `scene` sealed in enc_scene. */
export async function kfContactWay(platform: Platform, corp: Corp, req: { open_kfid: string; scene?: string }) {
  if (!(await kfAccount(platform, corp.corpid, req.open_kfid))) throw invalidOpenKfid()
  if (req.scene !== undefined && !/^[0-9A-Za-z_-]{1,32}$/.test(req.scene)) throw invalidParameter('scene')
  const base = `https://work.weixin.qq.com/kfid/${linkIdOf(req.open_kfid)}`
  return req.scene ? `${base}?enc_scene=${Buffer.from(req.scene).toString('base64url')}` : base
}

/** A kf link (with `&scene_param=` appended by the page) → its corp, account, scene and scene_param. */
export async function kfLinkTarget(platform: Platform, url: string) {
  const m = KF_LINK.exec(url.trim())
  if (!m) return undefined
  for (const a of await platform.db.select().from(wecomKfAccounts)) {
    if (linkIdOf(a.openKfid) !== m[1]) continue
    const q = new URLSearchParams(m[2] ?? '')
    const enc = q.get('enc_scene')
    return { corpid: a.corpid, openKfid: a.openKfid, scene: enc ? Buffer.from(enc, 'base64url').toString() : '', sceneParam: q.get('scene_param') ?? '' }
  }
  return undefined
}
