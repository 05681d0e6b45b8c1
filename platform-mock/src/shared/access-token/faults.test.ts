import API from 'co-wechat-api'
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { mpKit } from '../../surfaces/miniprogram/testkit'
import { oaKit } from '../../surfaces/official-account/testkit'
import { wecomKit } from '../../surfaces/wecom/testkit'
import { testPlatform, type TestPlatform } from '../../testing'

// The fault library's api.weixin.qq.com and qyapi kinds, against a real platform over HTTP; the
// recoveries through co-wechat-api, as a merchant backend would meet them.

let p: TestPlatform
let mp: ReturnType<typeof mpKit>
let oa: ReturnType<typeof oaKit>
let wecom: ReturnType<typeof wecomKit>

beforeAll(async () => {
  p = await testPlatform({ seed: 'api-faults' })
  mp = mpKit(p)
  oa = oaKit(p)
  wecom = wecomKit(p)
})
afterAll(() => p.close())
beforeEach(async () => {
  await fetch(`${p.url}/_sandbox/faults`, { method: 'DELETE' })
})

const addFault = async (rule: Record<string, unknown>) => {
  const res = await p.post('/_sandbox/faults', rule)
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201)
  return (await res.json()) as { id: number }
}
const templates = (token: string) => p.json(`/wxaapi/newtmpl/gettemplate?access_token=${token}`)
const firings = async () => (await p.json('/_sandbox/events?type=fault.fired&limit=1000')).events as { surface: string; subject: Record<string, string>; payload: Record<string, unknown> }[]

test('the catalog lists the api and wecom kinds', async () => {
  const { surfaces } = await p.json('/_sandbox/faults/catalog')
  const faults = (s: string) => surfaces.find((x: { surface: string }) => x.surface === s).faults.map((f: { fault: string }) => f.fault)
  expect(faults('api')).toEqual(['-1', '40001', 'token-not-latest', '42001', '45009', '45011', '40164', '48001', '43101', '45047'])
  expect(faults('wecom')).toEqual(['-1', '40014', '42001', '45009', '60020', '48002'])
})

test.each([
  ['-1', -1, 'system error'],
  ['40001', 40001, 'invalid credential, access_token is invalid or not latest'],
  ['42001', 42001, 'access_token expired'],
  ['45009', 45009, 'reach max api daily quota limit'],
  ['45011', 45011, 'api minute-quota reach limit mustslower retry next minute'],
  ['40164', 40164, 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist'],
  ['48001', 48001, 'api unauthorized'],
])('%s answers WeChat\'s errmsg with its rid once, then the same token works again', async (fault, errcode, errmsg) => {
  const token = await mp.token()
  await addFault({ surface: 'api', fault, route: '/wxaapi/newtmpl/gettemplate', times: 1 })
  const answer = await templates(token)
  expect(answer).toEqual({ errcode, errmsg: expect.stringMatching(new RegExp(`^${errmsg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} rid: [0-9a-f-]+$`)) })
  expect((await templates(token)).errcode).toBe(0)
  const [fired] = (await firings()).slice(-1)
  expect(fired).toMatchObject({ surface: 'api', subject: { app: mp.mp.appid }, payload: { fault, route: '/wxaapi/newtmpl/gettemplate', method: 'GET', remaining: 0 } })
})

test('a rule for another app or route does not fire', async () => {
  const token = await mp.token()
  await addFault({ surface: 'api', fault: '-1', app: oa.oa.appid })
  await addFault({ surface: 'api', fault: '-1', route: '/cgi-bin/menu/*' })
  expect((await templates(token)).errcode).toBe(0)
})

test('40164 names the address a rule gives, also on /cgi-bin/token', async () => {
  await addFault({ surface: 'api', fault: '40164', params: { ip: '101.45.43.1' }, route: '/cgi-bin/token', times: 1 })
  const q = `grant_type=client_credential&appid=${mp.mp.appid}&secret=${mp.mp.secret}`
  expect(await p.json(`/cgi-bin/token?${q}`)).toEqual({ errcode: 40164, errmsg: expect.stringMatching(/^invalid ip 101\.45\.43\.1 ipv6 ::ffff:101\.45\.43\.1, not in whitelist rid: /) })
  expect(await p.json(`/cgi-bin/token?${q}`)).toMatchObject({ access_token: expect.any(String), expires_in: 7200 })
  expect((await p.post('/_sandbox/faults', { surface: 'api', fault: '40164', params: { ip: 'nope' } })).status).toBe(400)
})

test('token-not-latest: the merchant\'s token stops working for good; /cgi-bin/token gives a new one', async () => {
  const old = await mp.token()
  await addFault({ surface: 'api', fault: 'token-not-latest', times: 1 })
  expect((await templates(old)).errcode).toBe(40001)
  // not a one-off answer: the rule is spent and the token is still refused
  expect(await templates(old)).toEqual({ errcode: 40001, errmsg: expect.stringMatching(/^invalid credential, access_token is invalid or not latest rid: /) })
  const fresh = await mp.token()
  expect(fresh).not.toBe(old)
  expect((await templates(fresh)).errcode).toBe(0)
})

test('token-not-latest on a stable token: stable_token recovers with the token the other service holds', async () => {
  const stable = () => p.post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: mp.mp.appid, secret: mp.mp.secret }).then((r) => r.json())
  const old = (await stable()).access_token
  await addFault({ surface: 'api', fault: 'token-not-latest', times: 1 })
  expect((await templates(old)).errcode).toBe(40001)
  const recovered = (await stable()).access_token
  expect(recovered).not.toBe(old)
  expect((await templates(recovered)).errcode).toBe(0)
  expect((await templates(old)).errcode).toBe(40001)
})

test('co-wechat-api refreshes its token after 40001, 42001 and a not-latest token, and goes through', async () => {
  const api = new API(mp.mp.appid, mp.mp.secret)
  api.prefix = `${p.url}/cgi-bin/`
  api.wxaPrefix = `${p.url}/wxa/`
  for (const fault of ['40001', '42001', 'token-not-latest']) {
    await addFault({ surface: 'api', fault, route: '/wxa/getwxacodeunlimit', times: 1 })
    const png = await api.getWXACodeUnlimit('table=7', 'pages/menu/menu', 430)
    expect(Buffer.isBuffer(png), fault).toBe(true)
  }
  // a quota is not a token problem: the SDK throws it
  await addFault({ surface: 'api', fault: '45011', route: '/wxa/getwxacodeunlimit', times: 1 })
  await expect(api.getWXACodeUnlimit('table=7', 'pages/menu/menu', 430)).rejects.toMatchObject({ name: 'WeChatAPIError', code: 45011 })
})

test('45047 on a customer-service message to one person: nothing reaches them, another person still gets theirs', async () => {
  const api = new API(oa.oa.appid, oa.oa.secret) as unknown as { prefix: string; sendText(openid: string, text: string): Promise<{ errcode: number }> }
  api.prefix = `${p.url}/cgi-bin/`
  for (const who of ['grace', 'carol']) await oa.person(who, '/messages', { text: 'hi' })
  await addFault({ surface: 'api', fault: '45047', person: 'grace' })
  await expect(api.sendText((await oa.openid('grace')).openid, 'your order')).rejects.toMatchObject({ name: 'WeChatAPIError', code: 45047, message: expect.stringMatching(/^out of response count limit rid: /) })
  expect((await api.sendText((await oa.openid('carol')).openid, 'your order')).errcode).toBe(0)
  const grace = (await oa.person('grace', '/messages')).body
  expect(JSON.stringify(grace)).not.toContain('your order')
  expect((await firings()).slice(-1)[0]).toMatchObject({ subject: { person: 'grace' }, payload: { fault: '45047', route: '/cgi-bin/message/custom/send' } })
})

test('43101 on a subscription message: the consent is not used, the next send goes out', async () => {
  const token = await mp.token()
  const tmpl = Object.fromEntries((await mp.templates()).map((t) => [t.slug, t.templateId]))
  await p.post('/_sandbox/people/alice/miniprogram/subscribe', { tmplIds: [tmpl['points-changed']] })
  await addFault({ surface: 'api', fault: '43101', person: 'alice', times: 1 })
  const body = { touser: (await mp.openid('alice')).openid, template_id: tmpl['points-changed'], data: { thing1: { value: 'Purchase reward' }, number2: { value: 38 }, number3: { value: '1280' }, time4: { value: '09:20' } } }
  const send = () => p.post(`/cgi-bin/message/subscribe/send?access_token=${token}`, body).then((r) => r.json())
  expect(await send()).toEqual({ errcode: 43101, errmsg: expect.stringMatching(/^user refuse to accept the msg rid: /) })
  expect((await p.json('/_sandbox/people/alice/miniprogram/subscriptions')).subscriptions).toEqual([{ templateId: tmpl['points-changed'], remaining: 1 }])
  expect(await send()).toMatchObject({ errcode: 0 })
})

test.each([
  ['-1', -1, 'system busy'],
  ['40014', 40014, 'invalid access_token'],
  ['42001', 42001, 'access_token expired'],
  ['45009', 45009, 'api freq out of limit'],
  ['60020', 60020, 'not allow to access from your ip'],
  ['48002', 48002, 'api forbidden'],
])('WeCom %s answers with its hint and help link, for the corp the rule names', async (fault, errcode, errmsg) => {
  await wecom.token()
  await addFault({ surface: 'wecom', fault, app: wecom.cred.corpid, route: '/cgi-bin/externalcontact/get_follow_user_list', times: 1 })
  const answer = await wecom.api('/cgi-bin/externalcontact/get_follow_user_list')
  expect(answer).toEqual({ errcode, errmsg: `${errmsg}, hint: [${answer.errmsg.match(/hint: \[([^\]]+)\]/)?.[1]}], from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}` })
  expect((await wecom.api('/cgi-bin/externalcontact/get_follow_user_list')).errcode).toBe(0)
})

test('WeCom gettoken answers -1 and 60020 when a rule says so', async () => {
  await addFault({ surface: 'wecom', fault: '60020', route: '/cgi-bin/gettoken', times: 1 })
  const get = () => p.json(`/wecom/cgi-bin/gettoken?corpid=${wecom.cred.corpid}&corpsecret=${wecom.cred.contactSecret}`)
  expect((await get()).errcode).toBe(60020)
  expect(await get()).toMatchObject({ errcode: 0, access_token: expect.any(String) })
})
