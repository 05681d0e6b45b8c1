import type { ClientMessage, ConsultantChatView } from '../../src/consultant-chats'
/** The console's calls: every one an `/admin/*` call with the staff token as a bearer. */

const KEY = 'brand-console:staff-token'

/** The staff token: given once as `/admin?token=…` (then taken off the address), else kept for this tab. */
export function staffToken(): string | null {
  const url = new URL(location.href)
  const given = url.searchParams.get('token')
  if (given) {
    sessionStorage.setItem(KEY, given)
    url.searchParams.delete('token')
    history.replaceState(null, '', url.pathname + url.search + url.hash)
  }
  return sessionStorage.getItem(KEY)
}
export const keepToken = (token: string) => sessionStorage.setItem(KEY, token)
export const forgetToken = () => sessionStorage.removeItem(KEY)

/** A call the store refused, with its `error.code` (`staff_only` for a wrong token). */
export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const token = sessionStorage.getItem(KEY) ?? ''
  const res = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = res.headers.get('content-type')?.includes('json') ? await res.json() : null
  if (!res.ok) throw new ConsoleError(res.status, data?.error?.code ?? 'http', data?.error?.message ?? `HTTP ${res.status}`)
  return data as T
}

export interface Colours {
  primary: string
  accent: string
  background: string
  text: string
}
export interface ConsoleInfo {
  brand: { id: string; name: string; nameZh: string | null; tagline: string; colours: Colours; fulfilment: string; logo: string }
  stores: { id: string; name: string }[]
  products: { id: string; name: string; nameZh: string | null }[]
  campaigns: { id: string; title: string; subtitle: string }[]
  channels: { videos: { id: string; title: string }[]; live: { title: string; products: { id: string; name: string; nameZh: string | null }[] } | null }
  levels: { name: string; minSpend: number }[]
  wecom: { corpName: string | null }
  setUp: string[]
}
export interface ChainStep {
  person?: string
  via?: string
  action?: string
  entry?: string
  scene?: number
  to?: string
  [k: string]: unknown
}
export interface OrderRow {
  id: string
  kind: string
  status: string
  total: number
  pickupNo: string
  createdAt: string
  paidAt: string | null
  store: { id: string; name: string }
  table: string | null
  entry: { scene: number | null; channel: string; query: Record<string, string> }
  items: { productId: string; name: string; quantity: number; unitPrice: number }[]
  refunds: { id: string; amount: number; status: string }[]
  attribution: { firstTouchChannel: string | null; people: string[]; shareChain: ChainStep[] } | null
  shipping: { carrier: string | null; trackingNo: string | null } | null
}
export interface MemberRow {
  id: string
  openid: string
  person: string | null
  points: number
  lifetimeSpend: number
  level: { name: string; next: { name: string; spendToGo: number } | null }
  orders: number
  paidOrders: number
}
export interface ChatMessage {
  id: number
  from: 'customer' | 'auto' | 'consultant'
  content: string
  sentAt: string
}
export interface Chat {
  externalUserid: string
  openKfid: string
  person: string | null
  order: { id: string; pickupNo: string; status: string; total: number } | null
  messages: ChatMessage[] | number
  lastMessage?: ChatMessage
}

export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`
/** A person id of the world (`alice`) as a name. */
export const personName = (id: string | null | undefined) => (id ? id.charAt(0).toUpperCase() + id.slice(1) : '')

/** A consultant's 1:1 chat with a customer, as the consultant's WeCom client shows it: the store's own types. */
export type ConsultantChat = ConsultantChatView & { messages?: ClientMessage[] }
export type { ClientMessage }
