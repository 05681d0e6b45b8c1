import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { cardsKit, cashCoupon, memberCard } from './testkit'

let p: TestPlatform
let kit: ReturnType<typeof cardsKit>
let mp: string

beforeAll(async () => {
  p = await testPlatform({ seed: 'cards-package' })
  kit = cardsKit(p)
  mp = (await kit.creds()).miniProgram.appid
})
afterAll(() => p.close())

async function issued(card: object) {
  const token = await kit.token()
  const { card_id } = await kit.create(token, card)
  const { ticket } = await kit.ticket(token)
  return { token, cardId: card_id, ticket }
}

test('a coupon created, signed with the api_ticket and added from the mini program shows in the card package', async () => {
  const { cardId, ticket } = await issued(cashCoupon())
  const cardExt = kit.cardExt(ticket, cardId, { outer_str: 'menu-banner' })
  const { status, body } = await kit.add('alice', mp, [{ cardId, cardExt }])
  expect(status).toBe(200)
  expect(body).toEqual({ errMsg: 'addCard:ok', cardList: [{ cardId, cardExt, code: expect.stringMatching(/^[A-Za-z0-9+/]{64}$/), isSuccess: true }] })
  const [card] = await kit.list('alice')
  expect(card).toEqual({
    cardId,
    appid: expect.any(String),
    kind: 'cash',
    cardType: 'CASH',
    title: '¥10 off ¥50',
    brandName: 'Lumen Coffee',
    logoUrl: 'http://mmbiz.qpic.cn/mmbiz/lumen-logo/0',
    color: 'Color010',
    colorHex: '#63b359',
    description: 'One per order, not with other offers',
    notice: 'Show the code at the till',
    codeType: 'CODE_TYPE_QRCODE',
    code: expect.stringMatching(/^\d{12}$/),
    validity: { begin: '2026-03-02T01:00:00.000Z', end: '2026-04-01T01:00:00.000Z' },
    status: 'NORMAL',
    usable: true,
    receivedAt: '2026-03-02T01:00:00.000Z',
  })
  const events = await p.json('/_sandbox/events?surface=cards&type=cards.card.added')
  expect(events.events ?? events).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'alice', subject: expect.objectContaining({ card_id: cardId, code: card.code }) })]))
})

test('a cardExt with a bad signature is refused like the client and nothing is added', async () => {
  const { cardId, ticket } = await issued(cashCoupon())
  const forged = kit.cardExt('not-the-ticket', cardId)
  const { status, body } = await kit.add('bob', mp, [{ cardId, cardExt: forged }])
  expect(status).toBe(400)
  expect(body).toEqual({ errMsg: 'addCard:fail invalid signature', error: { code: 'invalid_signature', message: 'addCard:fail invalid signature' } })
  // one good and one bad card in a list: neither goes in
  const both = await kit.add('bob', mp, [{ cardId, cardExt: kit.cardExt(ticket, cardId) }, { cardId, cardExt: forged }])
  expect(both.status).toBe(400)
  expect(await kit.list('bob')).toEqual([])
  const failed = await p.json('/_sandbox/events?surface=cards&type=cards.add.failed&actor=bob')
  expect((failed.events ?? failed).length).toBe(2)
})

test('a ticket that expired on the virtual clock no longer signs', async () => {
  const { cardId, ticket } = await issued(cashCoupon())
  await kit.advance('2h1m')
  const { body } = await kit.add('carol', mp, [{ cardId, cardExt: kit.cardExt(ticket, cardId) }])
  expect(body.errMsg).toBe('addCard:fail invalid signature')
})

test('the stock runs out: the last card goes to one person, the next add fails', async () => {
  const { cardId, ticket } = await issued(cashCoupon({}, 2))
  expect((await kit.add('dave', mp, [{ cardId, cardExt: kit.cardExt(ticket, cardId) }, { cardId, cardExt: kit.cardExt(ticket, cardId) }])).status).toBe(200)
  const { status, body } = await kit.add('erin', mp, [{ cardId, cardExt: kit.cardExt(ticket, cardId) }])
  expect(status).toBe(400)
  expect(body.errMsg).toBe('addCard:fail card out of stock')
  expect(await kit.list('erin')).toEqual([])
  expect((await kit.list('dave')).length).toBe(2)
})

test('get_limit caps how many of one card a person holds', async () => {
  const { cardId, ticket } = await issued(memberCard())
  expect((await kit.add('frank', mp, [{ cardId, cardExt: kit.cardExt(ticket, cardId) }])).status).toBe(200)
  const again = await kit.add('frank', mp, [{ cardId, cardExt: kit.cardExt(ticket, cardId) }])
  expect(again.body.errMsg).toBe('addCard:fail reach get limit')
})

test('a nonce_str used once for a card cannot add it again', async () => {
  const { cardId, ticket } = await issued(cashCoupon())
  const ext = kit.cardExt(ticket, cardId, { nonce_str: 'n0nce' })
  expect((await kit.add('grace', mp, [{ cardId, cardExt: ext }])).status).toBe(200)
  const replay = await kit.add('henry', mp, [{ cardId, cardExt: kit.cardExt(ticket, cardId, { nonce_str: 'n0nce' }) }])
  expect(replay.body.errMsg).toBe('addCard:fail nonce_str reused')
})

test('a bind_openid card goes only to the openid it was signed for; a custom code is used once', async () => {
  const { cardId, ticket } = await issued(cashCoupon({ bind_openid: true, use_custom_code: true }))
  const oa = (await kit.creds()).officialAccount.appid
  const openidOf = async (id: string) => ((await p.json(`/_sandbox/people/${id}`)).identities as { appid: string; openid: string }[]).find((i) => i.appid === oa)!.openid
  const alice = await openidOf('alice')
  const forAlice = kit.cardExt(ticket, cardId, { openid: alice, code: 'LUMEN-0001' })
  expect((await kit.add('bob', mp, [{ cardId, cardExt: forAlice }])).body.errMsg).toBe('addCard:fail openid not match')
  expect((await kit.add('bob', mp, [{ cardId, cardExt: kit.cardExt(ticket, cardId, { code: 'LUMEN-0002' }) }])).body.errMsg).toBe('addCard:fail openid required')
  expect((await kit.add('alice', mp, [{ cardId, cardExt: forAlice }])).status).toBe(200)
  const again = await kit.add('alice', mp, [{ cardId, cardExt: kit.cardExt(ticket, cardId, { openid: alice, code: 'LUMEN-0001' }) }])
  expect(again.body.errMsg).toBe('addCard:fail code has been used')
  expect((await kit.list('alice')).find((c) => c.cardId === cardId)?.code).toBe('LUMEN-0001')
})

test('an unknown card, an unparsable cardExt, a person or app not in the world are refused', async () => {
  const { cardId } = await issued(cashCoupon())
  expect((await kit.add('alice', mp, [{ cardId: 'pNoSuchCard', cardExt: '{}' }])).body.errMsg).toBe('addCard:fail invalid card_id')
  expect((await kit.add('alice', mp, [{ cardId, cardExt: 'not json' }])).body.errMsg).toBe('addCard:fail invalid cardExt')
  expect((await kit.add('zoe', mp, [{ cardId, cardExt: '{}' }])).status).toBe(404)
  expect((await kit.add('alice', 'wxnotanapp', [{ cardId, cardExt: '{}' }])).status).toBe(404)
  expect((await p.get('/_sandbox/people/zoe/cards')).status).toBe(404)
})
