import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../platform-mock/src/testing'
import { SPORTSWEAR_KIT } from './brand'
import { testMerchant } from './testing'

let platform: TestPlatform
let cafe: Awaited<ReturnType<typeof testMerchant>>
let sportswear: Awaited<ReturnType<typeof testMerchant>>

beforeAll(async () => {
  platform = await testPlatform()
  cafe = await testMerchant(platform.url)
  sportswear = await testMerchant(platform.url, { brand: SPORTSWEAR_KIT, publish: false })
})
afterAll(async () => {
  await sportswear?.close()
  await cafe?.close()
  await platform?.close()
})

type Notification = { title: string; page: string | null; keywords: { key: string; value: string }[] }
const inbox = async (person: string): Promise<Notification[]> => {
  const body = await platform.json(`/_sandbox/people/${person}/service-notifications`)
  return body.notifications ?? body
}
const values = (n: Notification) => Object.fromEntries(n.keywords.map((k) => [k.key, k.value]))
/** The person accepts these templates in wx.requestSubscribeMessage (the platform counts one message each). */
const accept = (person: string, ...tmplIds: string[]) => platform.post(`/_sandbox/people/${person}/miniprogram/subscribe`, { tmplIds })

/** Frank pays by bank card (his balance is small). */
const payByCard = (payment: unknown) => sportswear.platform('/_sandbox/pay/people/frank/pay', { target: { requestPayment: payment }, password: '123456', method: 'card' })

const address = { name: 'Frank Zhao', phone: '138 0013 8000', address: '88 Century Ave, Pudong, Shanghai' }

test('a sportswear order takes an address at checkout, and shipping it sends the tracking number only with consent', async () => {
  const token = await sportswear.loginAs('frank')
  const templates = (await sportswear.call('GET', '/api/subscriptions')).body
  expect(Object.keys(templates).sort()).toEqual(['couponExpiring', 'orderReady', 'orderShipped', 'pointsChanged'])

  await sportswear.call('POST', '/api/cart/items', { productId: 'breeze-tee', options: { size: 'm' } }, token)
  const noAddress = await sportswear.call('POST', '/api/orders', {}, token)
  expect(noAddress.body.error).toMatchObject({ code: 'address_required', field: 'address' })
  const placed = await sportswear.call('POST', '/api/orders', { address }, token)
  expect(placed.status).toBe(201)
  expect(placed.body.order.shipping).toMatchObject({ address, trackingNo: null })
  expect((await sportswear.call('POST', `/admin/orders/${placed.body.order.id}/ship`, { carrier: 'SF Express', trackingNo: 'SF1234567890' })).body.error.code).toBe('not_paid')
  const paid = await payByCard(placed.body.payment)
  expect(paid).toMatchObject({ errMsg: 'requestPayment:ok' })

  // without consent: shipped, no message
  const silent = await sportswear.call('POST', `/admin/orders/${placed.body.order.id}/ship`, { carrier: 'SF Express', trackingNo: 'SF1234567890' })
  expect(silent.body).toMatchObject({ order: { status: 'shipped', shipping: { carrier: 'SF Express', trackingNo: 'SF1234567890', messageSent: false } }, message: { sent: false, reason: 'no consent' } })
  expect((await inbox('frank')).filter((n) => n.title === '订单发货通知')).toHaveLength(0)

  // with consent for the second order
  await sportswear.call('POST', '/api/cart/items', { productId: 'gym-duffel' }, token)
  const second = (await sportswear.call('POST', '/api/orders', { address }, token)).body
  expect(await payByCard(second.payment)).toMatchObject({ errMsg: 'requestPayment:ok' })
  await accept('frank', templates.orderShipped)
  await sportswear.call('POST', `/api/orders/${second.order.id}/consent`, { accepted: true }, token)
  const shipped = await sportswear.call('POST', `/admin/orders/${second.order.id}/ship`, { carrier: 'SF Express', trackingNo: 'SF9876543210' })
  expect(shipped.body.message).toEqual({ sent: true })
  const [message] = (await inbox('frank')).filter((n) => n.title === '订单发货通知')
  expect(values(message)).toMatchObject({ character_string1: second.order.id, thing3: 'SF Express', character_string4: 'SF9876543210' })
  expect(message.page).toBe(`pages/order/order?id=${second.order.id}`)
  expect((await sportswear.call('POST', `/admin/orders/${second.order.id}/ship`, { carrier: 'SF Express', trackingNo: 'SF9876543210' })).status).toBe(409)
})

test('a café order has no address to ship to', async () => {
  const token = await cafe.loginAs('grace')
  const { order, payment } = await cafe.orderTwoDrinks(token)
  await cafe.payAs('grace', payment)
  expect((await cafe.call('POST', `/admin/orders/${order.id}/ship`, { carrier: 'SF Express', trackingNo: 'SF1234567890' })).body.error.code).toBe('not_shippable')
})

test('points changed is sent after points are earned and after a refund takes them back, only with consent', async () => {
  const token = await cafe.loginAs('alice')
  const templates = (await cafe.call('GET', '/api/subscriptions')).body

  // no consent: points, no message
  const first = await cafe.orderTwoDrinks(token)
  await cafe.payAs('alice', first.payment)
  expect((await inbox('alice')).filter((n) => n.title === '积分变动提醒')).toHaveLength(0)

  // the member centre asked; the person accepted points-changed twice
  for (let i = 0; i < 2; i++) {
    await accept('alice', templates.pointsChanged)
    expect((await cafe.call('POST', '/api/consents', { accepted: ['pointsChanged'] }, token)).status).toBe(200)
  }
  expect((await cafe.call('GET', '/api/consents', undefined, token)).body.consents).toEqual({ pointsChanged: 2, couponExpiring: 0 })
  const second = await cafe.orderTwoDrinks(token)
  await cafe.payAs('alice', second.payment)
  let sent = (await inbox('alice')).filter((n) => n.title === '积分变动提醒')
  expect(sent).toHaveLength(1)
  expect(values(sent[0])).toMatchObject({ thing1: 'Purchase reward', number2: '57', number3: '114' })

  await cafe.call('POST', `/admin/orders/${second.order.id}/refund`, { amount: 2600 })
  await platform.post('/_sandbox/clock/advance', { by: '2m' })
  sent = (await inbox('alice')).filter((n) => n.title === '积分变动提醒')
  expect(sent).toHaveLength(2)
  expect(values(sent[0])).toMatchObject({ thing1: 'Refund', number2: '26', number3: '88' })
  expect((await cafe.call('GET', '/api/consents', undefined, token)).body.consents.pointsChanged).toBe(0)

  // consents used up: the next order earns points silently
  const third = await cafe.orderTwoDrinks(token)
  await cafe.payAs('alice', third.payment)
  expect((await inbox('alice')).filter((n) => n.title === '积分变动提醒')).toHaveLength(2)
  expect((await cafe.call('POST', '/api/consents', { accepted: ['stamps'] }, token)).body.error.field).toBe('accepted.0')
})

test('the coupon-expiring job reminds once, within N days on the platform\'s clock, only with consent', async () => {
  const bob = await cafe.loginAs('bob')
  const carol = await cafe.loginAs('carol')
  const templates = (await cafe.call('GET', '/api/subscriptions')).body
  await cafe.call('POST', '/api/coupons/welcome-5/claim', undefined, bob) // 7 days
  await cafe.call('POST', '/api/coupons/welcome-5/claim', undefined, carol)
  await accept('bob', templates.couponExpiring)
  await cafe.call('POST', '/api/consents', { accepted: ['couponExpiring'] }, bob)

  // today: 7 days left, nothing within 3 days
  expect((await cafe.call('POST', '/admin/jobs/coupon-reminders', {})).body).toMatchObject({ due: 0, sent: 0 })
  // five days on: 2 days left
  await platform.post('/_sandbox/clock/advance', { by: '5d' })
  const job = await cafe.call('POST', '/admin/jobs/coupon-reminders', { withinDays: 3 })
  expect(job.body).toEqual({ due: 2, sent: 1, noConsent: 1 })
  const [message] = (await inbox('bob')).filter((n) => n.title === '优惠券到期提醒')
  expect(values(message)).toMatchObject({ thing1: 'Welcome ¥5 off', amount2: '¥5.00' })
  expect((await inbox('carol')).filter((n) => n.title === '优惠券到期提醒')).toHaveLength(0)

  // again: bob's was sent (once); carol's is still due but she has not consented
  expect((await cafe.call('POST', '/admin/jobs/coupon-reminders', { withinDays: 3 })).body).toEqual({ due: 1, sent: 0, noConsent: 1 })
  expect((await inbox('bob')).filter((n) => n.title === '优惠券到期提醒')).toHaveLength(1)
  // once expired, no reminder
  await platform.post('/_sandbox/clock/advance', { by: '3d' })
  expect((await cafe.call('POST', '/admin/jobs/coupon-reminders', {})).body.due).toBe(0)
})

test('after the platform\'s clock jumps ahead, the store\'s own job timer sends the coupon reminder by itself', async () => {
  // a store whose jobs run every minute of business time, reading the sandbox's clock every 50 ms
  const store = await testMerchant(platform.url, { publish: false, reconcileEveryMs: 60_000, clockSyncEveryMs: 50 })
  try {
    const dave = await store.loginAs('dave')
    const templates = (await store.call('GET', '/api/subscriptions')).body
    await store.call('POST', '/api/coupons/welcome-5/claim', undefined, dave)
    await accept('dave', templates.couponExpiring)
    await store.call('POST', '/api/consents', { accepted: ['couponExpiring'] }, dave)
    await new Promise((done) => setTimeout(done, 300))
    expect((await inbox('dave')).filter((n) => n.title === '优惠券到期提醒')).toHaveLength(0)

    await platform.post('/_sandbox/clock/advance', { by: '5d' })
    let reminded: Notification[] = []
    for (let i = 0; i < 40 && reminded.length === 0; i++) {
      await new Promise((done) => setTimeout(done, 50))
      reminded = (await inbox('dave')).filter((n) => n.title === '优惠券到期提醒')
    }
    expect(reminded).toHaveLength(1)
    expect(values(reminded[0])).toMatchObject({ thing1: 'Welcome ¥5 off' })
  } finally {
    await store.close()
  }
})
