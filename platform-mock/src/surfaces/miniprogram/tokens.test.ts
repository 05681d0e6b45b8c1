import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { mpKit } from './testkit'

let p: TestPlatform
let kit: ReturnType<typeof mpKit>

beforeAll(async () => {
  // a seeded world's clock stands still between calls, so expires_in is exact
  p = await testPlatform({ seed: 'tokens' })
  kit = mpKit(p)
})
afterAll(() => p.close())

const RID = / rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/

/** A token-protected mini program call that answers JSON. */
const urlLink = async (token?: string) =>
  (await p.post(`/wxa/generate_urllink${token === undefined ? '' : `?access_token=${token}`}`, { path: 'pages/menu/menu' })).json()

test('a mini program token works on mini program APIs for 7200 s of virtual time, then gets 42001', async () => {
  const token = await kit.token()
  expect((await urlLink(token)).errcode).toBe(0)
  await kit.advance('7199s')
  expect((await urlLink(token)).errcode).toBe(0)
  await kit.advance('1s')
  const expired = await urlLink(token)
  expect(expired.errcode).toBe(42001)
  expect(expired.errmsg).toMatch(new RegExp(`^access_token expired${RID.source}`))
})

test('a missing token gets 41001 and an unknown one 40001, each with a rid', async () => {
  const missing = await urlLink()
  expect(missing).toEqual({ errcode: 41001, errmsg: expect.stringMatching(new RegExp(`^access_token missing${RID.source}`)) })
  const unknown = await urlLink('not-a-token')
  expect(unknown.errcode).toBe(40001)
  expect(unknown.errmsg).toMatch(new RegExp(`^invalid credential, access_token is invalid or not latest${RID.source}`))
})

test('renewing keeps the previous token alive for 5 minutes, then it gets 40001', async () => {
  const first = await kit.token()
  const second = await kit.token()
  expect(second).not.toBe(first)
  await kit.advance('4m59s')
  expect((await urlLink(first)).errcode).toBe(0)
  await kit.advance('1s')
  expect((await urlLink(first)).errcode).toBe(40001)
  expect((await urlLink(second)).errcode).toBe(0)
})

test('the stable token is reused, renewed inside its last 5 minutes with overlap, and replaced when forced', async () => {
  const body = { grant_type: 'client_credential', appid: kit.mp.appid, secret: kit.mp.secret }
  const stable = async (extra = {}) => (await p.post('/cgi-bin/stable_token', { ...body, ...extra })).json()
  const a = await stable({ force_refresh: true })
  expect(a.expires_in).toBe(7200)
  await kit.advance('1h')
  const same = await stable()
  expect(same.access_token).toBe(a.access_token)
  expect(same.expires_in).toBe(3600)
  await kit.advance('56m')
  const renewed = await stable()
  expect(renewed.access_token).not.toBe(a.access_token)
  expect(renewed.expires_in).toBe(7200)
  expect((await urlLink(a.access_token)).errcode).toBe(0)
  await kit.advance('4m')
  expect((await urlLink(a.access_token)).errcode).toBe(42001)
  const forced = await stable({ force_refresh: true })
  expect(forced.access_token).not.toBe(renewed.access_token)
  expect((await urlLink(renewed.access_token)).errcode).toBe(40001)
  expect((await urlLink(forced.access_token)).errcode).toBe(0)
})

test('plain and stable tokens are independent of each other', async () => {
  const body = { grant_type: 'client_credential', appid: kit.mp.appid, secret: kit.mp.secret }
  const stable = await (await p.post('/cgi-bin/stable_token', body)).json()
  await kit.token()
  await kit.token()
  await kit.advance('6m')
  expect((await urlLink(stable.access_token)).errcode).toBe(0)
})

test('an Official Account token gets 48001 on mini program APIs', async () => {
  const token = await kit.token(kit.oa)
  const res = await urlLink(token)
  expect(res.errcode).toBe(48001)
  expect(res.errmsg).toMatch(new RegExp(`^api unauthorized${RID.source}`))
})
