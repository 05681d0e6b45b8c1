import API from 'co-wechat-api'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { templateIdFor } from './seed'
import { oaKit } from './testkit'

// co-wechat-api 3 (node-webot's Official Account SDK, as a brand backend would use it) pointed at
// the sandbox through its documented prefix fields. Its OA calls are not in the shared typings.
interface OaSdk {
  prefix: string
  mpPrefix: string
  createTmpQRCode(sceneId: number, expire: number): Promise<{ ticket: string; url: string; expire_seconds: number }>
  showQRCodeURL(ticket: string): string
  createMenu(menu: object): Promise<{ errcode: number }>
  getMenu(): Promise<{ menu: { button: unknown[] } }>
  getUser(openid: string): Promise<Record<string, unknown>>
  getFollowers(next?: string): Promise<{ total: number; data: { openid: string[] } }>
  sendText(openid: string, text: string): Promise<{ errcode: number }>
  sendTemplate(openid: string, templateId: string, url: string, color: string, data: object, miniprogram?: object): Promise<{ msgid: number }>
}

let p: TestPlatform
let kit: ReturnType<typeof oaKit>
let api: OaSdk

beforeAll(async () => {
  p = await testPlatform({ seed: 'oa-sdk' })
  kit = oaKit(p)
  api = new API(kit.oa.appid, kit.oa.secret) as unknown as OaSdk
  api.prefix = `${p.url}/cgi-bin/`
  api.mpPrefix = `${p.url}/cgi-bin/`
})
afterAll(() => p.close())

test('QR code, menu, followers and user info through the SDK', async () => {
  const qr = await api.createTmpQRCode(7, 3600)
  expect(qr).toMatchObject({ expire_seconds: 3600, url: expect.stringMatching(/^http:\/\/weixin\.qq\.com\/q\//) })
  const img = await fetch(api.showQRCodeURL(encodeURIComponent(qr.ticket)))
  expect(img.headers.get('content-type')).toBe('image/png')
  await api.createMenu({ button: [{ type: 'click', name: 'Coupons', key: 'C1' }] })
  expect((await api.getMenu()).menu.button).toEqual([{ type: 'click', name: 'Coupons', key: 'C1' }])
  const followers = await api.getFollowers()
  expect(followers.total).toBe(3)
  expect(await api.getUser(followers.data.openid[0]!)).toMatchObject({ subscribe: 1 })
})

test('a customer-service text outside the window becomes the SDK\'s 45015 error; a template message goes out', async () => {
  const grace = (await kit.openid('grace')).openid
  await expect(api.sendText(grace, 'hello')).rejects.toMatchObject({ name: 'WeChatAPIError', code: 45015 })
  await kit.person('grace', '/messages', { text: 'hi' })
  expect((await api.sendText(grace, 'hello')).errcode).toBe(0)
  const sent = await api.sendTemplate(grace, templateIdFor(kit.oa.appid, 'points-changed'), '', '', { number1: { value: '10' }, number2: { value: '110' }, thing3: { value: 'Order' } }, { appid: kit.mp.appid, pagepath: 'pages/member/member' })
  expect(sent.msgid).toEqual(expect.any(Number))
})
