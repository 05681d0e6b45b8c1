import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Platform } from '../../platform'
import type { Db } from '../../shared/db'
import { getPerson } from '../../world/people'
import { chatAttributions } from '../chat/schema'
import { avatarUrl, findAccount } from './account'
import { liveState, noSuchLive, noSuchPerson } from './errors'
import { channelsAccounts, channelsLives, channelsLiveViewers, channelsTaps, type MountedProduct } from './schema'
import { checkMount } from './videos'

export type LiveRow = typeof channelsLives.$inferSelect

export const presenterUrl = (liveId: string) => `/_sandbox/channels/lives/${liveId}/presenter.svg`

export interface NewLive {
  finderUserName?: string
  title: string
  description?: string
  /** when the notice says it starts (ISO); default now */
  startTime?: string
  shelf: (Omit<MountedProduct, 'appid'> & { appid?: string })[]
}

/** The creator schedules a live (直播预告) with its product shelf; no server API exists for this. */
export async function scheduleLive(platform: Platform, l: NewLive) {
  const account = await findAccount(platform, l.finderUserName)
  const shelf = await Promise.all(l.shelf.map((p, i) => checkMount(platform, { ...p, appid: p.appid ?? account.appid ?? undefined }, `shelf.${i}`)))
  const { ids, clock } = platform
  const now = clock.now()
  const row: LiveRow = {
    liveId: `live_${ids.alnum(16)}`,
    feedId: `export${ids.alnum(36)}`,
    nonceId: ids.digits(19),
    noticeId: `notice_${ids.alnum(16)}`,
    finderUserName: account.finderUserName,
    title: l.title,
    description: l.description ?? '',
    status: 'scheduled',
    shelf,
    scheduledFor: l.startTime ? Date.parse(l.startTime) : now,
    startedAt: null,
    endedAt: null,
    peakViewers: 0,
    createdAt: now,
  }
  await platform.db.insert(channelsLives).values(row)
  await platform.events.append({
    actor: account.finderUserName,
    surface: 'channels',
    type: 'channels.live.scheduled',
    subject: { finder: account.finderUserName, live: row.liveId },
    payload: { title: row.title, startTime: new Date(row.scheduledFor).toISOString(), shelf: shelf.map((p) => p.productId) },
  })
  return row
}

export async function findLive(db: Db, liveId: string) {
  const [row] = await db.select().from(channelsLives).where(eq(channelsLives.liveId, liveId))
  if (!row) throw noSuchLive(liveId)
  return row
}

/** scheduled → live → ended; anything else is 409 and changes nothing. */
export async function startLive(platform: Platform, liveId: string) {
  const live = await findLive(platform.db, liveId)
  if (live.status !== 'scheduled') throw liveState(liveId, live.status, 'scheduled')
  const now = platform.clock.now()
  const [row] = await platform.db
    .update(channelsLives)
    .set({ status: 'live', startedAt: now })
    .where(and(eq(channelsLives.liveId, liveId), eq(channelsLives.status, 'scheduled')))
    .returning()
  if (!row) throw liveState(liveId, 'not scheduled', 'scheduled')
  await platform.events.append({ actor: live.finderUserName, surface: 'channels', type: 'channels.live.started', subject: { finder: live.finderUserName, live: liveId }, payload: { title: live.title } })
  return row
}

export async function endLive(platform: Platform, liveId: string) {
  const live = await findLive(platform.db, liveId)
  if (live.status !== 'live') throw liveState(liveId, live.status, 'live')
  const now = platform.clock.now()
  const { db } = platform
  const [updated] = await db.batch([
    db.update(channelsLives).set({ status: 'ended', endedAt: now }).where(and(eq(channelsLives.liveId, liveId), eq(channelsLives.status, 'live'))).returning(),
    db.update(channelsLiveViewers).set({ leftAt: now }).where(and(eq(channelsLiveViewers.liveId, liveId), isNull(channelsLiveViewers.leftAt))),
  ])
  if (!updated[0]) throw liveState(liveId, 'not live', 'live')
  const stats = await liveStats(platform, updated[0])
  await platform.events.append({ actor: live.finderUserName, surface: 'channels', type: 'channels.live.ended', subject: { finder: live.finderUserName, live: liveId }, payload: { stats } })
  return updated[0]
}

async function person(db: Db, id: string) {
  const p = await getPerson(db, id)
  if (!p) throw noSuchPerson(id)
  return p
}

/** A viewer enters the live room (only while live): counted once as a viewer, the peak follows. */
export async function joinLive(platform: Platform, personId: string, liveId: string) {
  const { db, clock, events } = platform
  await person(db, personId)
  const live = await findLive(db, liveId)
  if (live.status !== 'live') throw liveState(liveId, live.status, 'live')
  const now = clock.now()
  const [already] = await db.select().from(channelsLiveViewers).where(and(eq(channelsLiveViewers.liveId, liveId), eq(channelsLiveViewers.personId, personId), isNull(channelsLiveViewers.leftAt)))
  if (already) return liveView(platform, live, personId)
  const watching = sql`(select count(*) from ${channelsLiveViewers} where ${channelsLiveViewers.liveId} = ${liveId} and ${channelsLiveViewers.leftAt} is null)`
  await db.batch([
    db.insert(channelsLiveViewers).values({ liveId, personId, joinedAt: now, leftAt: null }).onConflictDoUpdate({ target: [channelsLiveViewers.liveId, channelsLiveViewers.personId], set: { leftAt: null } }),
    db.update(channelsLives).set({ peakViewers: sql`max(${channelsLives.peakViewers}, ${watching})` }).where(eq(channelsLives.liveId, liveId)),
  ])
  await events.append({ actor: personId, surface: 'channels', type: 'channels.live.joined', subject: { person: personId, finder: live.finderUserName, live: liveId }, channel: 'channels' })
  return liveView(platform, await findLive(db, liveId), personId)
}

export async function leaveLive(platform: Platform, personId: string, liveId: string) {
  const { db, clock, events } = platform
  await person(db, personId)
  const live = await findLive(db, liveId)
  const left = await db
    .update(channelsLiveViewers)
    .set({ leftAt: clock.now() })
    .where(and(eq(channelsLiveViewers.liveId, liveId), eq(channelsLiveViewers.personId, personId), isNull(channelsLiveViewers.leftAt)))
    .returning()
  if (left.length) await events.append({ actor: personId, surface: 'channels', type: 'channels.live.left', subject: { person: personId, finder: live.finderUserName, live: liveId }, channel: 'channels' })
  return { liveId, left: left.length > 0 }
}

/**
 * Live statistics: viewers (unique), watching now, peak, product taps, and orders — payments
 * (`pay.payment.succeeded`) by a viewer whose latest mini program launch before paying came
 * from this live, with their amount (GMV, fen).
 */
export async function liveStats(platform: Platform, live: LiveRow) {
  const { db } = platform
  const viewers = await db.select().from(channelsLiveViewers).where(eq(channelsLiveViewers.liveId, live.liveId))
  const taps = await db.select().from(channelsTaps).where(and(eq(channelsTaps.source, 'live'), eq(channelsTaps.sourceId, live.liveId)))
  let orders = 0
  let gmv = 0
  for (const personId of new Set(taps.map((t) => t.personId))) {
    const first = Math.min(...taps.filter((t) => t.personId === personId).map((t) => t.at))
    const paid = await platform.events.list({ actor: personId, type: 'pay.payment.succeeded', from: first, limit: 1000 })
    for (const payment of paid) {
      const at = Date.parse(payment.at)
      const [latest] = await db
        .select({ chain: chatAttributions.chain })
        .from(chatAttributions)
        .where(and(eq(chatAttributions.personId, personId), sql`${chatAttributions.at} <= ${at}`))
        .orderBy(desc(chatAttributions.launchEventId))
        .limit(1)
      if (latest?.chain[0]?.liveId === live.liveId) {
        orders += 1
        gmv += Number(payment.payload.total ?? 0)
      }
    }
  }
  return {
    viewers: viewers.length,
    watching: viewers.filter((v) => v.leftAt === null).length,
    peakViewers: live.peakViewers,
    productTaps: taps.length,
    orders,
    gmv,
  }
}

export async function liveView(platform: Platform, live: LiveRow, personId: string | null = null) {
  const [a] = await platform.db.select().from(channelsAccounts).where(eq(channelsAccounts.finderUserName, live.finderUserName))
  const viewers = await platform.db.select().from(channelsLiveViewers).where(eq(channelsLiveViewers.liveId, live.liveId))
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
  return {
    liveId: live.liveId,
    feedId: live.feedId,
    nonceId: live.nonceId,
    noticeId: live.noticeId,
    finderUserName: live.finderUserName,
    nickname: a?.nickname ?? live.finderUserName,
    headUrl: avatarUrl(live.finderUserName),
    title: live.title,
    description: live.description,
    status: live.status,
    startTime: iso(live.scheduledFor),
    startedAt: iso(live.startedAt),
    endedAt: iso(live.endedAt),
    shelf: live.shelf,
    presenterUrl: presenterUrl(live.liveId),
    watching: viewers.filter((v) => v.leftAt === null).length,
    ...(personId && { inRoom: viewers.some((v) => v.personId === personId && v.leftAt === null) }),
  }
}

export async function livesOf(db: Db, finder?: string) {
  return db
    .select()
    .from(channelsLives)
    .where(finder ? eq(channelsLives.finderUserName, finder) : undefined)
    .orderBy(desc(channelsLives.createdAt), desc(channelsLives.liveId))
}

/** The account's live now, else its latest: what wx.getChannelsLiveInfo and the profile badge show. */
export async function currentLive(db: Db, finder: string, range: { from?: number; to?: number } = {}) {
  const rows = (await livesOf(db, finder)).filter((l) => (range.from === undefined || l.scheduledFor >= range.from) && (range.to === undefined || l.scheduledFor <= range.to))
  return rows.find((l) => l.status === 'live') ?? rows.find((l) => l.status === 'scheduled') ?? rows[0]
}
