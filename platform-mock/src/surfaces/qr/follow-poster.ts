import { and, eq, isNull } from 'drizzle-orm'
import QRCode from 'qrcode'
import type { Platform } from '../../platform'
import { SandboxError } from '../../shared/errors'
import { brands } from '../../world/schema'
import { findOa } from '../official-account/account'
import { createQrCode, qrPng } from '../official-account/qrcodes'
import { oaQrCodes } from '../official-account/schema'

const STORE = /^[a-z0-9][a-z0-9-]{0,40}$/
const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

/**
 * A store's follow code (门店关注码): the Official Account's permanent parametric code with the
 * scene `store=<id>`, as a brand prints it by the till. Made once per store and found again after
 * (a scanner opened twice makes no second code).
 */
export async function followCode(platform: Platform, store: string, appid?: string) {
  if (!STORE.test(store)) throw new SandboxError(400, 'invalid', 'the follow poster needs `store` (a store id of the kit)')
  const app = await findOa(platform.db, appid)
  const sceneStr = `store=${store}`
  const [found] = await platform.db
    .select()
    .from(oaQrCodes)
    .where(and(eq(oaQrCodes.appid, app.appid), eq(oaQrCodes.actionName, 'QR_LIMIT_STR_SCENE'), eq(oaQrCodes.sceneStr, sceneStr), isNull(oaQrCodes.expiresAt)))
  if (found) return { app, code: found }
  const made = await createQrCode(platform, app.appid, { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: sceneStr } } })
  const [code] = await platform.db.select().from(oaQrCodes).where(eq(oaQrCodes.ticket, made.ticket))
  return { app, code: code! }
}

export const followPng = qrPng

/** The printable poster: the brand's band, "Follow us", the code and the store it is for. */
export async function followSvg(platform: Platform, store: string, label?: string, appid?: string) {
  const { app, code } = await followCode(platform, store, appid)
  const [brand] = await platform.db.select().from(brands).where(eq(brands.id, app.brandId))
  const qr = await QRCode.toString(code.url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' })
  const inner = qr.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '')
  const size = /viewBox="0 0 (\d+) \d+"/.exec(qr)?.[1] ?? '29'
  const svg = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="148mm" height="210mm" viewBox="0 0 600 851" data-payload="${esc(code.url)}">
<title>${esc(`${brand?.name ?? app.name} — follow code`)}</title>
<rect width="600" height="851" fill="#fff"/>
<rect width="600" height="120" fill="${brand?.color ?? '#07C160'}"/>
<text x="40" y="62" font-family="Helvetica, Arial, sans-serif" font-size="34" font-weight="700" fill="#fff">${esc(app.name)}</text>
<text x="40" y="98" font-family="'PingFang SC', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif" font-size="22" fill="#fff">${esc(app.nameZh ?? brand?.nameZh ?? '')}</text>
<text x="300" y="200" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="46" font-weight="700" fill="#111">Follow us</text>
<text x="300" y="240" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="20" fill="#555">${esc(label ?? store)} · news, offers and your orders</text>
<svg x="120" y="270" width="360" height="360" viewBox="0 0 ${size} ${size}">${inner}</svg>
<text x="300" y="680" text-anchor="middle" font-family="'PingFang SC', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif" font-size="26" fill="#111">扫码关注公众号 · 微信扫一扫</text>
<text x="300" y="716" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="18" fill="#555">Open WeChat → Discover → Scan</text>
<rect x="0" y="771" width="600" height="80" fill="#f4f4f4"/>
<text x="300" y="829" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="12" fill="#999">WeChat Commerce Sandbox — this code only works in the sandbox</text>
</svg>
`
  return { svg, code }
}
