import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { cardsKit, cashCoupon, memberCard } from './testkit'

let p: TestPlatform
let kit: ReturnType<typeof cardsKit>
let mp: string

beforeAll(async () => {
  p = await testPlatform({ seed: 'cards-codes' })
  kit = cardsKit(p)
  mp = (await kit.creds()).miniProgram.appid
})
afterAll(() => p.close())

const strip = (r: { errmsg: string }) => ({ ...r, errmsg: r.errmsg.replace(/ rid: .*$/, '') })

async function received(person: string, card: object) {
  const token = await kit.token()
  const { card_id } = await kit.create(token, card)
  const { ticket } = await kit.ticket(token)
  const { body } = await kit.add(person, mp, [{ cardId: card_id, cardExt: kit.cardExt(ticket, card_id, { outer_str: 'till' }) }])
  const [held] = (await kit.list(person)).filter((c) => c.cardId === card_id)
  return { token, cardId: card_id as string, code: held.code as string, encryptCode: body.cardList[0].code as string }
}

test('the merchant decrypts the encrypted code, checks it and consumes it once', async () => {
  const { token, cardId, code, encryptCode } = await received('alice', cashCoupon())
  expect(await kit.merchant('/card/code/decrypt', token, { encrypt_code: encryptCode })).toEqual({ errcode: 0, errmsg: 'ok', code })
  const got = await kit.merchant('/card/code/get', token, { code, check_consume: true })
  expect(got).toEqual({
    errcode: 0,
    errmsg: 'ok',
    card: { card_id: cardId, begin_time: 1772413200, end_time: 1775005200 },
    openid: expect.stringMatching(/^o/),
    can_consume: true,
    outer_str: 'till',
    user_card_status: 'NORMAL',
  })
  expect(await kit.merchant('/card/code/consume', token, { code })).toEqual({ errcode: 0, errmsg: 'ok', card: { card_id: cardId }, openid: got.openid })
  expect(strip(await kit.merchant('/card/code/consume', token, { code }))).toEqual({ errcode: 40099, errmsg: 'invalid code, this code has consumed.' })
  expect(await kit.merchant('/card/code/get', token, { code })).toMatchObject({ can_consume: false, user_card_status: 'CONSUMED' })
  expect((await kit.merchant('/card/code/get', token, { code, check_consume: true })).errcode).toBe(40099)
  const [card] = await kit.list('alice')
  expect(card).toMatchObject({ status: 'CONSUMED', usable: false, consumedAt: '2026-03-02T01:00:00.000Z' })
})

test('an unknown code answers 40056 and an expired one 40127', async () => {
  const { token, code } = await received('bob', cashCoupon())
  expect(strip(await kit.merchant('/card/code/get', token, { code: '000000000000' }))).toEqual({ errcode: 40056, errmsg: 'invalid serial code' })
  await kit.advance('31d')
  const fresh = await kit.token()
  expect(await kit.merchant('/card/code/get', fresh, { code })).toMatchObject({ user_card_status: 'EXPIRE', can_consume: false })
  expect((await kit.merchant('/card/code/consume', fresh, { code })).errcode).toBe(40127)
  expect((await kit.list('bob'))[0]).toMatchObject({ status: 'EXPIRE', usable: false })
})

test('updateuser keeps the member card points in sync: add, then set the total', async () => {
  const { token, cardId, code } = await received('carol', memberCard())
  const added = await kit.merchant('/card/membercard/updateuser', token, { code, card_id: cardId, add_bonus: 30, record_bonus: 'Order 1001: 30 points' })
  expect(added).toEqual({ errcode: 0, errmsg: 'ok', result_bonus: 30, result_balance: 0, openid: expect.stringMatching(/^o/) })
  expect((await kit.merchant('/card/membercard/updateuser', token, { code, card_id: cardId, add_bonus: -10 })).result_bonus).toBe(20)
  expect((await kit.merchant('/card/membercard/updateuser', token, { code, card_id: cardId, bonus: 500 })).result_bonus).toBe(500)
  expect((await kit.list('carol'))[0]).toMatchObject({ kind: 'member_card', bonus: 500, balance: 0, validity: { end: null } })
  expect((await kit.merchant('/card/code/consume', token, { code })).errcode).toBe(40071)
  const coupon = await received('carol', cashCoupon())
  expect((await kit.merchant('/card/membercard/updateuser', token, { code: coupon.code, card_id: coupon.cardId, add_bonus: 1 })).errcode).toBe(40071)
  const events = await p.json('/_sandbox/events?surface=cards&type=cards.member.updated')
  expect((events.events ?? events)[0]).toMatchObject({ actor: expect.any(String), payload: { bonus: 30, balance: 0, record_bonus: 'Order 1001: 30 points' } })
})

test('another account cannot see or consume this account\'s codes', async () => {
  const { code } = await received('dave', cashCoupon())
  const creds = (await p.json('/_sandbox/credentials')) as { miniProgram: { appid: string; secret: string } }
  const other = (await p.json(`/cgi-bin/token?grant_type=client_credential&appid=${creds.miniProgram.appid}&secret=${creds.miniProgram.secret}`)).access_token
  expect((await kit.merchant('/card/code/consume', other, { code })).errcode).toBe(40056)
})
