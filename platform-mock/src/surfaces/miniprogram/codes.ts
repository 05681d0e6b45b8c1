import { and, count, eq, inArray } from 'drizzle-orm'
import type { Platform } from '../../platform'
import type { Db } from '../../shared/db'
import { codeQuotaReached, invalidPage, invalidScene, invalidSceneLength } from './errors'
import { homePage, isPublishedPage, PAGE_PATH, parseQuery, type MiniProgramApp } from './pages'
import { unreleasedPage } from './page-faults'
import { renderCodePng, rgbOf, type Rgb } from './render'
import { mpCodes } from './schema'

/** What a printed code encodes: a short URL in the sandbox's own namespace (never resolvable on the internet). */
export const CODE_URL_PREFIX = 'https://wxa.sandbox.invalid/c/'

/** getwxacode and createwxaqrcode share 100 000 codes per mini program. */
export const LIMITED_CODE_QUOTA = 100_000

/** `scene`'s alphabet (miniprogram.md §3): digits, letters and `!#$&'()*+,/:;=?@-._~`. */
export const SCENE_CHARSET = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/

export type CodeKind = 'unlimited' | 'wxacode' | 'qrcode'
export type EnvVersion = 'release' | 'trial' | 'develop'
export type CodeRow = typeof mpCodes.$inferSelect

export interface NewCode {
  kind: CodeKind
  page: string
  scene?: string
  query?: string
  envVersion?: EnvVersion
  /** getwxacodeunlimit's check_path: the page must be published */
  checkPath?: boolean
}

/** The text a code's image encodes. */
export const codePayload = (code: CodeRow) => CODE_URL_PREFIX + code.id

/** The code id a payload names, if it is one of ours. */
export function codeIdOf(payload: string) {
  if (!payload.startsWith(CODE_URL_PREFIX)) return null
  const id = payload.slice(CODE_URL_PREFIX.length)
  return /^[A-Za-z0-9]{1,32}$/.test(id) ? id : null
}

/** Checks an unlimited code's scene: ≤ 32 visible characters of the allowed alphabet. */
export function checkScene(scene: string) {
  if (scene.length === 0 || scene.length > 32) throw invalidSceneLength()
  if (!SCENE_CHARSET.test(scene)) throw invalidScene()
}

/**
 * The code for (kind, page, scene, query, env): the one made before, or a new one. Unlimited codes
 * check their page (unless check_path is false); the limited kinds count against their quota.
 */
export async function createCode(platform: Platform, app: MiniProgramApp, spec: NewCode) {
  const { db, clock, ids, events } = platform
  const scene = spec.scene ?? ''
  const query = spec.query ?? ''
  const envVersion = spec.envVersion ?? 'release'
  let page = spec.page
  if (spec.kind === 'unlimited') {
    checkScene(scene)
    if (page === '') page = await homePage(db, app.appid)
    else if (!PAGE_PATH.test(page)) throw invalidPage()
    else if (spec.checkPath !== false && !(await isPublishedPage(db, app.appid, page))) throw invalidPage()
    else if (spec.checkPath !== false && (await unreleasedPage(platform, { route: '/wxa/getwxacodeunlimit', appid: app.appid }))) throw invalidPage()
  }
  const identity = and(
    eq(mpCodes.appid, app.appid),
    eq(mpCodes.kind, spec.kind),
    eq(mpCodes.page, page),
    eq(mpCodes.scene, scene),
    eq(mpCodes.query, query),
    eq(mpCodes.envVersion, envVersion),
  )
  const [existing] = await db.select().from(mpCodes).where(identity)
  if (existing) return { code: existing, created: false }
  if (spec.kind !== 'unlimited') {
    const [used] = await db
      .select({ n: count() })
      .from(mpCodes)
      .where(and(eq(mpCodes.appid, app.appid), inArray(mpCodes.kind, ['wxacode', 'qrcode'])))
    if ((used?.n ?? 0) >= LIMITED_CODE_QUOTA) throw codeQuotaReached()
  }
  const row = { id: ids.alnum(12), appid: app.appid, kind: spec.kind, page, scene, query, envVersion, createdAt: clock.now() }
  const inserted = await db.insert(mpCodes).values(row).onConflictDoNothing().returning()
  if (inserted.length === 0) {
    const [raced] = await db.select().from(mpCodes).where(identity)
    return { code: raced!, created: false }
  }
  await events.append({
    actor: app.appid,
    surface: 'miniprogram',
    type: 'miniprogram.code.created',
    subject: { appid: app.appid, code: row.id },
    payload: { kind: spec.kind, page, scene, query, envVersion, payload: codePayload(row) },
  })
  return { code: row, created: true }
}

/** A code the platform made, by id. */
export async function findCode(db: Db, id: string): Promise<CodeRow | undefined> {
  const [row] = await db.select().from(mpCodes).where(eq(mpCodes.id, id))
  return row
}

/** Where scanning a code lands: its page, and the query the page's `onLoad(options)` receives. */
export function codeTarget(code: CodeRow) {
  const query: Record<string, string> =
    code.kind === 'unlimited' ? { scene: encodeURIComponent(code.scene) } : parseQuery(code.query)
  return { appid: code.appid, path: code.page, query }
}

export interface ImageOptions {
  width?: number
  autoColor?: boolean
  lineColor?: Rgb
  isHyaline?: boolean
}

/** The PNG of a code: width clamped to 280–1280 px (default 430), auto_color uses the brand colour. */
export function codeImage(code: CodeRow, app: MiniProgramApp, opts: ImageOptions = {}) {
  const width = Math.min(1280, Math.max(280, Math.round(opts.width ?? 430)))
  const color = opts.autoColor ? rgbOf(app.brandColor) : (opts.lineColor ?? { r: 0, g: 0, b: 0 })
  return renderCodePng(codePayload(code), {
    width,
    color,
    transparent: opts.isHyaline ?? false,
    mark: code.kind === 'qrcode' ? 'square' : 'round',
  })
}
