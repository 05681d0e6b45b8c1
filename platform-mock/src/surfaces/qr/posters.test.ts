import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { decodePng } from '../miniprogram/testkit'

let p: TestPlatform

beforeAll(async () => {
  p = await testPlatform({ seed: 'posters' })
})
afterAll(() => p.close())

const scanPayload = async (person: string, payload: string) =>
  (await (await p.post(`/_sandbox/people/${person}/scan`, { payload })).json()) as any

test('a table poster is a printable SVG carrying a real code for the menu page with the table as scene', async () => {
  const res = await p.get('/_sandbox/qr/posters/table?table=12&store=SH01')
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8')
  const svg = await res.text()
  expect(svg).toMatch(/^<\?xml[^>]*\?>\n<svg [^>]*width="148mm" height="210mm"/)
  expect(svg).toContain('Table 12')
  const payload = res.headers.get('x-sandbox-code-payload')!
  expect(svg).toContain(`data-payload="${payload}"`)
  const scanned = await scanPayload('alice', payload)
  expect(scanned.launchOptions).toMatchObject({ path: 'pages/menu/menu', query: { scene: encodeURIComponent('table=12&store=SH01') }, scene: 1047 })
})

test('the poster’s code as PNG decodes to the same payload, and the same poster gives the same code', async () => {
  const svg = await p.get('/_sandbox/qr/posters/product?id=oolong-250g&name=Oolong%20250g&price=%C2%A568')
  const payload = svg.headers.get('x-sandbox-code-payload')
  expect(await svg.text()).toContain('Oolong 250g')
  const png = await p.get('/_sandbox/qr/posters/product?id=oolong-250g&format=png')
  expect(png.headers.get('content-type')).toBe('image/png')
  expect(decodePng(await png.arrayBuffer()).text).toBe(payload)
  const info = await p.json('/_sandbox/qr/posters/product?id=oolong-250g&format=json')
  expect(info).toMatchObject({ kind: 'product', payload, page: 'pages/product/product', scene: 'id=oolong-250g' })
  const image = await p.get(info.imageUrl + '?width=300')
  expect(decodePng(await image.arrayBuffer())).toMatchObject({ width: 300, text: payload })
  expect(await p.json(`/_sandbox/qr/codes/${info.codeId}`)).toMatchObject({ kind: 'unlimited', page: 'pages/product/product', scene: 'id=oolong-250g' })
})

test('a campaign poster opens the home page (or the page given) with the campaign as scene', async () => {
  const info = await p.json('/_sandbox/qr/posters/campaign?code=SPRING26&title=Spring%20blend&format=json')
  expect(info).toMatchObject({ page: 'pages/index/index', scene: 'campaign=SPRING26' })
  const coupons = await p.json('/_sandbox/qr/posters/campaign?code=SPRING26&page=pages/coupons/coupons&format=json')
  expect((await scanPayload('bob', coupons.payload)).launchOptions).toMatchObject({ path: 'pages/coupons/coupons', query: { scene: 'campaign%3DSPRING26' } })
})

test('bad poster requests are 4xx and explain themselves', async () => {
  const missing = await p.get('/_sandbox/qr/posters/table')
  expect(missing.status).toBe(400)
  expect((await missing.json()).error.message).toMatch(/table/)
  expect((await p.get('/_sandbox/qr/posters/table?table=1&page=pages/nope/nope')).status).toBe(400)
  expect((await (await p.get(`/_sandbox/qr/posters/campaign?code=${'X'.repeat(30)}`)).json()).error.code).toBe('invalid_scene')
  expect((await p.get('/_sandbox/qr/posters/table?table=1&format=gif')).status).toBe(400)
  expect((await p.get('/_sandbox/qr/posters/menu-board?x=1')).status).toBe(404)
  expect((await p.get('/_sandbox/qr/codes/NOPE')).status).toBe(404)
})
