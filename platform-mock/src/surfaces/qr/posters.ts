import { eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { SandboxError, WxError } from '../../shared/errors'
import { brands } from '../../world/schema'
import { codePayload, createCode, type CodeRow } from '../miniprogram/codes'
import { findMiniProgram } from '../miniprogram/pages'
import { codeSvg } from '../miniprogram/render'

export type PosterKind = 'table' | 'product' | 'campaign'

export interface PosterRequest {
  appid?: string
  /** overrides the kind's default page */
  page?: string
  /** table: the table number; product: its id; campaign: its code */
  key: string
  /** table: the store; product: its name; campaign: its title */
  label?: string
  /** product: the price; campaign: a subtitle */
  detail?: string
}

/** Each poster opens one page with a scene the merchant's page parses as a query string. */
export const POSTER_KINDS: Record<PosterKind, { page: string; scene: (key: string, label?: string) => string }> = {
  table: { page: 'pages/menu/menu', scene: (table, store) => (store ? `table=${table}&store=${store}` : `table=${table}`) },
  product: { page: 'pages/product/product', scene: (id) => `id=${id}` },
  campaign: { page: 'pages/index/index', scene: (code) => `campaign=${code}` },
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

/** The code a poster carries (made like getwxacodeunlimit with check_path on). */
export async function posterCode(platform: Platform, kind: PosterKind, req: PosterRequest) {
  const app = await findMiniProgram(platform, req.appid)
  const spec = POSTER_KINDS[kind]
  const scene = spec.scene(req.key, kind === 'table' ? req.label : undefined)
  try {
    const { code } = await createCode(platform, app, { kind: 'unlimited', page: req.page ?? spec.page, scene, checkPath: true })
    return { app, code }
  } catch (err) {
    // the wire's errcodes, said plainly for the control API
    if (err instanceof WxError && err.errcode === 41030) throw new SandboxError(400, 'invalid_page', `${req.page ?? spec.page} is not a published page`)
    if (err instanceof WxError) throw new SandboxError(400, 'invalid_scene', `the code's scene "${scene}" is invalid: ${err.errmsg}`)
    throw err
  }
}

/** A printable A5-proportioned SVG poster for a table, a product or a campaign, with its code. */
export async function posterSvg(platform: Platform, kind: PosterKind, req: PosterRequest) {
  const { app, code } = await posterCode(platform, kind, req)
  const [brand] = await platform.db.select().from(brands).where(eq(brands.id, app.brandId))
  const color = brand?.color ?? app.brandColor
  const heading =
    kind === 'table'
      ? { title: `Table ${req.key}`, sub: req.label ? `${req.label} · Scan to order at your table` : 'Scan to order at your table', zh: '扫码点单' }
      : kind === 'product'
        ? { title: req.label ?? req.key, sub: req.detail ?? 'Scan to see it in the mini program', zh: '扫码购买' }
        : { title: req.label ?? req.key, sub: req.detail ?? 'Scan to join', zh: '扫码参与活动' }
  const payload = codePayload(code)
  const svg = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="148mm" height="210mm" viewBox="0 0 600 851" data-payload="${esc(payload)}" data-code-id="${code.id}">
<title>${esc(`${brand?.name ?? app.name} — ${heading.title}`)}</title>
<desc>${esc(`WeChat Commerce Sandbox poster. Code payload: ${payload}; page ${code.page}; scene ${code.scene}`)}</desc>
<rect width="600" height="851" fill="#fff"/>
<rect width="600" height="120" fill="${color}"/>
<text x="40" y="62" font-family="Helvetica, Arial, sans-serif" font-size="34" font-weight="700" fill="#fff">${esc(brand?.name ?? app.name)}</text>
<text x="40" y="98" font-family="'PingFang SC', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif" font-size="22" fill="#fff">${esc(brand?.nameZh ?? '')}</text>
<text x="300" y="200" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="${heading.title.length > 18 ? 34 : 52}" font-weight="700" fill="#111">${esc(heading.title)}</text>
<text x="300" y="240" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="20" fill="#555">${esc(heading.sub)}</text>
<g transform="translate(120 270)">${codeSvg(payload, 360, '#000', 'round')}</g>
<text x="300" y="680" text-anchor="middle" font-family="'PingFang SC', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif" font-size="26" fill="#111">${esc(heading.zh)} · 微信扫一扫</text>
<text x="300" y="716" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="18" fill="#555">Open WeChat → Discover → Scan</text>
<rect x="0" y="771" width="600" height="80" fill="#f4f4f4"/>
<text x="300" y="803" text-anchor="middle" font-family="Menlo, monospace" font-size="13" fill="#777">${esc(`${app.name} · ${code.page} · scene ${code.scene}`)}</text>
<text x="300" y="829" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="12" fill="#999">WeChat Commerce Sandbox — this code only works in the sandbox</text>
</svg>
`
  return { svg, code, payload }
}

/** What a poster carries, as JSON. */
export const posterInfo = (code: CodeRow) => ({
  codeId: code.id,
  payload: codePayload(code),
  appid: code.appid,
  page: code.page,
  scene: code.scene,
  imageUrl: `/_sandbox/qr/codes/${code.id}/image.png`,
})
