import { afterAll, beforeAll, expect, test } from 'vitest'
import { payWorld, type PayWorld } from '../surfaces/pay/testing'

let w: PayWorld
beforeAll(async () => {
  w = await payWorld({ seed: 'funnel' })
})
afterAll(() => w.p.close())

const launch = async (person: string, body: Record<string, unknown>) => {
  const res = await w.p.post(`/_sandbox/people/${person}/miniprogram/launch`, body)
  if (res.status !== 201) throw new Error(`launch refused: ${await res.text()}`)
  return (await res.json()) as { journeyId: string }
}
const buys = async (person: string, total: number) => {
  const { body, prepayId } = await w.placeJsapi({ amount: { total, currency: 'CNY' } }, person)
  expect((await w.payPrepay(person, prepayId)).outcome).toBe('success')
  return body.out_trade_no as string
}
const funnel = async () => w.p.json('/_sandbox/funnel')

test('an empty world has an empty funnel', async () => {
  expect(await funnel()).toEqual({ reached: 0, opened: 0, buyers: 0, repeatBuyers: 0, orders: 0, revenue: 0, refunds: 0, shares: 0, touches: 0, journeys: 0, launches: 0, byChannel: [] })
})

test('counts journeys, buyers and repeat buyers, and credits each sale to its first and last touch', async () => {
  // alice finds the store by search and buys; she shares a card to bob, who buys twice from it
  await launch('alice', { entry: 'scene', scene: 1005 })
  await buys('alice', 3200)
  const shared = await w.p.post('/_sandbox/people/alice/messages', {
    to: 'bob',
    type: 'miniprogram',
    miniprogram: { appid: w.mpAppid, title: 'Oat latte', path: 'pages/product/product?id=oat-latte' },
  })
  const message = (await shared.json()).seq
  await launch('bob', { entry: 'chat', message })
  const first = await buys('bob', 2600)
  await buys('bob', 1800)
  // carol comes from a subscription message and leaves without paying
  await launch('carol', { entry: 'scene', scene: 1014 })

  const refund = await w.merchant.post('/v3/refund/domestic/refunds', { out_trade_no: first, out_refund_no: 'R-funnel-1', amount: { refund: 600, total: 2600, currency: 'CNY' } })
  expect(refund.status).toBe(200)

  const f = await funnel()
  // people: alice and carol opened it themselves; bob was reached by alice's card and opened it
  expect(f).toMatchObject({ reached: 3, opened: 3, journeys: 2, launches: 3, buyers: 2, repeatBuyers: 1, orders: 3, revenue: 3200 + 2600 + 1800 - 600, refunds: 600, shares: 1, touches: 1 })
  const by = Object.fromEntries(f.byChannel.map((c: { channel: string }) => [c.channel, c]))
  // bob opening alice's share continues her journey, whose first touch was search
  // bob came by alice's card: he counts for the channel her chain started from, search
  expect(by.search).toMatchObject({ reached: 2, opened: 2, buyers: 2, repeatBuyers: 1, sales: 7000 })
  expect(by['subscribe-message']).toMatchObject({ reached: 1, opened: 1, buyers: 0, repeatBuyers: 0, sales: 0 })
  expect(by.search).toMatchObject({ journeys: 1, paidJourneys: 1, orders: 3, revenue: 7000, lastTouchOrders: 1, lastTouchRevenue: 3200 })
  expect(by.chat).toMatchObject({ reached: 0, opened: 0, buyers: 0, journeys: 0, orders: 0, lastTouchOrders: 2, lastTouchRevenue: 2600 + 1800 - 600 })
  expect(by['subscribe-message']).toMatchObject({ journeys: 1, paidJourneys: 0, orders: 0, revenue: 0 })
  expect(f.byChannel[0].channel).toBe('search')
})

test('each stage is a part of the one before it, in total and per channel', async () => {
  // carol sends erin a card, which erin never opens; frank opens the store from a code and buys
  const card = { appid: w.mpAppid, title: 'Oat latte', path: 'pages/index/index' }
  expect((await w.p.post('/_sandbox/people/carol/messages', { to: 'erin', type: 'miniprogram', miniprogram: card })).status).toBe(201)
  await launch('frank', { entry: 'scene', scene: 1011 })
  await buys('frank', 900)
  const f = await funnel()
  const stages = (x: { reached: number; opened: number; buyers: number; repeatBuyers: number }) => [x.reached, x.opened, x.buyers, x.repeatBuyers]
  const nested = (s: number[]) => s.every((n, i) => i === 0 || n <= s[i - 1]!)
  expect(nested(stages(f))).toBe(true)
  for (const c of f.byChannel) expect(nested(stages(c)), c.channel).toBe(true)
  expect(f).toMatchObject({ reached: 5, opened: 4, buyers: 3, repeatBuyers: 1 })
  const by = Object.fromEntries(f.byChannel.map((c: { channel: string }) => [c.channel, c]))
  // carol's card carries her chain's first channel (the subscription message she came by)
  expect(by['subscribe-message']).toMatchObject({ reached: 2, opened: 1, buyers: 0 })
  expect(by.qr).toMatchObject({ reached: 1, opened: 1, buyers: 1, sales: 900, lastTouchOrders: 1 })
  // the totals are the channels' sums: every person counts once
  expect(f.byChannel.reduce((n: number, c: { reached: number }) => n + c.reached, 0)).toBe(f.reached)
})

test('a card from someone who came by no channel the log knows counts for the chat it came by', async () => {
  // grace has met the brand by no channel the log knows; her card is henry's first touch, and he opens it
  const card = { appid: w.mpAppid, title: 'Oat latte', path: 'pages/index/index' }
  const shared = await w.p.post('/_sandbox/people/grace/messages', { to: 'henry', type: 'miniprogram', miniprogram: card })
  expect(shared.status).toBe(201)
  await launch('henry', { entry: 'chat', message: (await shared.json()).seq })
  const by = Object.fromEntries((await funnel()).byChannel.map((c: { channel: string }) => [c.channel, c]))
  expect(by.chat).toMatchObject({ reached: 1, opened: 1, buyers: 0 })
})
