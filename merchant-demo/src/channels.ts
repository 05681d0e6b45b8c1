import type { Store } from './context'
import { ApiError } from './errors'

/**
 * The brand's Channels (视频号) work, as its staff would do it in the 视频号助手 app: WeChat has no
 * server API to post videos or run live rooms (platform-mock/src/surfaces/channels/README.md), so
 * these are the sandbox's creator-side calls, like the two calls that stand for uploading the pages.
 * Every video and live mounts the store's own product pages, so a tap opens the mini program on
 * `pages/product/product?id=…` with Channels' scene (1184 video, 1177 live goods).
 */

interface Account {
  finderUserName: string
  nickname: string
  appid: string | null
}
export interface PostedVideo {
  feedId: string
  title: string
  products: { productId: string }[]
}
export interface Live {
  liveId: string
  title: string
  status: 'scheduled' | 'live' | 'ended'
  shelf: { productId: string }[]
}

/**
 * One Channels change at a time per store: a publish from an admin call and one after a sandbox
 * reset must not both find a video missing and both post it.
 */
const queues = new WeakMap<Store, Promise<unknown>>()
function serial<T>(store: Store, work: () => Promise<T>): Promise<T> {
  const next = (queues.get(store) ?? Promise.resolve()).catch(() => undefined).then(work)
  queues.set(store, next)
  return next
}

async function call<T>(store: Store, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${store.platformUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new ApiError(502, 'channels_refused', `Channels: ${method} ${path} answered ${res.status} ${text}`)
  return JSON.parse(text) as T
}

/** The brand's account: the one whose shop is this store's mini program. */
export async function channelsAccount(store: Store): Promise<Account> {
  if (!store.sandbox) throw new ApiError(409, 'not_sandbox', 'Channels content is posted in the 视频号助手 app outside the sandbox')
  const { accounts } = await call<{ accounts: Account[] }>(store, 'GET', '/_sandbox/channels/accounts')
  const account = accounts.find((a) => a.appid === store.appid)
  if (!account) throw new ApiError(409, 'no_channels_account', `no Channels account has ${store.appid} as its shop`)
  return account
}

const productPage = (store: Store, id: string) => {
  const p = store.catalog.product(id)
  return { productId: p.id, title: p.name, price: p.price, path: `pages/product/product?id=${p.id}`, imageUrl: `${store.publicUrl}/img/products/${p.id}.svg` }
}

/**
 * Posts the kit's videos (those not posted yet, by title) and schedules its live (unless one with
 * that title is scheduled or live), after naming the account after the brand. Again after a reset.
 */
export function publishChannels(store: Store) {
  return serial(store, () => publishKit(store))
}

async function publishKit(store: Store) {
  const account = await channelsAccount(store)
  const { kit } = store
  await call(store, 'PATCH', `/_sandbox/channels/accounts/${account.finderUserName}`, { nickname: kit.name, signature: kit.tagline || kit.name, color: kit.colours.primary })
  const q = new URLSearchParams({ finderUserName: account.finderUserName })
  const { videos: existing } = await call<{ videos: PostedVideo[] }>(store, 'GET', `/_sandbox/channels/videos?${q}`)
  const videos: PostedVideo[] = []
  for (const v of kit.channels.videos) {
    const found = existing.find((e) => e.title === v.title)
    if (found) {
      videos.push(found)
      continue
    }
    videos.push(
      await call<PostedVideo>(store, 'POST', '/_sandbox/channels/videos', {
        finderUserName: account.finderUserName,
        title: v.title,
        description: v.description,
        products: v.products.map((id) => productPage(store, id)),
        ...(v.link && { miniProgram: { path: `pages/${v.link.page}/${v.link.page}`, title: v.link.title } }),
      }),
    )
  }
  const live = kit.channels.live ? ((await kitLive(store, account)) ?? (await scheduleLive(store, account))) : null
  store.setUp.add('channels')
  return { finderUserName: account.finderUserName, videos, live }
}

async function scheduleLive(store: Store, account: Account) {
  const live = store.kit.channels.live!
  // the notice says it starts in an hour (business time); the brand starts it when it is ready
  const startTime = new Date(store.now().getTime() + 3600_000).toISOString()
  return call<Live>(store, 'POST', '/_sandbox/channels/lives', {
    finderUserName: account.finderUserName,
    title: live.title,
    description: live.description,
    startTime,
    shelf: live.products.map((id) => productPage(store, id)),
  })
}

/** The kit's live session that is scheduled or on air, if any. */
async function kitLive(store: Store, account: Account) {
  const q = new URLSearchParams({ finderUserName: account.finderUserName })
  const { lives } = await call<{ lives: Live[] }>(store, 'GET', `/_sandbox/channels/lives?${q}`)
  return lives.find((l) => l.title === store.kit.channels.live?.title && l.status !== 'ended')
}

/** Goes live with the kit's session (scheduling it first when needed): `start`, or ends it: `end`. */
export function liveAction(store: Store, action: 'start' | 'end') {
  return serial(store, () => goLive(store, action))
}

async function goLive(store: Store, action: 'start' | 'end') {
  if (!store.kit.channels.live) throw new ApiError(409, 'no_live', `${store.kit.name} has no live stream in its kit`)
  const account = await channelsAccount(store)
  const live = (await kitLive(store, account)) ?? (action === 'start' ? await scheduleLive(store, account) : undefined)
  if (!live) throw new ApiError(409, 'not_live', 'no live session to end')
  if (action === 'start' && live.status === 'live') return live
  if (action === 'end' && live.status !== 'live') throw new ApiError(409, 'not_live', `the live session is ${live.status}`)
  return call<Live>(store, 'POST', `/_sandbox/channels/lives/${live.liveId}/${action}`)
}

/** The live session's statistics as the 视频号助手 shows them (viewers, peak, taps, orders). */
export async function liveStats(store: Store) {
  const account = await channelsAccount(store)
  const q = new URLSearchParams({ finderUserName: account.finderUserName })
  const { lives } = await call<{ lives: Live[] }>(store, 'GET', `/_sandbox/channels/lives?${q}`)
  const mine = lives.filter((l) => l.title === store.kit.channels.live?.title)
  return { lives: await Promise.all(mine.map((l) => call<Live & { stats: unknown }>(store, 'GET', `/_sandbox/channels/lives/${l.liveId}`))) }
}
