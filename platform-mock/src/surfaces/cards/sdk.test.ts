import API from 'co-wechat-api'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { interceptWeChat, type Interception } from '../../intercept'
import { testPlatform, type TestPlatform } from '../../testing'
import { cardsKit, cashCoupon, memberCard } from './testkit'

// co-wechat-api 3 (node-webot), which hard-codes https://api.weixin.qq.com/card/…, reaching the
// sandbox only by interception: its getCardExt signs by its own reading of the card signature rule.
interface CardSdk {
  createCard(card: object): Promise<{ errcode: number; card_id: string }>
  getCardExt(param: { card_id: string; code?: string; openid?: string }): Promise<Record<string, string>>
  getCode(code: string, cardId?: string): Promise<{ user_card_status: string; openid: string }>
  consumeCode(code: string, cardId?: string): Promise<{ errcode: number; card: { card_id: string } }>
  decryptCode(encryptCode: string): Promise<{ code: string }>
  updateMembercard(info: object): Promise<{ result_bonus: number }>
}

let p: TestPlatform
let interception: Interception
let api: CardSdk
let kit: ReturnType<typeof cardsKit>
let mp: string

beforeAll(async () => {
  p = await testPlatform({ seed: 'cards-sdk' })
  interception = interceptWeChat(p.url)
  kit = cardsKit(p)
  const creds = await kit.creds()
  mp = creds.miniProgram.appid
  api = new API(creds.officialAccount.appid, (creds.officialAccount as { secret: string }).secret) as unknown as CardSdk
})
afterAll(async () => {
  interception.close()
  await p.close()
})

test('a coupon made, signed and consumed through co-wechat-api lands in and leaves the card package', async () => {
  const { card_id } = await api.createCard(cashCoupon())
  const ext = await api.getCardExt({ card_id })
  const { body } = await kit.add('alice', mp, [{ cardId: card_id, cardExt: JSON.stringify(ext) }])
  expect(body.errMsg).toBe('addCard:ok')
  const { code } = await api.decryptCode(body.cardList[0].code)
  expect((await api.getCode(code)).user_card_status).toBe('NORMAL')
  expect((await api.consumeCode(code)).card.card_id).toBe(card_id)
  expect((await kit.list('alice'))[0]).toMatchObject({ cardId: card_id, status: 'CONSUMED' })
})

test('member points set through co-wechat-api show on the card', async () => {
  const { card_id } = await api.createCard(memberCard())
  await kit.add('bob', mp, [{ cardId: card_id, cardExt: JSON.stringify(await api.getCardExt({ card_id })) }])
  const [card] = await kit.list('bob')
  expect((await api.updateMembercard({ card_id, code: card.code, add_bonus: 12, record_bonus: 'Latte' })).result_bonus).toBe(12)
  expect((await kit.list('bob'))[0].bonus).toBe(12)
})
