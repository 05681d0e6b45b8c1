import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { wecomKit } from './testkit'

let p: TestPlatform
let kit: ReturnType<typeof wecomKit>
let brand: Awaited<ReturnType<ReturnType<typeof wecomKit>['brand']>>
let openKfid: string
let mp: { appid: string }

beforeAll(async () => {
  p = await testPlatform({ seed: 'wecom-kf' })
  kit = wecomKit(p)
  mp = p.platform.credentials.miniProgram
  brand = await kit.brand()
  openKfid = (await kit.send('GET', '/_sandbox/wecom/kf')).body.openKfid
})
afterAll(async () => {
  await brand.close()
  await p.close()
})

const lastToken = () => brand.received.at(-1)!.message.Token!
let lastCustomer = ''

describe('WeChat Customer Service: callback, sync_msg, send_msg', () => {
  test('entering and writing trigger kf_msg_or_event; sync_msg with its token returns them; send_msg answers into the chat', async () => {
    expect(await kit.api('/cgi-bin/kf/account/list', { offset: 0, limit: 100 })).toEqual({ errcode: 0, errmsg: 'ok', account_list: [{ open_kfid: openKfid, name: `${kit.corpName} Service`, avatar: '', manage_privilege: true }] })
    const entered = await kit.send('POST', `/_sandbox/people/alice/kf/${openKfid}/enter`, { scene: 'order_page', sceneParam: 'order=1001' })
    expect(entered.status).toBe(201)
    expect(brand.received.at(-1)!.message).toMatchObject({ ToUserName: kit.cred.corpid, MsgType: 'event', Event: 'kf_msg_or_event', OpenKfId: openKfid, Token: expect.stringMatching(/^ENC\w+$/) })
    await kit.send('POST', `/_sandbox/people/alice/wecom/conversations/${entered.body.conversation}/messages`, { text: 'Where is my order?' })

    const sync = await kit.api('/cgi-bin/kf/sync_msg', { token: lastToken(), limit: 1000 })
    expect(sync).toMatchObject({ errcode: 0, errmsg: 'ok', has_more: 0, next_cursor: expect.any(String) })
    expect(sync.msg_list).toEqual([
      expect.objectContaining({ open_kfid: openKfid, origin: 4, msgtype: 'event', event: expect.objectContaining({ event_type: 'enter_session', scene: 'order_page', scene_param: 'order=1001' }) }),
      expect.objectContaining({ open_kfid: openKfid, origin: 3, msgtype: 'text', text: { content: 'Where is my order?' }, external_userid: expect.stringMatching(/^wm/), send_time: expect.any(Number) }),
    ])
    const customer = sync.msg_list[1].external_userid
    lastCustomer = customer

    const sent = await kit.api('/cgi-bin/kf/send_msg', { touser: customer, open_kfid: openKfid, msgtype: 'miniprogram', miniprogram: { appid: mp.appid, title: 'Order 1001', thumb_media_id: 'MEDIA_ID', pagepath: 'pages/order/detail.html?id=1001' } })
    expect(sent).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(String) })
    const chat = (await kit.send('GET', `/_sandbox/people/alice/wecom/conversations/${entered.body.conversation}/messages`)).body.messages
    expect(chat.map((m: any) => [m.from, m.kind])).toEqual([
      ['system', 'event'],
      ['customer', 'text'],
      ['staff', 'miniprogram'],
    ])

    // from the cursor on, nothing new (send_msg messages are not returned)
    expect((await kit.api('/cgi-bin/kf/sync_msg', { cursor: sync.next_cursor })).msg_list).toEqual([])
    const conversations = (await kit.send('GET', '/_sandbox/people/alice/wecom/conversations')).body.conversations
    expect(conversations[0]).toMatchObject({ kind: 'customer-service', openKfid, lastMessage: { kind: 'miniprogram' } })
  })

  test('at most 5 answers per customer message (95001); a customer message opens 5 more', async () => {
    const { externalUserid } = { externalUserid: (await kit.api('/cgi-bin/kf/sync_msg', {})).msg_list.at(-1).external_userid }
    const text = (n: number) => ({ touser: externalUserid, open_kfid: openKfid, msgtype: 'text', text: { content: `answer ${n}` } })
    for (let n = 2; n <= 5; n++) expect((await kit.api('/cgi-bin/kf/send_msg', text(n))).errcode).toBe(0)
    expect((await kit.api('/cgi-bin/kf/send_msg', text(6))).errcode).toBe(95001)
    await kit.send('POST', `/_sandbox/people/alice/wecom/conversations/kf:${kit.cred.corpid}:${openKfid}/messages`, { text: 'thanks' })
    expect((await kit.api('/cgi-bin/kf/send_msg', text(7))).errcode).toBe(0)
  })

  test('errcodes: 95007 unknown or expired token, 95008 a cursor past 3 days, 95018 after 48 h or without a session, 95000 unknown open_kfid', async () => {
    await kit.send('POST', `/_sandbox/people/bob/kf/${openKfid}/enter`, {})
    const token = lastToken()
    const cursor = (await kit.api('/cgi-bin/kf/sync_msg', { token })).next_cursor
    expect((await kit.api('/cgi-bin/kf/sync_msg', { token: 'ENCnotatoken' })).errcode).toBe(95007)
    expect((await kit.api('/cgi-bin/kf/sync_msg', { cursor: 'garbage!' })).errcode).toBe(95008)
    expect((await kit.api('/cgi-bin/kf/sync_msg', { open_kfid: 'wkNOPE' })).errcode).toBe(95000)
    expect((await kit.api('/cgi-bin/kf/send_msg', { touser: 'wmSTRANGER', open_kfid: openKfid, msgtype: 'text', text: { content: 'x' } })).errcode).toBe(95018)
    expect((await kit.api('/cgi-bin/kf/send_msg', { touser: 'wmSTRANGER', open_kfid: 'wkNOPE', msgtype: 'text', text: { content: 'x' } })).errcode).toBe(95000)

    await kit.advance('11m')
    expect((await kit.api('/cgi-bin/kf/sync_msg', { token })).errcode).toBe(95007)
    await kit.advance('3d')
    // the cached token expired with the clock: a fresh one
    const t = (await p.json(`/wecom/cgi-bin/gettoken?corpid=${kit.cred.corpid}&corpsecret=${kit.cred.contactSecret}`)).access_token as string
    expect((await kit.api('/cgi-bin/kf/sync_msg', { cursor }, { token: t })).errcode).toBe(95008)
    expect((await kit.api('/cgi-bin/kf/sync_msg', {}, { token: t })).msg_list).toEqual([])
    const bob = (await kit.events('wecom.message.delivered')).find((e: any) => e.subject.person === 'bob')
    expect(bob).toMatchObject({ subject: { openKfid }, payload: { conversation: `kf:${kit.cred.corpid}:${openKfid}`, from: 'system', recipients: ['bob'] } })
    const late = await kit.api('/cgi-bin/kf/send_msg', { touser: lastCustomer, open_kfid: openKfid, msgtype: 'text', text: { content: 'too late' } }, { token: t })
    expect(late.errcode).toBe(95018)
  })
  test('kf/add_contact_way gives a link; opening it with scene_param (wx.openCustomerServiceChat) enters the session with both', async () => {
    // the clock moved on in the tests above: a fresh token (of the app, a 可调用应用 for kf)
    const api = (path: string, body: unknown) => kit.api(path, body, 'agent')
    const made = await api('/cgi-bin/kf/add_contact_way', { open_kfid: openKfid, scene: 'order' })
    expect(made).toMatchObject({ errcode: 0, errmsg: 'ok' })
    const url: string = made.url
    expect(url).toMatch(/^https:\/\/work\.weixin\.qq\.com\/kfid\/kfc[\w-]+\?enc_scene=\w+$/)
    const opened = await kit.send('POST', '/_sandbox/people/bob/kf/open', { url: `${url}&scene_param=${encodeURIComponent('LUME42')}`, corpId: kit.cred.corpid })
    expect(opened).toMatchObject({ status: 201, body: { openKfid, scene: 'order', sceneParam: 'LUME42', conversation: `kf:${kit.cred.corpid}:${openKfid}` } })
    const sync = await api('/cgi-bin/kf/sync_msg', { token: lastToken() })
    expect(sync.msg_list.at(-1).event).toMatchObject({ event_type: 'enter_session', scene: 'order', scene_param: 'LUME42' })
    expect((await api('/cgi-bin/kf/add_contact_way', { open_kfid: 'wkNOPE', scene: 'x' })).errcode).toBe(95000)
    expect((await api('/cgi-bin/kf/add_contact_way', { open_kfid: openKfid, scene: 'not ok!' })).errcode).toBe(40058)
    expect((await kit.send('POST', '/_sandbox/people/bob/kf/open', { url, corpId: 'wwOTHER' })).status).toBe(400)
    expect((await kit.send('POST', '/_sandbox/people/bob/kf/open', { url: 'https://work.weixin.qq.com/kfid/kfcNOPE' })).status).toBe(400)
  })
})
