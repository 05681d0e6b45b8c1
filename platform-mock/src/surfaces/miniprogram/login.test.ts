import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { mpKit } from './testkit'

let p: TestPlatform
let kit: ReturnType<typeof mpKit>

beforeAll(async () => {
  p = await testPlatform()
  kit = mpKit(p)
})
afterAll(() => p.close())

test('wx.login gives a 32-character code with errMsg login:ok', async () => {
  const res = await p.post('/_sandbox/people/alice/miniprogram/login', {})
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual({ code: expect.stringMatching(/^[A-Za-z0-9]{32}$/), errMsg: 'login:ok' })
})

test('jscode2session exchanges a code for the person’s openid, a session_key and the brand unionid', async () => {
  const { code } = await kit.wxLogin('alice')
  const session = await kit.code2session(code)
  const alice = await kit.openid('alice')
  expect(session).toEqual({ session_key: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/), openid: alice.openid, unionid: alice.unionid })
  expect(session.errcode).toBeUndefined()
})

test('every login has its own session_key', async () => {
  const one = await kit.code2session((await kit.wxLogin('bob')).code)
  const two = await kit.code2session((await kit.wxLogin('bob')).code)
  expect(one.openid).toBe(two.openid)
  expect(one.session_key).not.toBe(two.session_key)
})

test('a code works once: the second exchange gets 40163 code been used', async () => {
  const { code } = await kit.wxLogin('carol')
  expect((await kit.code2session(code)).openid).toBeDefined()
  const again = await kit.code2session(code)
  expect(again).toEqual({ errcode: 40163, errmsg: expect.stringMatching(/^code been used, rid: \S+$/) })
})

test('a code expires after 5 minutes of virtual time (40029)', async () => {
  const fresh = await kit.wxLogin('dave')
  const stale = await kit.wxLogin('dave')
  await kit.advance('4m59s')
  expect((await kit.code2session(fresh.code)).openid).toBeDefined()
  await kit.advance('1s')
  expect((await kit.code2session(stale.code)).errcode).toBe(40029)
})

test('an unknown code gets 40029', async () => {
  expect((await kit.code2session('0' + 'x'.repeat(31))).errcode).toBe(40029)
})

test('a wrong secret gets 40125 and leaves the code usable', async () => {
  const { code } = await kit.wxLogin('erin')
  const wrong = await kit.code2session(code, 'f'.repeat(32))
  expect(wrong.errcode).toBe(40125)
  expect(wrong.errmsg).toMatch(/^invalid appsecret rid: /)
  expect((await kit.code2session(code)).openid).toBeDefined()
})

test('a wrong appid gets 40013, and the Official Account’s own credentials get 40029 for a mini program code', async () => {
  const { code } = await kit.wxLogin('frank')
  expect((await kit.code2session(code, kit.mp.secret, 'wx0000000000000000')).errcode).toBe(40013)
  expect((await kit.code2session(code, kit.oa.secret, kit.oa.appid)).errcode).toBe(40029)
  expect((await kit.code2session(code)).openid).toBeDefined()
})

test('missing parameters get 41002, 41004 and 41008', async () => {
  expect((await p.json('/sns/jscode2session?secret=x&js_code=y')).errcode).toBe(41002)
  expect((await p.json(`/sns/jscode2session?appid=${kit.mp.appid}&js_code=y`)).errcode).toBe(41004)
  expect((await p.json(`/sns/jscode2session?appid=${kit.mp.appid}&secret=${kit.mp.secret}`)).errcode).toBe(41008)
})

test('the path is case-sensitive: jsCode2Session is 40066 invalid url', async () => {
  const { code } = await kit.wxLogin('grace')
  const res = await p.json(`/sns/jsCode2Session?appid=${kit.mp.appid}&secret=${kit.mp.secret}&js_code=${code}`)
  expect(res.errcode).toBe(40066)
})

test('a launch hands out a fresh login code, and the exchange is logged on the person’s journey', async () => {
  const { body } = await kit.launch('henry', { entry: 'search' })
  expect(body.login).toEqual({ code: expect.stringMatching(/^[A-Za-z0-9]{32}$/), errMsg: 'login:ok' })
  expect((await kit.code2session(body.login.code)).openid).toBe((await kit.openid('henry')).openid)
  const events = (await p.json('/_sandbox/events?type=miniprogram.session.created&order=desc&limit=1')).events
  expect(events[0]).toMatchObject({ actor: kit.mp.appid, subject: { person: 'henry', appid: kit.mp.appid }, journeyId: body.journeyId })
})

test('wx.login for an unknown person or app is a 404', async () => {
  expect((await p.post('/_sandbox/people/nobody/miniprogram/login', {})).status).toBe(404)
  expect((await p.post('/_sandbox/people/alice/miniprogram/login', { appid: kit.oa.appid })).status).toBe(404)
})
