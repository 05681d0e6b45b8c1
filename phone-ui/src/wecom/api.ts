/** The person-side WeCom API (platform-mock/src/surfaces/wecom/README.md → "Control API and the phone"). */
import { ownFetch } from '../own-calls'

/** A chat with a consultant (kind consultant) or a WeChat Customer Service account (customer-service). */
export interface WecomConversation {
  conversation: string
  kind: 'consultant' | 'customer-service'
  corpid: string
  corpName: string
  corpTag: string
  userid?: string
  openKfid?: string
  name: string
  nameZh?: string
  position?: string
  avatar?: string
  lastMessage: WecomMessage | null
  /** messages from the consultant or service account the person has not seen (kept on this device) */
  unread?: number
}

export interface WecomMessage {
  seq: number
  msgid: string
  from: 'staff' | 'customer' | 'system'
  source: string
  kind: string
  body: Record<string, any>
  sentAt: string
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await ownFetch(path, init)
  const body = await res.json()
  if (!res.ok) throw new Error(body?.error?.message ?? body?.message ?? `HTTP ${res.status}`)
  return body as T
}
const post = <T>(path: string, body: unknown) => call<T>(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
const person = (id: string) => `/_sandbox/people/${encodeURIComponent(id)}`

export const wecomApi = {
  conversations: (id: string) => call<{ conversations: WecomConversation[] }>(`${person(id)}/wecom/conversations`).then((r) => r.conversations),
  contacts: (id: string) => call<{ contacts: WecomConversation[] }>(`${person(id)}/wecom/contacts`).then((r) => r.contacts),
  messages: (id: string, conversation: string) =>
    call<{ messages: WecomMessage[] }>(`${person(id)}/wecom/conversations/${encodeURIComponent(conversation)}/messages`).then((r) => r.messages),
  send: (id: string, conversation: string, text: string) => post<unknown>(`${person(id)}/wecom/conversations/${encodeURIComponent(conversation)}/messages`, { text }),
  /** wx.openCustomerServiceChat */
  openService: (id: string, url: string, corpId: string) => post<{ conversation: string }>(`${person(id)}/kf/open`, { url, corpId }),
}

const seenKey = (person: string, conversation: string) => `wx-wecom-seen:${person}:${conversation}`

/** The person saw the chat up to `seq` (this device remembers it, as WeChat's client does). */
export function markSeen(person: string, conversation: string, seq: number) {
  localStorage.setItem(seenKey(person, conversation), String(seq))
}

/** The chats with their unread counts: staff messages after the last one seen here. */
export async function conversationsWithUnread(person: string): Promise<WecomConversation[]> {
  const list = await wecomApi.conversations(person)
  return Promise.all(
    list.map(async (c) => {
      const seen = Number(localStorage.getItem(seenKey(person, c.conversation)) ?? 0)
      if (!c.lastMessage || c.lastMessage.seq <= seen) return { ...c, unread: 0 }
      const messages = await wecomApi.messages(person, c.conversation)
      return { ...c, unread: messages.filter((m) => m.seq > seen && m.from === 'staff').length }
    }),
  )
}

/** A staff avatar as the platform gives it (SVG markup) or a URL, as an img src. */
export const avatarSrc = (a: string | undefined) => (!a ? '' : a.trimStart().startsWith('<svg') ? `data:image/svg+xml,${encodeURIComponent(a)}` : a)

/** What a chat list shows for the last message. */
export function wecomPreview(m: WecomMessage | null, zh: boolean) {
  if (!m) return ''
  switch (m.kind) {
    case 'text':
      return String(m.body.content ?? '')
    case 'miniprogram':
      return `[${zh ? '小程序' : 'Mini Program'}] ${m.body.title ?? ''}`
    case 'link':
      return `[${zh ? '链接' : 'Link'}] ${m.body.title ?? ''}`
    case 'image':
      return `[${zh ? '图片' : 'Photo'}]`
    case 'event':
      return zh ? '你已进入会话' : 'You started a service chat'
    default:
      return `[${m.kind}]`
  }
}
