import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { cardsKit, cashCoupon, memberCard } from './testkit'

let p: TestPlatform
let kit: ReturnType<typeof cardsKit>

beforeAll(async () => {
  p = await testPlatform({ seed: 'cards-routes' })
  kit = cardsKit(p)
})
afterAll(() => p.close())

const strip = (r: { errmsg: string }) => ({ ...r, errmsg: r.errmsg.replace(/ rid: .*$/, '') })

test('creates a member card and a cash coupon, each with its own card_id', async () => {
  const token = await kit.token()
  const member = await kit.create(token, memberCard())
  const cash = await kit.create(token, cashCoupon())
  expect(member).toEqual({ errcode: 0, errmsg: 'ok', card_id: expect.stringMatching(/^p[\w-]{27}$/) })
  expect(cash.card_id).not.toBe(member.card_id)
})

test('creates general, discount and gift coupons with their own fields', async () => {
  const token = await kit.token()
  const base = cashCoupon().cash.base_info
  const general = await kit.create(token, { card_type: 'GENERAL_COUPON', general_coupon: { base_info: base, default_detail: 'A free pastry' } })
  const discount = await kit.create(token, { card_type: 'DISCOUNT', discount: { base_info: base, discount: 20 } })
  const gift = await kit.create(token, { card_type: 'GIFT', gift: { base_info: base, gift: 'One latte' } })
  expect([general.errcode, discount.errcode, gift.errcode]).toEqual([0, 0, 0])
})

test('refuses malformed cards with the card error codes', async () => {
  const token = await kit.token()
  const bad = async (card: object) => strip(await kit.create(token, card))
  expect(await bad({ card_type: 'LOTTERY', lottery: {} })).toEqual({ errcode: 40071, errmsg: 'invalid card type' })
  const noTitle = cashCoupon()
  delete (noTitle.cash.base_info as Record<string, unknown>).title
  expect(await bad(noTitle)).toEqual({ errcode: 41011, errmsg: 'missing required fields! cash.base_info.title' })
  expect(await bad({ card_type: 'CASH', cash: { base_info: cashCoupon().cash.base_info, least_cost: 100 } })).toMatchObject({ errcode: 41011 })
  expect(await bad(cashCoupon({ code_type: 'CODE_TYPE_SMOKE' }))).toMatchObject({ errcode: 40072 })
  expect(await bad(cashCoupon({ color: '#ff0000' }))).toMatchObject({ errcode: 47003 })
  expect(await bad(cashCoupon({ title: 'A title far too long for a card face' }))).toMatchObject({ errcode: 45021 })
  expect(await bad(cashCoupon({}, 100_000_001))).toMatchObject({ errcode: 40122 })
  const backwards = { type: 'DATE_TYPE_FIX_TIME_RANGE', begin_timestamp: 1900000000, end_timestamp: 1800000000 }
  expect(await bad(cashCoupon({ date_info: backwards }))).toMatchObject({ errcode: 40100 })
  expect(await bad(cashCoupon({ date_info: { type: 'DATE_TYPE_PERMANENT' } }))).toMatchObject({ errcode: 40079 })
})

test('answers 41001, 40001 and 42001 for a missing, unknown and expired access_token', async () => {
  const card = { card: cashCoupon() }
  expect(strip(await (await p.post('/card/create', card)).json())).toEqual({ errcode: 41001, errmsg: 'access_token missing' })
  expect((await (await p.post('/card/create?access_token=nope', card)).json()).errcode).toBe(40001)
  expect((await p.json('/cgi-bin/ticket/getticket?type=wx_card')).errcode).toBe(41001)
  const token = await kit.token()
  await kit.advance('2h')
  expect((await kit.create(token, cashCoupon())).errcode).toBe(42001)
  expect((await kit.ticket(token) as any).errcode).toBe(42001)
})

test('the wx_card api_ticket lives 7200 s and comes back unchanged until its last 5 minutes', async () => {
  const token = await kit.token()
  const first = await kit.ticket(token)
  expect(first).toEqual({ errcode: 0, errmsg: 'ok', ticket: expect.stringMatching(/^[\w-]{86}$/), expires_in: 7200 })
  expect((await kit.ticket(token)).ticket).toBe(first.ticket)
  await kit.advance('1h56m')
  const second = await kit.ticket(await kit.token())
  expect(second.ticket).not.toBe(first.ticket)
  expect(second.expires_in).toBe(7200)
  expect(strip(await p.json(`/cgi-bin/ticket/getticket?access_token=${await kit.token()}&type=nope`))).toEqual({ errcode: 40097, errmsg: 'invalid args' })
})

test('card paths answer on the api.weixin.qq.com host by name too', async () => {
  const token = await kit.token()
  const res = await fetch(`${p.url}/card/create?access_token=${token}`, {
    method: 'POST',
    headers: { 'X-Forwarded-Host': 'api.weixin.qq.com' },
    body: JSON.stringify({ card: cashCoupon() }),
  })
  expect((await res.json()).errcode).toBe(0)
})
