import { afterAll, beforeAll, expect, test } from 'vitest'
import { CAFE_KIT, loadBrandKit, SPORTSWEAR_KIT, type BrandKit } from '../merchant-demo/src/brand'
import { testMerchant, type TestMerchant } from '../merchant-demo/src/testing'
import { testPlatform, type TestPlatform } from '../platform-mock/src/testing'
import { kitCatalog } from './catalog'
import { kitWorld } from './world'

// the launcher's composition, in process: a platform seeded from the café kit, a store on it, and
// the catalog that switches both (the store is taken down and brought up again on the new kit)
let p: TestPlatform
let store: TestMerchant | null = null
const cafe = loadBrandKit(CAFE_KIT)
const open = async (kit: BrandKit) => {
  store = await testMerchant(p.url, { brand: kit })
}
beforeAll(async () => {
  p = await testPlatform({ seed: '7', world: kitWorld(cafe) })
  await open(cafe)
  p.platform.catalog = kitCatalog(cafe, {
    stop: async () => {
      await store?.close()
      store = null
    },
    start: open,
  })
})
afterAll(async () => {
  await store?.close()
  await p.close()
})

const json = async (path: string, body?: unknown) => (await (body === undefined ? p.get(path) : p.post(path, body))).json()

test('the café world: names from the kit, and every poster opens something the store has', async () => {
  const world = await json('/_sandbox/world')
  expect(world.kit).toEqual({ id: 'lumen', name: 'Lumen Coffee', nameZh: '流明咖啡' })
  expect(world.worlds.map((w: { id: string }) => w.id)).toEqual(expect.arrayContaining(['lumen', 'stride']))
  const cred = await json('/_sandbox/credentials')
  expect(cred.pay.merchantName).toBe(cafe.legalName)
  // the names a phone in Chinese shows
  expect((await json('/_sandbox/miniprogram/apps')).apps[0]).toMatchObject({ name: 'Lumen Coffee Store', nameZh: cafe.apps.miniProgram.nameZh })
  expect(await json(`/_sandbox/people/alice/official-account?appid=${cred.officialAccount.appid}`)).toMatchObject({ name: 'Lumen Coffee', nameZh: '流明咖啡' })
  expect(world.wecom.consultants[0]).toMatchObject({ name: 'Lily Chen', nameZh: '陈莉莉' })
  for (const poster of world.posters) {
    const info = await json(`${poster.url}&format=json`)
    if (poster.kind === 'follow') {
      // the store's follow code: the account's permanent code, made once, that follows with its store
      expect(info.sceneStr).toBe(`store=${poster.query.store}`)
      expect(cafe.stores.map((s) => s.id)).toContain(poster.query.store)
      expect((await json(`${poster.url}&format=json`)).ticket).toBe(info.ticket)
      await json('/_sandbox/people/dave/scan', { payload: info.payload, method: 'camera' })
      expect(await json(`/_sandbox/people/dave/official-account?appid=${cred.officialAccount.appid}`)).toMatchObject({ following: true, subscribeScene: 'ADD_SCENE_QR_CODE' })
      continue
    }
    const scene = new URLSearchParams(decodeURIComponent(info.scene))
    if (poster.kind === 'product') expect((await store!.call('GET', `/api/products/${scene.get('id')}`)).status).toBe(200)
    if (poster.kind === 'campaign') expect(cafe.campaigns.map((c) => c.id)).toContain(scene.get('campaign'))
    if (poster.kind === 'table') expect(Number(scene.get('table'))).toBeLessThanOrEqual(cafe.stores.find((s) => s.id === scene.get('store'))!.tables)
  }
})

test('switching to the sportswear kit reseeds the platform from it and the store follows', async () => {
  const stride = loadBrandKit(SPORTSWEAR_KIT)
  const res = await p.post('/_sandbox/world', { kit: 'stride' })
  expect(res.status).toBe(200)
  expect((await res.json()).kit).toEqual({ id: 'stride', name: 'Stride Athletics', nameZh: '步越运动' })

  const cred = await json('/_sandbox/credentials')
  expect(cred.brand.name).toBe('Stride Athletics')
  expect(cred.miniProgram.name).toBe('Stride Athletics')
  expect(cred.wecom.corpName).toBe('Stride Athletics')
  const apps = await json('/_sandbox/miniprogram/apps')
  expect(JSON.stringify(apps)).toContain('Stride Athletics')
  expect(JSON.stringify(apps)).not.toContain('Lumen')
  expect((await json('/_sandbox/world')).posters.map((x: { kind: string }) => x.kind)).toEqual(['product', 'campaign', 'follow'])
  // the kit's logo: the mini program's icon on the platform, and the store's own logo picture, which runs nothing
  expect(apps.apps[0].icon).toBe(stride.logo)
  const logo = await fetch(`${store!.url}/img/logo.svg`)
  expect(logo.headers.get('content-security-policy')).toContain("default-src 'none'")
  expect(await logo.text()).toBe(Buffer.from(stride.logo!.split(',')[1]!, 'base64').toString())

  // the store answers with the new kit, and a person buys from it: the pay sheet names the kit's company
  expect((await store!.call('GET', '/api/brand')).body.name).toBe('Stride Athletics')
  const token = await store!.loginAs('alice')
  const shoe = stride.products[0]!
  await store!.call('POST', '/api/cart/items', { productId: shoe.id, quantity: 1 }, token)
  const order = await store!.call('POST', '/api/orders', { entry: { scene: 1001, query: {} }, address: { name: 'Alice Wang', phone: '13900000000', address: '88 Huaihai Rd, Shanghai' } }, token)
  expect(order.status, JSON.stringify(order.body)).toBe(201)
  const sheet = await json('/_sandbox/pay/people/alice/preview', { target: { requestPayment: order.body.payment } })
  expect(sheet.merchantName).toBe('Stride Athletics Co., Ltd.')
})

test('a bad kit at run time is refused with every problem and changes nothing', async () => {
  const before = await json('/_sandbox/credentials')
  const res = await p.post('/_sandbox/world', { kit: { ...JSON.parse(JSON.stringify(cafe)), id: 'Bad Id', colours: { primary: 'red' } } })
  expect(res.status).toBe(400)
  const body = await res.json()
  expect(body.error.code).toBe('invalid_kit')
  expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['id', 'colours.primary', 'colours.accent']))
  expect((await p.post('/_sandbox/world', { kit: 'nope' })).status).toBe(400)
  expect(await json('/_sandbox/credentials')).toEqual(before)
  expect((await store!.call('GET', '/api/brand')).body.name).toBe(before.brand.name)
})

test('a kit naming its own appid, mchid, serial and APIv3 key: the sandbox answers to them, and the store logs in and pays with them', async () => {
  const ids = {
    miniProgramAppid: 'wx0123456789abcdef',
    mchid: '1900000109',
    merchantSerialNo: '3775B6A45ACD588826D15E583A95F5DD12345678',
    apiV3Key: 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6',
  }
  const res = await p.post('/_sandbox/world', { kit: { ...JSON.parse(JSON.stringify(cafe)), ids } })
  expect(res.status).toBe(200)
  const cred = await json('/_sandbox/credentials')
  expect(cred.miniProgram.appid).toBe(ids.miniProgramAppid)
  expect(cred.pay).toMatchObject({ mchid: ids.mchid, merchantSerialNo: ids.merchantSerialNo, apiV3Key: ids.apiV3Key })
  const token = await store!.loginAs('bob')
  const { order, payment } = await store!.orderTwoDrinks(token)
  await store!.payAs('bob', payment)
  await expect.poll(async () => (await store!.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order.status).toBe('paid')
})
