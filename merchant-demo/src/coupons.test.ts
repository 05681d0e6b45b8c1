import { expect, test } from 'vitest'
import { platformAndMerchant } from './testing'

const env = platformAndMerchant()

test('a claimed coupon takes its amount off at checkout, pays less, and is used once', async () => {
  const token = await env.merchant.loginAs('alice')
  const claimed = await env.merchant.call('POST', '/api/coupons/welcome-5/claim', undefined, token)
  expect(claimed.status).toBe(201)
  expect(claimed.body.coupon).toMatchObject({ couponId: 'welcome-5', amountOff: 500, state: 'usable' })
  expect((await env.merchant.call('POST', '/api/coupons/welcome-5/claim', undefined, token)).body.error.code).toBe('already_claimed')

  await env.merchant.call('POST', '/api/cart/items', { productId: 'latte', options: { size: 'grande' } }, token)
  await env.merchant.call('POST', '/api/cart/items', { productId: 'oolong-milk-tea' }, token)
  const checkout = await env.merchant.call('POST', '/api/orders', { couponId: claimed.body.coupon.id }, token)
  expect(checkout.body.order).toMatchObject({ total: 5200, discount: 500 })
  await env.merchant.payAs('alice', checkout.body.payment)
  expect((await env.merchant.call('GET', '/api/me', undefined, token)).body.member).toMatchObject({ points: 52, lifetimeSpend: 5200 })
  const bills = await env.platform.json('/_sandbox/pay/people/alice/bills')
  expect(bills.bills[0]).toMatchObject({ amount: 5200 })

  const coupons = await env.merchant.call('GET', '/api/coupons', undefined, token)
  expect(coupons.body.mine[0].state).toBe('used')
  expect(coupons.body.available.map((c: { id: string }) => c.id)).toEqual(['pastry-pair'])
  await env.merchant.call('POST', '/api/cart/items', { productId: 'latte' }, token)
  expect((await env.merchant.call('POST', '/api/orders', { couponId: claimed.body.coupon.id }, token)).body.error).toMatchObject({ code: 'coupon_used', field: 'couponId' })
})

test('a coupon expires when the platform\'s clock moves past its validity, and a small order does not reach its minimum', async () => {
  const token = await env.merchant.loginAs('bob')
  const { coupon } = (await env.merchant.call('POST', '/api/coupons/pastry-pair/claim', undefined, token)).body
  await env.merchant.call('POST', '/api/cart/items', { productId: 'americano' }, token)
  expect((await env.merchant.call('POST', '/api/orders', { couponId: coupon.id }, token)).body.error.code).toBe('coupon_min_spend')

  await env.merchant.call('POST', '/api/cart/items', { productId: 'matcha-cheesecake', quantity: 2 }, token)
  // the sandbox's operator moves the virtual clock; the store reads it before its next request
  expect((await env.platform.post('/_sandbox/clock/advance', { by: '15d' })).status).toBe(200)
  expect((await env.merchant.call('GET', '/api/coupons', undefined, token)).body.mine[0].state).toBe('expired')
  const refused = await env.merchant.call('POST', '/api/orders', { couponId: coupon.id }, token)
  expect(refused.body.error.code).toBe('coupon_expired')
  expect((await env.merchant.call('GET', '/api/cart', undefined, token)).body.count).toBe(3)
})

test('the coupon of an order that closed unpaid can be used again', async () => {
  const token = await env.merchant.loginAs('carol')
  const { coupon } = (await env.merchant.call('POST', '/api/coupons/welcome-5/claim', undefined, token)).body
  await env.merchant.call('POST', '/api/cart/items', { productId: 'oat-flat-white' }, token)
  const { order } = (await env.merchant.call('POST', '/api/orders', { couponId: coupon.id }, token)).body
  await env.merchant.store.pay.close(order.id)
  await env.merchant.call('POST', '/admin/reconcile', { olderThanMs: 0 })
  expect((await env.merchant.call('GET', '/api/coupons', undefined, token)).body.mine[0].state).toBe('usable')
})
