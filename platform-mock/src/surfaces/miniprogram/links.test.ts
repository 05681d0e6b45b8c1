import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { mpKit } from './testkit'

let p: TestPlatform
let kit: ReturnType<typeof mpKit>

beforeAll(async () => {
  p = await testPlatform({ seed: 'links' })
  kit = mpKit(p)
})
afterAll(() => p.close())

// a fresh token each call: these tests move the clock by weeks
const post = async (path: string, body: unknown) => (await p.post(`${path}?access_token=${await kit.token()}`, body)).json()
const scan = async (person: string, payload: string) => {
  const res = await p.post(`/_sandbox/people/${person}/scan`, { payload })
  return { status: res.status, body: (await res.json()) as any }
}
const nowSeconds = () => Math.floor(p.platform.clock.now() / 1000)

test('generatescheme answers weixin://dl/business/?t=… which opens the page with its query and scene 1065', async () => {
  const res = await post('/wxa/generatescheme', {
    jump_wxa: { path: 'pages/product/product', query: 'id=oolong-250g&utm=sms', env_version: 'release' },
    is_expire: true,
    expire_type: 1,
    expire_interval: 7,
  })
  expect(res).toEqual({ errcode: 0, errmsg: 'ok', openlink: expect.stringMatching(/^weixin:\/\/dl\/business\/\?t=[A-Za-z0-9]{11}$/) })
  const opened = await scan('alice', res.openlink)
  expect(opened.status).toBe(201)
  expect(opened.body).toMatchObject({
    via: 'url-scheme',
    launchOptions: { path: 'pages/product/product', query: { id: 'oolong-250g', utm: 'sms' }, scene: 1065 },
    channel: 'link',
  })
})

test('generate_urllink answers https://wxaurl.cn/… which opens with scene 1194, also through the launch API', async () => {
  const res = await post('/wxa/generate_urllink', { path: 'pages/coupons/coupons', query: 'c=SPRING', expire_type: 0, expire_time: nowSeconds() + 3600 })
  expect(res).toEqual({ errcode: 0, errmsg: 'ok', url_link: expect.stringMatching(/^https:\/\/wxaurl\.cn\/[A-Za-z0-9]{11}$/) })
  expect((await scan('bob', res.url_link)).body.launchOptions).toMatchObject({ path: 'pages/coupons/coupons', query: { c: 'SPRING' }, scene: 1194 })
  const launched = await kit.launch('bob', { entry: 'url-link', url: res.url_link })
  expect(launched.body.launchOptions).toMatchObject({ path: 'pages/coupons/coupons', scene: 1194 })
})

test('an empty path links the home page', async () => {
  const res = await post('/wxa/generatescheme', {})
  expect((await scan('carol', res.openlink)).body.launchOptions.path).toBe('pages/index/index')
})

test('a link expires on the virtual clock: 30 days by default, then 410', async () => {
  const res = await post('/wxa/generate_urllink', { path: 'pages/menu/menu' })
  await kit.advance('29d')
  expect((await scan('dave', res.url_link)).status).toBe(201)
  await kit.advance('1d')
  const expired = await scan('dave', res.url_link)
  expect(expired.status).toBe(410)
  expect(expired.body.error.code).toBe('expired')
})

test('a path with a query or not published gets 40165; a bad query 40212', async () => {
  expect((await post('/wxa/generatescheme', { jump_wxa: { path: 'pages/menu/menu?x=1' } })).errcode).toBe(40165)
  expect((await post('/wxa/generate_urllink', { path: 'pages/nope/nope' })).errcode).toBe(40165)
  const badQuery = await post('/wxa/generate_urllink', { path: 'pages/menu/menu', query: 'name=中文' })
  expect(badQuery).toEqual({ errcode: 40212, errmsg: expect.stringMatching(/^invalid query rid: /) })
  expect((await post('/wxa/generate_urllink', { query: 'x'.repeat(1025) })).errcode).toBe(40212)
})

test('an expiry outside one minute to 30 days gets 85401', async () => {
  for (const body of [
    { expire_type: 1, expire_interval: 31 },
    { expire_type: 1, expire_interval: 0 },
    { expire_type: 1 },
    { expire_type: 0, expire_time: nowSeconds() + 30 },
    { expire_type: 0, expire_time: nowSeconds() - 3600 },
    { expire_type: 0, expire_time: nowSeconds() + 31 * 86_400 },
  ]) {
    const res = await post('/wxa/generate_urllink', { path: 'pages/menu/menu', is_expire: true, ...body })
    expect(res.errcode).toBe(85401)
  }
})

test('bad bodies: 47001 for non-JSON, 44002 for empty, 47003 for a bad env_version', async () => {
  const token = await kit.token()
  expect((await (await p.post(`/wxa/generatescheme?access_token=${token}`, '{oops')).json()).errcode).toBe(47001)
  expect((await (await p.post(`/wxa/generatescheme?access_token=${token}`, '')).json()).errcode).toBe(44002)
  expect((await post('/wxa/generatescheme', { jump_wxa: { env_version: 'beta' } })).errcode).toBe(47003)
})

test('an unknown link is a 404', async () => {
  expect((await scan('erin', 'https://wxaurl.cn/AAAAAAAAAAA')).status).toBe(404)
  expect((await scan('erin', 'weixin://dl/business/?t=AAAAAAAAAAA')).status).toBe(404)
})

test('a plain-text scheme opens its appid’s page with scene 1286', async () => {
  const url = `weixin://dl/business/?appid=${kit.mp.appid}&path=pages/menu/menu&query=${encodeURIComponent('table=4')}&env_version=release`
  const { body } = await scan('frank', url)
  expect(body).toMatchObject({ via: 'plain-scheme', launchOptions: { path: 'pages/menu/menu', query: { table: '4' }, scene: 1286 } })
})
