import { eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { WxError } from '../../shared/errors'
import { apps } from '../../world/schema'
import type { OaApp } from './account'
import { menuNotExist, notLinkedMiniProgram } from './errors'
import { oaMenus } from './schema'
import type { MenuButton, MenuCreate } from './wire'

const TYPES = new Set([
  'click', 'view', 'miniprogram', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album',
  'pic_weixin', 'location_select', 'media_id', 'article_id', 'article_view_limited',
])
const KEYED = new Set(['click', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select'])
const bytes = (s: string) => Buffer.byteLength(s, 'utf8')

/** Checks one button with the codes of the top level or of a sub-button (40023–40027). */
async function checkButton(platform: Platform, app: OaApp, b: MenuButton, sub: boolean) {
  const code = (top: number, inner: number) => (sub ? inner : top)
  if (bytes(b.name) > (sub ? 60 : 16) || b.name.length === 0) throw new WxError(code(40018, 40025), sub ? 'invalid sub button name size' : 'invalid button name size')
  if (b.sub_button?.length) {
    if (sub) throw new WxError(40024, 'invalid sub button type')
    if (b.sub_button.length > 5) throw new WxError(40023, 'invalid sub button size')
    for (const s of b.sub_button) await checkButton(platform, app, s, true)
    return
  }
  if (!b.type || !TYPES.has(b.type)) throw new WxError(code(40017, 40024), sub ? 'invalid sub button type' : 'invalid button type')
  if (KEYED.has(b.type) && (!b.key || bytes(b.key) > 128)) throw new WxError(code(40019, 40026), sub ? 'invalid sub button key size' : 'invalid button key size')
  if (b.type === 'view' || b.type === 'miniprogram') {
    if (!b.url || bytes(b.url) > 1024 || !/^https?:\/\//.test(b.url)) throw new WxError(code(40020, 40027), sub ? 'invalid sub button url size' : 'invalid button url size')
  }
  if (b.type === 'miniprogram') {
    const [mp] = b.appid ? await platform.db.select().from(apps).where(eq(apps.appid, b.appid)) : []
    if (mp?.kind !== 'miniprogram' || mp.brandId !== app.brandId || !b.pagepath) throw notLinkedMiniProgram()
  }
  if ((b.type === 'media_id' || b.type === 'article_id' || b.type === 'article_view_limited') && !b.media_id && !b.article_id) {
    throw new WxError(40007, 'invalid media_id')
  }
}

/** 创建自定义菜单 (menu/create): 1–3 buttons of 1–5 sub-buttons, checked like WeChat. */
export async function createMenu(platform: Platform, app: OaApp, menu: MenuCreate) {
  if (menu.button.length < 1 || menu.button.length > 3) throw new WxError(40016, 'invalid button size')
  for (const b of menu.button) await checkButton(platform, app, b, false)
  const stored = { button: menu.button, menuid: Number(platform.ids.digits(9)) }
  const row = { appid: app.appid, menu: stored, createdAt: platform.clock.now() }
  await platform.db.insert(oaMenus).values(row).onConflictDoUpdate({ target: oaMenus.appid, set: row })
  await platform.events.append({ actor: app.appid, surface: 'official-account', type: 'oa.menu.created', subject: { appid: app.appid }, payload: { buttons: menu.button.length } })
}

export async function menuOf(platform: Platform, appid: string) {
  const [row] = await platform.db.select().from(oaMenus).where(eq(oaMenus.appid, appid))
  return row?.menu as { button: MenuButton[]; menuid: number } | undefined
}

export async function mustMenu(platform: Platform, appid: string) {
  const menu = await menuOf(platform, appid)
  if (!menu) throw menuNotExist()
  return menu
}

export async function deleteMenu(platform: Platform, appid: string) {
  await platform.db.delete(oaMenus).where(eq(oaMenus.appid, appid))
  await platform.events.append({ actor: appid, surface: 'official-account', type: 'oa.menu.deleted', subject: { appid } })
}
