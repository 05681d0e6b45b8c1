import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { mpKit } from './testkit'

let p: TestPlatform
let kit: ReturnType<typeof mpKit>
let token: string
let tmpl: Record<string, string>

beforeAll(async () => {
  p = await testPlatform({ seed: 'subscribe' })
  kit = mpKit(p)
  token = await kit.token()
  tmpl = Object.fromEntries((await kit.templates()).map((t) => [t.slug, t.templateId]))
})
afterAll(() => p.close())

const send = async (body: unknown) => (await p.post(`/cgi-bin/message/subscribe/send?access_token=${token}`, body)).json()
const consent = async (person: string, tmplIds: string[], decisions?: Record<string, string>) => {
  const res = await p.post(`/_sandbox/people/${person}/miniprogram/subscribe`, { tmplIds, ...(decisions && { decisions }) })
  return { status: res.status, body: (await res.json()) as any }
}
const orderReady = async (person: string, extra: Record<string, unknown> = {}) => ({
  touser: (await kit.openid(person)).openid,
  template_id: tmpl['order-ready'],
  page: 'pages/order/order?id=LC1001',
  miniprogram_state: 'formal',
  lang: 'en_US',
  data: {
    character_string1: { value: 'A023' },
    thing2: { value: 'Oat latte ×2' },
    thing3: { value: 'Lumen Coffee Jing’an' },
    time4: { value: '2026-03-02 09:15' },
    thing5: { value: 'Pick up within 30m' },
  },
  ...extra,
})

test('the mini program has four one-time templates, listed by getTemplateList with their keywords', async () => {
  const body = await p.json(`/wxaapi/newtmpl/gettemplate?access_token=${token}`)
  expect(body.errcode).toBe(0)
  expect(body.data.map((t: any) => t.title).sort()).toEqual(['优惠券到期提醒', '积分变动提醒', '取餐提醒', '订单发货通知'].sort())
  const ready = body.data.find((t: any) => t.priTmplId === tmpl['order-ready'])
  expect(ready).toEqual({
    priTmplId: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    title: '取餐提醒',
    content: '取餐号:{{character_string1.DATA}}\n商品名称:{{thing2.DATA}}\n取餐门店:{{thing3.DATA}}\n完成时间:{{time4.DATA}}\n温馨提示:{{thing5.DATA}}\n',
    example: expect.stringContaining('取餐号：A023'),
    type: 2,
  })
})

test('without consent the send gets 43101 and nothing is delivered', async () => {
  const res = await send(await orderReady('bob'))
  expect(res).toEqual({ errcode: 43101, errmsg: expect.stringMatching(/^user refuse to accept the msg rid: /) })
  expect((await p.json('/_sandbox/people/bob/service-notifications')).notifications).toEqual([])
})

test('wx.requestSubscribeMessage answers per template; each accept allows exactly one send', async () => {
  const answer = await consent('alice', [tmpl['order-ready']!, tmpl['coupon-expiring']!], { [tmpl['coupon-expiring']!]: 'reject' })
  expect(answer.status).toBe(200)
  expect(answer.body).toEqual({ errMsg: 'requestSubscribeMessage:ok', [tmpl['order-ready']!]: 'accept', [tmpl['coupon-expiring']!]: 'reject' })
  const left = await p.json('/_sandbox/people/alice/miniprogram/subscriptions')
  expect(left.subscriptions).toEqual([{ templateId: tmpl['order-ready'], remaining: 1 }])

  const sent = await send(await orderReady('alice'))
  expect(sent).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) })
  expect(Number.isSafeInteger(sent.msgid)).toBe(true)
  expect((await send(await orderReady('alice'))).errcode).toBe(43101)
})

test('consents add up: two accepts, two sends', async () => {
  await consent('carol', [tmpl['points-changed']!])
  await consent('carol', [tmpl['points-changed']!])
  const msg = {
    touser: (await kit.openid('carol')).openid,
    template_id: tmpl['points-changed'],
    data: { thing1: { value: 'Purchase reward' }, number2: { value: 38 }, number3: { value: '1280' }, time4: { value: '09:20' } },
  }
  expect((await send(msg)).errcode).toBe(0)
  expect((await send(msg)).errcode).toBe(0)
  expect((await send(msg)).errcode).toBe(43101)
})

describe('Service Notifications', () => {
  test('a sent message lands in the person’s list; tapping it opens its page with scene 1014', async () => {
    await consent('dave', [tmpl['order-ready']!])
    await send(await orderReady('dave'))
    const [n] = (await p.json('/_sandbox/people/dave/service-notifications')).notifications
    expect(n).toMatchObject({
      appid: kit.mp.appid,
      appName: kit.mp.name,
      templateId: tmpl['order-ready'],
      title: '取餐提醒',
      titleEn: 'Order ready for pickup',
      page: 'pages/order/order?id=LC1001',
      clickable: true,
      openedAt: null,
    })
    expect(n.keywords[0]).toEqual({ key: 'character_string1', name: '取餐号', nameEn: 'Pickup number', value: 'A023' })

    const opened = await p.post(`/_sandbox/people/dave/service-notifications/${n.id}/open`)
    expect(opened.status).toBe(201)
    const body = await opened.json()
    expect(body.launchOptions).toMatchObject({ path: 'pages/order/order', query: { id: 'LC1001' }, scene: 1014 })
    expect(body.channel).toBe('subscribe-message')
    const [event] = (await p.json('/_sandbox/events?type=miniprogram.launched&order=desc&limit=1')).events
    expect(event.subject).toMatchObject({ person: 'dave', notification: n.id, template: tmpl['order-ready'] })
    expect((await p.json('/_sandbox/people/dave/service-notifications')).notifications[0].openedAt).not.toBeNull()
  })

  test('a message without a page is not clickable; someone else’s notification is a 404', async () => {
    await consent('erin', [tmpl['coupon-expiring']!])
    const res = await send({
      touser: (await kit.openid('erin')).openid,
      template_id: tmpl['coupon-expiring'],
      data: { thing1: { value: 'Free pastry' }, amount2: { value: '¥12.00' }, date3: { value: '2026年3月9日' }, thing4: { value: 'Use it soon' } },
    })
    expect(res.errcode).toBe(0)
    const [n] = (await p.json('/_sandbox/people/erin/service-notifications')).notifications
    expect(n.clickable).toBe(false)
    expect((await p.post(`/_sandbox/people/erin/service-notifications/${n.id}/open`)).status).toBe(409)
    expect((await p.post(`/_sandbox/people/alice/service-notifications/${n.id}/open`)).status).toBe(404)
  })
})

describe('send errors, each leaving the consent unused', () => {
  beforeAll(async () => {
    await consent('frank', [tmpl['order-ready']!])
  })

  test('an openid not of this app gets 40003', async () => {
    const oaOpenid = (await kit.openid('frank', kit.oa.appid)).openid
    expect((await send(await orderReady('frank', { touser: oaOpenid }))).errcode).toBe(40003)
  })

  test('an unknown template gets 40037', async () => {
    expect((await send(await orderReady('frank', { template_id: 'x'.repeat(43) }))).errcode).toBe(40037)
  })

  test('a page that is not published gets 41030', async () => {
    expect((await send(await orderReady('frank', { page: 'pages/nope/nope' }))).errcode).toBe(41030)
  })

  test('a value breaking its keyword rule gets 47003 naming the field', async () => {
    const base = await orderReady('frank')
    const tooLong = await send({ ...base, data: { ...base.data, thing2: { value: 'x'.repeat(21) } } })
    expect(tooLong).toEqual({ errcode: 47003, errmsg: expect.stringMatching(/^argument invalid! data\.thing2\.value invalid rid: /) })
    const badTime = await send({ ...base, data: { ...base.data, time4: { value: 'tomorrow' } } })
    expect(badTime.errmsg).toMatch(/^argument invalid! data\.time4\.value invalid/)
    const spaces = await send({ ...base, data: { ...base.data, character_string1: { value: 'A 023' } } })
    expect(spaces.errmsg).toMatch(/data\.character_string1\.value invalid/)
    const { thing5: _dropped, ...rest } = base.data
    const missing = await send({ ...base, data: rest })
    expect(missing.errmsg).toMatch(/^argument invalid! data\.thing5\.value is empty/)
  })

  test('a malformed body gets 47001, a wrongly shaped one 47003, a missing token 41001', async () => {
    expect((await (await p.post(`/cgi-bin/message/subscribe/send?access_token=${token}`, 'nope')).json()).errcode).toBe(47001)
    expect((await send({ touser: 'x' })).errcode).toBe(47003)
    expect((await (await p.post('/cgi-bin/message/subscribe/send', await orderReady('frank'))).json()).errcode).toBe(41001)
  })

  test('after all of that the one consent still sends', async () => {
    expect((await send(await orderReady('frank'))).errcode).toBe(0)
  })
})

test('requestSubscribeMessage fails like the client for unknown or too many templates', async () => {
  const unknown = await consent('grace', ['nope'])
  expect(unknown.status).toBe(400)
  expect(unknown.body).toMatchObject({ errCode: 20001, errMsg: expect.stringMatching(/^requestSubscribeMessage:fail /) })
  expect((await consent('grace', [])).body.errCode).toBe(10001)
  expect((await consent('grace', Array(6).fill(tmpl['order-ready']))).body.errCode).toBe(20003)
  expect((await p.json('/_sandbox/people/grace/miniprogram/subscriptions')).subscriptions).toEqual([])
})

test('subscription messages are events on the person’s journey', async () => {
  const { body: launched } = await kit.launch('henry', { entry: 'search' })
  await consent('henry', [tmpl['order-shipped']!])
  await send({
    touser: (await kit.openid('henry')).openid,
    template_id: tmpl['order-shipped'],
    page: 'pages/order/order',
    data: {
      character_string1: { value: 'LC202603020001' },
      thing2: { value: 'Yunnan beans 500g' },
      thing3: { value: 'SF Express' },
      character_string4: { value: 'SF1234567890' },
      time5: { value: '2026-03-02 14:30' },
    },
  })
  const types = (await p.json(`/_sandbox/events?journey=${launched.journeyId}`)).events.map((e: any) => e.type)
  expect(types).toEqual(['miniprogram.launched', 'miniprogram.subscribe.answered', 'miniprogram.subscribe-message.sent'])
})

test('refuses an empty template id and stores no consent for it', async () => {
  const before = (await p.json('/_sandbox/people/alice/miniprogram/subscriptions')).subscriptions
  const { status, body } = await consent('alice', [''])
  expect(status).toBe(400)
  expect(body).toMatchObject({ errCode: 20001, errMsg: expect.stringContaining('requestSubscribeMessage:fail') })
  expect((await consent('alice', [tmpl['order-ready']!, ''])).status).toBe(400)
  expect((await p.json('/_sandbox/people/alice/miniprogram/subscriptions')).subscriptions).toEqual(before)
})
