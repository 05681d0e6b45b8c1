import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../platform-mock/src/testing'
import { testMerchant } from './testing'
import { OaCrypto, sha1Signature, toXml } from '../wechat/oa-crypto'
import { WECOM_PATH } from './wecom'

let p: TestPlatform
let m: Awaited<ReturnType<typeof testMerchant>>
let cred: { corpid: string; token: string; encodingAESKey: string; contactSecret: string }

beforeAll(async () => {
  p = await testPlatform({ seed: 'merchant-wecom' })
  m = await testMerchant(p.url, { publish: false })
  cred = (await p.json('/_sandbox/credentials')).wecom
})
afterAll(async () => {
  await m.close()
  await p.close()
})

const get = async (path: string) => (await fetch(p.url + path)).json() as Promise<any>
const send = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(p.url + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  return { status: res.status, body: (await res.json()) as any }
}
const wecomApi = async (path: string, body?: unknown) => {
  const { access_token } = await get(`/wecom/cgi-bin/gettoken?corpid=${cred.corpid}&corpsecret=${cred.contactSecret}`)
  const sep = path.includes('?') ? '&' : '?'
  const res = await fetch(`${p.url}/wecom${path}${sep}access_token=${access_token}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) })
  return (await res.json()) as any
}

/** Alice's paid order of two drinks. */
async function paidOrder(person: string) {
  const token = await m.loginAs(person)
  const { order, payment } = await m.orderTwoDrinks(token)
  await m.payAs(person, payment)
  await m.call('GET', `/api/orders/${order.id}`, undefined, token)
  return { token, order }
}

describe('WeCom: callback, consultant from the order page, welcome, tags, re-engagement, customer service', () => {
  let alice: { token: string; order: { id: string } }
  let externalUserid = ''
  let conversation = ''

  test('connecting verifies the callback URL (encrypted echostr) and creates the brand’s tags', async () => {
    const res = await m.call('POST', '/admin/wecom/connect')
    expect(res.status).toBe(200)
    expect(res.body.callback).toMatchObject({ state: 'enabled', url: `${m.url}${WECOM_PATH}` })
    expect(res.body.tags).toEqual({ bought: expect.stringMatching(/^et/), repeat: expect.stringMatching(/^et/) })
    const list = await wecomApi('/cgi-bin/externalcontact/get_corp_tag_list', {})
    expect(list.tag_group.map((g: any) => [g.group_name, g.tag.map((t: any) => t.name)])).toEqual([['Purchase', ['Bought', 'Repeat buyer']]])
    // connecting again keeps the same tags
    expect((await m.call('POST', '/admin/wecom/connect')).body.tags).toEqual(res.body.tags)
  })

  test('the order page’s consultant code carries the order id as state; only for the buyer’s paid orders', async () => {
    alice = await paidOrder('alice')
    const code = await m.call('GET', `/api/orders/${alice.order.id}/consultant`, undefined, alice.token)
    expect(code.status).toBe(200)
    expect(code.body).toMatchObject({ orderId: alice.order.id, configId: expect.stringMatching(/^[0-9a-f]{32}$/), userid: 'LilyChen', image: expect.stringMatching(/\/wwhead\/\w+\/0$/) })
    expect((await m.call('GET', `/api/orders/${alice.order.id}/consultant`, undefined, alice.token)).body.configId).toBe(code.body.configId)
    const way = await wecomApi('/cgi-bin/externalcontact/get_contact_way', { config_id: code.body.configId })
    expect(way.contact_way).toMatchObject({ state: alice.order.id, user: ['LilyChen'], type: 1, scene: 2 })
    const png = await fetch(code.body.image)
    expect(png.headers.get('content-type')).toBe('image/png')

    const bob = await m.loginAs('bob')
    expect((await m.call('GET', `/api/orders/${alice.order.id}/consultant`, undefined, bob)).status).toBe(404)
    const { order: unpaid } = await m.orderTwoDrinks(bob)
    expect((await m.call('GET', `/api/orders/${unpaid.id}/consultant`, undefined, bob)).status).toBe(409)
  })

  test('adding the consultant brings the welcome message with the order’s card, and the Bought tag', async () => {
    const code = (await m.call('GET', `/api/orders/${alice.order.id}/consultant`, undefined, alice.token)).body
    const added = await send('POST', '/_sandbox/people/alice/wecom/contacts', { configId: code.configId })
    expect(added.status).toBe(201)
    expect(added.body.push).toEqual({ pushed: true, ok: true, attempts: 1, detail: null })
    externalUserid = added.body.externalUserid
    conversation = added.body.conversation
    const chat = (await get(`/_sandbox/people/alice/wecom/conversations/${conversation}/messages`)).messages
    expect(chat.map((x: any) => [x.source, x.kind])).toEqual([
      ['welcome', 'text'],
      ['welcome', 'miniprogram'],
    ])
    expect(chat[0].body.content).toMatch(/^Hi Alice, I'm your Lumen Coffee consultant\. Thanks for order [AT]\d+!/)
    expect(chat[1].body).toMatchObject({ path: `pages/order/order?id=${alice.order.id}&src=wecom`, pageNotFound: false })

    const detail = await wecomApi(`/cgi-bin/externalcontact/get?external_userid=${externalUserid}`)
    expect(detail.follow_user[0]).toMatchObject({ userid: 'LilyChen', state: alice.order.id, tags: [expect.objectContaining({ group_name: 'Purchase', tag_name: 'Bought', type: 1 })] })
    const customers = (await m.call('GET', `/admin/wecom/customers/${externalUserid}`)).body.customers
    expect(customers).toEqual([expect.objectContaining({ userid: 'LilyChen', orderId: alice.order.id, memberId: expect.any(String), welcomed: true, reengageMsgid: null })])
  })

  test('a week after the purchase (virtual clock), the re-engagement job creates one mass task with the menu card; it lands once the consultant confirms', async () => {
    expect((await m.call('POST', '/admin/jobs/wecom-reengage')).body).toEqual({ due: 0, tasks: [], repeatBuyers: 0 })
    await send('POST', '/_sandbox/clock/advance', { by: '7d' })
    const job = await m.call('POST', '/admin/jobs/wecom-reengage')
    expect(job.body).toEqual({ due: 1, tasks: [{ msgid: expect.stringMatching(/^msg/), sender: 'LilyChen', customers: 1, failList: [] }], repeatBuyers: 0 })
    expect((await m.call('POST', '/admin/jobs/wecom-reengage')).body.due).toBe(0)
    const msgid = job.body.tasks[0].msgid
    await send('POST', `/_sandbox/wecom/msg-templates/${msgid}/confirm`, {})
    const chat = (await get(`/_sandbox/people/alice/wecom/conversations/${conversation}/messages`)).messages
    expect(chat.slice(-2).map((x: any) => [x.source, x.kind, x.body.path ?? null])).toEqual([
      ['mass', 'text', null],
      ['mass', 'miniprogram', 'pages/menu/menu?src=wecom'],
    ])
  })

  test('a re-engaged customer who buys again is tagged "Repeat buyer" by the next run of the job, once', async () => {
    const { order, payment } = await m.orderTwoDrinks(alice.token, { scene: 1007, query: { src: 'wecom' } })
    await m.payAs('alice', payment)
    const paid = (await m.call('GET', `/api/orders/${order.id}`, undefined, alice.token)).body.order
    expect(paid).toMatchObject({ status: 'paid', entry: { scene: 1007, channel: 'wecom' } })
    expect((await m.call('POST', '/admin/jobs/wecom-reengage')).body).toEqual({ due: 0, tasks: [], repeatBuyers: 1 })
    expect((await m.call('POST', '/admin/jobs/wecom-reengage')).body.repeatBuyers).toBe(0)
    const detail = await wecomApi(`/cgi-bin/externalcontact/get?external_userid=${externalUserid}`)
    expect(detail.follow_user[0].tags.map((t: any) => t.tag_name)).toEqual(['Bought', 'Repeat buyer'])
  })

  test('customer service: the chat opened from the order page is answered with the order’s status', async () => {
    const service = await m.call('GET', '/api/service-chat', undefined, alice.token)
    expect(service.body).toMatchObject({ corpId: cred.corpid, url: expect.stringMatching(/^https:\/\/work\.weixin\.qq\.com\/kfid\/kfc/) })
    const opened = await send('POST', '/_sandbox/people/alice/kf/open', { url: `${service.body.url}&scene_param=${encodeURIComponent(alice.order.id)}`, corpId: service.body.corpId })
    expect(opened.status).toBe(201)
    await send('POST', `/_sandbox/people/alice/wecom/conversations/${opened.body.conversation}/messages`, { text: 'Is my order ready?' })
    const chat = (await get(`/_sandbox/people/alice/wecom/conversations/${opened.body.conversation}/messages`)).messages
    expect(chat.map((x: any) => [x.from, x.kind])).toEqual([
      ['system', 'event'],
      ['customer', 'text'],
      ['staff', 'text'],
    ])
    expect(chat[2].body.content).toMatch(/^Order [AT]\d+ is paid and being prepared\. Total ¥57\.00\./)
  })

  test('the callback refuses a bad echostr signature, a push for another corp and a forged signature, and changes nothing', async () => {
    const ts = '1409659589'
    const nonce = '263014780'
    const crypto = new OaCrypto(cred.token, cred.encodingAESKey, cred.corpid)
    const echostr = crypto.encrypt('12345')
    const ok = await fetch(`${m.url}${WECOM_PATH}?msg_signature=${sha1Signature(cred.token, ts, nonce, echostr)}&timestamp=${ts}&nonce=${nonce}&echostr=${encodeURIComponent(echostr)}`)
    expect([ok.status, await ok.text()]).toEqual([200, '12345'])
    const bad = await fetch(`${m.url}${WECOM_PATH}?msg_signature=${'0'.repeat(40)}&timestamp=${ts}&nonce=${nonce}&echostr=${encodeURIComponent(echostr)}`)
    expect(bad.status).toBe(401)

    const other = new OaCrypto(cred.token, cred.encodingAESKey, 'wwOTHERCORP0000000')
    const event = toXml({ ToUserName: 'wwOTHERCORP0000000', FromUserName: 'sys', CreateTime: 1, MsgType: 'event', Event: 'change_external_contact', ChangeType: 'add_external_contact', UserID: 'LilyChen', ExternalUserID: 'wmX', WelcomeCode: 'W' })
    const push = (enc: string, sig = sha1Signature(cred.token, ts, nonce, enc)) =>
      fetch(`${m.url}${WECOM_PATH}?msg_signature=${sig}&timestamp=${ts}&nonce=${nonce}`, { method: 'POST', body: toXml({ ToUserName: cred.corpid, AgentID: '', Encrypt: enc }) })
    const wrongCorp = await push(other.encrypt(event))
    expect([wrongCorp.status, await wrongCorp.text()]).toEqual([401, '-40005 receiveid wwOTHERCORP0000000 is not ' + cred.corpid])
    expect((await push(crypto.encrypt(event), 'f'.repeat(40))).status).toBe(401)
    expect((await m.call('GET', '/admin/wecom/customers/wmX')).status).toBe(404)
  })
})
