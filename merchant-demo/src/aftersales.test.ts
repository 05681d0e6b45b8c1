import { beforeAll, beforeEach, expect, test } from 'vitest'
import { platformAndMerchant } from './testing'

const env = platformAndMerchant()
let liveUrl: string

beforeAll(() => {
  liveUrl = env.merchant.store.publicUrl
})
beforeEach(async () => {
  env.merchant.store.publicUrl = liveUrl
  await env.platform.post('/_sandbox/reset', {})
  await env.merchant.publish()
})

const adminOrder = async (id: string) => (await env.merchant.call('GET', '/admin/orders')).body.orders.find((o: { id: string }) => o.id === id)

test('reconciliation fulfils a paid order whose notification never arrived, once', async () => {
  const token = await env.merchant.loginAs('alice')
  // the order names a notify_url nobody answers at
  env.merchant.store.publicUrl = 'http://127.0.0.1:9'
  const { order, payment } = await env.merchant.orderTwoDrinks(token)
  env.merchant.store.publicUrl = liveUrl
  expect((await env.merchant.payAs('alice', payment)).errMsg).toBe('requestPayment:ok')
  expect((await adminOrder(order.id)).status).toBe('pending')

  expect((await env.merchant.call('POST', '/admin/reconcile', { olderThanMs: 0 })).body).toEqual({ checked: 1, fulfilled: 1, closed: 0, refundsSettled: 0 })
  expect(await adminOrder(order.id)).toMatchObject({ status: 'paid', pointsAwarded: 57 })
  expect((await env.merchant.call('POST', '/admin/reconcile', { olderThanMs: 0 })).body.checked).toBe(0)
  expect((await env.merchant.call('GET', '/api/me', undefined, token)).body.member.points).toBe(57)
})

test('reconciliation closes an order WeChat Pay closed', async () => {
  const token = await env.merchant.loginAs('bob')
  const { order } = await env.merchant.orderTwoDrinks(token)
  await env.merchant.store.pay.close(order.id)
  expect((await env.merchant.call('POST', '/admin/reconcile', { olderThanMs: 0 })).body).toMatchObject({ checked: 1, closed: 1 })
  expect((await adminOrder(order.id)).status).toBe('closed')
})

test('a refund settles with its notification: points and spend come back off, the order is refunded', async () => {
  const token = await env.merchant.loginAs('carol')
  const { order, payment } = await env.merchant.orderTwoDrinks(token)
  await env.merchant.payAs('carol', payment)
  expect((await env.merchant.call('POST', `/admin/orders/${order.id}/refund`, { amount: 999999 })).body.error).toMatchObject({ field: 'amount' })

  const partial = await env.merchant.call('POST', `/admin/orders/${order.id}/refund`, { amount: 2600, reason: 'Out of oolong' })
  expect(partial.status).toBe(201)
  expect(partial.body.refund).toMatchObject({ amount: 2600, status: 'PROCESSING' })
  await env.platform.post('/_sandbox/clock/advance', { by: '2m' })
  expect((await adminOrder(order.id)).refunds).toEqual([{ id: `R${order.id}-1`, amount: 2600, status: 'SUCCESS', reason: 'Out of oolong' }])
  expect((await env.merchant.call('GET', '/api/me', undefined, token)).body.member).toMatchObject({ points: 57 - 26, lifetimeSpend: 3100 })

  await env.merchant.call('POST', `/admin/orders/${order.id}/refund`, {})
  await env.platform.post('/_sandbox/clock/advance', { by: '2m' })
  expect((await adminOrder(order.id)).status).toBe('refunded')
  expect((await env.merchant.call('GET', '/api/me', undefined, token)).body.member).toMatchObject({ points: 0, lifetimeSpend: 0 })
  expect((await env.merchant.call('POST', `/admin/orders/${order.id}/refund`, {})).status).toBe(409)
})

test('an unpaid order cannot be refunded', async () => {
  const token = await env.merchant.loginAs('dave')
  const { order } = await env.merchant.orderTwoDrinks(token)
  expect((await env.merchant.call('POST', `/admin/orders/${order.id}/refund`, {})).body.error.code).toBe('not_paid')
})

test('limited stock counts down at checkout, refuses more than is left, and comes back when an order closes unpaid', async () => {
  const token = await env.merchant.loginAs('erin')
  const left = async () => (await env.merchant.call('GET', '/api/brand')).body.products.find((p: { id: string }) => p.id === 'matcha-cheesecake').stock
  expect(await left()).toBe(12)
  await env.merchant.call('POST', '/api/cart/items', { productId: 'matcha-cheesecake', quantity: 13 }, token)
  const refused = await env.merchant.call('POST', '/api/orders', {}, token)
  expect(refused.status).toBe(409)
  expect(refused.body.error).toMatchObject({ code: 'out_of_stock', message: 'only 12 Matcha Cheesecake left' })
  expect((await env.merchant.call('GET', '/api/cart', undefined, token)).body.count).toBe(13)

  const line = (await env.merchant.call('GET', '/api/cart', undefined, token)).body.lines[0].id
  await env.merchant.call('PATCH', `/api/cart/items/${line}`, { quantity: 12 }, token)
  const { order } = (await env.merchant.call('POST', '/api/orders', {}, token)).body
  expect(await left()).toBe(0)
  await env.merchant.store.pay.close(order.id)
  await env.merchant.call('POST', '/admin/reconcile', { olderThanMs: 0 })
  expect(await left()).toBe(12)
})
