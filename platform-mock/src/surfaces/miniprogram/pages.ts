import { and, asc, eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import type { Db } from '../../shared/db'
import { apps, brands } from '../../world/schema'
import { noSuchMiniProgram } from './errors'
import { mpPages } from './schema'

/** The pages the demo store's mini program publishes until the merchant registers its own. */
export const DEFAULT_PAGES = [
  { path: 'pages/index/index', title: 'Home' },
  { path: 'pages/menu/menu', title: 'Menu' },
  { path: 'pages/product/product', title: 'Product' },
  { path: 'pages/cart/cart', title: 'Cart' },
  { path: 'pages/order/order', title: 'Order' },
  { path: 'pages/member/member', title: 'Member' },
  { path: 'pages/coupons/coupons', title: 'Coupons' },
]

/** A page path as WeChat writes it: `pages/x/y`, no leading slash, no query. */
export const PAGE_PATH = /^[A-Za-z0-9_\-.]+(\/[A-Za-z0-9_\-.]+)*$/

export type MiniProgramApp = typeof apps.$inferSelect & { brandColor: string }

/** A mini program of the world: the given appid, or the world's own when none is given. */
export async function findMiniProgram(platform: Platform, appid?: string): Promise<MiniProgramApp> {
  const id = appid ?? platform.credentials.miniProgram.appid
  const [row] = await platform.db
    .select({ app: apps, color: brands.color })
    .from(apps)
    .leftJoin(brands, eq(brands.id, apps.brandId))
    .where(eq(apps.appid, id))
  if (!row || row.app.kind !== 'miniprogram') throw noSuchMiniProgram(id)
  return { ...row.app, brandColor: row.color ?? '#07C160' }
}

/** The app's published pages, home page first. */
export async function pagesOf(db: Db, appid: string) {
  return db.select().from(mpPages).where(eq(mpPages.appid, appid)).orderBy(asc(mpPages.position))
}

/** The home page: the first registered page (WeChat opens it when `page` is empty). */
export async function homePage(db: Db, appid: string) {
  const [first] = await db.select().from(mpPages).where(eq(mpPages.appid, appid)).orderBy(asc(mpPages.position)).limit(1)
  return first?.path ?? 'pages/index/index'
}

/** check_path: is the page in the published version? */
export async function isPublishedPage(db: Db, appid: string, path: string) {
  const [row] = await db
    .select({ path: mpPages.path })
    .from(mpPages)
    .where(and(eq(mpPages.appid, appid), eq(mpPages.path, path)))
  return Boolean(row)
}

/** The statements that make `pages` the app's published page list, in order. */
export function setPagesQueries(db: Db, appid: string, pages: { path: string; title?: string }[]) {
  return [
    db.delete(mpPages).where(eq(mpPages.appid, appid)),
    db.insert(mpPages).values(pages.map((p, position) => ({ appid, path: p.path, position, title: p.title ?? '' }))),
  ] as const
}

/** Replaces the app's published pages atomically. */
export async function setPages(db: Db, appid: string, pages: { path: string; title?: string }[]) {
  await db.batch(setPagesQueries(db, appid, pages))
}

/** Splits `pages/x/y?a=1&b=2` into its page and raw query string (a leading slash is dropped). */
export function splitPath(input: string) {
  const i = input.indexOf('?')
  const page = (i < 0 ? input : input.slice(0, i)).replace(/^\/+/, '')
  return { page, query: i < 0 ? '' : input.slice(i + 1) }
}

/**
 * A query string as LaunchOptions.query shows it: keys and values are kept as written (not
 * decoded), which is why a code's `scene` reaches the page URL-encoded.
 */
export function parseQuery(query: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of query.split('&')) {
    if (!part) continue
    const eq = part.indexOf('=')
    if (eq < 0) out[part] = ''
    else out[part.slice(0, eq)] = part.slice(eq + 1)
  }
  return out
}
