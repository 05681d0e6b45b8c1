import { and, eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { WxError } from '../../shared/errors'
import { findCard } from './definitions'
import { badUserCardStatus, codeConsumed, invalidCardType, invalidSerialCode, invalidTime } from './errors'
import { statusOf, type CardCode } from './package'
import { cardCodes } from './schema'
import type { ConsumeCode, GetCode, UpdateMember, UpdateMemberResponse } from './wire'

const sec = (ms: number) => Math.floor(ms / 1000)

/** A code this app issued (and, when named, of that card): 40056 invalid serial code otherwise. */
async function codeOfApp(platform: Platform, appid: string, code: string, cardId?: string): Promise<CardCode> {
  const [row] = await platform.db.select().from(cardCodes).where(and(eq(cardCodes.appid, appid), eq(cardCodes.code, code)))
  if (!row || (cardId && row.cardId !== cardId)) throw invalidSerialCode()
  return row
}

/**
 * 查询Code接口 (card/code/get). With check_consume true a code that cannot be used is an error
 * (40099 consumed, 40127 otherwise); without it the status comes back in the body.
 */
export async function getCode(platform: Platform, appid: string, body: GetCode) {
  const row = await codeOfApp(platform, appid, body.code, body.card_id)
  const status = statusOf(row, platform.clock.now())
  if (body.check_consume && status === 'CONSUMED') throw codeConsumed()
  if (body.check_consume && status !== 'NORMAL') throw badUserCardStatus()
  return {
    errcode: 0,
    errmsg: 'ok',
    card: { card_id: row.cardId, begin_time: sec(row.beginAt), end_time: sec(row.endAt) },
    openid: row.openid,
    can_consume: status === 'NORMAL',
    ...(row.outerStr && { outer_str: row.outerStr }),
    user_card_status: status,
  }
}

/** 核销Code接口 (card/code/consume): the merchant marks a coupon used; it is used once. */
export async function consumeCode(platform: Platform, appid: string, body: ConsumeCode) {
  const row = await codeOfApp(platform, appid, body.code, body.card_id)
  const card = await findCard(platform, row.cardId)
  // custom-code cards are located by card_id and code together (41012 缺少cardid参数)
  if (card?.useCustomCode && !body.card_id) throw new WxError(41012, 'missing card_id')
  if (card?.cardType === 'MEMBER_CARD') throw invalidCardType()
  const now = platform.clock.now()
  const status = statusOf(row, now)
  if (status === 'CONSUMED') throw codeConsumed()
  if (status !== 'NORMAL') throw badUserCardStatus()
  if (now < row.beginAt) throw invalidTime()
  await platform.db.update(cardCodes).set({ state: 'CONSUMED', consumedAt: now }).where(eq(cardCodes.seq, row.seq))
  await platform.events.append({
    actor: appid,
    surface: 'cards',
    type: 'cards.code.consumed',
    subject: { appid, card_id: row.cardId, person: row.personId, code: row.code },
  })
  return { errcode: 0, errmsg: 'ok', card: { card_id: row.cardId }, openid: row.openid }
}

/** Code解码接口 (card/code/decrypt): the encrypt_code wx.addCard and jump links carry → the code. */
export async function decryptCode(platform: Platform, appid: string, encryptCode: string) {
  const [row] = await platform.db
    .select()
    .from(cardCodes)
    .where(and(eq(cardCodes.appid, appid), eq(cardCodes.encryptCode, encryptCode)))
  if (!row) throw invalidSerialCode()
  return { errcode: 0, errmsg: 'ok', code: row.code }
}

/**
 * 更新会员信息 (card/membercard/updateuser): `bonus`/`balance` set the total, `add_bonus`/
 * `add_balance` change it (negative takes away); the totals come back.
 */
export async function updateMember(platform: Platform, appid: string, body: UpdateMember): Promise<UpdateMemberResponse> {
  const card = await findCard(platform, body.card_id)
  if (!card || card.appid !== appid) throw invalidSerialCode()
  if (card.cardType !== 'MEMBER_CARD') throw invalidCardType()
  const row = await codeOfApp(platform, appid, body.code, body.card_id)
  if (statusOf(row, platform.clock.now()) !== 'NORMAL') throw badUserCardStatus()
  const bonus = body.bonus ?? row.bonus + (body.add_bonus ?? 0)
  const balance = body.balance ?? row.balance + (body.add_balance ?? 0)
  await platform.db.update(cardCodes).set({ bonus, balance }).where(eq(cardCodes.seq, row.seq))
  await platform.events.append({
    actor: appid,
    surface: 'cards',
    type: 'cards.member.updated',
    subject: { appid, card_id: row.cardId, person: row.personId, code: row.code },
    payload: {
      bonus,
      balance,
      ...(body.record_bonus && { record_bonus: body.record_bonus }),
      ...(body.record_balance && { record_balance: body.record_balance }),
    },
  })
  return { errcode: 0, errmsg: 'ok', result_bonus: bonus, result_balance: balance, openid: row.openid }
}
