import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { SandboxError } from '../../shared/errors'
import { apps } from '../../world/schema'
import { bubblesOf, deliver } from './conversations'
import { allStaff, staffOf, type Corp } from './corp'
import { matchesTagFilter } from './tags'
import { allInvalid, invalidAgentid, invalidParameter, invalidUserid } from './errors'
import { wecomAgents, wecomAppMessages, wecomFollows, wecomMsgTemplates } from './schema'
import type { AddMsgTemplate, Attachment, SendAppMessage, SendAppMessageResponse } from './wire'

export type AppMessage = typeof wecomAppMessages.$inferSelect
export type MsgTemplate = typeof wecomMsgTemplates.$inferSelect

/**
 * 发送应用消息: text or miniprogram_notice from the token's app to members. Unknown members are
 * listed in `invaliduser`; when nobody is left, 81013. The mini program must be one of the corp's
 * brand (the app's bound mini program).
 */
export async function sendAppMessage(platform: Platform, corp: Corp, agentid: number, req: SendAppMessage): Promise<SendAppMessageResponse> {
  if (req.agentid !== undefined && req.agentid !== agentid) throw invalidAgentid()
  const [agent] = await platform.db.select().from(wecomAgents).where(and(eq(wecomAgents.corpid, corp.corpid), eq(wecomAgents.agentid, agentid)))
  if (!agent) throw invalidAgentid()
  let body: Record<string, unknown>
  if (req.msgtype === 'text') {
    if (!req.text?.content) throw invalidParameter('text.content')
    body = { content: req.text.content }
  } else if (req.msgtype === 'miniprogram_notice') {
    const n = req.miniprogram_notice
    if (!n) throw invalidParameter('miniprogram_notice')
    const [app] = await platform.db.select().from(apps).where(and(eq(apps.appid, n.appid), eq(apps.brandId, corp.brandId), eq(apps.kind, 'miniprogram')))
    if (!app) throw invalidParameter('miniprogram_notice.appid is not a mini program bound to this app')
    body = { ...n }
  } else {
    throw invalidParameter(`msgtype ${req.msgtype} (emulated: text, miniprogram_notice)`)
  }
  const staff = (await allStaff(platform, corp.corpid)).map((s) => s.userid)
  const asked = (req.touser ?? '').split('|').filter(Boolean)
  const touser = asked.includes('@all') ? staff : asked.filter((u) => staff.includes(u))
  const invalid = asked.filter((u) => u !== '@all' && !staff.includes(u))
  if (!touser.length) throw allInvalid()
  const msgid = platform.ids.urlsafe(43)
  await platform.db.insert(wecomAppMessages).values({ corpid: corp.corpid, agentid, msgid, touser, msgtype: req.msgtype, body, sentAt: platform.clock.now() })
  await platform.events.append({
    actor: corp.corpid,
    surface: 'wecom',
    type: 'wecom.app_message.sent',
    subject: { corpid: corp.corpid, agentid: String(agentid), msgid },
    payload: { msgtype: req.msgtype, touser, invaliduser: invalid },
  })
  return {
    errcode: 0,
    errmsg: 'ok',
    invaliduser: invalid.join('|'),
    invalidparty: req.toparty ?? '',
    invalidtag: req.totag ?? '',
    unlicenseduser: '',
    msgid,
    response_code: platform.ids.urlsafe(43),
  }
}

/** What a member's WeCom client shows from the corp's apps. */
export async function appMessagesOf(platform: Platform, corpid: string, userid: string) {
  const rows = await platform.db.select().from(wecomAppMessages).where(eq(wecomAppMessages.corpid, corpid)).orderBy(asc(wecomAppMessages.seq))
  return rows
    .filter((r) => r.touser.includes(userid))
    .map((r) => ({ msgid: r.msgid, agentid: r.agentid, msgtype: r.msgtype, [r.msgtype]: r.body, sentAt: new Date(r.sentAt).toISOString() }))
}

/**
 * 创建企业群发: a task per sender (the given one, or every member who has one of the customers);
 * customers that are nobody's (or not the sender's) go to `fail_list`. Nothing is sent until the
 * sender confirms in the WeCom client (`confirmMsgTemplate`).
 */
export async function addMsgTemplate(platform: Platform, corp: Corp, req: AddMsgTemplate) {
  if ((req.chat_type ?? 'single') !== 'single') throw invalidParameter('chat_type group (customer groups) is not emulated')
  if (!req.text?.content && !req.attachments?.length) throw invalidParameter('text or attachments')
  if ((req.attachments?.length ?? 0) > 9) throw invalidParameter('at most 9 attachments')
  if (req.sender && !(await staffOf(platform, corp.corpid, req.sender))) throw invalidUserid(req.sender)
  if (!req.sender && !req.external_userid?.length) throw invalidParameter('external_userid or sender')
  const all = await platform.db
    .select()
    .from(wecomFollows)
    .where(and(eq(wecomFollows.corpid, corp.corpid), ...(req.sender ? [eq(wecomFollows.userid, req.sender)] : []), ...(req.external_userid?.length ? [inArray(wecomFollows.externalUserid, req.external_userid)] : [])))
    .orderBy(asc(wecomFollows.createtime))
  // customers without the filter's tags are left out (not failed)
  const follows = all.filter((f) => matchesTagFilter(f.tags, req.tag_filter))
  const failList = (req.external_userid ?? []).filter((e) => !all.some((f) => f.externalUserid === e))
  const bySender = new Map<string, string[]>()
  for (const f of follows) bySender.set(f.userid, [...(bySender.get(f.userid) ?? []), f.personId])
  const row: MsgTemplate = {
    msgid: `msg${platform.ids.urlsafe(27)}`,
    corpid: corp.corpid,
    chatType: 'single',
    tasks: [...bySender].map(([userid, personIds]) => ({ userid, personIds, sentAt: null })),
    text: req.text?.content ?? null,
    attachments: (req.attachments ?? []) as Record<string, unknown>[],
    createdAt: platform.clock.now(),
  }
  await platform.db.insert(wecomMsgTemplates).values(row)
  await platform.events.append({
    actor: corp.corpid,
    surface: 'wecom',
    type: 'wecom.msg_template.created',
    subject: { corpid: corp.corpid, msgid: row.msgid },
    payload: { senders: row.tasks.map((t) => t.userid), customers: follows.length, failList },
  })
  return { errcode: 0 as const, errmsg: 'ok' as const, fail_list: failList, msgid: row.msgid }
}

export async function findTemplate(platform: Platform, msgid: string) {
  const [row] = await platform.db.select().from(wecomMsgTemplates).where(eq(wecomMsgTemplates.msgid, msgid))
  if (!row) throw new SandboxError(404, 'not_found', `no mass message ${msgid}`)
  return row
}

/**
 * The sender confirms the task in the WeCom client: the message lands in each of its customers'
 * chats with that consultant. Every pending sender when `userid` is not given.
 */
export async function confirmMsgTemplate(platform: Platform, msgid: string, userid?: string) {
  const row = await findTemplate(platform, msgid)
  const pending = row.tasks.filter((t) => t.sentAt === null && (!userid || t.userid === userid))
  if (!pending.length) throw new SandboxError(409, 'nothing_pending', userid ? `${userid} has no pending task in ${msgid}` : `${msgid} has no pending task`)
  const now = platform.clock.now()
  const bubbles = bubblesOf(row.text ? { content: row.text } : null, row.attachments as Attachment[])
  let delivered = 0
  for (const t of pending) {
    for (const personId of t.personIds) {
      await deliver(platform, { channel: 'contact', corpid: row.corpid, peer: t.userid, personId }, 'staff', 'mass', bubbles, t.userid)
      delivered++
    }
    t.sentAt = now
  }
  await platform.db.update(wecomMsgTemplates).set({ tasks: row.tasks }).where(eq(wecomMsgTemplates.msgid, msgid))
  await platform.events.append({
    actor: pending.map((t) => t.userid).join(','),
    surface: 'wecom',
    type: 'wecom.msg_template.sent',
    subject: { corpid: row.corpid, msgid },
    payload: { senders: pending.map((t) => t.userid), delivered },
  })
  return templateView(row)
}

export function templateView(row: MsgTemplate) {
  return {
    msgid: row.msgid,
    corpid: row.corpid,
    chatType: row.chatType,
    text: row.text,
    attachments: row.attachments,
    createdAt: new Date(row.createdAt).toISOString(),
    tasks: row.tasks.map((t) => ({ userid: t.userid, customers: t.personIds.length, status: t.sentAt === null ? 'pending' : 'sent', sentAt: t.sentAt === null ? null : new Date(t.sentAt).toISOString() })),
  }
}
