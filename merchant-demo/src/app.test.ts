import { beforeEach, expect, test } from 'vitest'
import { fakePagesDir, platformAndMerchant } from './testing'

const env = platformAndMerchant({ pagesDir: fakePagesDir() })

beforeEach(async () => {
  await env.platform.post('/_sandbox/reset', {})
  await env.merchant.publish()
})

test('publishing points the mini program at the store pages and registers them', async () => {
  const app = await env.platform.json(`/_sandbox/miniprogram/apps/${env.merchant.store.appid}`)
  expect(app.pagesUrl).toBe(`${env.merchant.url}/mp`)
  const pages = await env.platform.json(`/_sandbox/miniprogram/pages?appid=${env.merchant.store.appid}`)
  expect(JSON.stringify(pages)).toContain('pages/member/member')
})

test('wx.login code becomes a session token, and the member is keyed by openid', async () => {
  const first = await env.merchant.loginAs('alice')
  const second = await env.merchant.loginAs('alice')
  expect(first).not.toBe(second)
  const a = await env.merchant.call('GET', '/api/me', undefined, first)
  const b = await env.merchant.call('GET', '/api/me', undefined, second)
  expect(a.body.member.id).toBe(b.body.member.id)
  expect(a.body.member).toMatchObject({ points: 0, level: { name: 'Green' }, unionid: true })
})

test('a used login code is refused with 401 naming jscode2session', async () => {
  const { code } = await env.platform.json('/_sandbox/people/bob/miniprogram/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
  expect((await env.merchant.call('POST', '/api/login', { code })).status).toBe(200)
  const again = await env.merchant.call('POST', '/api/login', { code })
  expect(again.status).toBe(401)
  expect(again.body.error.message).toMatch(/^jscode2session: 40163 code been used/)
})

test('bad input gets a 4xx naming the field, and writes nothing', async () => {
  const token = await env.merchant.loginAs('carol')
  expect((await env.merchant.call('GET', '/api/cart')).status).toBe(401)
  const unknownChoice = await env.merchant.call('POST', '/api/cart/items', { productId: 'latte', options: { size: 'bucket' } }, token)
  expect(unknownChoice.status).toBe(400)
  expect(unknownChoice.body.error).toMatchObject({ code: 'unknown_choice', field: 'options.size' })
  const badQuantity = await env.merchant.call('POST', '/api/cart/items', { productId: 'latte', quantity: 0 }, token)
  expect(badQuantity.body.error).toMatchObject({ code: 'invalid', field: 'quantity' })
  expect((await env.merchant.call('POST', '/api/cart/items', '{nope', token)).body.error.code).toBe('bad_json')
  expect((await env.merchant.call('POST', '/api/cart/items', { productId: 'espresso-tonic' }, token)).status).toBe(404)
  expect((await env.merchant.call('GET', '/api/cart', undefined, token)).body).toEqual({ lines: [], count: 0, total: 0 })
  expect((await env.merchant.call('POST', '/api/orders', {}, token)).body.error.code).toBe('empty_cart')
})

test('the cart prices options and merges the same configuration into one line', async () => {
  const token = await env.merchant.loginAs('dave')
  await env.merchant.call('POST', '/api/cart/items', { productId: 'latte', options: { size: 'venti' } }, token)
  const cart = await env.merchant.call('POST', '/api/cart/items', { productId: 'latte', options: { size: 'venti', sugar: 'none' }, quantity: 2 }, token)
  expect(cart.body.lines).toHaveLength(1)
  expect(cart.body.lines[0]).toMatchObject({ quantity: 3, unitPrice: 3400, options: { size: 'venti', sugar: 'none', temperature: 'hot' } })
  const line = cart.body.lines[0].id
  expect((await env.merchant.call('PATCH', `/api/cart/items/${line}`, { quantity: 0 }, token)).body.count).toBe(0)
})

test('checkout, payment in the phone and the notification: paid order, points, attribution', async () => {
  const token = await env.merchant.loginAs('alice')
  const { order, payment } = await env.merchant.orderTwoDrinks(token)
  expect(order).toMatchObject({ status: 'pending', total: 3100 + 2600, table: '12', entry: { scene: 1047, channel: 'qr' } })
  expect(payment).toMatchObject({ appId: env.merchant.store.appid, signType: 'RSA', package: expect.stringMatching(/^prepay_id=/) })
  expect((await env.merchant.call('GET', '/api/cart', undefined, token)).body.count).toBe(0)

  const paid = await env.merchant.payAs('alice', payment)
  expect(paid.errMsg).toBe('requestPayment:ok')
  const after = await env.merchant.call('GET', `/api/orders/${order.id}`, undefined, token)
  expect(after.body.order).toMatchObject({ status: 'paid', pointsAwarded: 57, transactionId: expect.any(String) })
  expect((await env.merchant.call('GET', '/api/me', undefined, token)).body.member).toMatchObject({ points: 57, lifetimeSpend: 5700 })
})

test('the same notification three times fulfils once', async () => {
  const token = await env.merchant.loginAs('bob')
  const { order, payment } = await env.merchant.orderTwoDrinks(token, { scene: 1007, query: {} })
  await env.merchant.payAs('bob', payment)
  const mchid = env.merchant.store.pay.config.mchid
  const detail = await env.platform.json(`/_sandbox/pay/merchants/${mchid}/orders/${order.id}`)
  const notification = detail.notifications[0]
  for (let i = 0; i < 3; i++) {
    const resent = await env.platform.post(`/_sandbox/pay/notifications/${notification.id}/resend`)
    expect(resent.status).toBe(200)
  }
  const view = await env.platform.json(`/_sandbox/pay/notifications/${notification.id}`)
  expect(view.attempts.length).toBeGreaterThanOrEqual(4)
  expect(view.attempts.every((a: { status: number }) => a.status === 200)).toBe(true)
  const me = await env.merchant.call('GET', '/api/me', undefined, token)
  expect(me.body.member).toMatchObject({ points: 57, lifetimeSpend: 5700 })
  expect((await env.merchant.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order.entry.channel).toBe('chat')
})

test('a forged notification is refused with 401 and changes nothing', async () => {
  const token = await env.merchant.loginAs('erin')
  const { order } = await env.merchant.orderTwoDrinks(token)
  const forged = await env.merchant.call('POST', '/pay/notify', { id: 'x', event_type: 'TRANSACTION.SUCCESS', resource: {} })
  expect(forged.status).toBe(401)
  expect(forged.body.code).toBe('FAIL')
  expect((await env.merchant.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order.status).toBe('pending')
})

test('order ready sends the subscription message only with consent', async () => {
  const token = await env.merchant.loginAs('alice')
  const { orderReady } = (await env.merchant.call('GET', '/api/subscriptions')).body
  // without consent: ready, but no message
  const first = await env.merchant.orderTwoDrinks(token)
  await env.merchant.payAs('alice', first.payment)
  const silent = await env.merchant.call('POST', `/admin/orders/${first.order.id}/ready`)
  expect(silent.body).toMatchObject({ order: { status: 'ready' }, message: { sent: false, reason: 'no consent' } })

  // with consent: the page asked wx.requestSubscribeMessage, the person accepted, the page told the store
  const second = await env.merchant.orderTwoDrinks(token)
  await env.merchant.payAs('alice', second.payment)
  await env.platform.post('/_sandbox/people/alice/miniprogram/subscribe', { tmplIds: [orderReady] })
  await env.merchant.call('POST', `/api/orders/${second.order.id}/consent`, { accepted: true }, token)
  const sent = await env.merchant.call('POST', `/admin/orders/${second.order.id}/ready`)
  expect(sent.body).toMatchObject({ order: { status: 'ready', readyMessageSent: true }, message: { sent: true } })
  const inbox = await env.platform.json('/_sandbox/people/alice/service-notifications')
  const list = inbox.notifications ?? inbox
  expect(list).toHaveLength(1)
  expect(JSON.stringify(list[0])).toContain(`pages/order/order?id=${second.order.id}`)
  expect((await env.merchant.call('POST', `/admin/orders/${second.order.id}/ready`)).status).toBe(409)
})

test('a table code is a mini program code for the menu with scene t=12', async () => {
  const res = await env.merchant.staffFetch(`/admin/tables/12/code.png`)
  expect(res.headers.get('content-type')).toBe('image/png')
  const resolved = await env.platform.json('/_sandbox/qr/resolve', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ image: Buffer.from(await res.arrayBuffer()).toString('base64') }),
  })
  expect(resolved).toMatchObject({ path: 'pages/menu/menu', query: { scene: 't%3D12' } })
  expect((await env.merchant.staffFetch(`/admin/tables/99/code.png`)).status).toBe(404)
})

test('pages are served with the platform runtime URL and CORS for the sandboxed frame', async () => {
  const res = await fetch(`${env.merchant.url}/mp/pages/index/index.html`, { headers: { origin: 'null' } })
  expect(res.headers.get('access-control-allow-origin')).toBe('null')
  expect(await res.text()).toContain(`<script src="${env.platform.url}/runtime/wx.js">`)
  const preflight = await fetch(`${env.merchant.url}/api/orders`, { method: 'OPTIONS', headers: { origin: 'null', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } })
  expect(preflight.status).toBe(204)
  expect((await fetch(`${env.merchant.url}/mp/../package.json`)).status).toBe(404)
})

test('an order placed after opening the store from a Service Notification (scene 1014) is attributed to subscribe messages', async () => {
  const token = await env.merchant.loginAs('frank')
  const { orderReady } = (await env.merchant.call('GET', '/api/subscriptions')).body
  const first = await env.merchant.orderTwoDrinks(token)
  await env.merchant.payAs('frank', first.payment)
  await env.platform.post('/_sandbox/people/frank/miniprogram/subscribe', { tmplIds: [orderReady] })
  await env.merchant.call('POST', `/api/orders/${first.order.id}/consent`, { accepted: true }, token)
  await env.merchant.call('POST', `/admin/orders/${first.order.id}/ready`)

  const inbox = await env.platform.json('/_sandbox/people/frank/service-notifications')
  const [notification] = inbox.notifications ?? inbox
  const opened = await env.platform.json(`/_sandbox/people/frank/service-notifications/${notification.id}/open`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
  const launch = opened.launchOptions
  expect(launch).toMatchObject({ scene: 1014, path: 'pages/order/order', query: { id: first.order.id } })

  const again = await env.merchant.orderTwoDrinks(token, { scene: launch.scene, query: launch.query })
  expect(again.order).toMatchObject({ entry: { scene: 1014, channel: 'subscribe-message', query: { id: first.order.id } }, table: null })
})

test('product posters and campaign codes are mini program codes whose scene names the product or campaign', async () => {
  const resolve = async (path: string) => {
    const res = await env.merchant.staffFetch(path)
    expect(res.headers.get('content-type')).toBe('image/png')
    return env.platform.json('/_sandbox/qr/resolve', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ image: Buffer.from(await res.arrayBuffer()).toString('base64') }),
    })
  }
  expect(await resolve('/admin/products/oolong-milk-tea/poster.png')).toMatchObject({ path: 'pages/product/product', query: { scene: 'p%3Doolong-milk-tea' } })
  expect(await resolve('/admin/campaigns/spring26/code.png')).toMatchObject({ path: 'pages/index/index', query: { scene: 'c%3Dspring26' } })
  expect((await env.merchant.staffFetch(`/admin/products/caviar/poster.png`)).status).toBe(404)
  expect((await env.merchant.staffFetch(`/admin/campaigns/winter99/code.png`)).status).toBe(404)
})
