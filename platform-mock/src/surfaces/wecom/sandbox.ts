import { and, desc, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { z } from 'zod'
import { SandboxError } from '../../shared/errors'
import type { PlatformEnv } from '../../shared/env'
import { sandboxJson } from '../../shared/validate'
import { getPerson } from '../../world/people'
import { callbackOf, callbackView, configureCallback, removeCallback } from './callback'
import { addContact, contactMePayload, followOf, followsOfMember, followsOfPerson, wayByPayload, wayProfile } from './contacts'
import { chatMessages, conversationId, deliver, lastMessage, messageView, parseConversation } from './conversations'
import { allStaff, corpById, findCorp, staffOf } from './corp'
import { customerToKf, kfIdFor, kfLinkTarget } from './kf'
import { appMessagesOf, confirmMsgTemplate, findTemplate, templateView } from './messages'
import { wecomContactWays, wecomKfAccounts, wecomMessages } from './schema'

const CallbackBody = z.object({ corpid: z.string().optional(), url: z.string().min(1), token: z.string().optional(), encodingAESKey: z.string().optional() })
const AddBody = z.object({ configId: z.string().optional(), payload: z.string().optional() }).refine((v) => !!v.configId !== !!v.payload, 'give exactly one of `configId` or `payload` (the scanned text)')
const TextBody = z.object({ text: z.string().trim().min(1).max(2000) })
const StaffText = z.object({ person: z.string().optional(), externalUserid: z.string().optional(), text: z.string().trim().min(1).max(2000) }).refine((v) => !!v.person !== !!v.externalUserid, 'give exactly one of `person` or `externalUserid`')
const EnterBody = z.object({ corpid: z.string().optional(), scene: z.string().max(32).regex(/^[0-9A-Za-z_-]*$/).optional(), sceneParam: z.string().max(128).optional() })

type C = { var: PlatformEnv['Variables'] }

async function person(c: C, id: string) {
  const p = await getPerson(c.var.db, id)
  if (!p) throw new SandboxError(404, 'not_found', `no person ${id}`)
  return p
}

/** The person-side view of one chat with a consultant or a kf account. */
async function conversationView(c: C, channel: 'contact' | 'kf', corpid: string, peer: string, personId: string) {
  const corp = (await corpById(c.var.platform, corpid))!
  const last = await lastMessage(c.var.platform, channel, corpid, peer, personId)
  const who =
    channel === 'contact'
      ? await staffOf(c.var.platform, corpid, peer).then((s) => ({ userid: peer, name: s?.name ?? peer, nameZh: s?.nameZh ?? s?.name ?? peer, position: s?.position ?? '', avatar: s?.avatar ?? '' }))
      : await c.var.db.select().from(wecomKfAccounts).where(eq(wecomKfAccounts.openKfid, peer)).then(([k]) => ({ openKfid: peer, name: k?.name ?? peer, nameZh: k?.name ?? peer }))
  return {
    conversation: conversationId(channel, corpid, peer),
    kind: channel === 'kf' ? 'customer-service' : 'consultant',
    corpid,
    corpName: corp.name,
    corpTag: `@${corp.name}`,
    ...who,
    lastMessage: last ? messageView(last) : null,
  }
}

/**
 * WeCom in the control API: the admin's callback configuration (应用管理 → 接收消息), the
 * consultants' WeCom client (app messages, confirming mass tasks), and the person's phone
 * (WeCom contacts, their chats, the kf chat).
 */
export const wecomSandbox = new Hono<PlatformEnv>()
  .get('/wecom/callback', async (c) => {
    const corp = await findCorp(c.var.platform, c.req.query('corpid'))
    return c.json({ corpid: corp.corpid, ...callbackView(await callbackOf(c.var.platform, corp.corpid)) })
  })
  .put('/wecom/callback', sandboxJson(CallbackBody), async (c) => {
    const body = c.req.valid('json')
    const corp = await findCorp(c.var.platform, body.corpid)
    return c.json({ corpid: corp.corpid, ...(await configureCallback(c.var.platform, corp, body)) })
  })
  .delete('/wecom/callback', async (c) => {
    const corp = await findCorp(c.var.platform, c.req.query('corpid'))
    await removeCallback(c.var.platform, corp.corpid)
    return c.json({ corpid: corp.corpid, state: 'unconfigured' })
  })
  /** The corp at a glance: consultants, contact-me codes (with their scannable payload), kf accounts. */
  .get('/wecom/corp', async (c) => {
    const corp = await findCorp(c.var.platform, c.req.query('corpid'))
    const ways = await c.var.db.select().from(wecomContactWays).where(eq(wecomContactWays.corpid, corp.corpid))
    const kf = await c.var.db.select().from(wecomKfAccounts).where(eq(wecomKfAccounts.corpid, corp.corpid))
    return c.json({
      corpid: corp.corpid,
      name: corp.name,
      staff: (await allStaff(c.var.platform, corp.corpid)).map((s) => ({ userid: s.userid, name: s.name, position: s.position })),
      contactWays: ways.map((w) => ({ configId: w.configId, state: w.state, users: w.users, payload: contactMePayload(w) })),
      kfAccounts: kf.map((k) => ({ openKfid: k.openKfid, name: k.name, servicer: k.servicer })),
    })
  })
  /** A consultant's WeCom client: the app messages (message/send) they received. */
  .get('/wecom/staff/:userid/app-messages', async (c) => {
    const corp = await findCorp(c.var.platform, c.req.query('corpid'))
    if (!(await staffOf(c.var.platform, corp.corpid, c.req.param('userid')))) throw new SandboxError(404, 'not_found', `no member ${c.req.param('userid')}`)
    return c.json({ messages: await appMessagesOf(c.var.platform, corp.corpid, c.req.param('userid')) })
  })
  /**
   * The consultant writes to a customer in the WeCom client (WeCom has no server API for a member's
   * own 1:1 messages): `{externalUserid | person, text}` lands in the customer's chat.
   */
  .post('/wecom/staff/:userid/messages', sandboxJson(StaffText), async (c) => {
    const corp = await findCorp(c.var.platform, c.req.query('corpid'))
    const userid = c.req.param('userid')
    if (!(await staffOf(c.var.platform, corp.corpid, userid))) throw new SandboxError(404, 'not_found', `no member ${userid}`)
    const body = c.req.valid('json')
    const follows = await followsOfMember(c.var.platform, corp.corpid, userid)
    const follow = follows.find((f) => f.personId === body.person || f.externalUserid === body.externalUserid)
    if (!follow) throw new SandboxError(404, 'not_a_customer', `${body.person ?? body.externalUserid} is not a customer of ${userid}`)
    const [row] = await deliver(c.var.platform, { channel: 'contact', corpid: corp.corpid, peer: userid, personId: follow.personId }, 'staff', 'staff', [{ kind: 'text', body: { content: body.text } }], userid)
    return c.json({ conversation: conversationId('contact', corp.corpid, userid), message: messageView(row!) }, 201)
  })
  /**
   * The consultant's WeCom client: their customers' 1:1 chats, newest message first. What a
   * customer writes there reaches no brand API in WeCom (only this client, or Conversation
   * Archive, not emulated), so this is the only place it shows outside the person's phone.
   */
  .get('/wecom/staff/:userid/chats', async (c) => {
    const corp = await findCorp(c.var.platform, c.req.query('corpid'))
    const userid = c.req.param('userid')
    if (!(await staffOf(c.var.platform, corp.corpid, userid))) throw new SandboxError(404, 'not_found', `no member ${userid}`)
    const chats = await Promise.all(
      (await followsOfMember(c.var.platform, corp.corpid, userid)).map(async (f) => {
        const p = await getPerson(c.var.db, f.personId)
        const last = await lastMessage(c.var.platform, 'contact', corp.corpid, userid, f.personId)
        return { externalUserid: f.externalUserid, person: f.personId, name: p?.name ?? f.personId, nameZh: p?.nameZh ?? null, addedAt: new Date(f.createtime * 1000).toISOString(), state: f.state, lastMessage: last ? messageView(last) : null }
      }),
    )
    chats.sort((a, b) => (b.lastMessage?.seq ?? 0) - (a.lastMessage?.seq ?? 0))
    return c.json({ userid, conversation: conversationId('contact', corp.corpid, userid), chats })
  })
  /** One customer's chat in the consultant's WeCom client, oldest first; 404 for someone who is not their customer. */
  .get('/wecom/staff/:userid/chats/:externalUserid/messages', async (c) => {
    const corp = await findCorp(c.var.platform, c.req.query('corpid'))
    const userid = c.req.param('userid')
    if (!(await staffOf(c.var.platform, corp.corpid, userid))) throw new SandboxError(404, 'not_found', `no member ${userid}`)
    const follow = (await followsOfMember(c.var.platform, corp.corpid, userid)).find((f) => f.externalUserid === c.req.param('externalUserid'))
    if (!follow) throw new SandboxError(404, 'not_a_customer', `${c.req.param('externalUserid')} is not a customer of ${userid}`)
    const conversation = conversationId('contact', corp.corpid, userid)
    return c.json({ externalUserid: follow.externalUserid, person: follow.personId, conversation, messages: (await chatMessages(c.var.platform, follow.personId, conversation)).map(messageView) })
  })
  .get('/wecom/msg-templates/:msgid', async (c) => c.json(templateView(await findTemplate(c.var.platform, c.req.param('msgid')))))
  /** The sender taps "Send" on the mass-message task in the WeCom client (`{userid?}`: one sender). */
  .post('/wecom/msg-templates/:msgid/confirm', sandboxJson(z.object({ userid: z.string().optional() })), async (c) => {
    return c.json(await confirmMsgTemplate(c.var.platform, c.req.param('msgid'), c.req.valid('json').userid))
  })
  /** The consultants (and kf chats) in a person's Contacts and chat list, newest message first. */
  .get('/people/:id/wecom/contacts', async (c) => {
    const p = await person(c, c.req.param('id'))
    const follows = await followsOfPerson(c.var.platform, p.id)
    const contacts = await Promise.all(
      follows.map(async (f) => ({
        ...(await conversationView(c, 'contact', f.corpid, f.userid, p.id)),
        externalUserid: f.externalUserid,
        addedAt: new Date(f.createtime * 1000).toISOString(),
        state: f.state,
      })),
    )
    return c.json({ contacts })
  })
  .get('/people/:id/wecom/conversations', async (c) => {
    const p = await person(c, c.req.param('id'))
    const rows = await c.var.db.select().from(wecomMessages).where(eq(wecomMessages.personId, p.id)).orderBy(desc(wecomMessages.seq))
    const seen = new Set<string>()
    const list = []
    for (const f of await followsOfPerson(c.var.platform, p.id)) seen.add(conversationId('contact', f.corpid, f.userid))
    const ids = [...new Set([...rows.map((r) => conversationId(r.channel, r.corpid, r.peer)), ...seen])]
    for (const id of ids) {
      const parsed = parseConversation(id)!
      list.push(await conversationView(c, parsed.channel, parsed.corpid, parsed.peer, p.id))
    }
    return c.json({ conversations: list })
  })
  .get('/people/:id/wecom/conversations/:conversation/messages', async (c) => {
    const p = await person(c, c.req.param('id'))
    const conversation = c.req.param('conversation')
    const parsed = parseConversation(conversation)
    if (!parsed || !(await mayChat(c, parsed, p.id))) throw new SandboxError(404, 'not_found', `${p.id} has no WeCom conversation ${conversation}`)
    return c.json({ conversation, messages: (await chatMessages(c.var.platform, p.id, conversation)).map(messageView) })
  })
  /** The person writes to the consultant (not delivered to any API: WeCom has none for it) or to kf. */
  .post('/people/:id/wecom/conversations/:conversation/messages', sandboxJson(TextBody), async (c) => {
    const p = await person(c, c.req.param('id'))
    const conversation = c.req.param('conversation')
    const parsed = parseConversation(conversation)
    if (!parsed || !(await mayChat(c, parsed, p.id))) throw new SandboxError(404, 'not_found', `${p.id} has no WeCom conversation ${conversation}`)
    const corp = (await corpById(c.var.platform, parsed.corpid))!
    if (parsed.channel === 'kf') return c.json(await customerToKf(c.var.platform, corp, p.id, parsed.peer, { text: c.req.valid('json').text }), 201)
    const [row] = await deliver(c.var.platform, { ...parsed, personId: p.id }, 'customer', 'person', [{ kind: 'text', body: { content: c.req.valid('json').text } }], p.id)
    return c.json({ conversation, message: messageView(row!) }, 201)
  })
  /** "Add to Contacts" on a scanned contact-me card: `{configId}` or `{payload}` (the code's text). */
  .post('/people/:id/wecom/contacts', sandboxJson(AddBody), async (c) => {
    const p = await person(c, c.req.param('id'))
    const body = c.req.valid('json')
    const way = body.payload
      ? await wayByPayload(c.var.platform, body.payload)
      : (await c.var.db.select().from(wecomContactWays).where(eq(wecomContactWays.configId, body.configId!)))[0]
    if (!way) throw new SandboxError(404, 'unknown_code', 'no such contact-me code (deleted, or not one the platform made)')
    const result = await addContact(c.var.platform, p.id, way)
    return c.json({ ...result, profile: await wayProfile(c.var.platform, way, p.id) }, result.added ? 201 : 200)
  })
  /** The person opens the brand's customer-service chat (from the mini program, a link…). */
  .post('/people/:id/kf/:openKfid/enter', sandboxJson(EnterBody), async (c) => {
    const p = await person(c, c.req.param('id'))
    const body = c.req.valid('json')
    const corp = await findCorp(c.var.platform, body.corpid)
    return c.json(await customerToKf(c.var.platform, corp, p.id, c.req.param('openKfid'), { enter: body }), 201)
  })
  /**
   * wx.openCustomerServiceChat({extInfo: {url}, corpId}) in a mini program (or tapping a kf link):
   * the service chat opens with the link's scene and scene_param (enter_session + callback).
   */
  .post('/people/:id/kf/open', sandboxJson(z.object({ url: z.string().min(1), corpId: z.string().optional() })), async (c) => {
    const p = await person(c, c.req.param('id'))
    const body = c.req.valid('json')
    const target = await kfLinkTarget(c.var.platform, body.url)
    if (!target || (body.corpId && body.corpId !== target.corpid)) throw new SandboxError(400, 'invalid', 'openCustomerServiceChat:fail invalid url or corpId')
    const corp = (await corpById(c.var.platform, target.corpid))!
    const entered = await customerToKf(c.var.platform, corp, p.id, target.openKfid, { enter: { scene: target.scene, sceneParam: target.sceneParam } })
    return c.json({ ...entered, openKfid: target.openKfid, corpid: target.corpid, scene: target.scene, sceneParam: target.sceneParam }, 201)
  })
  /** The world's kf account id, for phones and scenarios. */
  .get('/wecom/kf', async (c) => {
    const corp = await findCorp(c.var.platform, c.req.query('corpid'))
    return c.json({ corpid: corp.corpid, openKfid: kfIdFor(c.var.platform.credentials.worldSecret, corp.corpid) })
  })

/** A person may see a consultant chat once they added the consultant (or it has messages), and any kf chat. */
async function mayChat(c: C, chat: { channel: 'contact' | 'kf'; corpid: string; peer: string }, personId: string) {
  if (chat.channel === 'kf') return (await c.var.db.select().from(wecomKfAccounts).where(and(eq(wecomKfAccounts.corpid, chat.corpid), eq(wecomKfAccounts.openKfid, chat.peer)))).length > 0
  return !!(await followOf(c.var.platform, chat.corpid, chat.peer, personId))
}
