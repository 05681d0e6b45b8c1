import { eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import type { Db } from '../../shared/db'
import type { EnvVersion } from './codes'
import { invalidExpireTime, invalidQuery, invalidWeappPath, linkExpired, unknownLink } from './errors'
import { homePage, isPublishedPage, PAGE_PATH, parseQuery, type MiniProgramApp } from './pages'
import { mpLinks } from './schema'

/** URL Scheme (generatescheme `openlink`) and URL Link (generate_urllink `url_link`) prefixes. */
export const SCHEME_PREFIX = 'weixin://dl/business/?t='
export const URL_LINK_PREFIX = 'https://wxaurl.cn/'

/** Links live at most 30 days (the current rule; older docs allowed a year). */
const MAX_LIFETIME_MS = 30 * 86_400_000
const MIN_LIFETIME_MS = 60_000
const QUERY_CHARSET = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~%]*$/

export type LinkKind = 'scheme' | 'urllink'
export type LinkRow = typeof mpLinks.$inferSelect

export interface NewLink {
  path?: string
  query?: string
  envVersion?: EnvVersion
  expireType?: number
  /** unix seconds */
  expireTime?: number
  /** days */
  expireInterval?: number
}

/** The link as generatescheme / generate_urllink answer it. */
export const linkUrl = (link: LinkRow) => (link.kind === 'scheme' ? SCHEME_PREFIX : URL_LINK_PREFIX) + link.ticket

/** When a new link expires: expire_type 0 at expire_time, 1 after expire_interval days, else 30 days. */
function expiryOf(now: number, spec: NewLink) {
  let at: number
  if (spec.expireType === 1) {
    const days = spec.expireInterval
    if (days === undefined || !Number.isInteger(days) || days < 1 || days > 30) throw invalidExpireTime()
    at = now + days * 86_400_000
  } else if (spec.expireTime !== undefined) {
    at = spec.expireTime * 1000
  } else {
    at = now + MAX_LIFETIME_MS
  }
  if (at - now < MIN_LIFETIME_MS || at - now > MAX_LIFETIME_MS) throw invalidExpireTime()
  return at
}

/**
 * A URL Scheme or URL Link to a published page (no query in `path`; empty path = home page).
 */
export async function createLink(platform: Platform, app: MiniProgramApp, kind: LinkKind, spec: NewLink) {
  const { db, clock, ids, events } = platform
  let path = (spec.path ?? '').replace(/^\/+/, '')
  if (path === '') path = await homePage(db, app.appid)
  else if (!PAGE_PATH.test(path) || !(await isPublishedPage(db, app.appid, path))) throw invalidWeappPath()
  const query = spec.query ?? ''
  if (query.length > 1024 || !QUERY_CHARSET.test(query)) throw invalidQuery()
  const now = clock.now()
  const row: LinkRow = {
    ticket: ids.alnum(11),
    appid: app.appid,
    kind,
    path,
    query,
    envVersion: spec.envVersion ?? 'release',
    createdAt: now,
    expiresAt: expiryOf(now, spec),
  }
  await db.insert(mpLinks).values(row)
  await events.append({
    actor: app.appid,
    surface: 'miniprogram',
    type: 'miniprogram.link.created',
    subject: { appid: app.appid, link: row.ticket },
    payload: { kind, path, query, url: linkUrl(row), expiresAt: new Date(row.expiresAt).toISOString() },
  })
  return row
}

/** The ticket a scheme or URL Link names, and its kind; null when the URL is neither. */
export function linkTicketOf(url: string): { kind: LinkKind; ticket: string } | null {
  if (url.startsWith(SCHEME_PREFIX)) return { kind: 'scheme', ticket: url.slice(SCHEME_PREFIX.length).split('&')[0]! }
  if (url.startsWith(URL_LINK_PREFIX)) return { kind: 'urllink', ticket: url.slice(URL_LINK_PREFIX.length).split(/[?#/]/)[0]! }
  return null
}

/** Where a link opens: its page and query; 404 for an unknown link, 410 once it has expired. */
export async function openLink(db: Db, now: number, url: string) {
  const named = linkTicketOf(url)
  if (!named) throw unknownLink(url)
  const [row] = await db.select().from(mpLinks).where(eq(mpLinks.ticket, named.ticket))
  if (!row || row.kind !== named.kind) throw unknownLink(url)
  if (now >= row.expiresAt) throw linkExpired(url)
  return { link: row, target: { appid: row.appid, path: row.path, query: parseQuery(row.query) } }
}
