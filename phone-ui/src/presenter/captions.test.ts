import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { CAST } from '../../../platform-mock/src/world/cast'
import type { SandboxEvent, WorldView } from '../api'
import { caption, chinaTime, contextOf, fold, humanType, isSetup, setupSummary } from './captions'

const event = (type: string, fields: Partial<SandboxEvent> = {}): SandboxEvent => ({
  id: 1,
  at: '2026-03-02T01:00:00.000Z',
  actor: 'alice',
  surface: type.split('.')[0]!,
  type,
  subject: {},
  journeyId: null,
  channel: null,
  payload: {},
  ...fields,
})
// the café's cast, as the world kit names them
const people = new Map(CAST.map((p) => [p.id, p.name]))
// the world view's parts a caption reads, as the platform serves them for the café's kit
const world = {
  brand: { id: 'lumen', name: 'Lumen Coffee', nameZh: '流明咖啡', color: '#8A5A3C' },
  miniProgram: { name: 'Lumen Coffee Store' },
  wecom: { corpName: 'Lumen Coffee', agentName: 'Store Assistant', consultants: [{ userid: 'LilyChen', name: 'Lily Chen', nameZh: '陈莉莉', position: 'Store manager' }] },
} as unknown as WorldView
const ctx = (events: SandboxEvent[] = [], templates = new Map<string, string>()) => contextOf(events, world, people, templates)

// every journey's real events, as the golden traces keep them
const goldenDir = join(import.meta.dirname, '../../../scenarios/golden')
const golden = readdirSync(goldenDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, events: (JSON.parse(readFileSync(join(goldenDir, f), 'utf8')) as { events: SandboxEvent[] }).events }))

test('every event a journey produces reads as words: its own phrase, names not ids, no bookkeeping vocabulary', () => {
  const types = new Set<string>()
  for (const { file, events } of golden) {
    const c = ctx(events)
    for (const e of events) {
      types.add(e.type)
      const line = caption(e, c)
      const where = `${file} #${e.id} ${e.type}: ${line}`
      expect(line, where).not.toContain(humanType(e.type))
      expect(line, where).not.toMatch(/undefined|null|\[object|NaN/)
      // appids, corp ids, finder ids, openids, template and tag ids never reach a trainer's ears
      expect(line, where).not.toMatch(/\b(wx[0-9a-f]{8,}|ww[0-9a-f]{8,}|sph\w{6,}|wm\w{10,}|et\w{10,})/)
      expect(line, where).not.toMatch(/\bMerchant\b|notification #|Miniprogram|Wecom|Oa /)
      expect(line, where).not.toMatch(/^[a-z]/)
    }
  }
  expect(types.size).toBeGreaterThan(40)
})

test('a payment, its order and the pay notification say who, how much and what happened', () => {
  const order = event('pay.order.created', { actor: '1611892468', subject: { mchid: '1611892468', out_trade_no: 'o1' }, payload: { total: 5700, description: 'Lumen Coffee - Latte ×2' } })
  const paid = event('pay.payment.succeeded', { subject: { person: 'alice', out_trade_no: 'o1' }, payload: { total: 5700, description: 'Lumen Coffee - Latte ×2' } })
  const c = ctx([order, paid])
  expect(caption(order, c)).toBe("Lumen Coffee asked WeChat Pay to charge ¥57.00 for Alice Wang's order · Latte ×2")
  expect(caption(order, ctx([order]))).toBe('Lumen Coffee asked WeChat Pay to charge ¥57.00 for an order · Latte ×2')
  expect(caption(paid, c)).toBe('Alice Wang paid ¥57.00 for Latte ×2')
  const notified = (payload: Record<string, unknown>) => caption(event('pay.notification.attempted', { actor: 'wechatpay', payload: { event_type: 'TRANSACTION.SUCCESS', ...payload } }), c)
  expect(notified({ n: 1, status: 200, outcome: 'acknowledged' })).toBe("WeChat Pay told Lumen Coffee's server the order is paid (1st try, acknowledged)")
  expect(notified({ n: 2, status: null, outcome: 'refused', nextAttemptAt: '2026-03-02T01:00:15.000Z' })).toBe("WeChat Pay told Lumen Coffee's server the order is paid (2nd try, no answer, next try at 09:00:15)")
  expect(notified({ n: 3, status: 500, outcome: 'rejected' })).toBe("WeChat Pay told Lumen Coffee's server the order is paid (3rd try, refused with 500)")
  expect(notified({ n: 11, status: null, outcome: 'timeout' })).toBe("WeChat Pay told Lumen Coffee's server the order is paid (11th try, no answer in time)")
  expect(caption(event('pay.payment.failed', { actor: 'bob', subject: { person: 'bob' }, payload: { reason: 'insufficient_balance' } }), c)).toBe("Bob Li's payment failed: not enough balance")
  expect(caption(event('pay.refund.created', { actor: '1611892468', subject: { person: 'dave', out_trade_no: 'o2' }, payload: { refund: 2800, total: 5400, reason: 'wrong drink' } }), c)).toBe(
    'Lumen Coffee refunded Dave Chen ¥28.00 of ¥54.00 · wrong drink',
  )
})

test('a subscription answer says yes or no, naming the message', () => {
  const sent = event('miniprogram.subscribe-message.sent', { actor: 'wx7a7', subject: { person: 'alice', template: 'T-ready' }, payload: { titleEn: 'Order ready for pickup', title: '取餐提醒' } })
  const answered = (answers: Record<string, string>) => caption(event('miniprogram.subscribe.answered', { subject: { person: 'alice' }, payload: { answers } }), ctx([sent], new Map([['T-coupon', 'Coupon expiring']])))
  expect(answered({ 'T-ready': 'accept' })).toBe('Alice Wang allowed the “Order ready for pickup” message')
  expect(answered({ 'T-ready': 'reject' })).toBe('Alice Wang declined the “Order ready for pickup” message')
  expect(answered({ 'T-ready': 'accept', 'T-coupon': 'reject' })).toBe('Alice Wang allowed the “Order ready for pickup” message and declined the “Coupon expiring” message')
  expect(answered({ unknown: 'accept' })).toBe('Alice Wang allowed a message')
  expect(answered({ unknown: 'accept', 'T-coupon': 'accept' })).toBe('Alice Wang allowed the “Coupon expiring” message and 1 other')
  expect(caption(sent, ctx())).toBe('Lumen Coffee sent Alice Wang the “Order ready for pickup” message')
})

test('a launch names the mini program, the scene and the share chain or the discovery before it', () => {
  const c = ctx()
  expect(caption(event('miniprogram.launched', { subject: { person: 'alice' }, payload: { scene: 1007, sceneLabel: 'card in a 1:1 chat' } }), c)).toBe('Alice Wang opened Lumen Coffee Store (scene 1007: card in a 1:1 chat)')
  const chain = [{ person: 'alice', action: 'discovered', entry: 'oa-article' }, { person: 'alice', action: 'shared' }, { person: 'bob', action: 'forwarded' }, { person: 'carol', action: 'opened' }]
  expect(caption(event('miniprogram.launched', { actor: 'carol', subject: { person: 'carol' }, payload: { scene: 1007, shareChain: chain } }), c)).toBe('Carol Zhang opened Lumen Coffee Store (scene 1007) · via Alice Wang → Bob Li → Carol Zhang')
  const afterArticle = [{ person: 'alice', action: 'discovered', entry: 'oa-article' }, { person: 'alice', action: 'opened', entry: 'oa-message' }]
  expect(caption(event('miniprogram.launched', { payload: { scene: 1074, shareChain: afterArticle } }), c)).toBe('Alice Wang opened Lumen Coffee Store (scene 1074) · after reading an article')
  expect(caption(event('chat.card.shared', { payload: { recipients: ['bob', 'carol'] } }), c)).toBe('Alice Wang shared a Lumen Coffee Store card with Bob Li and Carol Zhang')
  expect(caption(event('chat.message.sent', { payload: { kind: 'image', recipients: ['bob'] } }), c)).toBe('Alice Wang sent a photo to Bob Li')
  expect(caption(event('chat.link.shared', { payload: { recipients: ['bob'] } }), c)).toBe('Alice Wang shared an article link with Bob Li')
})

test('names come from the world: another brand, its consultants and its tags', () => {
  const blaze = { ...world, brand: { ...world.brand, name: 'Blaze Running' }, miniProgram: { name: 'Blaze Club' }, wecom: { ...world.wecom, consultants: [{ userid: 'KaiMa', name: 'Kai Ma' }] } } as unknown as WorldView
  const tags = event('wecom.corp_tag.created', { payload: { tags: [{ id: 'et1', name: 'Bought' }] } })
  const c = contextOf([tags], blaze, people)
  expect(caption(event('wecom.contact.added', { subject: { person: 'alice', userid: 'KaiMa' } }), c)).toBe("Alice Wang added Kai Ma, Blaze Running's consultant, on WeCom")
  expect(caption(event('wecom.contact.tagged', { actor: 'ww1', subject: { person: 'alice' }, payload: { add: ['et1'] } }), c)).toBe('Blaze Running tagged Alice Wang “Bought” in WeCom')
  expect(caption(event('wecom.message.delivered', { actor: 'ww1', subject: { person: 'alice', userid: 'KaiMa' }, payload: { source: 'welcome', from: 'staff', recipients: ['alice'] } }), c)).toBe('Kai Ma welcomed Alice Wang on WeCom')
  expect(caption(event('channels.live.started', { actor: 'sph1', payload: { title: 'Trail night' } }), c)).toBe('Blaze Running went live on Channels: “Trail night”')
  expect(caption(event('wecom.push.attempted', { actor: 'wecom', payload: { kind: 'add_external_contact', n: 1, ok: true } }), contextOf([], { ...blaze, brand: { ...blaze.brand, name: 'Stride Athletics' } } as WorldView, people))).toBe("WeCom told Stride Athletics' server that a customer added a consultant (1st try, received)")
  // without a world view, still words
  expect(caption(event('oa.article.published', { actor: 'wxb', payload: { titles: ['Spring Oolong'] } }))).toBe('The brand published “Spring Oolong”')
})

test('setup steps fold into the line of what came just before them, and say what they made', () => {
  const at = (id: number, type: string) => event(type, { id, actor: 'wx7a7' })
  const events = [at(7, 'pay.payment.succeeded'), at(6, 'miniprogram.code.created'), at(5, 'miniprogram.code.created'), at(4, 'miniprogram.session.created'), at(3, 'qr.scanned'), at(2, 'oa.draft.added'), at(1, 'world.seeded')]
  const items = fold(events)
  // each line carries the steps that came right after it; the ones before any event stand alone
  expect(items.map((i) => [i.event?.type ?? null, i.setup.map((e) => e.id)])).toEqual([
    ['pay.payment.succeeded', []],
    ['qr.scanned', [6, 5, 4]],
    ['world.seeded', [2]],
  ])
  expect(setupSummary(items[1]!.setup)).toBe('2 mini program codes, a sign-in')
  expect(fold([at(3, 'oa.draft.added'), at(2, 'oa.menu.created')])).toEqual([{ event: null, setup: [at(3, 'oa.draft.added'), at(2, 'oa.menu.created')] }])
  for (const type of ['wecom.corp_tag.created', 'oa.draft.added', 'miniprogram.code.created', 'miniprogram.session.created', 'oa.push.attempted']) expect(isSetup(event(type)), type).toBe(true)
  for (const type of ['pay.notification.attempted', 'pay.order.created', 'world.seeded', 'qr.scanned']) expect(isSetup(event(type)), type).toBe(false)
})

test('an event without a phrase of its own reads as its type and actor', () => {
  expect(caption(event('cards.code.unknown', { actor: 'wx123' }))).toBe('Cards code unknown · wx123')
  expect(humanType('wecom.msg_template.sent')).toBe('Wecom msg template sent')
})

test('times are China time, as the phones show them; a clock jump says how far', () => {
  expect(chinaTime('2026-03-02T17:30:05.000Z')).toBe('01:30:05')
  expect(chinaTime('2026-03-02T17:30:05.000Z', true)).toBe('03-03 01:30')
  expect(caption(event('clock.advanced', { actor: 'sandbox', payload: { from: '2026-03-02T01:00:00.000Z', to: '2026-03-09T01:00:00.000Z', fired: 2 } }))).toBe('Time jumps ahead 7 days to 03-09 09:00 · 2 scheduled jobs ran')
  expect(caption(event('world.seeded', { actor: 'sandbox', payload: { seed: '1' } }))).toBe('The world starts fresh (seed 1)')
  expect(caption(event('clock.frozen', { actor: 'sandbox', payload: { at: '2026-03-02T02:30:00.000Z' } }))).toBe('The world clock stops at 03-02 10:30')
  expect(caption(event('clock.resumed', { actor: 'sandbox', payload: { at: '2026-03-02T02:30:00.000Z' } }))).toBe('The world clock runs again from 03-02 10:30')
})

test('one line per event type of the journeys, as the timeline reads it', () => {
  const lines: Record<string, string> = {}
  for (const { events } of golden) {
    const c = ctx(events)
    for (const e of events) lines[e.type] ??= `${isSetup(e) ? '(setup) ' : ''}${caption(e, c)}`
  }
  expect(Object.fromEntries(Object.entries(lines).sort(([a], [b]) => a.localeCompare(b)))).toMatchInlineSnapshot(`
    {
      "channels.account.updated": "(setup) Lumen Coffee updated its Channels profile",
      "channels.live.ended": "Lumen Coffee ended its Channels live · 2 viewers, 1 product tap, 1 order",
      "channels.live.joined": "Alice Wang joined Lumen Coffee's Channels live",
      "channels.live.left": "Carol Zhang left the Channels live",
      "channels.live.scheduled": "Lumen Coffee scheduled a Channels live: “Friday tasting live”",
      "channels.live.started": "Lumen Coffee went live on Channels: “Friday tasting live”",
      "channels.product.tapped": "Alice Wang tapped Latte on the live shelf",
      "channels.video.posted": "Lumen Coffee posted a Channels video: “Morning pour-over, step by step”",
      "chat.card.forwarded": "Bob Li forwarded a Lumen Coffee Store card to Carol Zhang",
      "chat.card.shared": "Alice Wang shared a Lumen Coffee Store card with Bob Li",
      "clock.advanced": "Time jumps ahead 7 days to 03-09 09:00 · 1 scheduled job ran",
      "fault.added": "Fault rule 1 switched on: WeChat Pay NOTENOUGH · once · for Henry Wu",
      "fault.fired": "WeChat Pay answered NOTENOUGH to Henry Wu's payment (fault rule 1, its last turn)",
      "miniprogram.code.created": "(setup) Lumen Coffee's server made a mini program code for pages/menu/menu",
      "miniprogram.launched": "Alice Wang opened Lumen Coffee Store (scene 1058: Official Account article)",
      "miniprogram.pages.published": "(setup) Lumen Coffee Store published its pages",
      "miniprogram.session.created": "(setup) Alice Wang signed in to Lumen Coffee Store",
      "miniprogram.subscribe-message.sent": "Lumen Coffee sent Grace Sun the “Coupon expiring” message",
      "miniprogram.subscribe.answered": "Grace Sun allowed the “Coupon expiring” message and 1 other",
      "oa.article.published": "Lumen Coffee published “Spring Oolong”",
      "oa.article.read": "Alice Wang read “Spring Oolong”",
      "oa.draft.added": "(setup) Lumen Coffee saved an article draft",
      "oa.followed": "Henry Wu followed Lumen Coffee's Official Account",
      "oa.menu.created": "(setup) Lumen Coffee set up its Official Account menu",
      "oa.message.delivered": "Lumen Coffee's Official Account sent a notice to Carol Zhang: “订单支付成功通知”",
      "oa.push.attempted": "(setup) WeChat told Lumen Coffee's server that its notice reached Carol Zhang (1st try, received)",
      "oa.push.finished": "WeChat told Lumen Coffee's server that its notice reached Carol Zhang (acknowledged)",
      "oa.qrcode.created": "(setup) Lumen Coffee made a follow code (store=sh02)",
      "oa.server.verified": "(setup) WeChat checked Lumen Coffee's Official Account server",
      "pay.notification.attempted": "WeChat Pay told Lumen Coffee's server the order is paid (1st try, acknowledged)",
      "pay.order.created": "Lumen Coffee asked WeChat Pay to charge ¥28.00 for Carol Zhang's order · Latte",
      "pay.payment.cancelled": "Bob Li closed the pay sheet without paying",
      "pay.payment.failed": "Henry Wu's payment failed: not enough balance",
      "pay.payment.succeeded": "Carol Zhang paid ¥28.00 for Latte",
      "pay.refund.created": "Lumen Coffee refunded Dave Chen ¥28.00 of ¥54.00 · wrong drink",
      "pay.refund.success": "Dave Chen's refund of ¥28.00 arrived",
      "qr.scanned": "Alice Wang scanned Lumen Coffee's mini program code from a photo",
      "wecom.callback.verified": "(setup) WeCom checked Lumen Coffee's server",
      "wecom.contact.added": "Alice Wang added Lily Chen, Lumen Coffee's consultant, on WeCom",
      "wecom.contact.tagged": "Lumen Coffee tagged Alice Wang “Bought” in WeCom",
      "wecom.contact_way.created": "(setup) Lumen Coffee made a code to add Lily Chen",
      "wecom.corp_tag.created": "(setup) Lumen Coffee made WeCom customer tags “Bought” and “Repeat buyer”",
      "wecom.message.delivered": "Lily Chen welcomed Alice Wang on WeCom",
      "wecom.msg_template.created": "Lumen Coffee prepared a WeCom mass message for 1 customer",
      "wecom.msg_template.sent": "Lily Chen sent the mass message (1 delivered)",
      "wecom.push.attempted": "WeCom told Lumen Coffee's server that a customer added a consultant (1st try, received)",
      "world.seeded": "The world starts fresh (seed 1)",
    }
  `)
})
