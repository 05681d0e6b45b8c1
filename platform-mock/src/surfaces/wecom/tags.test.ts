import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { wecomKit } from './testkit'

let p: TestPlatform
let kit: ReturnType<typeof wecomKit>

beforeAll(async () => {
  p = await testPlatform({ seed: 'wecom-tags' })
  kit = wecomKit(p)
})
afterAll(() => p.close())

const addTags = (body: unknown) => kit.api('/cgi-bin/externalcontact/add_corp_tag', body)

describe('corp tags (add_corp_tag, get_corp_tag_list, mark_tag)', () => {
  test('tags are created in a named group, listed, put on a customer and shown in follow_user[].tags', async () => {
    const made = await addTags({ group_name: 'Purchase', tag: [{ name: 'Bought once' }, { name: 'Repeat buyer', order: 2 }] })
    expect(made).toEqual({
      errcode: 0,
      errmsg: 'ok',
      tag_group: {
        group_id: expect.stringMatching(/^et[\w-]{30}$/),
        group_name: 'Purchase',
        create_time: expect.any(Number),
        order: 0,
        tag: [
          { id: expect.stringMatching(/^et[\w-]{30}$/), name: 'Bought once', create_time: expect.any(Number), order: 0 },
          { id: expect.stringMatching(/^et[\w-]{30}$/), name: 'Repeat buyer', create_time: expect.any(Number), order: 2 },
        ],
      },
    })
    const [once, repeat] = made.tag_group.tag.map((t: { id: string }) => t.id)
    // the same group name adds to the group instead of making another
    const more = await addTags({ group_name: 'Purchase', tag: [{ name: 'VIP' }] })
    expect(more.tag_group.group_id).toBe(made.tag_group.group_id)
    const list = await kit.api('/cgi-bin/externalcontact/get_corp_tag_list', {})
    expect(list.tag_group).toHaveLength(1)
    expect(list.tag_group[0].tag.map((t: { name: string }) => t.name)).toEqual(['Bought once', 'Repeat buyer', 'VIP'])
    expect((await kit.api('/cgi-bin/externalcontact/get_corp_tag_list', { tag_id: [repeat] })).tag_group[0].tag).toEqual([expect.objectContaining({ id: repeat, name: 'Repeat buyer' })])

    const alice = await kit.addsConsultant('alice', { state: 'o_1' })
    expect(await kit.api('/cgi-bin/externalcontact/mark_tag', { userid: 'LilyChen', external_userid: alice.externalUserid, add_tag: [once, repeat] })).toEqual({ errcode: 0, errmsg: 'ok' })
    await kit.api('/cgi-bin/externalcontact/mark_tag', { userid: 'LilyChen', external_userid: alice.externalUserid, remove_tag: [once] })
    const detail = await kit.api(`/cgi-bin/externalcontact/get?external_userid=${alice.externalUserid}`)
    expect(detail.follow_user[0].tags).toEqual([{ group_name: 'Purchase', tag_name: 'Repeat buyer', tag_id: repeat, type: 1 }])

    // the batch list gives the same relationship with tag ids
    const batch = await kit.api('/cgi-bin/externalcontact/batch/get_by_user', { userid_list: ['LilyChen'], limit: 100 })
    expect(batch).toMatchObject({ errcode: 0, errmsg: 'ok', next_cursor: '' })
    expect(batch.external_contact_list).toEqual([
      {
        external_contact: expect.objectContaining({ external_userid: alice.externalUserid, name: 'Alice Wang', type: 1 }),
        follow_info: expect.objectContaining({ userid: 'LilyChen', tag_id: [repeat], state: 'o_1', add_way: 1 }),
      },
    ])
  })

  test('a mass message with tag_filter goes only to the customers with one of the tags', async () => {
    const { tag_group } = await addTags({ group_name: 'Interest', tag: [{ name: 'Tea' }] })
    const tea = tag_group.tag[0].id
    const bob = await kit.addsConsultant('bob')
    const carol = await kit.addsConsultant('carol')
    await kit.api('/cgi-bin/externalcontact/mark_tag', { userid: 'LilyChen', external_userid: bob.externalUserid, add_tag: [tea] })
    const res = await kit.api('/cgi-bin/externalcontact/add_msg_template', { sender: 'LilyChen', tag_filter: { group_list: [{ tag_list: [tea] }] }, text: { content: 'New tea' } })
    expect(res.fail_list).toEqual([])
    expect((await kit.send('GET', `/_sandbox/wecom/msg-templates/${res.msgid}`)).body.tasks).toEqual([{ userid: 'LilyChen', customers: 1, status: 'pending', sentAt: null }])
    await kit.send('POST', `/_sandbox/wecom/msg-templates/${res.msgid}/confirm`, {})
    expect((await kit.send('GET', `/_sandbox/people/bob/wecom/conversations/${bob.conversation}/messages`)).body.messages).toHaveLength(1)
    expect((await kit.send('GET', `/_sandbox/people/carol/wecom/conversations/${carol.conversation}/messages`)).body.messages).toHaveLength(0)
  })

  test('errcodes: 40071 a name already in the group, 40068 unknown group or tag, 84061 no relationship, 40003 unknown member, 40058 nothing to do; nothing changes', async () => {
    const { tag_group } = await addTags({ group_name: 'Store', tag: [{ name: 'Shanghai' }] })
    expect((await addTags({ group_id: tag_group.group_id, tag: [{ name: 'Beijing' }, { name: 'Shanghai' }] })).errcode).toBe(40071)
    expect((await addTags({ group_name: 'Dup', tag: [{ name: 'a' }, { name: 'a' }] })).errcode).toBe(40071)
    expect((await kit.api('/cgi-bin/externalcontact/get_corp_tag_list', { group_id: [tag_group.group_id] })).tag_group[0].tag).toHaveLength(1)
    expect((await addTags({ group_id: 'etNOPE', tag: [{ name: 'x' }] })).errcode).toBe(40068)
    expect((await addTags({ tag: [{ name: 'x' }] })).errcode).toBe(40058)
    expect((await addTags({ group_name: 'Empty', tag: [] })).errcode).toBe(40058)

    const dave = await kit.addsConsultant('dave')
    const tag = tag_group.tag[0].id
    const mark = (body: Record<string, unknown>) => kit.api('/cgi-bin/externalcontact/mark_tag', { userid: 'LilyChen', external_userid: dave.externalUserid, ...body })
    expect((await mark({ add_tag: [tag, 'etNOPE'] })).errcode).toBe(40068)
    expect((await mark({ userid: 'MaxZhou', add_tag: [tag] })).errcode).toBe(84061)
    expect((await mark({ userid: 'Ghost', add_tag: [tag] })).errcode).toBe(40003)
    expect((await mark({})).errcode).toBe(40058)
    const detail = await kit.api(`/cgi-bin/externalcontact/get?external_userid=${dave.externalUserid}`)
    expect(detail.follow_user[0].tags).toEqual([])
    expect((await kit.api('/cgi-bin/externalcontact/get_corp_tag_list', {}, { token: 'bad' })).errcode).toBe(40014)
    // batch/get_by_user pages with its cursor; unknown members and empty lists are refused
    const first = await kit.api('/cgi-bin/externalcontact/batch/get_by_user', { userid_list: ['LilyChen'], limit: 1 })
    expect(first.external_contact_list).toHaveLength(1)
    const rest = await kit.api('/cgi-bin/externalcontact/batch/get_by_user', { userid_list: ['LilyChen'], limit: 100, cursor: first.next_cursor })
    expect(rest.external_contact_list.map((e: any) => e.external_contact.external_userid)).not.toContain(first.external_contact_list[0].external_contact.external_userid)
    expect((await kit.api('/cgi-bin/externalcontact/batch/get_by_user', { userid_list: ['Ghost'] })).errcode).toBe(40003)
    expect((await kit.api('/cgi-bin/externalcontact/batch/get_by_user', { userid_list: [] })).errcode).toBe(40058)
  })
})
