import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { wecomKit } from './testkit'

let p: TestPlatform
let kit: ReturnType<typeof wecomKit>

beforeAll(async () => {
  p = await testPlatform({ seed: 'wecom-staff-client' })
  kit = wecomKit(p)
})
afterAll(async () => {
  await p.close()
})

const json = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(p.url + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  return { status: res.status, body: (await res.json()) as any }
}

test('the consultant’s WeCom client lists their customers’ chats with what each customer wrote, and answers in them', async () => {
  const made = await kit.api('/cgi-bin/externalcontact/add_contact_way', { type: 1, scene: 2, skip_verify: true, state: 'o1', user: ['LilyChen'] })
  const added = await json('POST', '/_sandbox/people/alice/wecom/contacts', { configId: made.config_id })
  expect(added.status).toBe(201)
  await json('POST', `/_sandbox/people/alice/wecom/conversations/${added.body.conversation}/messages`, { text: 'Hi Lily, <b>is</b> the oolong back?' })

  const list = await json('GET', '/_sandbox/wecom/staff/LilyChen/chats')
  expect(list.status).toBe(200)
  expect(list.body.chats).toEqual([
    expect.objectContaining({ externalUserid: added.body.externalUserid, person: 'alice', name: 'Alice Wang', state: 'o1', lastMessage: expect.objectContaining({ from: 'customer', kind: 'text', body: { content: 'Hi Lily, <b>is</b> the oolong back?' } }) }),
  ])
  const answered = await json('POST', '/_sandbox/wecom/staff/LilyChen/messages', { externalUserid: added.body.externalUserid, text: 'Yes, since Monday!' })
  expect(answered.status).toBe(201)
  const chat = await json('GET', `/_sandbox/wecom/staff/LilyChen/chats/${added.body.externalUserid}/messages`)
  expect(chat.body).toMatchObject({ externalUserid: added.body.externalUserid, person: 'alice', conversation: added.body.conversation })
  expect(chat.body.messages.map((m: any) => [m.from, m.body.content])).toEqual([
    ['customer', 'Hi Lily, <b>is</b> the oolong back?'],
    ['staff', 'Yes, since Monday!'],
  ])
})

test('another member’s customer, an unknown customer and an unknown member are 404', async () => {
  const { chats } = (await json('GET', '/_sandbox/wecom/staff/LilyChen/chats')).body
  expect((await json('GET', `/_sandbox/wecom/staff/MaxZhou/chats/${chats[0].externalUserid}/messages`)).body).toMatchObject({ error: { code: 'not_a_customer' } })
  expect((await json('GET', '/_sandbox/wecom/staff/LilyChen/chats/wmnobody/messages')).status).toBe(404)
  expect((await json('GET', '/_sandbox/wecom/staff/Nobody/chats')).status).toBe(404)
})
