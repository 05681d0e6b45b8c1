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
  expect(await funnel()).toEqual({ touches: 0, journeys: 0, launches: 0, buyers: 0, repeatBuyers: 0, orders: 0, revenue: 0, refunds: 0, shares: 0, byChannel: [] })
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
  expect(f).toMatchObject({ journeys: 2, launches: 3, buyers: 2, repeatBuyers: 1, orders: 3, revenue: 3200 + 2600 + 1800 - 600, refunds: 600, shares: 1, touches: 1 })
  const by = Object.fromEntries(f.byChannel.map((c: { channel: string }) => [c.channel, c]))
  // bob opening alice's share continues her journey, whose first touch was search
  expect(by.search).toMatchObject({ journeys: 1, paidJourneys: 1, orders: 3, revenue: 7000, lastTouchOrders: 1, lastTouchRevenue: 3200 })
  expect(by.chat).toMatchObject({ journeys: 0, orders: 0, lastTouchOrders: 2, lastTouchRevenue: 2600 + 1800 - 600 })
  expect(by['subscribe-message']).toMatchObject({ journeys: 1, paidJourneys: 0, orders: 0, revenue: 0 })
  expect(f.byChannel[0].channel).toBe('search')
})
