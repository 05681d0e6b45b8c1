import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { CODE_URL_PREFIX } from './codes'
import { decodePng, mpKit } from './testkit'
import { BRAND } from '../../world/cast'

let p: TestPlatform
let kit: ReturnType<typeof mpKit>
let token: string

beforeAll(async () => {
  p = await testPlatform()
  kit = mpKit(p)
  token = await kit.token()
})
afterAll(() => p.close())

const post = (path: string, body: unknown, t = token) => p.post(`${path}?access_token=${t}`, body)
const errorOf = async (res: Response) => {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  return (await res.json()) as { errcode: number; errmsg: string }
}
const scan = async (person: string, body: unknown) => {
  const res = await p.post(`/_sandbox/people/${person}/scan`, body)
  return { status: res.status, body: (await res.json()) as any }
}

describe('getwxacodeunlimit', () => {
  test('answers a PNG of the requested width that decodes to a sandbox code URL', async () => {
    const res = await post('/wxa/getwxacodeunlimit', { scene: 'table=12', page: 'pages/menu/menu', width: 300 })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    const png = decodePng(await res.arrayBuffer())
    expect(png.width).toBe(300)
    expect(png.height).toBe(300)
    expect(png.text).toMatch(new RegExp(`^${CODE_URL_PREFIX.replace(/[.]/g, '\\.')}[A-Za-z0-9]{12}$`))
  })

  test('the decoded payload scans into the page with the scene URL-encoded in query.scene and scene 1047', async () => {
    const scene = "a=1&b=x/y:z!*'()"
    const res = await post('/wxa/getwxacodeunlimit', { scene, page: 'pages/product/product', check_path: true, env_version: 'release' })
    const { text } = decodePng(await res.arrayBuffer())
    const scanned = await scan('alice', { payload: text })
    expect(scanned.status).toBe(201)
    expect(scanned.body).toMatchObject({
      action: 'open-miniprogram',
      via: 'wxacode',
      appid: kit.mp.appid,
      launchOptions: { path: 'pages/product/product', query: { scene: encodeURIComponent(scene) }, scene: 1047, referrerInfo: {} },
      channel: 'qr',
    })
  })

  test('an empty page opens the home page', async () => {
    const res = await post('/wxa/getwxacodeunlimit', { scene: 'home' })
    const scanned = await scan('bob', { payload: decodePng(await res.arrayBuffer()).text })
    expect(scanned.body.launchOptions.path).toBe('pages/index/index')
  })

  test('the same scene and page give the same code; another scene another code', async () => {
    const a = decodePng(await (await post('/wxa/getwxacodeunlimit', { scene: 'same', page: 'pages/cart/cart' })).arrayBuffer()).text
    const b = decodePng(await (await post('/wxa/getwxacodeunlimit', { scene: 'same', page: 'pages/cart/cart', width: 600 })).arrayBuffer()).text
    const c = decodePng(await (await post('/wxa/getwxacodeunlimit', { scene: 'other', page: 'pages/cart/cart' })).arrayBuffer()).text
    expect(b).toBe(a)
    expect(c).not.toBe(a)
  })

  test('width is clamped to 280–1280 px and a numeric string is taken', async () => {
    expect(decodePng(await (await post('/wxa/getwxacodeunlimit', { scene: 'w', width: 100 })).arrayBuffer()).width).toBe(280)
    expect(decodePng(await (await post('/wxa/getwxacodeunlimit', { scene: 'w', width: 5000 })).arrayBuffer()).width).toBe(1280)
    expect(decodePng(await (await post('/wxa/getwxacodeunlimit', { scene: 'w', width: '500' })).arrayBuffer()).width).toBe(500)
  })

  test('line_color paints the modules, auto_color uses the brand colour, is_hyaline makes the ground transparent', async () => {
    const pixels = async (body: object) => decodePng(await (await post('/wxa/getwxacodeunlimit', { scene: 'colour', ...body })).arrayBuffer())
    const colours = (png: ReturnType<typeof decodePng>) => {
      const seen = new Set<string>()
      for (let i = 0; i < png.data.length; i += 4) seen.add(`${png.data[i]},${png.data[i + 1]},${png.data[i + 2]},${png.data[i + 3]}`)
      return seen
    }
    const red = await pixels({ line_color: { r: 200, g: 0, b: 0 } })
    expect(colours(red)).toEqual(new Set(['255,255,255,255', '200,0,0,255']))
    expect(red.text).not.toBeNull()
    const brand = await pixels({ auto_color: true, line_color: { r: 200, g: 0, b: 0 } })
    // the world brand's colour (the café kit's primary)
    const rgb = [1, 3, 5].map((i) => parseInt(BRAND.color.slice(i, i + 2), 16)).join(',')
    expect(colours(brand)).toContain(`${rgb},255`)
    const clear = await pixels({ is_hyaline: true })
    expect(colours(clear)).toContain('255,255,255,0')
    expect(clear.text).not.toBeNull()
  })

  test('a scene over 32 characters, or none, gets 40169; a character outside the alphabet 40129', async () => {
    expect((await errorOf(await post('/wxa/getwxacodeunlimit', { scene: 'x'.repeat(33) }))).errcode).toBe(40169)
    expect((await errorOf(await post('/wxa/getwxacodeunlimit', { page: 'pages/menu/menu' }))).errcode).toBe(40169)
    const pct = await errorOf(await post('/wxa/getwxacodeunlimit', { scene: 'a%20b' }))
    expect(pct.errcode).toBe(40129)
    expect((await errorOf(await post('/wxa/getwxacodeunlimit', { scene: '中文' }))).errcode).toBe(40129)
    expect((await post('/wxa/getwxacodeunlimit', { scene: 'x'.repeat(32) })).status).toBe(200)
  })

  test('a page with a leading slash, a query or not published gets 41030; check_path false allows an unpublished page', async () => {
    for (const page of ['/pages/menu/menu', 'pages/menu/menu?x=1', 'pages/nope/nope']) {
      const res = await errorOf(await post('/wxa/getwxacodeunlimit', { scene: 's', page }))
      expect(res).toEqual({ errcode: 41030, errmsg: expect.stringMatching(/^invalid page rid: /) })
    }
    const unpublished = await post('/wxa/getwxacodeunlimit', { scene: 's', page: 'pages/nope/nope', check_path: false, env_version: 'develop' })
    expect(unpublished.headers.get('content-type')).toBe('image/png')
  })

  test('a body that is not JSON gets 40169, a wrongly typed field 47003, a bad env_version 47003', async () => {
    expect((await errorOf(await post('/wxa/getwxacodeunlimit', 'scene=1'))).errcode).toBe(40169)
    const typed = await errorOf(await post('/wxa/getwxacodeunlimit', { scene: 's', width: 'wide' }))
    expect(typed.errcode).toBe(47003)
    expect(typed.errmsg).toMatch(/^argument invalid! width invalid rid: /)
    expect((await errorOf(await post('/wxa/getwxacodeunlimit', { scene: 's', env_version: 'beta' }))).errcode).toBe(47003)
  })

  test('without a token: 41001 as JSON', async () => {
    const res = await p.post('/wxa/getwxacodeunlimit', { scene: 's' })
    expect((await errorOf(res)).errcode).toBe(41001)
  })
})

describe('getwxacode and createwxaqrcode', () => {
  test('getwxacode carries the path’s own query into options and scans with scene 1047', async () => {
    const res = await post('/wxa/getwxacode', { path: 'pages/product/product?id=oolong-250g&from=poster' })
    expect(res.headers.get('content-type')).toBe('image/png')
    const scanned = await scan('carol', { payload: decodePng(await res.arrayBuffer()).text })
    expect(scanned.body.launchOptions).toMatchObject({ path: 'pages/product/product', query: { id: 'oolong-250g', from: 'poster' }, scene: 1047 })
  })

  test('createwxaqrcode makes a QR code that scans with scene 1011 (1012 by long-press)', async () => {
    const res = await post('/cgi-bin/wxaapp/createwxaqrcode', { path: '/pages/order/order?id=9', width: 430 })
    const { text } = decodePng(await res.arrayBuffer())
    const camera = await scan('dave', { payload: text })
    expect(camera.body).toMatchObject({ via: 'qrcode', launchOptions: { path: 'pages/order/order', query: { id: '9' }, scene: 1011 } })
    const longPress = await scan('dave', { payload: text, method: 'long-press' })
    expect(longPress.body.launchOptions.scene).toBe(1012)
  })

  test('a missing or too long path gets 40159; scancode_time in the query gets 85096', async () => {
    expect((await errorOf(await post('/wxa/getwxacode', {}))).errcode).toBe(40159)
    expect((await errorOf(await post('/wxa/getwxacode', { path: `pages/a/a?x=${'y'.repeat(1100)}` }))).errcode).toBe(40159)
    expect((await errorOf(await post('/cgi-bin/wxaapp/createwxaqrcode', { path: `pages/a/a?x=${'y'.repeat(120)}` }))).errcode).toBe(40159)
    expect((await errorOf(await post('/cgi-bin/wxaapp/createwxaqrcode', 'nope'))).errcode).toBe(40159)
    const reserved = await errorOf(await post('/wxa/getwxacode', { path: 'pages/menu/menu?scancode_time=1' }))
    expect(reserved.errcode).toBe(85096)
  })

  test('an Official Account token gets 48001', async () => {
    const oa = await kit.token(kit.oa)
    expect((await errorOf(await post('/wxa/getwxacode', { path: 'pages/menu/menu' }, oa))).errcode).toBe(48001)
  })
})

test('a seeded world makes the same codes in the same order', async () => {
  const payloads: string[] = []
  for (let run = 0; run < 2; run++) {
    const seeded = await testPlatform({ seed: 'codes' })
    const t = await mpKit(seeded).token()
    const res = await seeded.post(`/wxa/getwxacodeunlimit?access_token=${t}`, { scene: 'table=3', page: 'pages/menu/menu' })
    payloads.push(decodePng(await res.arrayBuffer()).text!)
    await seeded.close()
  }
  expect(payloads[1]).toBe(payloads[0])
})
