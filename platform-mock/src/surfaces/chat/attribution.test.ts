import { afterEach, beforeEach, expect, test } from 'vitest'
import { payWorld, type PayWorld } from '../pay/testing'
import { mpKit } from '../miniprogram/testkit'

let w: PayWorld
let kit: ReturnType<typeof mpKit>
beforeEach(async () => {
  w = await payWorld({ seed: 'attribution' })
  kit = mpKit(w.p)
})
afterEach(() => w.p.close())

/** Alice scans the table code, shares a card with Bob, Bob opens it and pays: Bob's order number. */
async function friendShare() {
  expect((await kit.launch('alice', { entry: 'wxacode' })).status).toBe(201)
  const shared = await (await w.p.post('/_sandbox/people/alice/messages', { to: 'bob', type: 'miniprogram', miniprogram: { appid: w.mpAppid, title: 'Try the oat latte', path: 'pages/product/product?id=oat-latte' } })).json()
  expect((await kit.launch('bob', { entry: 'chat', message: shared.seq })).status).toBe(201)
  const { body, prepayId } = await w.placeJsapi({ description: 'Lumen Coffee - Oat Latte' }, 'bob')
  expect((await w.payPrepay('bob', prepayId)).errMsg).toBe('requestPayment:ok')
  return body.out_trade_no as string
}

test("an order's chain: the first touch, the share, the open and the payment, with names from the world", async () => {
  const order = await friendShare()
  const res = await w.p.get(`/_sandbox/attribution/orders/${order}`)
  expect(res.status).toBe(200)
  const chain = await res.json()
  expect(chain).toMatchObject({ outTradeNo: order, person: 'bob', appid: w.mpAppid, attribution: { person: 'bob', firstTouchChannel: 'qr', people: ['alice', 'bob'] } })
  expect(chain.steps.map((s: any) => `${s.person}:${s.action}:${s.via ?? s.total}`)).toEqual(['alice:discovered:qr', 'alice:shared:chat', 'bob:opened:chat', 'bob:paid:3200'])
  expect(chain.steps[1]).toMatchObject({ to: 'bob' })
  expect(chain.steps[3]).toMatchObject({ outTradeNo: order, description: 'Lumen Coffee - Oat Latte', at: expect.any(String) })
  expect(chain.names).toEqual({ alice: 'Alice Wang', bob: 'Bob Li' })
})

test("a person's chain: their latest launch and what they paid after it", async () => {
  const order = await friendShare()
  const chain = await w.p.json('/_sandbox/attribution/people/bob')
  expect(chain).toMatchObject({ person: 'bob', appid: w.mpAppid })
  expect(chain.steps.map((s: any) => s.action)).toEqual(['discovered', 'shared', 'opened', 'paid'])
  expect(chain.steps.at(-1)).toMatchObject({ outTradeNo: order, total: 3200 })
  // Alice's own chain is her scan alone: Bob's payment is not hers
  expect((await w.p.json('/_sandbox/attribution/people/alice')).steps.map((s: any) => s.action)).toEqual(['discovered'])
})

test('unknown orders and people, and people who never opened the mini program, answer in the control envelope', async () => {
  const order = await w.p.get('/_sandbox/attribution/orders/NOPE123')
  expect(order.status).toBe(404)
  expect(await order.json()).toEqual({ error: { code: 'not_found', message: 'no paid order NOPE123' } })
  const nobody = await w.p.get('/_sandbox/attribution/people/zed')
  expect(nobody.status).toBe(404)
  expect(await nobody.json()).toEqual({ error: { code: 'not_found', message: 'no person zed' } })
  const idle = await w.p.get('/_sandbox/attribution/people/carol')
  expect(idle.status).toBe(404)
  expect(await idle.json()).toEqual({ error: { code: 'not_found', message: 'carol has not opened a mini program yet' } })
})
