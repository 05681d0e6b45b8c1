import { createHmac } from 'node:crypto'
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../shared/db'
import { mpSubscribeTemplates, type TemplateKeyword } from './schema'

const k = (key: string, name: string, nameEn: string, example: string): TemplateKeyword => ({ key, name, nameEn, example })

/** The templates the world's mini program has picked from the public library, by slug. */
export const SEEDED_TEMPLATES = [
  {
    slug: 'order-ready',
    title: '取餐提醒',
    titleEn: 'Order ready for pickup',
    keywords: [
      k('character_string1', '取餐号', 'Pickup number', 'A023'),
      k('thing2', '商品名称', 'Items', 'Oat latte ×2'),
      k('thing3', '取餐门店', 'Store', '静安店'),
      k('time4', '完成时间', 'Ready at', '2026-03-02 09:15'),
      k('thing5', '温馨提示', 'Note', 'Please pick up within 30 minutes'),
    ],
  },
  {
    slug: 'order-shipped',
    title: '订单发货通知',
    titleEn: 'Order shipped',
    keywords: [
      k('character_string1', '订单号', 'Order number', 'LC202603020001'),
      k('thing2', '商品名称', 'Items', 'Yunnan beans 500g'),
      k('thing3', '快递公司', 'Carrier', 'SF Express'),
      k('character_string4', '快递单号', 'Tracking number', 'SF1234567890'),
      k('time5', '发货时间', 'Shipped at', '2026-03-02 14:30'),
    ],
  },
  {
    slug: 'points-changed',
    title: '积分变动提醒',
    titleEn: 'Points changed',
    keywords: [
      k('thing1', '变动原因', 'Reason', 'Purchase reward'),
      k('number2', '变动积分', 'Points', '38'),
      k('number3', '当前积分', 'Balance', '1280'),
      k('time4', '变动时间', 'Time', '2026-03-02 09:20'),
    ],
  },
  {
    slug: 'coupon-expiring',
    title: '优惠券到期提醒',
    titleEn: 'Coupon expiring',
    keywords: [
      k('thing1', '优惠券名称', 'Coupon', 'Free pastry with any latte'),
      k('amount2', '优惠金额', 'Value', '¥12.00'),
      k('date3', '到期时间', 'Expires', '2026-03-09'),
      k('thing4', '温馨提示', 'Note', 'Use it before it expires'),
    ],
  },
]

/** A template id like WeChat's (43 url-safe characters), stable for the world's credentials. */
export function templateIdFor(worldSecret: string, appid: string, slug: string) {
  return createHmac('sha256', worldSecret).update(`subscribe-template:${appid}:${slug}`).digest('base64url').slice(0, 43)
}

/** The insert of the seeded templates for an app. */
export function templateQueries(db: Db, worldSecret: string, appid: string) {
  return db
    .insert(mpSubscribeTemplates)
    .values(SEEDED_TEMPLATES.map((t) => ({ ...t, appid, templateId: templateIdFor(worldSecret, appid, t.slug) })))
}

export type TemplateRow = typeof mpSubscribeTemplates.$inferSelect

/** An app's templates (个人模板列表). */
export async function templatesOf(db: Db, appid: string) {
  return db.select().from(mpSubscribeTemplates).where(eq(mpSubscribeTemplates.appid, appid)).orderBy(asc(mpSubscribeTemplates.slug))
}

/** One of the app's templates by its priTmplId. */
export async function findTemplate(db: Db, appid: string, templateId: string): Promise<TemplateRow | undefined> {
  const [row] = await db
    .select()
    .from(mpSubscribeTemplates)
    .where(and(eq(mpSubscribeTemplates.appid, appid), eq(mpSubscribeTemplates.templateId, templateId)))
  return row
}

/** The template's `content` as getTemplateList shows it: `取餐号:{{character_string1.DATA}}\n…`. */
export const templateContent = (t: TemplateRow) => t.keywords.map((kw) => `${kw.name}:{{${kw.key}.DATA}}\n`).join('')
export const templateExample = (t: TemplateRow) => t.keywords.map((kw) => `${kw.name}：${kw.example}`).join('\n')

const HAN = /\p{Script=Han}/u

/**
 * Why a value breaks its keyword's rule (miniprogram.md §4 "Value rules per key prefix"), or
 * null when it is fine.
 */
export function keywordProblem(key: string, value: string): string | null {
  const kind = key.replace(/\d+$/, '')
  const chars = [...value]
  if (value.trim() === '') return 'is empty'
  const ok = (() => {
    switch (kind) {
      case 'thing':
        return chars.length <= 20
      case 'number':
        return /^\d+(\.\d+)?$/.test(value) && value.replace('.', '').length <= 32
      case 'letter':
        return /^[A-Za-z]{1,32}$/.test(value)
      case 'symbol':
        return /^[^\p{L}\p{N}\s]{1,5}$/u.test(value)
      case 'character_string':
        return /^[\x21-\x7e]{1,32}$/.test(value)
      case 'time':
        return value.split('~').every((part) => TIME.test(part.trim()))
      case 'date':
        return value.split('~').every((part) => DATE.test(part.trim()))
      case 'amount':
        return /^[¥￥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(value)
      case 'phone_number':
        return /^[\d\p{P}\p{S}]{1,17}$/u.test(value)
      case 'car_number':
        return chars.length <= 8 && chars.every((ch, i) => /[A-Za-z0-9]/.test(ch) || ((i === 0 || i === chars.length - 1) && HAN.test(ch)))
      case 'name':
        return HAN.test(value) ? /^[\p{Script=Han}·]{1,10}$/u.test(value) : /^[A-Za-z\p{P}\p{S} ]{1,20}$/u.test(value)
      case 'phrase':
        return /^\p{Script=Han}{1,5}$/u.test(value)
      default:
        // enum / const and anything else: pre-approved values we do not know, so take them
        return true
    }
  })()
  return ok ? null : 'invalid'
}

const DAY = String.raw`\d{4}(-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|年\d{1,2}月\d{1,2}日)`
const CLOCK = String.raw`([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?`
const TIME = new RegExp(`^(${DAY}\\s*)?${CLOCK}$`)
const DATE = new RegExp(`^${DAY}(\\s*${CLOCK})?$`)
