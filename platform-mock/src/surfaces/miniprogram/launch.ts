import { and, eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import type { Db } from '../../shared/db'
import { SandboxError } from '../../shared/errors'
import { journeyContext } from '../../shared/events'
import { getPerson } from '../../world/people'
import { apps } from '../../world/schema'
import { membersOf } from '../chat/conversations'
import { attributeLaunch, saveAttribution, shareForLaunch, shareJourney, type ShareRow } from '../chat/shares'
import { openLink } from './links'
import { loginCodeQuery } from './login'
import { findMiniProgram, homePage, PAGE_PATH, parseQuery, splitPath } from './pages'
import { channelOfScene, ENTRIES, SCAN_SCENES, SCENES, type EntryInfo, type EntryName, type ScanMethod } from './scenes'
import { mpJourneys } from './schema'

/** A journey continues while its person launches again within 30 minutes of virtual time. */
export const JOURNEY_IDLE_MS = 30 * 60 * 1000

/** Where a person opens the mini program from, and what the entry carried. */
export interface LaunchSpec {
  entry: EntryName
  /** default: the world's mini program */
  appid?: string
  /** `pages/x/y`, optionally with `?a=1`; a leading slash is dropped; empty = home page */
  path?: string
  query?: Record<string, string>
  /** entry `scene`: any value of the scene table */
  scene?: number
  /** wxacode / qrcode entries */
  method?: ScanMethod
  /** wxacode entry: the code's `scene`, which reaches the page URL-encoded as `query.scene` */
  codeScene?: string
  /** group entry: the card's shareTicket (scene 1044 instead of 1008) */
  shareTicket?: string
  /** group entry: the group the card was tapped in (the person must be a member) */
  groupId?: string
  /** chat / group entries: the person who shared the card */
  from?: string
  /** chat / group entries: the card's share id (its message body's `shareId`) */
  shareId?: string
  /** chat / group entries: the seq of the message carrying the card */
  message?: number
  referrerInfo?: { appId: string; extraData?: Record<string, unknown> }
  /** url-scheme / url-link / plain-scheme entries: the link */
  url?: string
}

/** LaunchOptions as `wx.getLaunchOptionsSync()` and `App.onLaunch` give them. */
export interface LaunchOptions {
  path: string
  query: Record<string, string>
  scene: number
  referrerInfo: { appId?: string; extraData?: Record<string, unknown> }
  shareTicket?: string
  chatType?: 1 | 2 | 3
  apiCategory: 'default' | 'nativeFunctionalized'
}

export interface LaunchContext {
  /** the journey decided by the caller (a scan writes its own event first) */
  journeyId?: string
  subject?: Record<string, string>
  payload?: Record<string, unknown>
  /** the share the person came through on the way (an article link a friend sent) */
  share?: ShareRow
  /** a Channels entry: the account and the video or live session (the attribution names them) */
  channels?: { finderUserName: string; videoId?: string; liveId?: string }
}

const invalid = (message: string) => new SandboxError(400, 'invalid', message)

export type JourneyRow = typeof mpJourneys.$inferSelect

/** The person's latest journey, going or not. */
export async function journeyOf(db: Db, personId: string): Promise<JourneyRow | undefined> {
  const [row] = await db.select().from(mpJourneys).where(eq(mpJourneys.personId, personId))
  return row
}

/** The person's journey if it is still going (last launch under 30 minutes ago). */
export async function currentJourney(platform: Platform, personId: string) {
  const row = await journeyOf(platform.db, personId)
  return row && platform.clock.now() - row.lastLaunchAt < JOURNEY_IDLE_MS ? row : undefined
}

/**
 * The journey a launch belongs to: the one the caller names (X-Sandbox-Journey, or a scan's
 * decision) wins; otherwise the person's journey continues if it is still going, else a new one
 * starts.
 */
export async function decideJourney(platform: Platform, personId: string, named?: string | null) {
  const row = await journeyOf(platform.db, personId)
  const want = named ?? journeyContext.getStore()?.journeyId ?? null
  if (want) return { journeyId: want, started: row?.journeyId !== want }
  if (row && platform.clock.now() - row.lastLaunchAt < JOURNEY_IDLE_MS) return { journeyId: row.journeyId, started: false }
  return { journeyId: `jrn_${platform.ids.alnum(16)}`, started: true }
}

function sceneOf(spec: LaunchSpec): number {
  if (spec.entry === 'scene') {
    if (spec.scene === undefined || !SCENES[spec.scene]) throw invalid(`unknown scene value ${spec.scene}: see GET /_sandbox/miniprogram/scenes`)
    return spec.scene
  }
  if (spec.entry === 'wxacode' || spec.entry === 'qrcode') return SCAN_SCENES[spec.entry][spec.method ?? 'camera']
  if (spec.entry === 'group' && spec.shareTicket) return 1044
  return ENTRIES[spec.entry].scene
}

/** Where a link entry opens: the link's own page and query (a URL Scheme, URL Link or plain scheme). */
async function linkTarget(
  platform: Platform,
  spec: LaunchSpec,
): Promise<{ appid: string; path: string; query: Record<string, string>; subject: Record<string, string> } | undefined> {
  if (!spec.url) return undefined
  if (spec.entry === 'plain-scheme') {
    if (!spec.url.startsWith('weixin://dl/business/?')) throw invalid(`not a plain-text scheme: ${spec.url}`)
    const params = new URLSearchParams(spec.url.slice('weixin://dl/business/?'.length))
    const appid = params.get('appid')
    if (!appid) throw invalid('a plain-text scheme names its appid')
    return { appid, path: params.get('path') ?? '', query: parseQuery(params.get('query') ?? ''), subject: {} }
  }
  const { link, target } = await openLink(platform.db, platform.clock.now(), spec.url)
  return { ...target, subject: { link: link.ticket } }
}

async function officialAccountOf(db: Db, brandId: string) {
  const [oa] = await db
    .select({ appid: apps.appid })
    .from(apps)
    .where(and(eq(apps.brandId, brandId), eq(apps.kind, 'official_account')))
  return oa?.appid
}

/**
 * Opens the mini program for a person from an entry: the launch options WeChat would give, a
 * fresh `wx.login` code, the journey it belongs to, and a `miniprogram.launched` event.
 */
export async function launch(platform: Platform, personId: string, spec: LaunchSpec, ctx: LaunchContext = {}) {
  const { db, clock, events } = platform
  const person = await getPerson(db, personId)
  if (!person) throw new SandboxError(404, 'not_found', `no person ${personId}`)
  if (spec.entry === 'url-scheme' || spec.entry === 'url-link' || spec.entry === 'plain-scheme') {
    if (!spec.url && spec.path === undefined) throw invalid(`the ${spec.entry} entry takes the link as \`url\``)
  }
  const linked = await linkTarget(platform, spec)
  const fromCard = spec.entry === 'chat' || spec.entry === 'group'
  // a card named by share id or message: its app and page unless the caller says otherwise
  let share = fromCard && (spec.shareId !== undefined || spec.message !== undefined) ? await shareForLaunch(db, personId, spec, membersOf) : undefined
  if (share?.kind === 'link') throw invalid(`${share.id} is an article link, not a mini program card`)
  const app = await findMiniProgram(platform, linked?.appid ?? spec.appid ?? share?.appid ?? undefined)
  if (share && share.appid !== app.appid) throw invalid(`${share.id} is a card of ${share.appid}, not ${app.appid}`)
  const entry: EntryInfo = ENTRIES[spec.entry]
  const scene = sceneOf(spec)
  const channel = entry.channel ?? channelOfScene(scene)

  const split = splitPath(linked?.path ?? spec.path ?? share?.target ?? '')
  const page = split.page === '' ? await homePage(db, app.appid) : split.page
  if (!PAGE_PATH.test(page)) throw invalid(`not a page path: ${page}`)
  const query = { ...parseQuery(split.query), ...linked?.query, ...spec.query }
  if (spec.codeScene !== undefined) query.scene = encodeURIComponent(spec.codeScene)

  if (spec.groupId) {
    const members = await membersOf(db, `group:${spec.groupId}`)
    if (!members?.includes(personId)) throw new SandboxError(403, 'not_member', `${personId} is not in group ${spec.groupId}`)
  }
  if (spec.from && !(await getPerson(db, spec.from))) throw new SandboxError(404, 'not_found', `no person ${spec.from}`)
  // the phone names the sender only: the card is their latest one of this app (and page) here
  if (fromCard && !share) share = await shareForLaunch(db, personId, { from: spec.from, groupId: spec.groupId, shareTicket: spec.shareTicket, appid: app.appid, path: page }, membersOf)
  share ??= ctx.share
  const sharedBy = spec.from ?? share?.sharer

  let referrerInfo: LaunchOptions['referrerInfo'] = spec.referrerInfo ?? {}
  if (!spec.referrerInfo && entry.officialAccountReferrer) {
    const oa = await officialAccountOf(db, app.brandId)
    if (oa) referrerInfo = { appId: oa }
  }
  const options: LaunchOptions = {
    path: page,
    query,
    scene,
    referrerInfo,
    ...(scene === 1044 && { shareTicket: spec.shareTicket }),
    ...(entry.chatType && { chatType: entry.chatType }),
    apiCategory: entry.apiCategory ?? 'default',
  }

  const journey = await decideJourney(platform, personId, ctx.journeyId ?? journeyContext.getStore()?.journeyId ?? (await shareJourney(platform, personId, share)))
  const attribution = await attributeLaunch(platform, personId, {
    share,
    journeyId: journey.journeyId,
    journeyStarted: journey.started,
    channel,
    entry: spec.entry,
    scene,
    articleId: ctx.subject?.articleId,
    officialAccount: ctx.subject?.officialAccount,
    membersOf,
    channels: ctx.channels,
  })
  const now = clock.now()
  const login = loginCodeQuery(platform, app.appid, personId)
  const journeyRow = { personId, journeyId: journey.journeyId, channel, scene, startedAt: now, lastLaunchAt: now }
  await db.batch([
    login.query,
    db
      .insert(mpJourneys)
      .values(journeyRow)
      .onConflictDoUpdate({ target: mpJourneys.personId, set: journey.started ? journeyRow : { lastLaunchAt: now } }),
  ])
  const event = await events.append({
    actor: personId,
    surface: 'miniprogram',
    type: 'miniprogram.launched',
    subject: {
      person: personId,
      appid: app.appid,
      ...(spec.groupId && { group: spec.groupId }),
      ...(sharedBy && { sharedBy }),
      ...(share && { share: share.id }),
      ...linked?.subject,
      ...ctx.subject,
    },
    journeyId: journey.journeyId,
    channel,
    payload: {
      entry: spec.entry,
      scene,
      sceneLabel: SCENES[scene]?.label ?? 'other',
      path: page,
      query,
      ...(options.shareTicket && { shareTicket: options.shareTicket }),
      ...(referrerInfo.appId && { referrerAppId: referrerInfo.appId }),
      journeyStarted: journey.started,
      ...ctx.payload,
      ...(attribution.shareId && { shareId: attribution.shareId }),
      firstTouchChannel: attribution.channel,
      shareChain: attribution.chain,
    },
  })
  const attributionId = await saveAttribution(platform, attribution, { personId, appid: app.appid, journeyId: journey.journeyId, launchEventId: event.id })
  return {
    appid: app.appid,
    launchOptions: options,
    login: { code: login.row.code, errMsg: 'login:ok' },
    journeyId: journey.journeyId,
    journeyStarted: journey.started,
    channel,
    sceneLabel: SCENES[scene]?.label ?? 'other',
    eventId: event.id,
    attribution: { attributionId, shareId: attribution.shareId, firstTouchChannel: attribution.channel, shareChain: attribution.chain },
  }
}

export type LaunchResult = Awaited<ReturnType<typeof launch>>
