/** The phone's only way into the world: the platform's person-side control API, same origin. */
import { ownFetch } from './own-calls'

export interface PersonView {
  id: string
  name: string
  nameZh: string
  city: string
  language: 'en' | 'zh_CN'
  avatarUrl: string
}

export interface Message {
  seq: number
  conversation: string
  sender: string
  kind: 'text' | 'image' | 'emoji' | 'miniprogram' | 'link' | 'video' | 'channels_video'
  body: Record<string, any>
  sentAt: string
}

/** A photo of the phone's album (drawn by the sandbox). */
export interface AlbumPhoto {
  id: string
  title: string
  titleZh: string
  width: number
  height: number
  url: string
}

/** A sticker of the sticker panel (表情). */
export interface Sticker {
  id: string
  name: string
  nameZh: string
  url: string
}

export interface Conversation {
  id: string
  kind: 'p2p' | 'group'
  peer: string | null
  groupId: string | null
  members: string[]
  title: string
  titleZh: string
  lastMessage: Message | null
  unread: number
}

export type { SandboxEvent } from '../../platform-mock/src/shared/events'
export type { WorldView } from '../../platform-mock/src/sandbox/world-view'
import type { WorldView } from '../../platform-mock/src/sandbox/world-view'
import type { SandboxEvent } from '../../platform-mock/src/shared/events'

export interface LaunchResult {
  appid: string
  launchOptions: { path: string; query: Record<string, string>; scene: number; shareTicket?: string; referrerInfo: { appId?: string; extraData?: Record<string, unknown> } }
  login: { code: string }
  journeyId: string
  channel: string
  eventId: number
}

export interface PayPreview {
  merchantName: string
  description: string
  total: number
  tradeType: string
  wallet: Wallet | null
}

export interface Wallet {
  balance: number
  card: { bank: string; bankType: string; tail: string; name: string }
}

export interface Bill {
  kind: 'payment' | 'refund'
  amount: number
  method: string
  merchantName: string
  description: string
  outTradeNo: string
  at: string
}

export type ScanResult =
  | ({ action: 'open-miniprogram' } & LaunchResult)
  | { action: 'pay'; codeUrl: string; ok: boolean; message?: string; order?: { merchantName: string; description: string; total: number } }
  | { action: 'follow-official-account'; appid: string }
  | { action: string; message?: string }

export interface ServiceNotification {
  id: string
  appid: string
  appName: string
  title: string
  titleEn: string
  keywords: { key: string; name: string; nameEn: string; value: string }[]
  clickable: boolean
  sentAt: string
  openedAt: string | null
}

export interface OaButton {
  type?: string
  name: string
  key?: string
  url?: string
  appid?: string
  pagepath?: string
  sub_button?: OaButton[]
}

export interface OaProfile {
  appid: string
  name: string
  nameZh?: string
  following: boolean
  subscribeTime?: string
  menu: OaButton[]
}

export interface OaMessage {
  seq: number
  from: 'person' | 'account'
  source: string
  kind: string
  body: Record<string, any>
  sentAt: string
}

export interface OaArticle {
  articleId: string
  idx: number
  title: string
  /** its https://mp.weixin.qq.com/s/… address (what a shared link carries) */
  url: string
  author?: string
  digest?: string
  publishedAt: string
  /** its cover (`thumb_url`, on mmbiz.qpic.cn), '' when it has none */
  thumbUrl?: string
  miniprograms: { appid: string; path: string; title: string; imageUrl: string }[]
}

/** A card in the person's card package (卡包), as the platform lists it. */
export interface CardView {
  cardId: string
  cardType: string
  title: string
  brandName: string
  color?: string
  colorHex?: string
  code?: string
  status: 'NORMAL' | 'CONSUMED' | 'EXPIRE' | 'UNAVAILABLE'
  usable: boolean
  validity: { begin: string; end: string | null }
  bonus?: number
}

export interface MiniProgramInfo {
  appid: string
  name: string
  nameZh?: string
  brandColor: string
  /** the brand's logo (a data: URL) when its kit has one */
  icon?: string
  pagesUrl: string
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** One call to the platform's client or control API; a refusal throws ApiError with the platform's message. */
export async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await ownFetch(path, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...init?.headers },
  })
  if (res.status === 204) return undefined as T
  const body = await res.json().catch(() => ({}))
  if (!res.ok) throw new ApiError(res.status, body?.error?.code ?? 'error', body?.error?.message ?? res.statusText)
  return body as T
}

export const post = <T>(path: string, body: unknown) => call<T>(path, { method: 'POST', body: JSON.stringify(body) })
const person = (id: string) => `/_sandbox/people/${encodeURIComponent(id)}`

export const api = {
  world: () => call<WorldView>('/_sandbox/world'),
  switchWorld: (kit: string) => post<{ kit: { id: string; name: string } }>('/_sandbox/world', { kit }),
  people: () => call<{ people: PersonView[] }>('/_sandbox/people').then((r) => r.people),
  person: (id: string) => call<PersonView & { friends: string[] }>(person(id)),
  conversations: (id: string) => call<{ conversations: Conversation[] }>(`${person(id)}/conversations`).then((r) => r.conversations),
  messages: (id: string, conversation: string) =>
    call<{ messages: Message[] }>(`${person(id)}/conversations/${encodeURIComponent(conversation)}/messages`).then((r) => r.messages),
  markRead: (id: string, conversation: string, seq: number) =>
    post<void>(`${person(id)}/conversations/${encodeURIComponent(conversation)}/read`, { seq }),
  sendText: (id: string, to: string, text: string) => post<Message>(`${person(id)}/messages`, { to, type: 'text', text }),
  sendImage: (id: string, to: string, url: string) => post<Message>(`${person(id)}/messages`, { to, type: 'image', image: { url } }),
  sendSticker: (id: string, to: string, sticker: string) => post<Message>(`${person(id)}/messages`, { to, type: 'emoji', emoji: { id: sticker } }),
  album: () => call<{ photos: AlbumPhoto[] }>('/_sandbox/chat/album').then((r) => r.photos),
  stickers: () => call<{ stickers: Sticker[] }>('/_sandbox/chat/stickers').then((r) => r.stickers),
  /** an article's link (the reader's ··· → Send to Chat) */
  sendLink: (id: string, to: string, link: { title: string; description?: string; url: string }) => post<Message>(`${person(id)}/messages`, { to, type: 'link', link }),
  /** forwards a message (a card keeps its share chain on the platform) */
  forward: (id: string, to: string, message: number) => post<Message>(`${person(id)}/messages`, { to, type: 'forward', message }),
  shareCard: (id: string, to: string, miniprogram: { appid: string; title: string; path: string; imageUrl?: string }) =>
    post<Message>(`${person(id)}/messages`, { to, type: 'miniprogram', miniprogram }),
  login: (id: string, appid: string) => post<{ code: string }>(`${person(id)}/miniprogram/login`, { appid }),
  launch: (id: string, entry: Record<string, unknown>) => post<LaunchResult>(`${person(id)}/miniprogram/launch`, entry),
  miniProgram: (appid: string) => call<MiniProgramInfo>(`/_sandbox/miniprogram/apps/${encodeURIComponent(appid)}`),
  miniPrograms: () => call<{ apps: MiniProgramInfo[] }>('/_sandbox/miniprogram/apps').then((r) => r.apps),
  subscribe: (id: string, body: { appid: string; tmplIds: string[]; decisions: Record<string, 'accept' | 'reject'> }) =>
    post<Record<string, string> & { errMsg: string }>(`${person(id)}/miniprogram/subscribe`, body),
  /** What the pay sheet shows; refused (bad paySign, paid, closed…) with the client's message. */
  payPreview: (id: string, target: Record<string, unknown>) => post<PayPreview>(`/_sandbox/pay/people/${encodeURIComponent(id)}/preview`, target),
  pay: (id: string, body: Record<string, unknown>) =>
    post<{ outcome: 'success' | 'cancel' | 'wrong_password' | 'insufficient_balance' | 'fail'; message: string; errMsg?: string }>(
      `/_sandbox/pay/people/${encodeURIComponent(id)}/pay`,
      body,
    ),
  wallet: (id: string) => call<Wallet>(`/_sandbox/pay/people/${encodeURIComponent(id)}/wallet`),
  bills: (id: string) => call<{ bills: Bill[] }>(`/_sandbox/pay/people/${encodeURIComponent(id)}/bills`).then((r) => r.bills),
  scan: (id: string, body: { payload: string; method: string }) => post<ScanResult>(`${person(id)}/scan`, body),
  scanInMiniProgram: (id: string, body: { payload: string; method: string; appid: string }) =>
    post<Record<string, unknown>>(`${person(id)}/miniprogram/scan-code`, body),
  /** wx.getShareInfo: the group behind a shareTicket as encrypted open data (the session_key of the latest wx.login opens it) */
  shareInfo: (id: string, appid: string, shareTicket: string) =>
    post<{ encryptedData: string; iv: string; errMsg: string }>(`${person(id)}/miniprogram/share-info`, { appid, shareTicket }),
  notifications: (id: string) => call<{ notifications: ServiceNotification[] }>(`${person(id)}/service-notifications`).then((r) => r.notifications),
  openNotification: (id: string, notification: string) =>
    post<LaunchResult>(`${person(id)}/service-notifications/${encodeURIComponent(notification)}/open`, {}),
  officialAccount: (id: string) => call<OaProfile>(`${person(id)}/official-account`),
  oaMessages: (id: string) => call<{ messages: OaMessage[] }>(`${person(id)}/official-account/messages`).then((r) => r.messages),
  oaSend: (id: string, text: string) => post<unknown>(`${person(id)}/official-account/messages`, { text }),
  oaFollow: (id: string, scene = 'ADD_SCENE_PROFILE_CARD') => post<unknown>(`${person(id)}/official-account/follow`, { scene }),
  oaUnfollow: (id: string) => post<unknown>(`${person(id)}/official-account/unfollow`, {}),
  oaTap: (id: string, top: number, sub?: number) =>
    post<{ type: string; url?: string; launch?: LaunchResult }>(`${person(id)}/official-account/menu/tap`, { top, ...(sub !== undefined && { sub }) }),
  /** taps a message from the account: a mini program card (1074) or a template message's jump (1043) */
  oaOpenMessage: (id: string, seq: number) => post<LaunchResult>(`${person(id)}/official-account/messages/${seq}/open`, {}),
  oaArticles: (id: string) => call<{ articles: OaArticle[] }>(`${person(id)}/official-account/articles`).then((r) => r.articles),
  oaReadArticle: (id: string, articleId: string, idx: number) =>
    post<OaArticle & { content: string }>(`${person(id)}/official-account/articles/${encodeURIComponent(articleId)}/read`, { idx }),
  oaOpenArticleCard: (id: string, articleId: string, idx: number, card: number) =>
    post<LaunchResult>(`${person(id)}/official-account/articles/${encodeURIComponent(articleId)}/open-miniprogram`, { idx, card }),
  addCards: (id: string, body: { appid: string; cardList: unknown }) => post<Record<string, unknown>>(`${person(id)}/cards/add`, body),
  cards: (id: string) => call<{ cards: CardView[] }>(`${person(id)}/cards`).then((r) => r.cards),
  homePage: (appid: string) =>
    call<{ home: string | null }>(`/_sandbox/miniprogram/pages?appid=${encodeURIComponent(appid)}`).then((r) => r.home),
  credentials: () => call<{ miniProgram: { appid: string; name: string }; brand: { name: string; nameZh: string } }>('/_sandbox/credentials'),
}

type Listener = (e: SandboxEvent) => void
const listeners = new Set<Listener>()
let source: EventSource | null = null

/**
 * One event stream per page, shared by every phone on it: each phone filters for what concerns
 * its person. EventSource reconnects by itself and resumes after the last event id.
 */
export function onEvent(listener: Listener) {
  listeners.add(listener)
  if (!source) {
    source = new EventSource('/_sandbox/events/stream')
    // `<html data-events="live">` once the platform has subscribed this page (its `ready`), so a
    // script or a test knows a launch made elsewhere will reach the phones; "connecting" while it retries
    document.documentElement.dataset.events = 'connecting'
    source.addEventListener('ready', () => (document.documentElement.dataset.events = 'live'))
    source.addEventListener('error', () => (document.documentElement.dataset.events = 'connecting'))
    source.addEventListener('event', (m) => {
      const e = JSON.parse((m as MessageEvent).data) as SandboxEvent
      for (const l of listeners) l(e)
    })
    source.addEventListener('replaced', () => {
      for (const l of listeners) l({ id: 0, at: '', actor: 'sandbox', surface: 'sandbox', type: 'world.replaced', subject: {}, journeyId: null, channel: null, payload: {} })
    })
  }
  return () => void listeners.delete(listener)
}

/** Whether an event is news for a person's phone. */
export function concerns(e: SandboxEvent, personId: string) {
  const recipients = e.payload?.recipients as string[] | undefined
  return e.actor === personId || recipients?.includes(personId) || e.subject.person === personId || e.type === 'world.replaced'
}
