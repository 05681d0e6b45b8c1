import { and, asc, desc, eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { SandboxError } from '../../shared/errors'
import { wecomMessages } from './schema'
import type { Attachment } from './wire'

export type WecomMessage = typeof wecomMessages.$inferSelect
export type Channel = WecomMessage['channel']

/** A chat of a person with a consultant (`wecom:<corpid>:<userid>`) or a kf account (`kf:<corpid>:<open_kfid>`). */
export const conversationId = (channel: Channel, corpid: string, peer: string) => `${channel === 'kf' ? 'kf' : 'wecom'}:${corpid}:${peer}`

export function parseConversation(id: string): { channel: Channel; corpid: string; peer: string } | null {
  const m = /^(wecom|kf):([^:]+):(.+)$/.exec(id)
  return m ? { channel: m[1] === 'kf' ? 'kf' : 'contact', corpid: m[2]!, peer: m[3]! } : null
}

/** One bubble: a kind and its content, as the phone shows it. */
export interface Bubble {
  kind: string
  body: Record<string, unknown>
}

/**
 * A WeCom-side mini program card: the `page` must end in `.html` (WeChat shows "page not found"
 * otherwise); the card launches the page without it.
 */
export function attachmentBubble(a: Attachment): Bubble {
  switch (a.msgtype) {
    case 'miniprogram': {
      const { page, ...rest } = a.miniprogram
      const [p, query] = page.split('?', 2) as [string, string | undefined]
      const found = p.endsWith('.html')
      const path = `${p.replace(/\.html$/, '').replace(/^\//, '')}${query ? `?${query}` : ''}`
      return { kind: 'miniprogram', body: { ...rest, page, path, pageNotFound: !found } }
    }
    case 'link':
      return { kind: 'link', body: a.link }
    case 'image':
      return { kind: 'image', body: a.image }
    case 'video':
      return { kind: 'video', body: a.video }
    case 'file':
      return { kind: 'file', body: a.file }
  }
}

/** The text and attachments of a welcome or mass message, as bubbles in order. */
export function bubblesOf(text: { content: string } | undefined | null, attachments: Attachment[] = []): Bubble[] {
  return [...(text?.content ? [{ kind: 'text', body: { content: text.content } }] : []), ...attachments.map(attachmentBubble)]
}

/**
 * Puts bubbles into a person's chat and announces them (`wecom.message.delivered`, with
 * `payload.recipients` so the phone updates live).
 */
export async function deliver(
  platform: Platform,
  chat: { channel: Channel; corpid: string; peer: string; personId: string },
  from: WecomMessage['from'],
  source: string,
  bubbles: Bubble[],
  actor: string,
) {
  if (!bubbles.length) return []
  const now = platform.clock.now()
  const rows = await platform.db
    .insert(wecomMessages)
    .values(bubbles.map((b) => ({ ...chat, from, source, msgid: platform.ids.alnum(32), kind: b.kind, body: b.body, sentAt: now })))
    .returning()
  const conversation = conversationId(chat.channel, chat.corpid, chat.peer)
  await platform.events.append({
    actor,
    surface: 'wecom',
    type: 'wecom.message.delivered',
    subject: { corpid: chat.corpid, person: chat.personId, [chat.channel === 'kf' ? 'openKfid' : 'userid']: chat.peer },
    payload: { conversation, from, source, seqs: rows.map((r) => r.seq), kinds: rows.map((r) => r.kind), recipients: [chat.personId] },
  })
  return rows
}

/** A message as the person-side API shows it. */
export function messageView(m: WecomMessage) {
  return { seq: m.seq, msgid: m.msgid, from: m.from, source: m.source, kind: m.kind, body: m.body, sentAt: new Date(m.sentAt).toISOString() }
}

export async function chatMessages(platform: Platform, personId: string, conversation: string, limit = 200) {
  const c = parseConversation(conversation)
  if (!c) throw new SandboxError(404, 'not_found', `no WeCom conversation ${conversation}`)
  const rows = await platform.db
    .select()
    .from(wecomMessages)
    .where(and(eq(wecomMessages.corpid, c.corpid), eq(wecomMessages.peer, c.peer), eq(wecomMessages.channel, c.channel), eq(wecomMessages.personId, personId)))
    .orderBy(desc(wecomMessages.seq))
    .limit(limit)
  return rows.reverse()
}

export async function lastMessage(platform: Platform, channel: Channel, corpid: string, peer: string, personId: string) {
  const [row] = await platform.db
    .select()
    .from(wecomMessages)
    .where(and(eq(wecomMessages.corpid, corpid), eq(wecomMessages.peer, peer), eq(wecomMessages.channel, channel), eq(wecomMessages.personId, personId)))
    .orderBy(desc(wecomMessages.seq))
    .limit(1)
  return row
}

/** Whether the chat has any message at all (a started chat forbids the welcome message). */
export async function chatStarted(platform: Platform, corpid: string, userid: string, personId: string) {
  const [row] = await platform.db
    .select({ seq: wecomMessages.seq })
    .from(wecomMessages)
    .where(and(eq(wecomMessages.corpid, corpid), eq(wecomMessages.peer, userid), eq(wecomMessages.channel, 'contact'), eq(wecomMessages.personId, personId)))
    .orderBy(asc(wecomMessages.seq))
    .limit(1)
  return !!row
}
