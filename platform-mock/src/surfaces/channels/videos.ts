import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Platform } from '../../platform'
import type { Db } from '../../shared/db'
import { friendsOf, getPerson, namesOf } from '../../world/people'
import { findMiniProgram, PAGE_PATH, splitPath } from '../miniprogram/pages'
import { accountView, avatarUrl, findAccount, type AccountRow } from './account'
import { invalid, noSuchPerson, noSuchVideo } from './errors'
import { channelsAccounts, channelsComments, channelsFollows, channelsLikes, channelsLives, channelsVideos, type MiniProgramLink, type MountedProduct } from './schema'

export type VideoRow = typeof channelsVideos.$inferSelect
export type FeedTab = 'following' | 'friends' | 'recommended'

export const coverUrl = (feedId: string) => `/_sandbox/channels/videos/${feedId}/cover.svg`

/** A mounted page must be a mini program of the world and a page path (the query is kept). */
export async function checkMount<T extends { appid?: string; path: string }>(platform: Platform, m: T, field: string): Promise<T & { appid: string }> {
  const app = await findMiniProgram(platform, m.appid).catch(() => {
    throw invalid(`${field}.appid: no mini program ${m.appid} in this world`)
  })
  const { page } = splitPath(m.path)
  if (!PAGE_PATH.test(page)) throw invalid(`${field}.path: not a page path: ${m.path}`)
  return { ...m, appid: app.appid, path: m.path.replace(/^\//, '') }
}

export interface NewVideo {
  finderUserName?: string
  title: string
  description?: string
  products?: (Omit<MountedProduct, 'appid'> & { appid?: string })[]
  miniProgram?: Omit<MiniProgramLink, 'appid'> & { appid?: string }
}

/** The creator posts a video (视频号助手 → 发表动态; no server API exists). */
export async function postVideo(platform: Platform, v: NewVideo) {
  const account = await findAccount(platform, v.finderUserName)
  const products = await Promise.all((v.products ?? []).map((p, i) => checkMount(platform, { ...p, appid: p.appid ?? account.appid ?? undefined }, `products.${i}`)))
  const miniProgram = v.miniProgram ? await checkMount(platform, { ...v.miniProgram, appid: v.miniProgram.appid ?? account.appid ?? undefined }, 'miniProgram') : null
  const { ids, clock } = platform
  // WeChat's feed ids look like `export/UzFf…`; the sandbox drops the slash so they fit in a URL path
  const row: VideoRow = {
    feedId: `export${ids.alnum(36)}`,
    nonceId: ids.digits(19),
    finderUserName: account.finderUserName,
    title: v.title,
    description: v.description ?? '',
    products,
    miniProgram,
    postedAt: clock.now(),
  }
  await platform.db.insert(channelsVideos).values(row)
  await platform.events.append({
    actor: account.finderUserName,
    surface: 'channels',
    type: 'channels.video.posted',
    subject: { finder: account.finderUserName, video: row.feedId },
    payload: { title: row.title, products: products.map((p) => p.productId), miniProgram: miniProgram && { appid: miniProgram.appid, path: miniProgram.path } },
  })
  return row
}

export async function findVideo(db: Db, feedId: string) {
  const [row] = await db.select().from(channelsVideos).where(eq(channelsVideos.feedId, feedId))
  if (!row) throw noSuchVideo(feedId)
  return row
}

export async function videosOf(db: Db, finder: string) {
  return db.select().from(channelsVideos).where(eq(channelsVideos.finderUserName, finder)).orderBy(desc(channelsVideos.postedAt), desc(channelsVideos.feedId))
}

/** What a chat's Channels video card carries (chat surface, kind `channels_video`). */
export async function videoCard(platform: Platform, feedId: string) {
  const v = await findVideo(platform.db, feedId)
  const a = await findAccount(platform, v.finderUserName)
  return { feedId: v.feedId, nonceId: v.nonceId, finderUserName: v.finderUserName, nickname: a.nickname, headUrl: avatarUrl(a.finderUserName), title: v.title, coverUrl: coverUrl(v.feedId) }
}

async function person(db: Db, id: string) {
  const p = await getPerson(db, id)
  if (!p) throw noSuchPerson(id)
  return p
}

/** Videos as a person's phone shows them: counts, their like and follow, the live badge, friends who liked. */
export async function videoViews(platform: Platform, personId: string | null, rows: VideoRow[]) {
  const { db } = platform
  if (rows.length === 0) return []
  const feedIds = rows.map((r) => r.feedId)
  const finders = [...new Set(rows.map((r) => r.finderUserName))]
  const accounts = new Map((await db.select().from(channelsAccounts).where(inArray(channelsAccounts.finderUserName, finders))).map((a) => [a.finderUserName, a]))
  const likes = await db.select().from(channelsLikes).where(inArray(channelsLikes.feedId, feedIds))
  const comments = await db
    .select({ feedId: channelsComments.feedId, n: sql<number>`count(*)` })
    .from(channelsComments)
    .where(inArray(channelsComments.feedId, feedIds))
    .groupBy(channelsComments.feedId)
  const follows = personId ? new Set((await db.select().from(channelsFollows).where(eq(channelsFollows.personId, personId))).map((f) => f.finderUserName)) : new Set<string>()
  const friends = new Set(personId ? await friendsOf(db, personId) : [])
  const names = await namesOf(db, likes.filter((l) => friends.has(l.personId)).map((l) => l.personId))
  const lives = await db.select().from(channelsLives).where(and(inArray(channelsLives.finderUserName, finders), eq(channelsLives.status, 'live')))
  return rows.map((v) => {
    const a = accounts.get(v.finderUserName)!
    const mine = likes.filter((l) => l.feedId === v.feedId)
    const live = lives.find((l) => l.finderUserName === v.finderUserName)
    return {
      ...videoView(v, a),
      likes: mine.length,
      comments: Number(comments.find((c) => c.feedId === v.feedId)?.n ?? 0),
      liked: !!personId && mine.some((l) => l.personId === personId),
      followed: follows.has(v.finderUserName),
      likedBy: mine
        .filter((l) => friends.has(l.personId))
        .sort((x, y) => y.at - x.at)
        .map((l) => ({ person: l.personId, name: names.get(l.personId)?.name ?? l.personId })),
      live: live ? { liveId: live.liveId, title: live.title } : null,
    }
  })
}

export function videoView(v: VideoRow, a: AccountRow) {
  return {
    feedId: v.feedId,
    nonceId: v.nonceId,
    finderUserName: v.finderUserName,
    nickname: a.nickname,
    headUrl: avatarUrl(a.finderUserName),
    title: v.title,
    description: v.description,
    coverUrl: coverUrl(v.feedId),
    products: v.products,
    miniProgram: v.miniProgram,
    postedAt: new Date(v.postedAt).toISOString(),
  }
}

/**
 * A person's feed: `following` (accounts they follow, newest first), `friends` (videos their
 * friends liked, most recent like first), `recommended` (every video, newest first).
 */
export async function feedOf(platform: Platform, personId: string, tab: FeedTab) {
  const { db } = platform
  await person(db, personId)
  let rows: VideoRow[]
  if (tab === 'following') {
    const followed = db.select({ f: channelsFollows.finderUserName }).from(channelsFollows).where(eq(channelsFollows.personId, personId))
    rows = await db.select().from(channelsVideos).where(inArray(channelsVideos.finderUserName, followed)).orderBy(desc(channelsVideos.postedAt), desc(channelsVideos.feedId)).limit(50)
  } else if (tab === 'friends') {
    const friends = await friendsOf(db, personId)
    const liked = friends.length ? await db.select().from(channelsLikes).where(inArray(channelsLikes.personId, friends)).orderBy(desc(channelsLikes.at)) : []
    const order = [...new Set(liked.map((l) => l.feedId))]
    const found = order.length ? await db.select().from(channelsVideos).where(inArray(channelsVideos.feedId, order)) : []
    rows = order.map((id) => found.find((v) => v.feedId === id)!).filter(Boolean).slice(0, 50)
  } else {
    rows = await db.select().from(channelsVideos).orderBy(desc(channelsVideos.postedAt), desc(channelsVideos.feedId)).limit(50)
  }
  return videoViews(platform, personId, rows)
}

export async function likeVideo(platform: Platform, personId: string, feedId: string, like: boolean) {
  const { db, clock, events } = platform
  await person(db, personId)
  const v = await findVideo(db, feedId)
  const changed = like
    ? await db.insert(channelsLikes).values({ feedId, personId, at: clock.now() }).onConflictDoNothing().returning()
    : await db.delete(channelsLikes).where(and(eq(channelsLikes.feedId, feedId), eq(channelsLikes.personId, personId))).returning()
  if (changed.length) {
    await events.append({ actor: personId, surface: 'channels', type: like ? 'channels.video.liked' : 'channels.video.unliked', subject: { person: personId, finder: v.finderUserName, video: feedId }, channel: 'channels' })
  }
  return (await videoViews(platform, personId, [v]))[0]!
}

/** The person watched the video (it filled their screen): a discovery touch for the funnel. */
export async function viewVideo(platform: Platform, personId: string, feedId: string, from?: string) {
  await person(platform.db, personId)
  const v = await findVideo(platform.db, feedId)
  await platform.events.append({ actor: personId, surface: 'channels', type: 'channels.video.viewed', subject: { person: personId, finder: v.finderUserName, video: feedId }, channel: 'channels', payload: { from: from ?? 'feed' } })
  return (await videoViews(platform, personId, [v]))[0]!
}

export async function commentOn(platform: Platform, personId: string, feedId: string, text: string) {
  const { db, clock, events, ids } = platform
  await person(db, personId)
  const v = await findVideo(db, feedId)
  const row = { id: `cmt_${ids.alnum(12)}`, feedId, personId, text, at: clock.now() }
  await db.insert(channelsComments).values(row)
  await events.append({ actor: personId, surface: 'channels', type: 'channels.video.commented', subject: { person: personId, finder: v.finderUserName, video: feedId, comment: row.id }, channel: 'channels', payload: { text } })
  return commentView(row, (await getPerson(db, personId))!.name)
}

export async function commentsOf(db: Db, feedId: string) {
  await findVideo(db, feedId)
  const rows = await db.select().from(channelsComments).where(eq(channelsComments.feedId, feedId)).orderBy(desc(channelsComments.at), desc(channelsComments.id)).limit(200)
  const names = await namesOf(db, rows.map((r) => r.personId))
  return rows.map((r) => commentView(r, names.get(r.personId)?.name ?? r.personId))
}

function commentView(r: typeof channelsComments.$inferSelect, name: string) {
  return { id: r.id, feedId: r.feedId, person: r.personId, name, text: r.text, at: new Date(r.at).toISOString() }
}

export async function follow(platform: Platform, personId: string, finder: string, on: boolean) {
  const { db, clock, events } = platform
  await person(db, personId)
  const a = await findAccount(platform, finder)
  const changed = on
    ? await db.insert(channelsFollows).values({ finderUserName: a.finderUserName, personId, at: clock.now() }).onConflictDoNothing().returning()
    : await db.delete(channelsFollows).where(and(eq(channelsFollows.finderUserName, a.finderUserName), eq(channelsFollows.personId, personId))).returning()
  if (changed.length) {
    await events.append({ actor: personId, surface: 'channels', type: on ? 'channels.account.followed' : 'channels.account.unfollowed', subject: { person: personId, finder: a.finderUserName }, channel: 'channels' })
  }
  return { finderUserName: a.finderUserName, followed: on }
}

export async function followerCount(db: Db, finder: string) {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(channelsFollows).where(eq(channelsFollows.finderUserName, finder))
  return Number(row?.n ?? 0)
}

/** The profile page as a person sees it: the account, follow state, videos, the live or next live, the shop. */
export async function profileFor(platform: Platform, personId: string | null, finder: string) {
  const { db } = platform
  const a = await findAccount(platform, finder)
  const followed = personId ? (await db.select().from(channelsFollows).where(and(eq(channelsFollows.finderUserName, a.finderUserName), eq(channelsFollows.personId, personId)))).length > 0 : false
  const videos = await videoViews(platform, personId, await videosOf(db, a.finderUserName))
  const shop = new Map<string, MountedProduct>()
  for (const v of videos) for (const p of v.products) if (!shop.has(p.productId)) shop.set(p.productId, p)
  return { ...accountView(a), followers: await followerCount(db, a.finderUserName), followed, videos, shop: [...shop.values()] }
}
