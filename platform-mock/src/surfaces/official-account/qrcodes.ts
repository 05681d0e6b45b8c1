import { eq } from 'drizzle-orm'
import QRCode from 'qrcode'
import type { Platform } from '../../platform'
import { argumentInvalid } from './errors'
import { oaQrCodes } from './schema'
import type { QrCreate } from './wire'

export type OaQrCode = typeof oaQrCodes.$inferSelect

/** The content of an Official Account parametric code. */
export const OA_QR_URL = /^https?:\/\/weixin\.qq\.com\/q\/([A-Za-z0-9_-]+)$/
const MAX_EXPIRE = 2_592_000

/** 生成带参数的二维码 (qrcode/create): a temporary or permanent code with a scene. */
export async function createQrCode(platform: Platform, appid: string, req: QrCreate) {
  const { ids, clock, db } = platform
  const permanent = req.action_name === 'QR_LIMIT_SCENE' || req.action_name === 'QR_LIMIT_STR_SCENE'
  const byId = req.action_name === 'QR_SCENE' || req.action_name === 'QR_LIMIT_SCENE'
  const scene = req.action_info.scene
  let sceneId: number | null = null
  let sceneStr: string | null = null
  if (byId) {
    const id = scene.scene_id
    if (id === undefined || !Number.isInteger(id) || id === 0) throw argumentInvalid('action_info.scene.scene_id')
    if (permanent ? id < 1 || id > 100_000 : id < -(2 ** 31) || id > 2 ** 32 - 1) throw argumentInvalid('action_info.scene.scene_id out of range')
    sceneId = id
  } else {
    const s = scene.scene_str
    if (s === undefined || s.length < 1 || s.length > 64) throw argumentInvalid('action_info.scene.scene_str (1–64 characters)')
    sceneStr = s
  }
  const expire = permanent ? null : Math.min(Math.max(req.expire_seconds ?? 30, 1), MAX_EXPIRE)
  const now = clock.now()
  const row: OaQrCode = {
    ticket: `gQ${ids.alnum(6)}AAAAAAAAAAS${ids.urlsafe(40).replace(/[-_]/g, 'x')}==`,
    appid,
    actionName: req.action_name,
    sceneId,
    sceneStr,
    url: `http://weixin.qq.com/q/${ids.urlsafe(22)}`,
    expiresAt: expire === null ? null : now + expire * 1000,
    createdAt: now,
  }
  await db.insert(oaQrCodes).values(row)
  await platform.events.append({
    actor: appid,
    surface: 'official-account',
    type: 'oa.qrcode.created',
    subject: { appid, ticket: row.ticket },
    payload: { actionName: row.actionName, sceneId, sceneStr, expireSeconds: expire },
  })
  return { ticket: row.ticket, ...(expire !== null && { expire_seconds: expire }), url: row.url }
}

export async function findQrByTicket(platform: Platform, ticket: string) {
  const [row] = await platform.db.select().from(oaQrCodes).where(eq(oaQrCodes.ticket, ticket))
  return row
}

export async function findQrByUrl(platform: Platform, url: string) {
  const m = OA_QR_URL.exec(url.trim())
  if (!m) return undefined
  const [row] = await platform.db.select().from(oaQrCodes).where(eq(oaQrCodes.url, `http://weixin.qq.com/q/${m[1]}`))
  return row
}

export const qrExpired = (platform: Platform, code: OaQrCode) => code.expiresAt !== null && platform.clock.now() >= code.expiresAt

/** The scene value as events carry it: scene_id in decimal, or scene_str. */
export const sceneValue = (code: OaQrCode) => (code.sceneId !== null ? String(code.sceneId) : code.sceneStr!)

/** The code's picture: a real, scannable QR of its `url`. */
export function qrPng(code: OaQrCode) {
  return QRCode.toBuffer(code.url, { type: 'png', width: 430, margin: 2, errorCorrectionLevel: 'M' })
}
