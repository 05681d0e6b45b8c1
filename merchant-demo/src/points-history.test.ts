import { expect, test } from 'vitest'
import { platformAndMerchant } from './testing'

const env = platformAndMerchant()

const me = async (token: string) => (await env.merchant.call('GET', '/api/me', undefined, token)).body.member
const history = async (token: string) => (await env.merchant.call('GET', '/api/points', undefined, token)).body.history

test('the points history lists each change from the ledger, newest first: earned for an order, a referral, redeemed, expired', async () => {
  const alice = await env.merchant.loginAs('alice')
  const bob = await env.merchant.loginAs('bob')
  const first = await env.merchant.orderTwoDrinks(alice)
  await env.merchant.payAs('alice', first.payment)
  // Bob's first order from Alice's share: 100 points for her
  const fromShare = await env.merchant.orderTwoDrinks(bob, { scene: 1007, query: { ref: (await me(alice)).id } })
  await env.merchant.payAs('bob', fromShare.payment)
  await env.platform.post('/_sandbox/clock/advance', { by: '1d' })
  // she spends 50 of her 157 points on a latte (¥5 off), paid: 23 more
  await env.merchant.call('POST', '/api/cart/items', { productId: 'latte' }, alice)
  const spent = await env.merchant.call('POST', '/api/orders', { usePoints: 50 }, alice)
  await env.merchant.payAs('alice', spent.body.payment)
  const pickupNo = (id: string) => env.merchant.call('GET', `/api/orders/${id}`, undefined, alice).then((r) => r.body.order.pickupNo as string)

  const lines = await history(alice)
  expect(lines.map((l: { reason: string; delta: number }) => [l.reason, l.delta])).toEqual([
    ['purchase', 23],
    ['redeemed', -50],
    ['referral', 100],
    ['purchase', 57],
  ])
  const day = 86_400_000
  const ms = (iso: string) => Date.parse(iso)
  // times are the store's clock (the platform's virtual one): the redemption a day after the referral
  expect(lines[0]).toMatchObject({ order: { id: spent.body.order.id, pickupNo: await pickupNo(spent.body.order.id) } })
  expect(ms(lines[0].expiresAt) - ms(lines[0].at)).toBe(365 * day)
  expect(Math.round((ms(lines[1].at) - ms(lines[2].at)) / 60_000)).toBe(24 * 60)
  expect(lines[1]).toMatchObject({ order: { id: spent.body.order.id }, expiresAt: null })
  // a friend's order is theirs: not named
  expect(lines[2]).toMatchObject({ order: null })
  expect(lines[3].order).toEqual({ id: first.order.id, pickupNo: await pickupNo(first.order.id) })

  // a year later the earnings lapse: one expired line, and they no longer show an expiry
  await env.platform.post('/_sandbox/clock/advance', { by: '366d' })
  const later = await history(alice)
  expect(later[0]).toMatchObject({ reason: 'expired', delta: -130, order: null })
  expect(Math.round((ms(later[0].at) - ms(lines[0].at)) / day)).toBe(366)
  expect(later.slice(1).every((l: { expiresAt: string | null }) => l.expiresAt === null)).toBe(true)
  expect((await me(alice)).points).toBe(0)
  expect((await history(bob)).map((l: { reason: string }) => l.reason)).toEqual(['expired', 'purchase'])
})
