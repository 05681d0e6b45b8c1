import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { wecomKit } from './testkit'

let p: TestPlatform
let kit: ReturnType<typeof wecomKit>
let mp: { appid: string }

beforeAll(async () => {
  p = await testPlatform({ seed: 'wecom-messages' })
  kit = wecomKit(p)
  mp = p.platform.credentials.miniProgram
})
afterAll(() => p.close())

describe('app messages (message/send)', () => {
  test('a text reaches the named consultants; unknown ones come back in invaliduser', async () => {
    const res = await kit.api('/cgi-bin/message/send', { touser: 'LilyChen|Ghost', msgtype: 'text', agentid: 1000002, text: { content: 'Order 1001 shipped' } }, 'agent')
    expect(res).toEqual({ errcode: 0, errmsg: 'ok', invaliduser: 'Ghost', invalidparty: '', invalidtag: '', unlicenseduser: '', msgid: expect.any(String), response_code: expect.any(String) })
    const lily = (await kit.send('GET', '/_sandbox/wecom/staff/LilyChen/app-messages')).body.messages
    expect(lily.at(-1)).toMatchObject({ msgid: res.msgid, agentid: 1000002, msgtype: 'text', text: { content: 'Order 1001 shipped' } })
    expect((await kit.send('GET', '/_sandbox/wecom/staff/MaxZhou/app-messages')).body.messages).toEqual([])
  })

  test('a miniprogram_notice of the brand’s mini program goes to @all', async () => {
    const notice = { appid: mp.appid, page: 'pages/order/detail?id=1001', title: 'New order', description: '3月2日 09:00', emphasis_first_item: true, content_item: [{ key: 'Order', value: '1001' }] }
    const res = await kit.api('/cgi-bin/message/send', { touser: '@all', msgtype: 'miniprogram_notice', miniprogram_notice: notice }, 'agent')
    expect(res.errcode).toBe(0)
    expect((await kit.send('GET', '/_sandbox/wecom/staff/MaxZhou/app-messages')).body.messages.at(-1)).toMatchObject({ msgtype: 'miniprogram_notice', miniprogram_notice: notice })
    expect((await kit.events('wecom.app_message.sent')).at(-1).payload).toMatchObject({ msgtype: 'miniprogram_notice', touser: ['LilyChen', 'MaxZhou'] })
  })

  test('errcodes: 81013 nobody valid, 40056 another agentid, 48002 the contact secret’s token, 40058 an unbound mini program or unknown msgtype', async () => {
    expect((await kit.api('/cgi-bin/message/send', { touser: 'Ghost', msgtype: 'text', text: { content: 'x' } }, 'agent')).errcode).toBe(81013)
    expect((await kit.api('/cgi-bin/message/send', { touser: 'LilyChen', msgtype: 'text', agentid: 1000009, text: { content: 'x' } }, 'agent')).errcode).toBe(40056)
    expect((await kit.api('/cgi-bin/message/send', { touser: 'LilyChen', msgtype: 'text', text: { content: 'x' } }, 'contact')).errcode).toBe(48002)
    const other = { appid: 'wx0000000000000000', title: 'x', page: '' }
    expect((await kit.api('/cgi-bin/message/send', { touser: 'LilyChen', msgtype: 'miniprogram_notice', miniprogram_notice: other }, 'agent')).errcode).toBe(40058)
    expect((await kit.api('/cgi-bin/message/send', { touser: 'LilyChen', msgtype: 'voice' }, 'agent')).errcode).toBe(40058)
  })
})

describe('mass messages (add_msg_template)', () => {
  test('a task lands in each customer’s chat with the consultant once the sender confirms; strangers are in fail_list', async () => {
    const alice = await kit.addsConsultant('alice', { state: 'order_1' })
    const bob = await kit.addsConsultant('bob')
    const res = await kit.api('/cgi-bin/externalcontact/add_msg_template', {
      chat_type: 'single',
      external_userid: [alice.externalUserid, bob.externalUserid, 'wmSTRANGER'],
      sender: 'LilyChen',
      text: { content: 'New arrivals this week' },
      attachments: [{ msgtype: 'miniprogram', miniprogram: { title: 'New', pic_media_id: 'MEDIA_ID', appid: mp.appid, page: '/pages/new.html' } }],
    })
    expect(res).toEqual({ errcode: 0, errmsg: 'ok', fail_list: ['wmSTRANGER'], msgid: expect.stringMatching(/^msg[\w-]{27}$/) })
    const chat = () => kit.send('GET', `/_sandbox/people/alice/wecom/conversations/${alice.conversation}/messages`)
    expect((await chat()).body.messages).toEqual([])
    expect((await kit.send('GET', `/_sandbox/wecom/msg-templates/${res.msgid}`)).body.tasks).toEqual([{ userid: 'LilyChen', customers: 2, status: 'pending', sentAt: null }])

    const confirmed = await kit.send('POST', `/_sandbox/wecom/msg-templates/${res.msgid}/confirm`, {})
    expect(confirmed.body.tasks[0]).toMatchObject({ status: 'sent' })
    expect((await chat()).body.messages.map((m: any) => [m.source, m.kind, m.body.content ?? m.body.path])).toEqual([
      ['mass', 'text', 'New arrivals this week'],
      ['mass', 'miniprogram', 'pages/new'],
    ])
    expect((await kit.send('GET', `/_sandbox/people/bob/wecom/conversations/${bob.conversation}/messages`)).body.messages).toHaveLength(2)
    expect((await kit.send('POST', `/_sandbox/wecom/msg-templates/${res.msgid}/confirm`, {})).status).toBe(409)
    const conversations = (await kit.send('GET', '/_sandbox/people/alice/wecom/conversations')).body.conversations
    expect(conversations[0]).toMatchObject({ conversation: alice.conversation, lastMessage: { source: 'mass', kind: 'miniprogram' } })
  })

  test('errcodes: 40003 unknown sender, 40058 neither text nor attachments, 40058 over 9 attachments', async () => {
    expect((await kit.api('/cgi-bin/externalcontact/add_msg_template', { sender: 'Ghost', text: { content: 'x' } })).errcode).toBe(40003)
    expect((await kit.api('/cgi-bin/externalcontact/add_msg_template', { sender: 'LilyChen' })).errcode).toBe(40058)
    const many = Array.from({ length: 10 }, () => ({ msgtype: 'link', link: { title: 't', url: 'https://example.com' } }))
    expect((await kit.api('/cgi-bin/externalcontact/add_msg_template', { sender: 'LilyChen', attachments: many })).errcode).toBe(40058)
  })
})
