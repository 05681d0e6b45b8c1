import { expect, test } from 'vitest'
import { platformAndMerchant, testMerchant } from './testing'

const env = platformAndMerchant()

const me = async (token: string) => (await env.merchant.call('GET', '/api/me', undefined, token)).body.member
/** A member with 57 points: two drinks ordered and paid. */
const memberWithPoints = async (person: string) => {
  const token = await env.merchant.loginAs(person)
  const { payment } = await env.merchant.orderTwoDrinks(token)
  expect((await env.merchant.payAs(person, payment)).outcome).toBe('success')
  expect((await me(token)).points).toBe(57)
  return token
}
const cartLatte = (token: string) => env.merchant.call('POST', '/api/cart/items', { productId: 'latte' }, token)

test('points spent at checkout take ¥1 per 10 off what WeChat Pay charges, and the order earns on what was paid', async () => {
  const token = await memberWithPoints('alice')
  await cartLatte(token)
  const placed = await env.merchant.call('POST', '/api/orders', { usePoints: 50 }, token)
  expect(placed.status).toBe(201)
  expect(placed.body.order).toMatchObject({ total: 2300, discount: 500, pointsUsed: 50 })
  expect((await me(token)).points).toBe(7)
  await env.merchant.payAs('alice', placed.body.payment)
  const bills = await env.platform.json('/_sandbox/pay/people/alice/bills')
  expect(bills.bills[0]).toMatchObject({ amount: 2300 })
  expect((await env.merchant.call('GET', `/api/orders/${placed.body.order.id}`, undefined, token)).body.order).toMatchObject({ status: 'paid', pointsAwarded: 23 })
  expect((await me(token)).points).toBe(30)
})

test('points are refused when they are not whole units, more than the member has or more than half the order; nothing is written', async () => {
  const token = await memberWithPoints('bob')
  const again = await env.merchant.orderTwoDrinks(token)
  await env.merchant.payAs('bob', again.payment)
  expect((await me(token)).points).toBe(114)
  await env.merchant.call('POST', '/api/cart/items', { productId: 'butter-croissant' }, token)
  const refusals = [
    [15, 400, 'invalid'],
    [120, 409, 'not_enough_points'],
    // a ¥16 croissant: points pay at most ¥8 (80 points)
    [90, 409, 'points_over_limit'],
  ] as const
  for (const [usePoints, status, code] of refusals) {
    const refused = await env.merchant.call('POST', '/api/orders', { usePoints }, token)
    expect(refused.status).toBe(status)
    expect(refused.body.error).toMatchObject({ code, field: 'usePoints' })
  }
  expect((await me(token)).points).toBe(114)
  expect((await env.merchant.call('GET', '/api/cart', undefined, token)).body.count).toBe(1)
  expect((await env.merchant.call('POST', '/api/orders', { usePoints: 80 }, token)).body.order).toMatchObject({ total: 800, pointsUsed: 80 })
  expect((await me(token)).points).toBe(34)
})

test('points spent on an order come back once when it closes unpaid, and when it is refunded in full', async () => {
  const token = await memberWithPoints('carol')
  await cartLatte(token)
  const unpaid = (await env.merchant.call('POST', '/api/orders', { usePoints: 50 }, token)).body.order
  expect((await me(token)).points).toBe(7)
  expect((await env.merchant.call('POST', `/api/orders/${unpaid.id}/cancel`, undefined, token)).body.order.status).toBe('closed')
  expect((await me(token)).points).toBe(57)
  await env.merchant.call('POST', '/admin/reconcile', { olderThanMs: 0 })
  expect((await me(token)).points).toBe(57)

  await cartLatte(token)
  const paid = (await env.merchant.call('POST', '/api/orders', { usePoints: 50 }, token)).body
  await env.merchant.payAs('carol', paid.payment)
  expect((await me(token)).points).toBe(7 + 23)
  await env.merchant.call('POST', `/admin/orders/${paid.order.id}/refund`, {})
  await env.platform.post('/_sandbox/clock/advance', { by: '2m' })
  // the 23 it earned go, the 50 it spent come back
  expect((await env.merchant.call('GET', `/api/orders/${paid.order.id}`, undefined, token)).body.order.status).toBe('refunded')
  expect((await me(token)).points).toBe(57)
  await env.merchant.call('POST', '/admin/reconcile', { olderThanMs: 0 })
  expect((await me(token)).points).toBe(57)
})

test('a kit without points redemption refuses them at checkout', async () => {
  const { SPORTSWEAR_KIT, loadBrandKit } = await import('./brand')
  const kit = loadBrandKit(SPORTSWEAR_KIT)
  const plain = await testMerchant(env.platform.url, { publish: false, brand: { ...kit, loyalty: { ...kit.loyalty, redeem: undefined } } })
  try {
    const token = await plain.loginAs('dave')
    await plain.call('POST', '/api/cart/items', { productId: kit.products[0].id }, token)
    const refused = await plain.call('POST', '/api/orders', { usePoints: 100, address: { name: 'Dave Chen', phone: '138 0000 0000', address: '1 Road, Shanghai' } }, token)
    expect(refused.status).toBe(400)
    expect(refused.body.error).toMatchObject({ code: 'points_not_accepted', field: 'usePoints' })
  } finally {
    await plain.close()
  }
})
