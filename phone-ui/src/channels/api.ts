import { ownFetch } from '../own-calls'
import type { MountedProduct } from '../../../platform-mock/src/surfaces/channels/schema'
import type { LaunchResult, Message } from '../api'

/** Channels as the phone reads it: the person-side control API (`/_sandbox/people/:id/channels/…`). */

/** a product under a video or on a live shelf, as the platform stores it */
export type { MountedProduct }

export interface Video {
  feedId: string
  nonceId: string
  finderUserName: string
  nickname: string
  headUrl: string
  title: string
  description: string
  coverUrl: string
  products: MountedProduct[]
  miniProgram: { appid: string; path: string; title: string } | null
  postedAt: string
  likes: number
  comments: number
  liked: boolean
  followed: boolean
  likedBy: { person: string; name: string }[]
  live: { liveId: string; title: string } | null
}

export interface Live {
  liveId: string
  feedId: string
  finderUserName: string
  nickname: string
  headUrl: string
  title: string
  description: string
  status: 'scheduled' | 'live' | 'ended'
  startTime: string
  shelf: MountedProduct[]
  presenterUrl: string
  watching: number
  inRoom?: boolean
}

export interface Profile {
  finderUserName: string
  nickname: string
  signature: string
  color: string
  appid: string | null
  headUrl: string
  followers: number
  followed: boolean
  videos: Video[]
  shop: MountedProduct[]
  live: Live | null
}

export interface Comment {
  id: string
  person: string
  name: string
  text: string
  at: string
}

export type FeedTab = 'following' | 'friends' | 'recommended'
export type ChannelsLaunch = LaunchResult & { tap: { tapId: string; source: string; sourceId: string; productId: string | null } }

/** Where Channels opens: the feed, one video (from a chat card), a profile or a live room. */
export type ChannelsStart =
  | { screen: 'feed' }
  | { screen: 'video'; feedId: string; shareId?: string }
  | { screen: 'profile'; finderUserName: string }
  | { screen: 'live'; liveId: string }

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await ownFetch(path, { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  const data = await res.json().catch(() => ({}))
  if (!res.ok) throw new Error((data as { error?: { message?: string } }).error?.message ?? `${res.status}`)
  return data as T
}

const me = (id: string) => `/_sandbox/people/${encodeURIComponent(id)}/channels`

export const channels = {
  feed: (id: string, tab: FeedTab) => call<{ videos: Video[] }>('GET', `${me(id)}/feed?tab=${tab}`).then((r) => r.videos),
  video: (feedId: string) => call<Video>('GET', `/_sandbox/channels/videos/${encodeURIComponent(feedId)}`),
  profile: (id: string, finder: string) => call<Profile>('GET', `${me(id)}/accounts/${encodeURIComponent(finder)}`),
  follow: (id: string, finder: string, on: boolean) => call(on ? 'POST' : 'DELETE', `${me(id)}/accounts/${encodeURIComponent(finder)}/follow`),
  like: (id: string, feedId: string, on: boolean) => call<Video>(on ? 'POST' : 'DELETE', `${me(id)}/videos/${encodeURIComponent(feedId)}/like`),
  view: (id: string, feedId: string, from: 'feed' | 'chat' | 'profile' | 'miniprogram') => call<Video>('POST', `${me(id)}/videos/${encodeURIComponent(feedId)}/view`, { from }),
  comments: (feedId: string) => call<{ comments: Comment[] }>('GET', `/_sandbox/channels/videos/${encodeURIComponent(feedId)}/comments`).then((r) => r.comments),
  comment: (id: string, feedId: string, text: string) => call<Comment>('POST', `${me(id)}/videos/${encodeURIComponent(feedId)}/comments`, { text }),
  openVideoLink: (id: string, feedId: string, body: { productId?: string; shareId?: string }) => call<ChannelsLaunch>('POST', `${me(id)}/videos/${encodeURIComponent(feedId)}/open`, body),
  openShop: (id: string, finder: string, body: { tab: 'shop' | 'goods'; productId?: string }) => call<ChannelsLaunch>('POST', `${me(id)}/accounts/${encodeURIComponent(finder)}/shop`, body),
  live: (id: string, liveId: string) => call<Live>('GET', `${me(id)}/lives/${encodeURIComponent(liveId)}`),
  join: (id: string, liveId: string) => call<Live>('POST', `${me(id)}/lives/${encodeURIComponent(liveId)}/join`),
  leave: (id: string, liveId: string) => call('POST', `${me(id)}/lives/${encodeURIComponent(liveId)}/leave`),
  tapProduct: (id: string, liveId: string, productId: string) => call<ChannelsLaunch>('POST', `${me(id)}/lives/${encodeURIComponent(liveId)}/products/${encodeURIComponent(productId)}/tap`),
  share: (id: string, to: string, feedId: string) => call<Message>('POST', `/_sandbox/people/${encodeURIComponent(id)}/messages`, { to, type: 'channels_video', channelsVideo: { feedId } }),
  liveInfo: (id: string, q: Record<string, string>) => call<Record<string, unknown>>('GET', `${me(id)}/live-info?${new URLSearchParams(q)}`),
  open: (id: string, body: Record<string, unknown>) => call<ChannelsStart & { finderUserName: string }>('POST', `${me(id)}/open`, body),
}

/** ¥ with two decimals, from fen. */
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`

/** 1.2万 / 12.3k style counts as Channels shows them. */
export function count(n: number, zh: boolean) {
  if (n < 10_000) return String(n)
  return zh ? `${(n / 10_000).toFixed(1)}万` : `${(n / 1000).toFixed(1)}k`
}
