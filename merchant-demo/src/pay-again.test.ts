import { expect, test } from 'vitest'
import { platformAndMerchant } from './testing'

const env = platformAndMerchant()

const cancelAs = (person: string, payment: unknown) => env.merchant.platform(`/_sandbox/pay/people/${person}/pay`, { target: { requestPayment: payment }, action: 'cancel' })
const mchid = async () => (await env.platform.json('/_sandbox/credentials')).pay.mchid

test('pay again on an unpaid order signs the same prepay afresh, and the order is paid exactly once', async () => {
  const token = await env.merchant.loginAs('alice')
  const first = await env.merchant.orderTwoDrinks(token)
  expect((await cancelAs('alice', first.payment)).outcome).toBe('cancel')
  expect((await env.merchant.call('GET', `/api/orders/${first.order.id}`, undefined, token)).body.order.status).toBe('pending')

  const again = await env.merchant.call('POST', `/api/orders/${first.order.id}/payment`, undefined, token)
  expect(again.status).toBe(200)
  expect(again.body.order).toMatchObject({ id: first.order.id, status: 'pending', total: 5700 })
  expect(again.body.payment.package).toBe(first.payment.package)
  expect(again.body.payment.nonceStr).not.toBe(first.payment.nonceStr)
  expect((await env.merchant.payAs('alice', again.body.payment)).outcome).toBe('success')

  expect((await env.merchant.call('GET', `/api/orders/${first.order.id}`, undefined, token)).body.order).toMatchObject({ status: 'paid', pointsAwarded: 57 })
  expect((await env.merchant.call('GET', '/api/me', undefined, token)).body.member.points).toBe(57)
  // paid: no more paying, with new parameters or the first ones
  const paid = await env.merchant.call('POST', `/api/orders/${first.order.id}/payment`, undefined, token)
  expect(paid.status).toBe(409)
  expect(paid.body.error.code).toBe('order_paid')
  expect((await env.merchant.payAs('alice', first.payment)).outcome).not.toBe('success')
  const record = await env.platform.json(`/_sandbox/pay/merchants/${await mchid()}/orders/${first.order.id}`)
  expect(record.tradeState).toBe('SUCCESS')
  expect(record.notifications).toHaveLength(1)
  expect((await env.merchant.call('GET', '/api/me', undefined, token)).body.member.points).toBe(57)
})

test('pay again after WeChat Pay closed the unpaid order (2 hours on the platform\'s clock) closes it and gives the coupon back', async () => {
  const token = await env.merchant.loginAs('bob')
  const { coupon } = (await env.merchant.call('POST', '/api/coupons/welcome-5/claim', undefined, token)).body
  await env.merchant.call('POST', '/api/cart/items', { productId: 'latte', options: { size: 'grande' } }, token)
  await env.merchant.call('POST', '/api/cart/items', { productId: 'oolong-milk-tea' }, token)
  const { order } = (await env.merchant.call('POST', '/api/orders', { couponId: coupon.id }, token)).body
  await env.platform.post('/_sandbox/clock/advance', { by: '3h' })
  const late = await env.merchant.call('POST', `/api/orders/${order.id}/payment`, undefined, token)
  expect(late.status).toBe(409)
  expect(late.body.error).toMatchObject({ code: 'order_closed' })
  expect((await env.merchant.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order.status).toBe('closed')
  expect((await env.merchant.call('GET', '/api/coupons', undefined, token)).body.mine[0].state).toBe('usable')
  expect((await env.merchant.call('POST', `/api/orders/${order.id}/payment`, undefined, token)).body.error.code).toBe('order_closed')
})

test('nobody pays again for someone else\'s order or an unknown one', async () => {
  const carol = await env.merchant.loginAs('carol')
  const dave = await env.merchant.loginAs('dave')
  const { order } = await env.merchant.orderTwoDrinks(carol)
  expect((await env.merchant.call('POST', `/api/orders/${order.id}/payment`, undefined, dave)).body.error.code).toBe('unknown_order')
  expect((await env.merchant.call('POST', '/api/orders/NOPE/payment', undefined, carol)).status).toBe(404)
  expect((await env.merchant.call('POST', `/api/orders/${order.id}/payment`)).status).toBe(401)
})

test('a pickup order is placed at the store the person chose, and an unknown store changes nothing', async () => {
  const token = await env.merchant.loginAs('erin')
  await env.merchant.call('POST', '/api/cart/items', { productId: 'latte' }, token)
  const unknown = await env.merchant.call('POST', '/api/orders', { storeId: 'mars' }, token)
  expect(unknown.status).toBe(400)
  expect(unknown.body.error).toMatchObject({ code: 'unknown_store', field: 'storeId' })
  expect((await env.merchant.call('GET', '/api/cart', undefined, token)).body.count).toBe(1)
  const placed = await env.merchant.call('POST', '/api/orders', { storeId: 'sh02', entry: { scene: 1001, query: {} } }, token)
  expect(placed.status).toBe(201)
  expect(placed.body.order.store).toEqual({ id: 'sh02', name: "Lumen Coffee · Jing'an", address: '1601 Nanjing W Rd, Jing\'an, Shanghai' })
})

test('cancelling an unpaid order closes it with WeChat Pay: the sheet can no longer pay it and the coupon comes back', async () => {
  const token = await env.merchant.loginAs('frank')
  const { coupon } = (await env.merchant.call('POST', '/api/coupons/welcome-5/claim', undefined, token)).body
  await env.merchant.call('POST', '/api/cart/items', { productId: 'latte', options: { size: 'grande' } }, token)
  await env.merchant.call('POST', '/api/cart/items', { productId: 'oolong-milk-tea' }, token)
  const { order, payment } = (await env.merchant.call('POST', '/api/orders', { couponId: coupon.id }, token)).body
  const cancelled = await env.merchant.call('POST', `/api/orders/${order.id}/cancel`, undefined, token)
  expect(cancelled.status).toBe(200)
  expect(cancelled.body).toMatchObject({ refund: null, order: { id: order.id, status: 'closed' } })
  expect((await env.platform.json(`/_sandbox/pay/merchants/${await mchid()}/orders/${order.id}`)).tradeState).toBe('CLOSED')
  expect((await env.merchant.payAs('frank', payment)).outcome).not.toBe('success')
  expect((await env.merchant.call('GET', '/api/coupons', undefined, token)).body.mine[0].state).toBe('usable')
  expect((await env.merchant.call('POST', `/api/orders/${order.id}/cancel`, undefined, token)).body.error.code).toBe('not_cancellable')
})

test('cancelling a paid order before it is ready refunds it in full, once; its points go back when the refund settles', async () => {
  const token = await env.merchant.loginAs('grace')
  const { order, payment } = await env.merchant.orderTwoDrinks(token)
  await env.merchant.payAs('grace', payment)
  expect((await env.merchant.call('GET', '/api/me', undefined, token)).body.member.points).toBe(57)
  const cancelled = await env.merchant.call('POST', `/api/orders/${order.id}/cancel`, undefined, token)
  expect(cancelled.body.refund).toMatchObject({ amount: 5700, status: 'PROCESSING' })
  expect((await env.merchant.call('POST', `/api/orders/${order.id}/cancel`, undefined, token)).body.error.code).toBe('already_cancelled')
  await env.platform.post('/_sandbox/clock/advance', { by: '2m' })
  expect((await env.merchant.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order).toMatchObject({ status: 'refunded', refunds: [{ amount: 5700, status: 'SUCCESS', reason: 'Cancelled by the customer' }] })
  expect((await env.merchant.call('GET', '/api/me', undefined, token)).body.member).toMatchObject({ points: 0, lifetimeSpend: 0 })
  expect((await env.merchant.call('POST', `/api/orders/${order.id}/cancel`, undefined, token)).body.error.code).toBe('not_cancellable')
})

test('an order that is ready can no longer be cancelled', async () => {
  const token = await env.merchant.loginAs('dave')
  const { order, payment } = await env.merchant.orderTwoDrinks(token)
  expect((await env.merchant.payAs('dave', payment)).outcome).toBe('success')
  expect((await env.merchant.call('POST', `/admin/orders/${order.id}/ready`)).status).toBe(200)
  const refused = await env.merchant.call('POST', `/api/orders/${order.id}/cancel`, undefined, token)
  expect(refused.status).toBe(409)
  expect(refused.body.error.code).toBe('not_cancellable')
  expect((await env.merchant.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order.status).toBe('ready')
})
