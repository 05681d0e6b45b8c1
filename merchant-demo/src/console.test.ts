import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../platform-mock/src/testing'
import { fakePagesDir, testMerchant } from './testing'

let p: TestPlatform
let m: Awaited<ReturnType<typeof testMerchant>>

beforeAll(async () => {
  const pagesDir = fakePagesDir()
  mkdirSync(join(pagesDir, 'console'))
  writeFileSync(join(pagesDir, 'console/console.html'), '<!doctype html><html><head><title>Brand console</title></head><body><bc-app></bc-app></body></html>')
  p = await testPlatform({ seed: 'merchant-console' })
  m = await testMerchant(p.url, { publish: false, pagesDir })
  await m.call('POST', '/admin/wecom/connect')
})
afterAll(async () => {
  await m.close()
  await p.close()
})

const person = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(p.url + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  return { status: res.status, body: (await res.json()) as any }
}

describe('the brand console', () => {
  let order: { id: string; total: number }
  let externalUserid = ''
  let conversation = ''

  test('its page loads without the staff token, carries no data and is never framed', async () => {
    const res = await fetch(`${m.url}/admin`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    const html = await res.text()
    expect(html).toContain('<head><base href="/mp/console/"><title>Brand console</title>')
    expect(html).not.toContain(m.staffToken)
  })

  test('its data calls need the staff token', async () => {
    expect((await m.call('GET', '/admin/console', undefined, 'not-the-staff-token-at-all')).status).toBe(401)
    expect((await fetch(`${m.url}/admin/members`)).status).toBe(401)
    expect((await fetch(`${m.url}/admin/wecom/chats`)).status).toBe(401)
    const wrong = await fetch(`${m.url}/admin/wecom/chats/wmx/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hi"}' })
    expect(wrong.status).toBe(401)
  })

  test('the summary names the brand in its colours, its campaigns, Channels shelf and WeCom corp', async () => {
    const res = await m.call('GET', '/admin/console')
    expect(res.status).toBe(200)
    expect(res.body.brand).toMatchObject({ id: 'lumen', name: 'Lumen Coffee', colours: { primary: expect.stringMatching(/^#/) }, logo: `${m.url}/img/logo.svg` })
    expect(res.body.campaigns.length).toBeGreaterThan(0)
    expect(res.body.channels.live.products[0]).toMatchObject({ id: expect.any(String), name: expect.any(String) })
    expect(res.body.wecom.corpName).toEqual(expect.any(String))
  })

  test('members show their points and level once they paid', async () => {
    const token = await m.loginAs('alice')
    const placed = await m.orderTwoDrinks(token)
    order = placed.order
    await m.payAs('alice', placed.payment)
    await m.call('GET', `/api/orders/${order.id}`, undefined, token)
    const { members } = (await m.call('GET', '/admin/members')).body
    expect(members).toHaveLength(1)
    expect(members[0]).toMatchObject({ points: expect.any(Number), level: { name: expect.any(String) }, lifetimeSpend: 5700, orders: 1, paidOrders: 1, openid: expect.any(String) })
    expect(members[0].points).toBeGreaterThan(0)
  })

  test('a customer-service chat shows the customer’s text and the auto-reply, kept from sync_msg and send_msg', async () => {
    const token = await m.loginAs('alice')
    const service = (await m.call('GET', '/api/service-chat', undefined, token)).body
    const opened = await person('POST', '/_sandbox/people/alice/kf/open', { url: `${service.url}&scene_param=${encodeURIComponent(order.id)}`, corpId: service.corpId })
    conversation = opened.body.conversation
    await person('POST', `/_sandbox/people/alice/wecom/conversations/${conversation}/messages`, { text: 'Is my order ready?' })
    const { chats } = (await m.call('GET', '/admin/wecom/chats')).body
    expect(chats).toHaveLength(1)
    externalUserid = chats[0].externalUserid
    expect(chats[0]).toMatchObject({ externalUserid: expect.stringMatching(/^wm/), openKfid: expect.any(String), order: { id: order.id, status: 'paid' }, messages: 2, lastMessage: { from: 'auto' } })
    const chat = (await m.call('GET', `/admin/wecom/chats/${externalUserid}`)).body
    expect(chat.messages.map((x: any) => [x.from, x.content.slice(0, 18)])).toEqual([
      ['customer', 'Is my order ready?'],
      ['auto', expect.stringMatching(/^Order [AT]\d+ is paid/)],
    ])
  })

  test('the consultant’s answer goes out with kf/send_msg and lands in the person’s service chat', async () => {
    const res = await m.call('POST', `/admin/wecom/chats/${externalUserid}/messages`, { text: 'Hi Alice, it will be ready in 5 minutes <b>!</b>' })
    expect(res.status).toBe(201)
    expect(res.body.message).toMatchObject({ from: 'consultant', content: 'Hi Alice, it will be ready in 5 minutes <b>!</b>', msgid: expect.any(String) })
    const phone = (await person('GET', `/_sandbox/people/alice/wecom/conversations/${conversation}/messages`)).body.messages
    expect(phone.at(-1)).toMatchObject({ from: 'staff', kind: 'text', body: { content: 'Hi Alice, it will be ready in 5 minutes <b>!</b>' } })
    const chat = (await m.call('GET', `/admin/wecom/chats/${externalUserid}`)).body
    expect(chat.messages.map((x: any) => x.from)).toEqual(['customer', 'auto', 'consultant'])
  })

  test('an empty answer is 400 and an unknown chat 404, and nothing is sent', async () => {
    expect((await m.call('POST', `/admin/wecom/chats/${externalUserid}/messages`, { text: '  ' })).status).toBe(400)
    const unknown = await m.call('POST', '/admin/wecom/chats/wmnobody/messages', { text: 'hello' })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('unknown_chat')
    const phone = (await person('GET', `/_sandbox/people/alice/wecom/conversations/${conversation}/messages`)).body.messages
    expect(phone.filter((x: any) => x.from === 'staff')).toHaveLength(2)
  })
})

describe('the consultants’ 1:1 chats', () => {
  let externalUserid = ''
  let conversation = ''

  test('a customer who added a consultant and wrote to them shows with what they wrote and the order that brought them', async () => {
    const token = await m.loginAs('bob')
    const placed = await m.orderTwoDrinks(token)
    await m.payAs('bob', placed.payment)
    await m.call('GET', `/api/orders/${placed.order.id}`, undefined, token)
    const code = (await m.call('GET', `/api/orders/${placed.order.id}/consultant`, undefined, token)).body
    const added = await person('POST', '/_sandbox/people/bob/wecom/contacts', { configId: code.configId })
    expect(added.status).toBe(201)
    externalUserid = added.body.externalUserid
    conversation = added.body.conversation
    await person('POST', `/_sandbox/people/bob/wecom/conversations/${conversation}/messages`, { text: 'Do you deliver to Pudong?' })
    const { chats } = (await m.call('GET', '/admin/wecom/consultant-chats')).body
    const chat = chats.find((x: any) => x.externalUserid === externalUserid)
    expect(chat).toMatchObject({ consultant: { userid: code.userid, name: expect.any(String) }, person: 'bob', name: 'Bob Li', order: { id: placed.order.id }, lastMessage: { from: 'customer', body: { content: 'Do you deliver to Pudong?' } } })
  })

  test('the trainer answers as the consultant: the text lands in the person’s chat with the consultant', async () => {
    const { chats } = (await m.call('GET', '/admin/wecom/consultant-chats')).body
    const userid = chats.find((x: any) => x.externalUserid === externalUserid).consultant.userid
    const res = await m.call('POST', `/admin/wecom/consultant-chats/${userid}/${externalUserid}/messages`, { text: 'We do, within 3 km of a store.' })
    expect(res.status).toBe(201)
    const phone = (await person('GET', `/_sandbox/people/bob/wecom/conversations/${conversation}/messages`)).body.messages
    expect(phone.at(-1)).toMatchObject({ from: 'staff', source: 'staff', body: { content: 'We do, within 3 km of a store.' } })
    const chat = (await m.call('GET', `/admin/wecom/consultant-chats/${userid}/${externalUserid}`)).body
    expect(chat.messages.filter((x: any) => x.kind === 'text').map((x: any) => x.from).slice(-2)).toEqual(['customer', 'staff'])
    expect((await m.call('POST', `/admin/wecom/consultant-chats/${userid}/wmnobody/messages`, { text: 'hi' })).status).toBe(404)
    expect((await m.call('POST', `/admin/wecom/consultant-chats/${userid}/${externalUserid}/messages`, { text: '' })).status).toBe(400)
  })
})
