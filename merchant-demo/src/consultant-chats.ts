import { eq } from 'drizzle-orm'
import type { Store } from './context'
import { ApiError } from './errors'
import { orders, wecomCustomers } from './schema'
import { wecomOf } from './wecom'

/**
 * The consultants' 1:1 chats with the brand's WeCom customers, for the brand console. In WeCom a
 * consultant reads and answers these in the WeCom client: no server API receives what a customer
 * writes there (Conversation Archive aside) or sends a member's own 1:1 message. So the console
 * stands in for that client, through the sandbox's (`/_sandbox/wecom/staff/:userid/…`), as
 * channels.ts stands in for 视频号助手; who the consultants are comes from the real API
 * (externalcontact/get_follow_user_list, user/get).
 */

/** A message of a consultant's chat, as the WeCom client (the sandbox's stand-in) gives it. */
export interface ClientMessage {
  seq: number
  from: 'staff' | 'customer' | 'system'
  source: string
  kind: string
  body: Record<string, unknown>
  sentAt: string
}
interface ClientChat {
  externalUserid: string
  person: string
  name: string
  nameZh: string | null
  addedAt: string
  state: string | null
  lastMessage: ClientMessage | null
}

async function client<T>(store: Store, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  if (!store.sandbox) throw new ApiError(409, 'not_in_sandbox', 'consultant chats are answered in the WeCom client; the console shows them only against the sandbox')
  const { corpid } = await wecomOf(store)
  const res = await fetch(`${store.platformUrl}/_sandbox${path}?corpid=${encodeURIComponent(corpid)}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = (await res.json()) as T & { error?: { code: string; message: string } }
  if (res.status === 404) throw new ApiError(404, 'unknown_chat', data.error?.message ?? 'no such consultant chat')
  if (!res.ok) throw new ApiError(502, 'wecom_client_refused', data.error?.message ?? `HTTP ${res.status}`)
  return data
}

/** The corp's consultants (members with customer contact), named as WeCom names them. */
async function consultants(store: Store) {
  const { client: api } = await wecomOf(store)
  const { follow_user } = await api.api<{ follow_user: string[] }>('cgi-bin/externalcontact/get_follow_user_list')
  return Promise.all(
    follow_user.map(async (userid) => {
      const user = await api.api<{ name: string; position?: string }>('cgi-bin/user/get', undefined, { userid }).catch(() => null)
      return { userid, name: user?.name ?? userid, position: user?.position ?? '' }
    }),
  )
}

/** Every consultant's customer chats, newest message first, with the order whose code brought the customer. */
export async function consultantChats(store: Store) {
  const list = []
  for (const consultant of await consultants(store)) {
    const { chats } = await client<{ chats: ClientChat[] }>(store, 'GET', `/wecom/staff/${encodeURIComponent(consultant.userid)}/chats`)
    for (const chat of chats) list.push({ consultant, ...chat, order: await orderOf(store, chat.externalUserid, consultant.userid) })
  }
  return list.sort((a, b) => (b.lastMessage?.sentAt ?? '').localeCompare(a.lastMessage?.sentAt ?? '') || (b.lastMessage?.seq ?? 0) - (a.lastMessage?.seq ?? 0))
}

/** One chat of the console's list (`GET /admin/wecom/consultant-chats`). */
export type ConsultantChatView = Awaited<ReturnType<typeof consultantChats>>[number]

export async function consultantChat(store: Store, userid: string, externalUserid: string) {
  const consultant = (await consultants(store)).find((c) => c.userid === userid)
  if (!consultant) throw new ApiError(404, 'unknown_consultant', `no consultant ${userid}`)
  const chat = await client<{ person: string; messages: ClientMessage[] }>(store, 'GET', `/wecom/staff/${encodeURIComponent(userid)}/chats/${encodeURIComponent(externalUserid)}/messages`)
  return { consultant, externalUserid, person: chat.person, order: await orderOf(store, externalUserid, userid), messages: chat.messages }
}

/** The consultant answers in the WeCom client: a text in the customer's chat. */
export async function answerAsConsultant(store: Store, userid: string, externalUserid: string, text: string) {
  await consultantChat(store, userid, externalUserid)
  const sent = await client<{ message: ClientMessage }>(store, 'POST', `/wecom/staff/${encodeURIComponent(userid)}/messages`, { externalUserid, text })
  return sent.message
}

async function orderOf(store: Store, externalUserid: string, userid: string) {
  const rows = await store.db.select({ orderId: wecomCustomers.orderId, userid: wecomCustomers.userid }).from(wecomCustomers).where(eq(wecomCustomers.externalUserid, externalUserid))
  const orderId = rows.find((r) => r.userid === userid)?.orderId
  if (!orderId) return null
  const [order] = await store.db.select().from(orders).where(eq(orders.id, orderId))
  return order ? { id: order.id, pickupNo: order.pickupNo, status: order.status, total: order.total } : null
}
