import { and, eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { getPerson } from '../../world/people'
import { membersOf } from '../chat/conversations'
import { findShare, type ShareRow } from '../chat/shares'
import { launch } from '../miniprogram/launch'
import type { EntryName } from '../miniprogram/scenes'
import { findAccount } from './account'
import { invalid, liveState, noSuchPerson, noSuchProduct } from './errors'
import { findLive } from './lives'
import { channelsLiveViewers, channelsTaps, type MountedProduct } from './schema'
import { findVideo, profileFor } from './videos'
import { SandboxError } from '../../shared/errors'

/**
 * How Channels hands a person to a mini program (reference/channels.md §4): a launch with the
 * documented scene and the page as the creator mounted it, attributed to the video or live.
 */
async function openMounted(
  platform: Platform,
  personId: string,
  o: { entry: EntryName; source: 'video' | 'live' | 'profile'; sourceId: string; finderUserName: string; videoId?: string; liveId?: string; product?: MountedProduct; page: { appid: string; path: string }; share?: ShareRow },
) {
  const subject: Record<string, string> = { finder: o.finderUserName, ...(o.videoId && { video: o.videoId }), ...(o.liveId && { live: o.liveId }), ...(o.product && { product: o.product.productId }) }
  const result = await launch(
    platform,
    personId,
    { entry: o.entry, appid: o.page.appid, path: o.page.path },
    { subject, share: o.share, channels: { finderUserName: o.finderUserName, videoId: o.videoId, liveId: o.liveId }, payload: { channels: { source: o.source, ...subject } } },
  )
  const tap = {
    id: `tap_${platform.ids.alnum(16)}`,
    source: o.source,
    sourceId: o.sourceId,
    personId,
    productId: o.product?.productId ?? null,
    appid: result.appid,
    scene: result.launchOptions.scene,
    attributionId: result.attribution.attributionId,
    at: platform.clock.now(),
  }
  await platform.db.insert(channelsTaps).values(tap)
  await platform.events.append({
    actor: personId,
    surface: 'channels',
    type: o.product ? 'channels.product.tapped' : 'channels.link.tapped',
    subject: { person: personId, ...subject },
    journeyId: result.journeyId,
    channel: 'channels',
    payload: { source: o.source, scene: tap.scene, appid: tap.appid, path: o.page.path, attributionId: tap.attributionId, ...(o.product && { price: o.product.price, title: o.product.title }) },
  })
  return { ...result, tap: { tapId: tap.id, source: o.source, sourceId: o.sourceId, productId: tap.productId } }
}

async function person(platform: Platform, id: string) {
  const p = await getPerson(platform.db, id)
  if (!p) throw noSuchPerson(id)
  return p
}

/** The card of a Channels video the person received in a chat, when they opened the video from it. */
async function videoShare(platform: Platform, personId: string, feedId: string, shareId?: string) {
  if (!shareId) return undefined
  const share = await findShare(platform.db, shareId)
  if (!share || share.kind !== 'channels_video') throw new SandboxError(404, 'not_found', `no Channels video card ${shareId}`)
  if (share.target !== feedId) throw invalid(`${shareId} is a card of another video`)
  if (!(await membersOf(platform.db, share.conversation))?.includes(personId)) throw new SandboxError(403, 'not_member', `${personId} did not receive ${shareId}`)
  return share
}

/**
 * A tap under a video: a mounted product, or the video's mini program link (视频号链接); both
 * open with scene 1184. `shareId`: the video card in a chat the person opened the video from.
 */
export async function tapVideoLink(platform: Platform, personId: string, feedId: string, o: { productId?: string; shareId?: string }) {
  await person(platform, personId)
  const v = await findVideo(platform.db, feedId)
  const share = await videoShare(platform, personId, feedId, o.shareId)
  let product: MountedProduct | undefined
  let page: { appid: string; path: string }
  if (o.productId !== undefined) {
    product = v.products.find((p) => p.productId === o.productId)
    if (!product) throw noSuchProduct(o.productId, `video ${feedId}`)
    page = product
  } else {
    if (!v.miniProgram) throw invalid(`video ${feedId} has no mini program link`)
    page = v.miniProgram
  }
  return openMounted(platform, personId, { entry: 'channels-video', source: 'video', sourceId: feedId, finderUserName: v.finderUserName, videoId: feedId, product, page, share })
}

/** A tap on a product of the live room's shelf (直播间商品): scene 1177, only for a viewer in the room of a live session. */
export async function tapLiveProduct(platform: Platform, personId: string, liveId: string, productId: string) {
  await person(platform, personId)
  const live = await findLive(platform.db, liveId)
  if (live.status !== 'live') throw liveState(liveId, live.status, 'live')
  const [inRoom] = await platform.db.select().from(channelsLiveViewers).where(and(eq(channelsLiveViewers.liveId, liveId), eq(channelsLiveViewers.personId, personId)))
  if (!inRoom || inRoom.leftAt !== null) throw new SandboxError(409, 'not_in_room', `${personId} is not watching ${liveId}: join first`)
  const product = live.shelf.find((p) => p.productId === productId)
  if (!product) throw noSuchProduct(productId, `the shelf of ${liveId}`)
  return openMounted(platform, personId, { entry: 'channels-live', source: 'live', sourceId: liveId, finderUserName: live.finderUserName, liveId, product, page: product })
}

/**
 * The profile page's shop: the shop entry (1175, the mini program's home, or a product) or the
 * goods tab (1195, a product).
 */
export async function openProfileShop(platform: Platform, personId: string, finder: string, o: { tab: 'shop' | 'goods'; productId?: string }) {
  await person(platform, personId)
  const account = await findAccount(platform, finder)
  if (!account.appid) throw invalid(`${finder} has no mini program shop`)
  let product: MountedProduct | undefined
  if (o.productId !== undefined) {
    product = (await profileFor(platform, personId, finder)).shop.find((p) => p.productId === o.productId)
    if (!product) throw noSuchProduct(o.productId, `the shop of ${finder}`)
  } else if (o.tab === 'goods') throw invalid('the goods tab opens a product: name productId')
  const page = product ?? { appid: account.appid, path: '' }
  return openMounted(platform, personId, { entry: o.tab === 'goods' ? 'channels-profile-goods' : 'channels-profile', source: 'profile', sourceId: account.finderUserName, finderUserName: account.finderUserName, product, page })
}
