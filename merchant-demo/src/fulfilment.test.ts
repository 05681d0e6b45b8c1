import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../platform-mock/src/testing'
import { BrandKitError, CAFE_KIT, SPORTSWEAR_KIT, loadBrandKit, parseBrandKit } from './brand'
import { resolveFulfilment } from './fulfilment'
import { testMerchant, type TestMerchant } from './testing'

const QSR_KIT = fileURLToPath(new URL('../brands/qsr.json', import.meta.url))
const cafe = () => JSON.parse(readFileSync(CAFE_KIT, 'utf8'))
const problems = (kit: unknown) => {
  try {
    parseBrandKit(kit, 'kit.json')
  } catch (err) {
    return (err as BrandKitError).issues
  }
  return []
}

test('a kit naming one mode gets that mode’s words: the café reads Menu and Pickup number, the sportswear store Shop and Shipped', () => {
  const c = resolveFulfilment(loadBrandKit(CAFE_KIT).fulfilment)
  expect(c.modes).toEqual(['pickup'])
  expect(c.catalog).toEqual({ en: 'Menu', zh: '菜单' })
  expect(c.words.pickup).toMatchObject({ orderNumber: { en: 'Pickup number', zh: '取餐号' }, preparing: { en: 'Being prepared' }, ready: { en: 'Ready for pickup', zh: '请取餐' } })
  const s = resolveFulfilment(loadBrandKit(SPORTSWEAR_KIT).fulfilment)
  expect(s.modes).toEqual(['shipping'])
  expect(s.catalog).toEqual({ en: 'Shop', zh: '商城' })
  expect(s.words.shipping).toMatchObject({ orderNumber: { en: 'Order number', zh: '订单号' }, where: { en: 'Ship to' }, ready: { en: 'Shipped', zh: '已发货' } })
})

test('the QSR kit is valid: delivery first, then pickup, in its own words in English and Chinese', () => {
  const kit = loadBrandKit(QSR_KIT)
  expect(kit.products.length).toBeGreaterThanOrEqual(6)
  expect(kit.products.every((p) => p.nameZh)).toBe(true)
  const f = resolveFulfilment(kit.fulfilment)
  expect(f.modes).toEqual(['delivery', 'pickup'])
  expect(f.catalog).toEqual({ en: 'Order', zh: '点餐' })
  expect(f.words.delivery).toEqual({
    name: { en: 'Delivery', zh: '外卖配送' },
    orderNumber: { en: 'Order number', zh: '订单号' },
    where: { en: 'Deliver to', zh: '送至' },
    preparing: { en: 'In the kitchen', zh: '后厨制作中' },
    ready: { en: 'Rider on the way', zh: '骑手配送中' },
  })
  expect(f.words.pickup.ready).toEqual({ en: 'Ready at the counter', zh: '请到柜台取餐' })
})

test('a word changed without its Chinese twin reads the same in Chinese, not the default it replaced', () => {
  const f = resolveFulfilment({ modes: ['pickup'], catalog: 'Bakes', words: { pickup: { ready: 'Come and get it' } } })
  expect(f.catalog).toEqual({ en: 'Bakes', zh: 'Bakes' })
  expect(f.words.pickup.ready).toEqual({ en: 'Come and get it', zh: 'Come and get it' })
  expect(f.words.pickup.orderNumber).toEqual({ en: 'Pickup number', zh: '取餐号' })
})

test('every fulfilment mistake comes at once, each with its path, with the kit’s other problems', () => {
  const bad = (fulfilment: unknown) => problems({ ...cafe(), fulfilment })
  expect(bad('boat')).toEqual([{ path: 'fulfilment', message: 'expected one of "pickup", "delivery", "shipping", "booking" or an object with "modes", got "boat"' }])
  expect(bad({ modes: ['pickup', 'boat'], catalog: '' })).toEqual([{ path: 'fulfilment', message: 'modes[1]: expected one of "pickup", "delivery", "shipping", "booking", got "boat"; catalog: must not be empty' }])
  const kit = { ...cafe(), fulfilment: { modes: ['delivery', 'shipping', 'delivery'], words: { pickup: { ready: 'Ready' } } } }
  kit.colours.primary = 'red'
  expect(problems(kit)).toEqual([
    { path: 'colours.primary', message: 'expected a #rrggbb colour' },
    { path: 'fulfilment.modes[2]', message: '"delivery" is listed twice' },
    { path: 'fulfilment.modes', message: 'a kit delivers or ships, not both (an order with an address would be either)' },
    { path: 'fulfilment.words.pickup', message: 'words for "pickup", which is not one of the modes (delivery, shipping, delivery)' },
  ])
})

// ---- the store run with the QSR kit: the modes at checkout and the order's state machine
let platform: TestPlatform
let qsr: TestMerchant
beforeAll(async () => {
  platform = await testPlatform()
  qsr = await testMerchant(platform.url, { brand: QSR_KIT, publish: false })
})
afterAll(async () => {
  await qsr?.close()
  await platform?.close()
})
const address = { name: 'Grace Sun', phone: '139 0000 1234', address: '500 Huaihai Middle Rd, Apt 1203, Shanghai' }

test('the QSR store tells its pages its modes and words', async () => {
  const { body } = await qsr.call('GET', '/api/brand')
  expect(body.fulfilment.modes).toEqual(['delivery', 'pickup'])
  expect(body.fulfilment.catalog).toEqual({ en: 'Order', zh: '点餐' })
  expect(body.fulfilment.words.delivery.ready).toEqual({ en: 'Rider on the way', zh: '骑手配送中' })
})

test('a delivery order needs an address, is made, then goes out with a rider (no tracking number); it is never "ready"', async () => {
  const token = await qsr.loginAs('grace')
  await qsr.call('POST', '/api/cart/items', { productId: 'flame-whopper', options: { meal: 'meal' } }, token)
  const noAddress = await qsr.call('POST', '/api/orders', { mode: 'delivery' }, token)
  expect(noAddress.body.error).toMatchObject({ code: 'address_required', field: 'address', message: 'Blaze Burger delivers orders: address is required' })
  const placed = await qsr.call('POST', '/api/orders', { mode: 'delivery', address }, token)
  expect(placed.status).toBe(201)
  expect(placed.body.order).toMatchObject({ mode: 'delivery', total: 5400, shipping: { address } })
  await qsr.payAs('grace', placed.body.payment)
  const id = placed.body.order.id
  await expect.poll(async () => (await qsr.call('GET', `/api/orders/${id}`, undefined, token)).body.order.status).toBe('paid')
  expect((await qsr.call('POST', `/admin/orders/${id}/ready`)).body.error.code).toBe('not_pickup')
  const out = await qsr.call('POST', `/admin/orders/${id}/ship`, { carrier: 'Rider Li' })
  expect(out.body.order).toMatchObject({ status: 'shipped', mode: 'delivery', shipping: { carrier: 'Rider Li', trackingNo: null } })
})

test('a QSR pickup order has no address and is handed over at the counter', async () => {
  const token = await qsr.loginAs('henry')
  await qsr.call('POST', '/api/cart/items', { productId: 'cola' }, token)
  // an address sent with a pickup order is not kept
  const placed = await qsr.call('POST', '/api/orders', { mode: 'pickup', storeId: 'sh-wujiaochang', address }, token)
  expect(placed.body.order).toMatchObject({ mode: 'pickup', shipping: null, store: { id: 'sh-wujiaochang' } })
  await qsr.payAs('henry', placed.body.payment)
  const id = placed.body.order.id
  await expect.poll(async () => (await qsr.call('GET', `/api/orders/${id}`, undefined, token)).body.order.status).toBe('paid')
  expect((await qsr.call('POST', `/admin/orders/${id}/ship`, { carrier: 'Rider Li' })).body.error.code).toBe('not_shippable')
  expect((await qsr.call('POST', `/admin/orders/${id}/ready`)).body.order).toMatchObject({ status: 'ready', mode: 'pickup' })
})

test('a mode the kit does not offer is refused, naming the field', async () => {
  const token = await qsr.loginAs('erin')
  await qsr.call('POST', '/api/cart/items', { productId: 'fries' }, token)
  const res = await qsr.call('POST', '/api/orders', { mode: 'shipping', address }, token)
  expect(res.status).toBe(400)
  expect(res.body.error).toMatchObject({ code: 'unknown_mode', field: 'mode' })
})
