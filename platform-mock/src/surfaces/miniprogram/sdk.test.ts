import API from 'co-wechat-api'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { decodePng, mpKit } from './testkit'

// A real community SDK (co-wechat-api 3, as a merchant backend would use it) pointed at the sandbox
// through its documented prefix fields.

let p: TestPlatform
let kit: ReturnType<typeof mpKit>
let api: API

beforeAll(async () => {
  p = await testPlatform({ seed: 'sdk' })
  kit = mpKit(p)
  api = new API(kit.mp.appid, kit.mp.secret)
  api.prefix = `${p.url}/cgi-bin/`
  api.snsPrefix = `${p.url}/sns/`
  api.wxaPrefix = `${p.url}/wxa/`
})
afterAll(() => p.close())

test('code2Session logs a person in from their wx.login code, and a reused code throws 40163', async () => {
  const { code } = await kit.wxLogin('alice')
  const session = await api.code2Session(code)
  expect(session).toMatchObject({ openid: (await kit.openid('alice')).openid, session_key: expect.any(String) })
  await expect(api.code2Session(code)).rejects.toMatchObject({ name: 'WeChatAPIError', code: 40163 })
})

test('getWXACodeUnlimit returns PNG bytes whose code the scanner opens at the page', async () => {
  const png = await api.getWXACodeUnlimit('table=7', 'pages/menu/menu', 430)
  expect(Buffer.isBuffer(png)).toBe(true)
  const { text } = decodePng(png)
  const scanned = await (await p.post('/_sandbox/people/bob/scan', { payload: text })).json()
  expect(scanned.launchOptions).toMatchObject({ path: 'pages/menu/menu', query: { scene: 'table%3D7' }, scene: 1047 })
})

test('an error on an image API reaches the SDK as JSON and becomes its exception', async () => {
  await expect(api.getWXACodeUnlimit('x'.repeat(40), 'pages/menu/menu')).rejects.toMatchObject({ code: 40169 })
  await expect(api.createWXAQRCode('')).rejects.toMatchObject({ code: 40159 })
})

test('sendSubscribeMessage delivers after consent and throws 43101 without it', async () => {
  const [template] = (await kit.templates()).filter((t) => t.slug === 'points-changed')
  const openid = (await kit.openid('carol')).openid
  const data = { thing1: { value: 'Purchase reward' }, number2: { value: '38' }, number3: { value: '1318' }, time4: { value: '2026-03-02 09:20' } }
  await expect(api.sendSubscribeMessage(openid, template!.templateId, 'pages/member/member', data)).rejects.toMatchObject({ code: 43101 })
  await p.post('/_sandbox/people/carol/miniprogram/subscribe', { tmplIds: [template!.templateId] })
  expect(await api.sendSubscribeMessage(openid, template!.templateId, 'pages/member/member', data)).toMatchObject({ errcode: 0, errmsg: 'ok' })
  expect((await p.json('/_sandbox/people/carol/service-notifications')).notifications).toHaveLength(1)
})

test('after 7200 s of virtual time the SDK gets 42001, fetches a new token and retries by itself', async () => {
  const before = await api.getAccessToken()
  await kit.advance('2h')
  const png = await api.getWXACode('pages/product/product?id=1')
  expect(decodePng(png).text).not.toBeNull()
  const after = await api.getAccessToken()
  expect(after.accessToken).not.toBe(before.accessToken)
})
