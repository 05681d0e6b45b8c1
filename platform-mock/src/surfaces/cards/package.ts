import { createHash, timingSafeEqual } from 'node:crypto'
import { and, desc, eq, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Platform } from '../../platform'
import { getPerson } from '../../world/people'
import { apps, identities } from '../../world/schema'
import { findCard, type Card } from './definitions'
import { AddCardFailure, noApp, noPerson } from './errors'
import { cardCodes, cards } from './schema'
import { liveTickets } from './tickets'
import { CARD_TYPES, CardExt, COLORS, type DateInfo } from './wire'

export type CardCode = typeof cardCodes.$inferSelect

const DAY_MS = 86_400_000
/** DATE_TYPE_PERMANENT: shown as valid until the end of 9999. */
const FOREVER = Date.parse('9999-12-31T23:59:59+08:00')

/**
 * 卡券签名 (JS-SDK 附录4): the values of api_ticket, timestamp, card_id, code, openid and nonce_str
 * sorted as strings, joined without separator, SHA-1 in hex. Absent fields count as ''.
 */
export function cardSignature(fields: { api_ticket: string; timestamp: string | number; card_id: string; code?: string; openid?: string; nonce_str?: string }) {
  const values = [fields.api_ticket, String(fields.timestamp), fields.card_id, fields.code ?? '', fields.openid ?? '', fields.nonce_str ?? '']
  return createHash('sha1').update(values.sort().join('')).digest('hex')
}

function sameHex(a: string, b: string) {
  const x = Buffer.from(a.toLowerCase())
  const y = Buffer.from(b.toLowerCase())
  return x.length === y.length && timingSafeEqual(x, y)
}

/** When a received card may be used: fixed range, N days from receipt, or for good. */
export function validity(date: DateInfo, receivedAt: number, fixedBegin?: number) {
  if (date.type === 'DATE_TYPE_FIX_TIME_RANGE') return { beginAt: date.begin_timestamp * 1000, endAt: date.end_timestamp * 1000 }
  if (date.type === 'DATE_TYPE_PERMANENT') return { beginAt: receivedAt, endAt: FOREVER }
  const from = fixedBegin ?? receivedAt
  const beginAt = from + date.fixed_begin_term * DAY_MS
  const endAt = beginAt + date.fixed_term * DAY_MS
  return { beginAt, endAt: date.end_timestamp !== undefined ? Math.min(endAt, date.end_timestamp * 1000) : endAt }
}

export interface AddCardItem {
  cardId: string
  cardExt: string
}

function parseExt(raw: string) {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    throw new AddCardFailure('invalid_card_ext', 'invalid cardExt')
  }
  const ext = CardExt.safeParse(value)
  if (!ext.success) throw new AddCardFailure('invalid_card_ext', 'invalid cardExt')
  // SDKs send "code": "" and "openid": "" for cards without them; they sign as '' either way
  const { code, openid, nonce_str, ...rest } = ext.data
  return { ...rest, ...(code && { code }), ...(openid && { openid }), ...(nonce_str && { nonce_str }) }
}

/**
 * wx.addCard as the phone does it: every card of the list is checked (brand, cardExt signature
 * against a live api_ticket, code and openid rules, nonce reuse, stock, get_limit) before any is
 * added; then all go into the person's 卡包 at once, or none does.
 */
export async function addCards(platform: Platform, personId: string, callerAppid: string, list: AddCardItem[]) {
  const { db } = platform
  if (!(await getPerson(db, personId))) throw noPerson(personId)
  const [caller] = await db.select().from(apps).where(eq(apps.appid, callerAppid))
  if (!caller) throw noApp(callerAppid)
  const now = platform.clock.now()
  const planned: { card: Card; ext: CardExt; raw: string; openid: string }[] = []
  const taking = new Map<string, number>()
  try {
    for (const item of list) {
      const card = await findCard(platform, item.cardId)
      const [owner] = card ? await db.select().from(apps).where(eq(apps.appid, card.appid)) : []
      // a page or mini program may only add cards of its own brand's accounts
      if (!card || !owner || owner.brandId !== caller.brandId) throw new AddCardFailure('invalid_card_id', 'invalid card_id')
      const ext = parseExt(item.cardExt)
      const tickets = await liveTickets(platform, card.appid, 'wx_card')
      const signed = tickets.some((api_ticket) => sameHex(cardSignature({ api_ticket, card_id: card.cardId, ...ext }), ext.signature))
      if (!signed) throw new AddCardFailure('invalid_signature', 'invalid signature')
      const [identity] = await db
        .select()
        .from(identities)
        .where(and(eq(identities.appid, card.appid), eq(identities.personId, personId)))
      if (!identity) throw noPerson(personId)
      if (card.bindOpenid && !ext.openid) throw new AddCardFailure('openid_required', 'openid required')
      if (ext.openid && ext.openid !== identity.openid) throw new AddCardFailure('openid_mismatch', 'openid not match')
      if (card.useCustomCode && !ext.code) throw new AddCardFailure('code_required', 'code required')
      if (!card.useCustomCode && ext.code) throw new AddCardFailure('invalid_code', 'code not allowed')
      if (ext.code) {
        const [used] = await db.select().from(cardCodes).where(and(eq(cardCodes.appid, card.appid), eq(cardCodes.code, ext.code)))
        const twice = planned.some((p) => p.card.appid === card.appid && p.ext.code === ext.code)
        if (used || twice) throw new AddCardFailure('code_used', 'code has been used')
      }
      if (ext.nonce_str) {
        const [seen] = await db.select().from(cardCodes).where(and(eq(cardCodes.cardId, card.cardId), eq(cardCodes.nonceStr, ext.nonce_str)))
        const twice = planned.some((p) => p.card.cardId === card.cardId && p.ext.nonce_str === ext.nonce_str)
        if (seen || twice) throw new AddCardFailure('nonce_reused', 'nonce_str reused')
      }
      const n = (taking.get(card.cardId) ?? 0) + 1
      if (card.quantity < n) throw new AddCardFailure('out_of_stock', 'card out of stock')
      const [held] = await db
        .select({ n: sql<number>`count(*)` })
        .from(cardCodes)
        .where(and(eq(cardCodes.cardId, card.cardId), eq(cardCodes.personId, personId)))
      if ((held?.n ?? 0) + n > card.getLimit) throw new AddCardFailure('get_limit', 'reach get limit')
      const { endAt } = validity(card.dateInfo as DateInfo, now)
      if (endAt <= now) throw new AddCardFailure('card_expired', 'card expired')
      taking.set(card.cardId, n)
      planned.push({ card, ext, raw: item.cardExt, openid: identity.openid })
    }
  } catch (err) {
    if (err instanceof AddCardFailure) {
      await platform.events.append({
        actor: personId,
        surface: 'cards',
        type: 'cards.add.failed',
        subject: { appid: callerAppid, person: personId },
        payload: { errMsg: `addCard:fail ${err.message}`, cardIds: list.map((i) => i.cardId) },
      })
    }
    throw err
  }

  const rows = planned.map(({ card, ext, openid }) => {
    const fixedBegin = ext.fixed_begintimestamp !== undefined ? Number(ext.fixed_begintimestamp) * 1000 : undefined
    return {
      cardId: card.cardId,
      appid: card.appid,
      // WeChat assigns 12-digit codes unless the merchant brings its own
      code: ext.code ?? platform.ids.digits(12),
      encryptCode: platform.ids.bytes(48).toString('base64'),
      personId,
      openid,
      state: 'NORMAL' as const,
      ...validity(card.dateInfo as DateInfo, now, fixedBegin),
      nonceStr: ext.nonce_str ?? null,
      outerStr: ext.outer_str ?? '',
      receivedAt: now,
    }
  })
  const writes: BatchItem<'sqlite'>[] = [...taking].map(([cardId, n]) =>
    db.update(cards).set({ quantity: sql`${cards.quantity} - ${n}` }).where(eq(cards.cardId, cardId)),
  )
  for (const row of rows) writes.push(db.insert(cardCodes).values(row))
  if (writes.length) await db.batch(writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]])
  for (const row of rows) {
    await platform.events.append({
      actor: personId,
      surface: 'cards',
      type: 'cards.card.added',
      subject: { appid: row.appid, card_id: row.cardId, person: personId, code: row.code },
      payload: { via: callerAppid, openid: row.openid, outer_str: row.outerStr },
    })
  }
  return {
    errMsg: 'addCard:ok',
    cardList: planned.map((p, i) => ({ cardId: p.card.cardId, cardExt: p.raw, code: rows[i]!.encryptCode, isSuccess: true })),
  }
}

/** user_card_status as card/code/get reports it, with expiry read off the virtual clock. */
export function statusOf(row: CardCode, now: number): 'NORMAL' | 'CONSUMED' | 'EXPIRE' | 'UNAVAILABLE' {
  if (row.state !== 'NORMAL') return row.state
  return now > row.endAt ? 'EXPIRE' : 'NORMAL'
}

/** The person's 卡包 (Me → Cards & Offers), newest first. */
export async function cardPackage(platform: Platform, personId: string) {
  const { db } = platform
  if (!(await getPerson(db, personId))) throw noPerson(personId)
  const rows = await db
    .select({ code: cardCodes, card: cards })
    .from(cardCodes)
    .innerJoin(cards, eq(cards.cardId, cardCodes.cardId))
    .where(eq(cardCodes.personId, personId))
    .orderBy(desc(cardCodes.receivedAt), desc(cardCodes.seq))
  const now = platform.clock.now()
  const iso = (ms: number) => new Date(ms).toISOString()
  return rows.map(({ code, card }) => {
    const status = statusOf(code, now)
    return {
      cardId: card.cardId,
      appid: card.appid,
      kind: CARD_TYPES[card.cardType as keyof typeof CARD_TYPES],
      cardType: card.cardType,
      title: card.title,
      brandName: card.brandName,
      logoUrl: card.logoUrl,
      color: card.color,
      colorHex: COLORS[card.color] ?? '#63b359',
      description: card.description,
      notice: card.notice,
      codeType: card.codeType,
      code: code.code,
      validity: { begin: iso(code.beginAt), end: code.endAt === FOREVER ? null : iso(code.endAt) },
      status,
      usable: status === 'NORMAL' && now >= code.beginAt,
      receivedAt: iso(code.receivedAt),
      ...(code.consumedAt !== null && { consumedAt: iso(code.consumedAt) }),
      ...(card.cardType === 'MEMBER_CARD' && { bonus: code.bonus, balance: code.balance }),
    }
  })
}
