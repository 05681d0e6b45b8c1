import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../platform-mock/src/testing'
import { testMerchant } from './testing'

let platform: TestPlatform
let merchant: Awaited<ReturnType<typeof testMerchant>>
let liveUrl: string

beforeAll(async () => {
  platform = await testPlatform()
  merchant = await testMerchant(platform.url)
  liveUrl = merchant.store.publicUrl
})
afterAll(async () => {
  await merchant?.close()
  await platform?.close()
})
beforeEach(async () => {
  merchant.store.publicUrl = liveUrl
  await platform.post('/_sandbox/reset', {})
  await merchant.publish()
})

const adminOrder = async (id: string) => (await merchant.call('GET', '/admin/orders')).body.orders.find((o: { id: string }) => o.id === id)

test('reconciliation fulfils a paid order whose notification never arrived, once', async () => {
  const token = await merchant.loginAs('alice')
  // the order names a notify_url nobody answers at
  merchant.store.publicUrl = 'http://127.0.0.1:9'
  const { order, payment } = await merchant.orderTwoDrinks(token)
  merchant.store.publicUrl = liveUrl
  expect((await merchant.payAs('alice', payment)).errMsg).toBe('requestPayment:ok')
  expect((await adminOrder(order.id)).status).toBe('pending')

  expect((await merchant.call('POST', '/admin/reconcile', { olderThanMs: 0 })).body).toEqual({ checked: 1, fulfilled: 1, closed: 0, refundsSettled: 0 })
  expect(await adminOrder(order.id)).toMatchObject({ status: 'paid', pointsAwarded: 57 })
  expect((await merchant.call('POST', '/admin/reconcile', { olderThanMs: 0 })).body.checked).toBe(0)
  expect((await merchant.call('GET', '/api/me', undefined, token)).body.member.points).toBe(57)
})

test('reconciliation closes an order WeChat Pay closed', async () => {
  const token = await merchant.loginAs('bob')
  const { order } = await merchant.orderTwoDrinks(token)
  await merchant.store.pay.close(order.id)
  expect((await merchant.call('POST', '/admin/reconcile', { olderThanMs: 0 })).body).toMatchObject({ checked: 1, closed: 1 })
  expect((await adminOrder(order.id)).status).toBe('closed')
})

test('a refund settles with its notification: points and spend come back off, the order is refunded', async () => {
  const token = await merchant.loginAs('carol')
  const { order, payment } = await merchant.orderTwoDrinks(token)
  await merchant.payAs('carol', payment)
  expect((await merchant.call('POST', `/admin/orders/${order.id}/refund`, { amount: 999999 })).body.error).toMatchObject({ field: 'amount' })

  const partial = await merchant.call('POST', `/admin/orders/${order.id}/refund`, { amount: 2600, reason: 'Out of oolong' })
  expect(partial.status).toBe(201)
  expect(partial.body.refund).toMatchObject({ amount: 2600, status: 'PROCESSING' })
  await platform.post('/_sandbox/clock/advance', { by: '2m' })
  expect((await adminOrder(order.id)).refunds).toEqual([{ id: `R${order.id}-1`, amount: 2600, status: 'SUCCESS', reason: 'Out of oolong' }])
  expect((await merchant.call('GET', '/api/me', undefined, token)).body.member).toMatchObject({ points: 57 - 26, lifetimeSpend: 3100 })

  await merchant.call('POST', `/admin/orders/${order.id}/refund`, {})
  await platform.post('/_sandbox/clock/advance', { by: '2m' })
  expect((await adminOrder(order.id)).status).toBe('refunded')
  expect((await merchant.call('GET', '/api/me', undefined, token)).body.member).toMatchObject({ points: 0, lifetimeSpend: 0 })
  expect((await merchant.call('POST', `/admin/orders/${order.id}/refund`, {})).status).toBe(409)
})

test('an unpaid order cannot be refunded', async () => {
  const token = await merchant.loginAs('dave')
  const { order } = await merchant.orderTwoDrinks(token)
  expect((await merchant.call('POST', `/admin/orders/${order.id}/refund`, {})).body.error.code).toBe('not_paid')
})

test('limited stock counts down at checkout, refuses more than is left, and comes back when an order closes unpaid', async () => {
  const token = await merchant.loginAs('erin')
  const left = async () => (await merchant.call('GET', '/api/brand')).body.products.find((p: { id: string }) => p.id === 'matcha-cheesecake').stock
  expect(await left()).toBe(12)
  await merchant.call('POST', '/api/cart/items', { productId: 'matcha-cheesecake', quantity: 13 }, token)
  const refused = await merchant.call('POST', '/api/orders', {}, token)
  expect(refused.status).toBe(409)
  expect(refused.body.error).toMatchObject({ code: 'out_of_stock', message: 'only 12 Matcha Cheesecake left' })
  expect((await merchant.call('GET', '/api/cart', undefined, token)).body.count).toBe(13)

  const line = (await merchant.call('GET', '/api/cart', undefined, token)).body.lines[0].id
  await merchant.call('PATCH', `/api/cart/items/${line}`, { quantity: 12 }, token)
  const { order } = (await merchant.call('POST', '/api/orders', {}, token)).body
  expect(await left()).toBe(0)
  await merchant.store.pay.close(order.id)
  await merchant.call('POST', '/admin/reconcile', { olderThanMs: 0 })
  expect(await left()).toBe(12)
})
