import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { Platform } from '../../platform'
import type { Db } from '../../shared/db'
import { SandboxError } from '../../shared/errors'
import { currentJourney, JOURNEY_IDLE_MS } from '../miniprogram/launch'
import { chatAttributions, chatMessages, chatShares, type ChainStep, type ChannelsIds, type FirstTouch } from './schema'

export type ShareRow = typeof chatShares.$inferSelect
export type AttributionRow = typeof chatAttributions.$inferSelect

/** Chains deeper than this are cut at the oldest end (a loop of forwards cannot grow forever). */
const MAX_DEPTH = 64

const iso = (ms: number) => new Date(ms).toISOString()
const channelOf = (conversation: string) => (conversation.startsWith('group:') ? 'group' : 'chat')

export async function findShare(db: Db, id: string) {
  const [row] = await db.select().from(chatShares).where(eq(chatShares.id, id))
  return row
}

export async function shareOfMessage(db: Db, seq: number) {
  const [row] = await db.select().from(chatShares).where(eq(chatShares.messageSeq, seq))
  return row
}

/** The share and its ancestors, the first share first. */
export async function ancestry(db: Db, share: ShareRow): Promise<ShareRow[]> {
  const line = [share]
  while (line[0]!.parentId && line.length < MAX_DEPTH) {
    const parent = await findShare(db, line[0]!.parentId)
    if (!parent) break
    line.unshift(parent)
  }
  return line
}

function touchStep(t: FirstTouch): ChainStep {
  return {
    person: t.person,
    at: iso(t.at),
    via: t.via,
    action: 'discovered',
    ...(t.entry && { entry: t.entry }),
    ...(t.scene !== undefined && { scene: t.scene }),
    ...(t.articleId && { articleId: t.articleId }),
    ...channelsIds(t),
  }
}

/** The Channels account, video and live a step names, when it has them. */
function channelsIds(t: ChannelsIds) {
  return {
    ...(t.finderUserName && { finderUserName: t.finderUserName }),
    ...(t.videoId && { videoId: t.videoId }),
    ...(t.liveId && { liveId: t.liveId }),
  }
}

/** The chain of a share: the first touch, then every share and forward down to this one. */
export async function chainOf(db: Db, share: ShareRow): Promise<ChainStep[]> {
  const line = await ancestry(db, share)
  return [
    touchStep(line[0]!.firstTouch),
    ...line.map((s): ChainStep => ({
      person: s.sharer,
      at: iso(s.sentAt),
      via: channelOf(s.conversation),
      action: s.how === 'forward' ? 'forwarded' : 'shared',
      shareId: s.id,
      to: s.conversation.startsWith('group:') ? s.conversation.slice('group:'.length) : s.conversation.split(':').slice(1).find((p) => p !== s.sharer)!,
    })),
  ]
}

/** The people along a chain, in order, each once where they act in a row (alice→bob→carol). */
export function peopleOf(chain: ChainStep[]) {
  return chain.map((s) => s.person).filter((p, i, all) => i === 0 || all[i - 1] !== p)
}

/** The attribution of the launch that started the person's journey (what their shares descend from). */
async function journeyAttribution(db: Db, personId: string, journeyId: string) {
  const [row] = await db
    .select()
    .from(chatAttributions)
    .where(and(eq(chatAttributions.personId, personId), eq(chatAttributions.journeyId, journeyId)))
    .orderBy(asc(chatAttributions.launchEventId))
    .limit(1)
  return row
}

/** The person's latest read of an article at this URL (an `oa.article.read` event), if any. */
async function articleRead(platform: Platform, personId: string, url: string) {
  const reads = await platform.events.list({ actor: personId, type: 'oa.article.read', desc: true, limit: 200 })
  return reads.find((e) => e.payload.url === url)
}

/**
 * Where a new (not forwarded) share comes from. A card shared from inside the mini program
 * descends from the sharer's journey: from the share that opened it (so re-sharing continues the
 * chain), else from the launch that started it (an article, a scan, …). A link to an article the
 * sharer read starts at that read. Otherwise the sharer is the first touch (`direct`).
 */
async function originOf(platform: Platform, sharer: string, kind: NewShare['kind'], target: string) {
  const now = platform.clock.now()
  if (kind === 'miniprogram') {
    const journey = await currentJourney(platform, sharer)
    if (journey) {
      const attribution = await journeyAttribution(platform.db, sharer, journey.journeyId)
      if (attribution?.shareId) return { parentId: attribution.shareId, journeyId: journey.journeyId, firstTouch: undefined }
      const first = attribution?.chain[0]
      const firstTouch: FirstTouch = first
        ? { person: sharer, at: Date.parse(first.at), via: first.via, entry: first.entry, scene: first.scene, articleId: first.articleId, ...channelsIds(first) }
        : { person: sharer, at: journey.startedAt, via: journey.channel, scene: journey.scene }
      return { parentId: null, journeyId: journey.journeyId, firstTouch }
    }
  } else if (kind === 'channels_video') {
    // a Channels video shared from the feed: the sharer found it on Channels
    return { parentId: null, journeyId: null, firstTouch: { person: sharer, at: now, via: 'channels', entry: 'channels-video', videoId: target } satisfies FirstTouch }
  } else {
    const read = await articleRead(platform, sharer, target)
    if (read) {
      const firstTouch: FirstTouch = { person: sharer, at: Date.parse(read.at), via: 'official-account', entry: 'oa-article', articleId: read.subject.articleId, url: target }
      return { parentId: null, journeyId: read.journeyId, firstTouch }
    }
  }
  return { parentId: null, journeyId: null, firstTouch: { person: sharer, at: now, via: 'direct', entry: 'share' } satisfies FirstTouch }
}

export interface NewShare {
  sharer: string
  conversation: string
  messageSeq: number
  kind: 'miniprogram' | 'link' | 'channels_video'
  appid: string | null
  target: string
  title: string
  sentAt: number
}

/** Records a new share (a card or link sent from the person's own hand). */
export async function recordShare(platform: Platform, id: string, s: NewShare) {
  const origin = await originOf(platform, s.sharer, s.kind, s.target)
  const parent = origin.parentId ? await findShare(platform.db, origin.parentId) : undefined
  const [row] = await platform.db
    .insert(chatShares)
    .values({ id, how: 'share', ...s, parentId: parent?.id ?? null, journeyId: origin.journeyId, firstTouch: parent?.firstTouch ?? origin.firstTouch! })
    .returning()
  return row!
}

/** Records a forward of a share: same content and first touch, the forwarded share as parent. */
export async function recordForward(platform: Platform, id: string, parent: ShareRow, s: Pick<NewShare, 'sharer' | 'conversation' | 'messageSeq' | 'sentAt'>) {
  const [row] = await platform.db
    .insert(chatShares)
    .values({
      id,
      how: 'forward',
      parentId: parent.id,
      kind: parent.kind,
      appid: parent.appid,
      target: parent.target,
      title: parent.title,
      journeyId: parent.journeyId,
      firstTouch: parent.firstTouch,
      ...s,
    })
    .returning()
  return row!
}

/** The share a card launch opens: named by share id or message seq, else the sender's latest matching card. */
export async function shareForLaunch(
  db: Db,
  personId: string,
  spec: { shareId?: string; message?: number; from?: string; groupId?: string; appid?: string; path?: string; shareTicket?: string },
  membersOf: (db: Db, conversation: string) => Promise<string[] | undefined>,
): Promise<ShareRow | undefined> {
  if (spec.shareId !== undefined || spec.message !== undefined) {
    const share = spec.shareId !== undefined ? await findShare(db, spec.shareId) : await shareOfMessage(db, spec.message!)
    if (!share) throw new SandboxError(404, 'not_found', spec.shareId !== undefined ? `no share ${spec.shareId}` : `no shared card or link in message ${spec.message}`)
    if (!(await membersOf(db, share.conversation))?.includes(personId)) throw new SandboxError(403, 'not_member', `${personId} did not receive ${share.id}`)
    return share
  }
  if (spec.shareTicket) {
    const ticketed = await shareTicketInfo(db, spec.shareTicket)
    const share = ticketed && (await shareOfMessage(db, ticketed.seq))
    if (share && (await membersOf(db, share.conversation))?.includes(personId)) return share
  }
  if (!spec.from) return undefined
  const conversation = spec.groupId ? `group:${spec.groupId}` : spec.from < personId ? `p2p:${spec.from}:${personId}` : `p2p:${personId}:${spec.from}`
  if (!(await membersOf(db, conversation))?.includes(personId)) return undefined
  const candidates = await db
    .select({ share: chatShares, body: chatMessages.body })
    .from(chatShares)
    .innerJoin(chatMessages, eq(chatMessages.seq, chatShares.messageSeq))
    .where(and(eq(chatShares.conversation, conversation), eq(chatShares.sharer, spec.from), eq(chatShares.kind, 'miniprogram'), ...(spec.appid ? [eq(chatShares.appid, spec.appid)] : [])))
    .orderBy(desc(chatShares.messageSeq))
    .limit(50)
  const path = spec.path?.replace(/^\//, '')
  return (candidates.find((c) => path === undefined || (c.body.path as string).replace(/^\//, '') === path) ?? candidates[0])?.share
}

/**
 * The shared link an article reader came through: the latest share of that URL, by someone else,
 * into a conversation the reader is in, sent before their latest read of it.
 */
export async function linkShareFor(platform: Platform, personId: string, url: string, membersOf: (db: Db, conversation: string) => Promise<string[] | undefined>) {
  const read = await articleRead(platform, personId, url)
  if (!read) return undefined
  const rows = await platform.db
    .select()
    .from(chatShares)
    .where(and(eq(chatShares.kind, 'link'), eq(chatShares.target, url)))
    .orderBy(desc(chatShares.messageSeq))
    .limit(50)
  for (const row of rows) {
    if (row.sharer === personId || row.sentAt > Date.parse(read.at)) continue
    if ((await membersOf(platform.db, row.conversation))?.includes(personId)) return row
  }
  return undefined
}

/** What a launch is attributed to, decided before its event is written. */
export interface LaunchAttribution {
  shareId: string | null
  channel: string
  chain: ChainStep[]
  /** the journey of the share when the opener continues it */
  shareJourneyId?: string
}

/**
 * The journey rule for card opens: a card opened less than 30 minutes (virtual) after it was
 * sent continues the journey it was shared in, unless the opener has a journey of their own going.
 */
export async function shareJourney(platform: Platform, personId: string, share: ShareRow | undefined) {
  if (!share?.journeyId || platform.clock.now() - share.sentAt >= JOURNEY_IDLE_MS) return undefined
  return (await currentJourney(platform, personId)) ? undefined : share.journeyId
}

/**
 * The chain of a launch: a card open is the card's chain plus the opener; a launch that continues
 * a journey keeps the journey's attribution; any other launch is its own first touch.
 */
export async function attributeLaunch(
  platform: Platform,
  personId: string,
  launch: {
    share?: ShareRow
    journeyId: string
    journeyStarted: boolean
    channel: string
    entry: string
    scene: number
    articleId?: string
    /** the Official Account whose message, menu or template the launch came from */
    officialAccount?: string
    membersOf?: (db: Db, conversation: string) => Promise<string[] | undefined>
    /** a Channels entry: the account and the video or live session it came from */
    channels?: ChannelsIds
  },
): Promise<LaunchAttribution> {
  const at = iso(platform.clock.now())
  const named = launch.channels ? channelsIds(launch.channels) : {}
  if (launch.share) {
    const chain = await chainOf(platform.db, launch.share)
    chain.push({ person: personId, at, via: launch.channel, action: 'opened', shareId: launch.share.id, entry: launch.entry, scene: launch.scene, ...named })
    return { shareId: launch.share.id, channel: chain[0]!.via, chain }
  }
  // a tap on Channels (a video's link, a live's product) is a touch of its own, journey or not
  if (!launch.journeyStarted && !launch.channels) {
    const first = await journeyAttribution(platform.db, personId, launch.journeyId)
    if (first) return { shareId: first.shareId, channel: first.channel, chain: first.chain }
  }
  // a launch from the account's conversation, menu or template message: the account's article or
  // follow code that brought the person there shortly before is the first touch
  if (launch.officialAccount && launch.entry !== 'oa-article') {
    const touch = await officialAccountTouch(platform, personId, launch.officialAccount, launch.membersOf)
    const opened: ChainStep = { person: personId, at, via: launch.channel, action: 'opened', entry: launch.entry, scene: launch.scene }
    if (touch?.share) {
      const chain = await chainOf(platform.db, touch.share)
      chain.push({ ...opened, shareId: touch.share.id })
      return { shareId: touch.share.id, channel: chain[0]!.via, chain }
    }
    if (touch) return { shareId: null, channel: touch.step.via, chain: [touch.step, opened] }
  }
  const step: ChainStep = { person: personId, at, via: launch.channel, action: 'discovered', entry: launch.entry, scene: launch.scene, ...(launch.articleId && { articleId: launch.articleId }), ...named }
  return { shareId: null, channel: launch.channel, chain: [step] }
}

/**
 * The person's first touch with an Official Account in the 30 minutes (virtual) before now: an
 * article read (through a friend's shared link when there was one) or a follow / scan of one of
 * its parametric codes. The earliest wins: it is what brought them to the account.
 */
export async function officialAccountTouch(
  platform: Platform,
  personId: string,
  oaAppid: string,
  membersOf?: (db: Db, conversation: string) => Promise<string[] | undefined>,
): Promise<{ step: ChainStep; share?: ShareRow } | undefined> {
  const since = platform.clock.now() - JOURNEY_IDLE_MS
  const recent = await platform.events.list({ actor: personId, surface: 'official-account', from: since, desc: true, limit: 200 })
  const touches = recent.filter(
    (e) => e.subject.appid === oaAppid && (e.type === 'oa.article.read' || e.type === 'oa.code.scanned' || (e.type === 'oa.followed' && e.subject.ticket)),
  )
  const first = touches.at(-1)
  if (!first) return undefined
  if (first.type === 'oa.article.read') {
    const url = first.payload.url as string
    const share = membersOf ? await linkShareFor(platform, personId, url, membersOf) : undefined
    if (share) return { step: touchStep(share.firstTouch), share }
    return { step: { person: personId, at: first.at, via: 'official-account', action: 'discovered', entry: 'oa-article', articleId: first.subject.articleId } }
  }
  return { step: { person: personId, at: first.at, via: 'qr', action: 'discovered', entry: 'oa-follow-code', qrScene: String(first.payload.scene) } }
}

export async function saveAttribution(platform: Platform, a: LaunchAttribution, row: { personId: string; appid: string; journeyId: string; launchEventId: number }) {
  const id = `atr_${platform.ids.alnum(16)}`
  await platform.db.insert(chatAttributions).values({ id, ...row, shareId: a.shareId, channel: a.channel, chain: a.chain, at: platform.clock.now() })
  return id
}

export function attributionView(row: AttributionRow) {
  const first = row.chain[0]
  return {
    attributionId: row.id,
    person: row.personId,
    appid: row.appid,
    journeyId: row.journeyId,
    launchEventId: row.launchEventId,
    shareId: row.shareId,
    firstTouchChannel: row.channel,
    people: peopleOf(row.chain),
    shareChain: row.chain,
    at: iso(row.at),
    // a chain that starts on Channels names the account and the video or live session
    ...(first?.via === 'channels' && { channels: { finderUserName: first.finderUserName ?? null, videoId: first.videoId ?? null, liveId: first.liveId ?? null } }),
  }
}

/** The attribution of the person's latest launch of the app. */
export async function latestAttribution(db: Db, personId: string, appid: string) {
  const [row] = await db
    .select()
    .from(chatAttributions)
    .where(and(eq(chatAttributions.personId, personId), eq(chatAttributions.appid, appid)))
    .orderBy(desc(chatAttributions.launchEventId))
    .limit(1)
  return row
}

export async function findAttribution(db: Db, id: string) {
  const [row] = await db.select().from(chatAttributions).where(eq(chatAttributions.id, id))
  return row
}

/** Every share of the world (or those of a person's hand), newest first, for the control API. */
export async function listShares(db: Db, filter: { sharer?: string } = {}) {
  const rows = await db
    .select()
    .from(chatShares)
    .where(and(...(filter.sharer ? [eq(chatShares.sharer, filter.sharer)] : [])))
    .orderBy(desc(chatShares.messageSeq))
    .limit(500)
  return rows
}

/** The group behind a shareTicket (what `wx.getShareInfo` decrypts to), for a member of it. */
export async function shareTicketInfo(db: Db, ticket: string) {
  const [row] = await db
    .select({ conversation: chatMessages.conversation, sender: chatMessages.sender, seq: chatMessages.seq, sentAt: chatMessages.sentAt, appid: sql<string>`json_extract(${chatMessages.body}, '$.appid')` })
    .from(chatMessages)
    .where(and(eq(chatMessages.kind, 'miniprogram'), eq(sql`json_extract(${chatMessages.body}, '$.shareTicket')`, ticket)))
  return row
}
