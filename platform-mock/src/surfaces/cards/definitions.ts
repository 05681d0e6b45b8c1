import { eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import {
  fieldTooLong,
  invalidCardId,
  invalidCardType,
  invalidCodeType,
  invalidColor,
  invalidQuantity,
  invalidTime,
  invalidTimeRange,
  missingField,
} from './errors'
import { cards } from './schema'
import { BaseInfo, CARD_TYPES, CODE_TYPES, COLORS, DateInfo, type CardType, type CreateCard } from './wire'

export type Card = typeof cards.$inferSelect

/** sku.quantity: 库存数量, 上限为100000000. */
const MAX_QUANTITY = 100_000_000
/** base_info.get_limit: 每人可领券的数量限制, 不填写默认为50. */
const DEFAULT_GET_LIMIT = 50
/** Field limits from 卡券基础信息字段, in UTF-8 bytes as the docs' string(n) gives them. */
const BYTE_LIMITS = { title: 27, brand_name: 36, notice: 48, description: 3072 } as const

/** What each card type must carry beside base_info (创建卡券 → 各类卡券的专属字段). */
const SPECIAL_FIELDS: Record<CardType, Record<string, 'string' | 'number' | 'boolean'>> = {
  MEMBER_CARD: { prerogative: 'string', supply_bonus: 'boolean', supply_balance: 'boolean' },
  GENERAL_COUPON: { default_detail: 'string' },
  CASH: { least_cost: 'number', reduce_cost: 'number' },
  DISCOUNT: { discount: 'number' },
  GIFT: { gift: 'string' },
  GROUPON: { deal_detail: 'string' },
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8')

/** card/create's checks, in WeChat's order as far as it shows: type, fields, then their values. */
function checkCard(card: CreateCard['card'], nowSec: number) {
  const type = card.card_type as CardType
  if (!(type in CARD_TYPES)) throw invalidCardType()
  const key = CARD_TYPES[type]
  const detail = card[key] as Record<string, unknown> | undefined
  if (!detail || typeof detail !== 'object') throw missingField(key)
  const parsed = BaseInfo.safeParse(detail.base_info)
  if (!parsed.success) throw missingField(`${key}.base_info.${parsed.error.issues[0]?.path.join('.') ?? ''}`)
  for (const [field, kind] of Object.entries(SPECIAL_FIELDS[type])) {
    if (typeof detail[field] !== kind) throw missingField(`${key}.${field}`)
  }
  const base = parsed.data
  if (!(CODE_TYPES as readonly string[]).includes(base.code_type)) throw invalidCodeType()
  if (!(base.color in COLORS)) throw invalidColor()
  for (const [field, limit] of Object.entries(BYTE_LIMITS)) {
    if (bytes(base[field as keyof typeof BYTE_LIMITS]) > limit) throw fieldTooLong(`${key}.base_info.${field}`)
  }
  if (base.sku.quantity < 0 || base.sku.quantity > MAX_QUANTITY) throw invalidQuantity()
  const date = DateInfo.safeParse(base.date_info)
  if (!date.success) throw invalidTime()
  const d = date.data
  if (d.type === 'DATE_TYPE_PERMANENT' && type !== 'MEMBER_CARD') throw invalidTime()
  if (d.type === 'DATE_TYPE_FIX_TIME_RANGE') {
    if (d.end_timestamp <= d.begin_timestamp) throw invalidTimeRange()
    if (d.end_timestamp < nowSec) throw invalidTime()
  }
  if (d.type === 'DATE_TYPE_FIX_TERM' && d.end_timestamp !== undefined && d.end_timestamp < nowSec) throw invalidTime()
  return { type, key, base, dateInfo: d }
}

/** 创建卡券 (card/create): checked, stored with its stock, and approved at once (see README). */
export async function createCard(platform: Platform, appid: string, card: CreateCard['card']) {
  const now = platform.clock.now()
  const { type, base, dateInfo } = checkCard(card, Math.floor(now / 1000))
  // card ids look like pFS7Fjg8kV1IdDz01r4SQwMkuCKc: 'p' and 27 url-safe characters
  const cardId = `p${platform.ids.urlsafe(27)}`
  await platform.db.insert(cards).values({
    cardId,
    appid,
    cardType: type,
    title: base.title,
    brandName: base.brand_name,
    logoUrl: base.logo_url,
    color: base.color,
    description: base.description,
    notice: base.notice,
    codeType: base.code_type,
    dateInfo,
    quantity: base.sku.quantity,
    totalQuantity: base.sku.quantity,
    getLimit: base.get_limit ?? DEFAULT_GET_LIMIT,
    useCustomCode: base.use_custom_code ?? false,
    bindOpenid: base.bind_openid ?? false,
    body: card,
    createdAt: now,
  })
  await platform.events.append({
    actor: appid,
    surface: 'cards',
    type: 'cards.card.created',
    subject: { appid, card_id: cardId },
    payload: { card_type: type, title: base.title, quantity: base.sku.quantity },
  })
  return cardId
}

export async function findCard(platform: Platform, cardId: string): Promise<Card | undefined> {
  const [row] = await platform.db.select().from(cards).where(eq(cards.cardId, cardId))
  return row
}

/** A card of this app, for the merchant APIs: 40073 for anyone else's or no card. */
export async function cardOfApp(platform: Platform, appid: string, cardId: string): Promise<Card> {
  const card = await findCard(platform, cardId)
  if (!card || card.appid !== appid) throw invalidCardId()
  return card
}
