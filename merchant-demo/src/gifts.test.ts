import { expect, test } from 'vitest'
import { platformAndMerchant } from './testing'

const env = platformAndMerchant()

/** The buyer buys a latte gift and pays for it in the phone. */
async function buyLatteGift(buyer: string, message = 'Happy Friday!') {
  const token = await env.merchant.loginAs(buyer)
  const bought = await env.merchant.call('POST', '/api/gifts', { giftId: 'latte-gift', message }, token)
  expect(bought.status).toBe(201)
  expect(bought.body.gift).toMatchObject({ state: 'pending', value: 2800, role: 'sent', sharePath: expect.stringMatching(/^pages\/gift\/gift\?token=/) })
  const paid = await env.merchant.payAs(buyer, bought.body.payment)
  expect(paid.errMsg).toBe('requestPayment:ok')
  return { token, gift: bought.body.gift as { id: string; token: string; sharePath: string }, orderId: bought.body.orderId as string }
}

/** The buyer sends the gift card into a 1:1 chat; the friend taps it (scene 1007) and gets the launch's query. */
async function sendAndOpen(from: string, to: string, sharePath: string) {
  const sent = await env.platform.post(`/_sandbox/people/${from}/messages`, { to, type: 'miniprogram', miniprogram: { appid: env.merchant.store.appid, title: 'A latte for you', path: sharePath } })
  expect(sent.status).toBe(201)
  const message = await sent.json()
  const opened = await env.merchant.platform(`/_sandbox/people/${to}/miniprogram/launch`, { entry: 'chat', shareId: message.body.shareId })
  return opened.launchOptions as { path: string; scene: number; query: Record<string, string> }
}

test('a paid gift sent to a friend’s chat opens with scene 1007, is claimed once and shows in both members’ gifts', async () => {
  const alice = await buyLatteGift('alice')
  const aliceGifts = await env.merchant.call('GET', '/api/gifts', undefined, alice.token)
  expect(aliceGifts.body.available.map((g: { id: string }) => g.id)).toEqual(['latte-gift', 'tea-gift'])
  expect(aliceGifts.body.sent[0]).toMatchObject({ id: alice.gift.id, state: 'paid', claimed: false, message: 'Happy Friday!' })
  // buying the gift earned the buyer points like any order
  expect((await env.merchant.call('GET', '/api/me', undefined, alice.token)).body.member.points).toBe(28)

  const launch = await sendAndOpen('alice', 'bob', alice.gift.sharePath)
  expect(launch).toMatchObject({ path: 'pages/gift/gift', scene: 1007, query: { token: alice.gift.token } })

  const bob = await env.merchant.loginAs('bob')
  const card = await env.merchant.call('GET', `/api/gifts/${launch.query.token}`, undefined, bob)
  expect(card.body).toMatchObject({ claimable: true, gift: { title: 'A latte for you', role: 'card', token: null, state: 'paid' } })
  const claimed = await env.merchant.call('POST', `/api/gifts/${launch.query.token}/claim`, undefined, bob)
  expect(claimed.status).toBe(201)
  expect(claimed.body.gift).toMatchObject({ state: 'claimed', role: 'received', productId: 'latte' })

  const again = await env.merchant.call('POST', `/api/gifts/${launch.query.token}/claim`, undefined, bob)
  expect(again.status).toBe(409)
  expect(again.body.error.code).toBe('already_claimed')
  const carol = await env.merchant.loginAs('carol')
  const late = await env.merchant.call('POST', `/api/gifts/${launch.query.token}/claim`, undefined, carol)
  expect(late.body.error).toMatchObject({ code: 'gift_claimed', message: 'this gift was already claimed by someone else' })

  expect((await env.merchant.call('GET', '/api/gifts', undefined, bob)).body.received).toMatchObject([{ id: alice.gift.id, state: 'claimed' }])
  expect((await env.merchant.call('GET', '/api/gifts', undefined, alice.token)).body.sent[0]).toMatchObject({ state: 'claimed', claimed: true })
})

test('the buyer cannot claim their own gift, and an unpaid gift cannot be claimed', async () => {
  const alice = await buyLatteGift('alice')
  const own = await env.merchant.call('POST', `/api/gifts/${alice.gift.token}/claim`, undefined, alice.token)
  expect(own.status).toBe(409)
  expect(own.body.error).toMatchObject({ code: 'own_gift', message: 'you bought this gift: send it to a friend to claim' })
  expect((await env.merchant.call('GET', `/api/gifts/${alice.gift.token}`, undefined, alice.token)).body).toMatchObject({ claimable: false, reason: expect.stringContaining('send it to a friend') })

  const unpaid = await env.merchant.call('POST', '/api/gifts', { giftId: 'tea-gift' }, alice.token)
  const bob = await env.merchant.loginAs('bob')
  expect((await env.merchant.call('POST', `/api/gifts/${unpaid.body.gift.token}/claim`, undefined, bob)).body.error.code).toBe('gift_not_paid')
  expect((await env.merchant.call('POST', '/api/gifts/nope/claim', undefined, bob)).status).toBe(404)
  expect((await env.merchant.call('POST', '/api/gifts', { giftId: 'caviar' }, alice.token)).body.error).toMatchObject({ code: 'unknown_gift', field: 'giftId' })
})

test('of concurrent claims by different friends exactly one wins', async () => {
  const alice = await buyLatteGift('alice')
  const friends = await Promise.all(['bob', 'carol', 'dave', 'erin'].map((p) => env.merchant.loginAs(p)))
  const results = await Promise.all(friends.map((t) => env.merchant.call('POST', `/api/gifts/${alice.gift.token}/claim`, undefined, t)))
  expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409])
  expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'gift_claimed')).toBe(true)
})

test('a claimed gift makes one latte free at checkout, once; with nothing left to pay the order is paid as placed', async () => {
  const alice = await buyLatteGift('alice')
  const launch = await sendAndOpen('alice', 'bob', alice.gift.sharePath)
  const bob = await env.merchant.loginAs('bob')
  const { gift } = (await env.merchant.call('POST', `/api/gifts/${launch.query.token}/claim`, undefined, bob)).body

  await env.merchant.call('POST', '/api/cart/items', { productId: 'americano' }, bob)
  expect((await env.merchant.call('POST', '/api/orders', { giftId: gift.id }, bob)).body.error).toMatchObject({ code: 'gift_not_in_cart', field: 'giftId' })

  // a grande latte (¥31) and an americano: the gift takes the latte's base price off
  await env.merchant.call('POST', '/api/cart/items', { productId: 'latte', options: { size: 'grande' } }, bob)
  const cart = (await env.merchant.call('GET', '/api/cart', undefined, bob)).body
  const placed = await env.merchant.call('POST', '/api/orders', { giftId: gift.id, entry: { scene: launch.scene, query: launch.query } }, bob)
  expect(placed.status).toBe(201)
  expect(placed.body.order).toMatchObject({ total: cart.total - 2800, discount: 2800, giftId: gift.id, entry: { channel: 'chat' } })
  await env.merchant.payAs('bob', placed.body.payment)
  expect((await env.merchant.call('GET', '/api/gifts', undefined, bob)).body.received[0]).toMatchObject({ state: 'redeemed', redeemedOrderId: placed.body.order.id })

  await env.merchant.call('POST', '/api/cart/items', { productId: 'latte' }, bob)
  expect((await env.merchant.call('POST', '/api/orders', { giftId: gift.id }, bob)).body.error.code).toBe('gift_redeemed')

  // another gift, and just the latte in the cart: nothing to pay, no WeChat Pay order
  const second = await buyLatteGift('alice')
  await sendAndOpen('alice', 'bob', second.gift.sharePath)
  const claimed = (await env.merchant.call('POST', `/api/gifts/${second.gift.token}/claim`, undefined, bob)).body.gift
  const free = await env.merchant.call('POST', '/api/orders', { giftId: claimed.id }, bob)
  expect(free.body).toMatchObject({ order: { status: 'paid', total: 0, discount: 2800 }, payment: null })
  expect((await env.merchant.call('POST', `/admin/orders/${free.body.order.id}/ready`)).body.order.status).toBe('ready')
})

test('staff redeem a claimed gift in store once; an unclaimed one is refused', async () => {
  const alice = await buyLatteGift('alice')
  expect((await env.merchant.call('POST', `/admin/gifts/${alice.gift.token}/redeem`, {})).body.error.code).toBe('gift_unclaimed')
  const bob = await env.merchant.loginAs('bob')
  await env.merchant.call('POST', `/api/gifts/${alice.gift.token}/claim`, undefined, bob)
  const redeemed = await env.merchant.call('POST', `/admin/gifts/${alice.gift.token}/redeem`, { storeId: 'sh01' })
  expect(redeemed.status).toBe(200)
  expect(redeemed.body.gift.state).toBe('redeemed')
  expect((await env.merchant.call('POST', `/admin/gifts/${alice.gift.token}/redeem`, {})).body.error.code).toBe('gift_redeemed')
  await env.merchant.call('POST', '/api/cart/items', { productId: 'latte' }, bob)
  const received = (await env.merchant.call('GET', '/api/gifts', undefined, bob)).body.received[0]
  expect(received.state).toBe('redeemed')
  expect((await env.merchant.call('POST', '/api/orders', { giftId: received.id }, bob)).body.error.code).toBe('gift_redeemed')
})

test('a gift expires on the platform\'s clock and can no longer be claimed', async () => {
  const alice = await buyLatteGift('alice')
  await env.platform.post('/_sandbox/clock/advance', { by: '31d' })
  const bob = await env.merchant.loginAs('bob')
  expect((await env.merchant.call('POST', `/api/gifts/${alice.gift.token}/claim`, undefined, bob)).body.error.code).toBe('gift_expired')
  expect((await env.merchant.call('GET', '/api/gifts', undefined, alice.token)).body.sent[0].state).toBe('expired')
})

test('a gift voucher refunded in full is closed: it can no longer be claimed, and there is nothing to prepare', async () => {
  const alice = await buyLatteGift('alice')
  expect((await env.merchant.call('POST', `/admin/orders/${alice.orderId}/ready`)).body.error.code).toBe('gift_order')
  expect((await env.merchant.call('POST', `/admin/orders/${alice.orderId}/refund`, { reason: 'Changed my mind' })).status).toBe(201)
  await env.platform.post('/_sandbox/clock/advance', { by: '2m' })
  expect((await env.merchant.call('GET', '/api/gifts', undefined, alice.token)).body.sent[0].state).toBe('closed')
  const bob = await env.merchant.loginAs('bob')
  expect((await env.merchant.call('POST', `/api/gifts/${alice.gift.token}/claim`, undefined, bob)).body.error.code).toBe('gift_closed')
})
