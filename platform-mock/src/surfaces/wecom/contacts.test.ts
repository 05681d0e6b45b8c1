import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { wecomKit } from './testkit'

let p: TestPlatform
let kit: ReturnType<typeof wecomKit>
let brand: Awaited<ReturnType<ReturnType<typeof wecomKit>['brand']>>
let mp: { appid: string }

beforeAll(async () => {
  p = await testPlatform({ seed: 'wecom-contacts' })
  kit = wecomKit(p)
  mp = p.platform.credentials.miniProgram
  brand = await kit.brand()
})
afterAll(async () => {
  await brand.close()
  await p.close()
})

const card = (page: string) => ({ msgtype: 'miniprogram', miniprogram: { title: 'Your coupon', pic_media_id: 'MEDIA_ID', appid: mp.appid, page } })

describe('contact me: scan, add, callback, welcome', () => {
  test('a contact-me code is a real QR whose picture the scanner resolves to its consultant, and adding sends the encrypted add_external_contact event', async () => {
    const made = await kit.api('/cgi-bin/externalcontact/add_contact_way', { type: 1, scene: 2, remark: 'order page', skip_verify: true, state: 'order_1001', user: ['LilyChen'] })
    expect(made).toMatchObject({ errcode: 0, errmsg: 'ok', config_id: expect.stringMatching(/^[0-9a-f]{32}$/), qr_code: expect.stringMatching(/^http:\/\/p\.qpic\.cn\/wwhead\/\w+\/0$/) })

    const png = await fetch(p.url + new URL(made.qr_code).pathname)
    expect(png.headers.get('content-type')).toBe('image/png')
    const scanned = await fetch(`${p.url}/_sandbox/people/alice/scan`, { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: new Uint8Array(await png.arrayBuffer()) })
    const scan = (await scanned.json()) as any
    expect(scan).toMatchObject({
      action: 'add-wecom-contact',
      source: 'image',
      configId: made.config_id,
      corpid: kit.cred.corpid,
      corpTag: `@${kit.corpName}`,
      consultant: { userid: 'LilyChen', name: 'Lily Chen' },
      added: false,
      add: { method: 'POST', path: '/_sandbox/people/alice/wecom/contacts', body: { configId: made.config_id } },
    })

    const added = await kit.send('POST', scan.add.path, { payload: scan.payload })
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({ added: true, userid: 'LilyChen', externalUserid: expect.stringMatching(/^wm[\w-]{28}$/), push: { pushed: true, ok: true, attempts: 1 } })

    const r = brand.received.at(-1)!
    expect(r.msgSignatureOk).toBe(true)
    expect(r.receiveId).toBe(kit.cred.corpid)
    expect(r.outer.ToUserName).toBe(kit.cred.corpid)
    expect(r.message).toMatchObject({
      ToUserName: kit.cred.corpid,
      FromUserName: 'sys',
      MsgType: 'event',
      Event: 'change_external_contact',
      ChangeType: 'add_external_contact',
      UserID: 'LilyChen',
      ExternalUserID: added.body.externalUserid,
      State: 'order_1001',
      WelcomeCode: expect.stringMatching(/^\w{43}$/),
    })
    expect(r.body).toMatch(/^<xml><ToUserName><!\[CDATA\[ww\w+\]\]><\/ToUserName><AgentID><!\[CDATA\[\]\]><\/AgentID><Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt><\/xml>$/)

    const welcome = await kit.api('/cgi-bin/externalcontact/send_welcome_msg', { welcome_code: r.message.WelcomeCode, text: { content: 'Hi Alice, here is your coupon' }, attachments: [card('/pages/coupon/index.html?id=7')] })
    expect(welcome).toEqual({ errcode: 0, errmsg: 'ok' })

    const contacts = (await kit.send('GET', '/_sandbox/people/alice/wecom/contacts')).body.contacts
    expect(contacts).toEqual([
      expect.objectContaining({ conversation: `wecom:${kit.cred.corpid}:LilyChen`, kind: 'consultant', name: 'Lily Chen', corpTag: `@${kit.corpName}`, state: 'order_1001', externalUserid: added.body.externalUserid }),
    ])
    const chat = (await kit.send('GET', `/_sandbox/people/alice/wecom/conversations/wecom:${kit.cred.corpid}:LilyChen/messages`)).body.messages
    expect(chat.map((m: any) => [m.from, m.source, m.kind])).toEqual([
      ['staff', 'welcome', 'text'],
      ['staff', 'welcome', 'miniprogram'],
    ])
    expect(chat[1].body).toMatchObject({ appid: mp.appid, page: '/pages/coupon/index.html?id=7', path: 'pages/coupon/index?id=7', pageNotFound: false })

    // a second welcome with the same code is refused
    expect((await kit.api('/cgi-bin/externalcontact/send_welcome_msg', { welcome_code: r.message.WelcomeCode, text: { content: 'again' } })).errcode).toBe(41051)
    const [delivered] = (await kit.events('wecom.message.delivered')).slice(-1)
    expect(delivered.payload).toMatchObject({ source: 'welcome', recipients: ['alice'] })
  })

  test('the customer shows in externalcontact/list and get with follow_user state, add_way and createtime', async () => {
    const { externalUserid } = (await kit.send('GET', '/_sandbox/people/alice/wecom/contacts')).body.contacts[0]
    expect(await kit.api('/cgi-bin/externalcontact/list?userid=LilyChen')).toEqual({ errcode: 0, errmsg: 'ok', external_userid: [externalUserid] })
    const got = await kit.api(`/cgi-bin/externalcontact/get?external_userid=${externalUserid}`, undefined, 'agent')
    expect(got).toMatchObject({
      errcode: 0,
      errmsg: 'ok',
      external_contact: { external_userid: externalUserid, name: 'Alice Wang', type: 1, unionid: expect.stringMatching(/^o/) },
      follow_user: [{ userid: 'LilyChen', state: 'order_1001', add_way: 1, createtime: expect.any(Number), tags: [], oper_userid: externalUserid }],
      next_cursor: '',
    })
    expect(await kit.api('/cgi-bin/externalcontact/get_follow_user_list')).toEqual({ errcode: 0, errmsg: 'ok', follow_user: ['LilyChen', 'MaxZhou'] })
  })

  test('the welcome code expires after 20 s, and a chat the person already started takes no welcome', async () => {
    const bob = await kit.addsConsultant('bob', { state: 'poster' })
    const code = brand.received.at(-1)!.message.WelcomeCode
    await kit.advance('21s')
    expect((await kit.api('/cgi-bin/externalcontact/send_welcome_msg', { welcome_code: code, text: { content: 'late' } })).errcode).toBe(41051)

    const carol = await kit.addsConsultant('carol')
    const carolCode = brand.received.at(-1)!.message.WelcomeCode
    await kit.send('POST', `/_sandbox/people/carol/wecom/conversations/${carol.conversation}/messages`, { text: 'hello?' })
    expect((await kit.api('/cgi-bin/externalcontact/send_welcome_msg', { welcome_code: carolCode, text: { content: 'hi' } })).errcode).toBe(41051)
    expect(bob.conversation).toBe(`wecom:${kit.cred.corpid}:LilyChen`)
  })

  test('the consultant writes back from the WeCom client (control API) and the person answers in the same chat', async () => {
    const carol = await kit.addsConsultant('carol')
    const wrote = await kit.send('POST', '/_sandbox/wecom/staff/LilyChen/messages', { person: 'carol', text: 'Hi Carol, how was your latte?' })
    expect(wrote).toMatchObject({ status: 201, body: { conversation: carol.conversation, message: { from: 'staff', source: 'staff', kind: 'text' } } })
    await kit.send('POST', `/_sandbox/people/carol/wecom/conversations/${carol.conversation}/messages`, { text: 'Lovely, thanks!' })
    const chat = (await kit.send('GET', `/_sandbox/people/carol/wecom/conversations/${carol.conversation}/messages`)).body.messages
    expect(chat.map((m: any) => [m.from, m.body.content])).toEqual(expect.arrayContaining([['staff', 'Hi Carol, how was your latte?'], ['customer', 'Lovely, thanks!']]))
    expect((await kit.send('POST', '/_sandbox/wecom/staff/MaxZhou/messages', { person: 'carol', text: 'hello' })).status).toBe(404)
    expect((await kit.send('POST', '/_sandbox/wecom/staff/Ghost/messages', { person: 'carol', text: 'hello' })).status).toBe(404)
    expect((await kit.send('POST', '/_sandbox/wecom/staff/LilyChen/messages', { text: 'hello' })).status).toBe(400)
  })

  test('adding the same consultant twice changes nothing and sends no event', async () => {
    const before = brand.received.length
    const again = await kit.addsConsultant('alice')
    expect(again).toMatchObject({ added: false, alreadyAdded: true, push: { pushed: false } })
    expect(brand.received.length).toBe(before)
  })

  test('a type 2 code gives the consultant with the fewest customers; get/del_contact_way; a deleted code no longer scans', async () => {
    const made = await kit.api('/cgi-bin/externalcontact/add_contact_way', { type: 2, scene: 2, user: ['LilyChen', 'MaxZhou'], skip_verify: false })
    expect((await kit.api('/cgi-bin/externalcontact/get_contact_way', { config_id: made.config_id })).contact_way).toMatchObject({ config_id: made.config_id, type: 2, scene: 2, skip_verify: false, state: '', user: ['LilyChen', 'MaxZhou'], qr_code: made.qr_code })
    const dave = await kit.send('POST', '/_sandbox/people/dave/wecom/contacts', { configId: made.config_id })
    expect(dave.body.userid).toBe('MaxZhou')
    expect(brand.received.at(-1)!.message.State).toBeUndefined()
    const corp = (await kit.send('GET', '/_sandbox/wecom/corp')).body
    const payload = corp.contactWays.find((w: any) => w.configId === made.config_id).payload
    expect(await kit.api('/cgi-bin/externalcontact/del_contact_way', { config_id: made.config_id })).toEqual({ errcode: 0, errmsg: 'ok' })
    expect((await kit.send('POST', '/_sandbox/people/erin/scan', { payload })).status).toBe(404)
    expect((await kit.api('/cgi-bin/externalcontact/get_contact_way', { config_id: made.config_id })).errcode).toBe(40099)
  })
})

describe('customer contact errors', () => {
  test('answers 41001 without a token, 40014 for a bad one, 42001 for an expired one', async () => {
    const res = await fetch(`${p.url}/wecom/cgi-bin/externalcontact/list?userid=LilyChen`)
    expect(((await res.json()) as any).errcode).toBe(41001)
    expect((await kit.api('/cgi-bin/externalcontact/list?userid=LilyChen', undefined, { token: 'nope' })).errcode).toBe(40014)
    const old = await kit.token()
    await kit.advance('2h')
    expect((await kit.api('/cgi-bin/externalcontact/list?userid=LilyChen', undefined, { token: old })).errcode).toBe(42001)
  })

  test('add_contact_way: 40058 for type 1 with two users, a state over 30 characters, or a bad body; 40003 for an unknown member', async () => {
    const t = { token: (await p.json(`/wecom/cgi-bin/gettoken?corpid=${kit.cred.corpid}&corpsecret=${kit.cred.contactSecret}`)).access_token }
    expect((await kit.api('/cgi-bin/externalcontact/add_contact_way', { type: 1, scene: 2, user: ['LilyChen', 'MaxZhou'] }, t)).errcode).toBe(40058)
    expect((await kit.api('/cgi-bin/externalcontact/add_contact_way', { type: 1, scene: 2, user: ['LilyChen'], state: 'x'.repeat(31) }, t)).errcode).toBe(40058)
    expect((await kit.api('/cgi-bin/externalcontact/add_contact_way', { type: 1, scene: 2, user: ['Nobody'] }, t)).errcode).toBe(40003)
    const bad = (await (await fetch(`${p.url}/wecom/cgi-bin/externalcontact/add_contact_way?access_token=${t.token}`, { method: 'POST', body: '{not json' })).json()) as any
    expect(bad.errcode).toBe(47001)
    expect(bad.errmsg).toMatch(/^Warning: wrong json format\. data format error, hint: \[\w+\], from ip: .*more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=47001$/)
  })

  test('list: 84061 for a member without customers, 40003 for an unknown member; get: 40096 for an unknown external_userid', async () => {
    const t = { token: (await p.json(`/wecom/cgi-bin/gettoken?corpid=${kit.cred.corpid}&corpsecret=${kit.cred.contactSecret}`)).access_token }
    await p.platform.reset('wecom-contacts-empty')
    const fresh = { token: (await p.json(`/wecom/cgi-bin/gettoken?corpid=${p.platform.credentials.wecom.corpid}&corpsecret=${kit.cred.contactSecret}`)).access_token }
    expect((await kit.api('/cgi-bin/externalcontact/list?userid=MaxZhou', undefined, fresh)).errcode).toBe(84061)
    expect((await kit.api('/cgi-bin/externalcontact/list?userid=Ghost', undefined, fresh)).errcode).toBe(40003)
    expect((await kit.api('/cgi-bin/externalcontact/get?external_userid=wmNOTACUSTOMER', undefined, fresh)).errcode).toBe(40096)
    expect((await kit.api('/cgi-bin/externalcontact/send_welcome_msg', { welcome_code: 'unknown', text: { content: 'x' } }, fresh)).errcode).toBe(40058)
    expect(t.token).not.toBe(fresh.token)
  })
})
