import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from './testing'

let p: TestPlatform
let cred: any

beforeAll(async () => {
  p = await testPlatform()
  cred = await p.json('/_sandbox/credentials')
})
afterAll(() => p.close())

async function oaToken() {
  const q = `grant_type=client_credential&appid=${cred.officialAccount.appid}&secret=${cred.officialAccount.secret}`
  return (await p.json(`/cgi-bin/token?${q}`)).access_token as string
}

async function wecomToken() {
  const q = `corpid=${cred.wecom.corpid}&corpsecret=${cred.wecom.agentSecret}`
  return (await p.json(`/wecom/cgi-bin/gettoken?${q}`)).access_token as string
}

describe('the /cgi-bin/user/get clash', () => {
  test('answers the Official Account follower list on api.weixin.qq.com', async () => {
    const token = await oaToken()
    const body = await p.json(`/cgi-bin/user/get?access_token=${token}`)
    expect(body.total).toBe(3)
    expect(body.count).toBe(3)
    expect(body.data.openid).toHaveLength(3)
    for (const openid of body.data.openid) expect(openid).toMatch(/^o[A-Za-z0-9_-]{27}$/)
    expect(body.next_openid).toBe(body.data.openid[2])
  })

  test('answers WeCom member detail under /wecom and by Host header', async () => {
    const token = await wecomToken()
    const byPath = await p.json(`/wecom/cgi-bin/user/get?access_token=${token}&userid=LilyChen`)
    expect(byPath).toMatchObject({ errcode: 0, errmsg: 'ok', userid: 'LilyChen', name: 'Lily Chen' })
    const byHost = await p.raw(`/cgi-bin/user/get?access_token=${token}&userid=MaxZhou`, { Host: 'qyapi.weixin.qq.com' })
    expect(byHost.body).toMatchObject({ errcode: 0, userid: 'MaxZhou' })
    const byForwardedHost = await p.json(`/cgi-bin/user/get?access_token=${token}&userid=MaxZhou`, {
      headers: { 'X-Forwarded-Host': 'qyapi.weixin.qq.com' },
    })
    expect(byForwardedHost).toMatchObject({ errcode: 0, userid: 'MaxZhou' })
  })

  test('does not accept a WeCom token on the Official Account host, nor the reverse', async () => {
    const oa = await p.json(`/cgi-bin/user/get?access_token=${await wecomToken()}`)
    expect(oa.errcode).toBe(40001)
    expect(oa.errmsg).toMatch(/^invalid credential.* rid: \S+$/)
    const wecom = await p.json(`/wecom/cgi-bin/user/get?access_token=${await oaToken()}&userid=LilyChen`)
    expect(wecom.errcode).toBe(40014)
    expect(wecom.errmsg).toMatch(/hint: \[\w+\].*more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=40014$/)
  })

  test('a Host header naming api.weixin.qq.com turns the /wecom path convention off', async () => {
    const res = await p.raw(`/wecom/cgi-bin/user/get?access_token=${await oaToken()}`, { Host: 'api.weixin.qq.com' })
    expect(res.body.errcode).toBe(40066)
    const followers = await p.raw(`/cgi-bin/user/get?access_token=${await oaToken()}`, { Host: 'api.weixin.qq.com:443' })
    expect(followers.body.total).toBe(3)
  })
})

describe('unknown routes answer in the host envelope', () => {
  test('api.weixin.qq.com: 40066 invalid url with a rid', async () => {
    const res = await p.get('/cgi-bin/no/such/api')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ errcode: 40066, errmsg: expect.stringMatching(/^invalid url rid: [0-9a-f-]+$/) })
  })

  test('api.mch.weixin.qq.com: 404 with code and message, and a Request-ID', async () => {
    const res = await p.get('/v3/no/such/api')
    expect(res.status).toBe(404)
    expect(res.headers.get('request-id')).toMatch(/^[0-9A-F]{40}-0$/)
    expect(await res.json()).toEqual({ code: 'RESOURCE_NOT_EXISTS', message: expect.any(String) })
  })

  test('api.mch.weixin.qq.com is also picked by Host header, and so is its backup host', async () => {
    for (const host of ['api.mch.weixin.qq.com', 'api2.mch.weixin.qq.com']) {
      const res = await p.raw('/cgi-bin/token', { Host: host })
      expect(res.status).toBe(404)
      expect(res.body.code).toBe('RESOURCE_NOT_EXISTS')
    }
  })

  test('qyapi.weixin.qq.com: errcode with hint', async () => {
    const body = await p.json('/wecom/cgi-bin/no-such-api')
    expect(body.errcode).toBe(40066)
    expect(body.errmsg).toMatch(/^invalid url, hint: \[/)
  })

  test('the sandbox API: a JSON 404', async () => {
    const res = await p.get('/_sandbox/nope')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } })
  })
})

describe('access tokens', () => {
  test('a wrong secret gets 40125 and a wrong appid 40013', async () => {
    const wrongSecret = await p.json(`/cgi-bin/token?grant_type=client_credential&appid=${cred.miniProgram.appid}&secret=nope`)
    expect(wrongSecret.errcode).toBe(40125)
    const wrongApp = await p.json(`/cgi-bin/token?grant_type=client_credential&appid=wx0000000000000000&secret=nope`)
    expect(wrongApp.errcode).toBe(40013)
  })

  test('a mini program token may not read the Official Account followers (48001)', async () => {
    const q = `grant_type=client_credential&appid=${cred.miniProgram.appid}&secret=${cred.miniProgram.secret}`
    const { access_token } = await p.json(`/cgi-bin/token?${q}`)
    expect((await p.json(`/cgi-bin/user/get?access_token=${access_token}`)).errcode).toBe(48001)
  })

  test('malformed JSON to stable_token gets 47001', async () => {
    const res = await p.post('/cgi-bin/stable_token', '{not json')
    expect((await res.json()).errcode).toBe(47001)
  })

  test('a token expires after 7200 s of virtual time (42001)', async () => {
    const token = await oaToken()
    await p.post('/_sandbox/clock/advance', { by: '7199s' })
    expect((await p.json(`/cgi-bin/user/get?access_token=${token}`)).total).toBe(3)
    await p.post('/_sandbox/clock/advance', { by: '1s' })
    expect((await p.json(`/cgi-bin/user/get?access_token=${token}`)).errcode).toBe(42001)
  })

  test('a renewed token leaves the previous one 5 minutes of overlap', async () => {
    const first = await oaToken()
    const second = await oaToken()
    expect(second).not.toBe(first)
    expect((await p.json(`/cgi-bin/user/get?access_token=${first}`)).total).toBe(3)
    await p.post('/_sandbox/clock/advance', { by: '5m' })
    expect((await p.json(`/cgi-bin/user/get?access_token=${first}`)).errcode).toBe(40001)
    expect((await p.json(`/cgi-bin/user/get?access_token=${second}`)).total).toBe(3)
  })

  test('the stable token is the same token until forced', async () => {
    const body = { grant_type: 'client_credential', appid: cred.officialAccount.appid, secret: cred.officialAccount.secret }
    const a = await (await p.post('/cgi-bin/stable_token', body)).json()
    const b = await (await p.post('/cgi-bin/stable_token', body)).json()
    expect(b.access_token).toBe(a.access_token)
    const forced = await (await p.post('/cgi-bin/stable_token', { ...body, force_refresh: true })).json()
    expect(forced.access_token).not.toBe(a.access_token)
    expect((await p.json(`/cgi-bin/user/get?access_token=${a.access_token}`)).errcode).toBe(40001)
  })
})

test('answers 43002 require POST method to another method on a POST-only API, 40066 to an unknown one', async () => {
  const token = await oaToken()
  for (const [method, path] of [
    ['GET', `/cgi-bin/message/custom/send?access_token=${token}`],
    ['PUT', `/cgi-bin/menu/create?access_token=${token}`],
    ['GET', `/wxa/getwxacodeunlimit?access_token=${token}`],
  ]) {
    const res = await fetch(p.url + path, { method })
    expect(await res.json()).toEqual({ errcode: 43002, errmsg: expect.stringMatching(/^require POST method rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/) })
  }
  expect((await p.json(`/cgi-bin/no/such/api?access_token=${token}`)).errcode).toBe(40066)
})
