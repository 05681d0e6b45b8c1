import { expect, test } from 'vitest'
import type { SandboxEvent } from '../api'
import { caption, chinaTime, humanType } from './captions'

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
const names = (id: string) => ({ alice: 'Alice Wang', bob: 'Bob Li' })[id] ?? id

test('reads a payment, a launch and a share in words, with people by name and amounts in yuan', () => {
  expect(caption(event('pay.payment.succeeded', { payload: { total: 5700, description: 'Lumen Coffee - Latte' } }), names)).toBe('Alice Wang paid ¥57.00 · Lumen Coffee - Latte')
  expect(caption(event('miniprogram.launched', { payload: { scene: 1007, sceneLabel: 'card in a 1:1 chat' } }), names)).toBe('Alice Wang opened the mini program · scene 1007 card in a 1:1 chat')
  expect(caption(event('chat.card.shared', { payload: { recipients: ['bob', 'carol'] } }), names)).toBe('Alice Wang shared a card with Bob Li, carol')
  expect(caption(event('pay.refund.created', { actor: '1611892468', payload: { refund: 600, total: 2600 } }))).toBe('Merchant refunded ¥6.00 of ¥26.00')
})

test('a launch names the share chain or the discovery before it; photos, stickers and article links read as such', () => {
  const chain = [{ person: 'alice', action: 'discovered', entry: 'oa-article' }, { person: 'alice', action: 'shared' }, { person: 'bob', action: 'forwarded' }, { person: 'carol', action: 'opened' }]
  expect(caption(event('miniprogram.launched', { actor: 'carol', payload: { scene: 1007, sceneLabel: 'card in a 1:1 chat', shareChain: chain } }), names)).toBe(
    'carol opened the mini program · scene 1007 card in a 1:1 chat · via Alice Wang → Bob Li → carol',
  )
  const afterArticle = [{ person: 'alice', action: 'discovered', entry: 'oa-article' }, { person: 'alice', action: 'opened', entry: 'oa-message' }]
  expect(caption(event('miniprogram.launched', { payload: { scene: 1074, shareChain: afterArticle } }), names)).toBe('Alice Wang opened the mini program · scene 1074 · after reading an article')
  expect(caption(event('miniprogram.launched', { payload: { scene: 1049, shareChain: [{ person: 'alice', action: 'discovered' }] } }), names)).toBe('Alice Wang opened the mini program · scene 1049')
  expect(caption(event('chat.message.sent', { payload: { kind: 'image', recipients: ['bob'] } }), names)).toBe('Alice Wang sent a photo to Bob Li')
  expect(caption(event('chat.message.sent', { payload: { kind: 'emoji', recipients: ['bob'] } }), names)).toBe('Alice Wang sent a sticker to Bob Li')
  expect(caption(event('chat.link.shared', { payload: { recipients: ['bob'] } }), names)).toBe('Alice Wang shared an article link with Bob Li')
})

test('an event without a phrase of its own reads as its type and actor', () => {
  expect(caption(event('cards.code.consumed', { actor: 'wx123' }))).toBe('Cards code consumed · wx123')
  expect(humanType('wecom.msg_template.sent')).toBe('Wecom msg template sent')
})

test('times are China time, as the phones show them', () => {
  expect(chinaTime('2026-03-02T17:30:05.000Z')).toBe('01:30:05')
  expect(chinaTime('2026-03-02T17:30:05.000Z', true)).toBe('03-03 01:30')
  expect(caption(event('clock.advanced', { actor: 'sandbox', payload: { to: '2026-03-09T01:00:00.000Z', fired: 2 } }))).toBe('Clock advanced to 03-09 09:00 · 2 job(s) ran')
})

test('reads the WeCom consultant loop: add with its state, welcome, mass message, customer service', () => {
  expect(caption(event('wecom.contact.added', { payload: { state: 'LUME42' } }), names)).toBe('Alice Wang added a WeCom consultant · state LUME42')
  expect(caption(event('wecom.message.delivered', { actor: 'ww1', payload: { source: 'welcome', from: 'staff', recipients: ['alice'] } }), names)).toBe("Consultant's welcome message to Alice Wang")
  expect(caption(event('wecom.message.delivered', { actor: 'LilyChen', payload: { source: 'mass', from: 'staff', recipients: ['alice'] } }), names)).toBe("Consultant's mass message to Alice Wang")
  expect(caption(event('wecom.message.delivered', { payload: { source: 'kf', from: 'customer', recipients: ['alice'] } }), names)).toBe('Alice Wang wrote to customer service')
  expect(caption(event('wecom.push.attempted', { actor: 'wecom', payload: { n: 1, kind: 'add_external_contact', ok: true } }))).toBe('WeCom callback #1 add_external_contact → received')
})

test('reads Channels: the live, a tap on its shelf, its end with the figures, a shared video', () => {
  expect(caption(event('channels.live.started', { actor: 'sphv6ttYw2jkv8w', payload: { title: 'Friday tasting live' } }), names)).toBe('The brand went live on Channels · Friday tasting live')
  expect(caption(event('channels.product.tapped', { payload: { title: 'Latte', source: 'live', scene: 1177 } }), names)).toBe('Alice Wang tapped Latte on the live shelf · scene 1177')
  expect(caption(event('channels.live.ended', { actor: 'sphv6ttYw2jkv8w', payload: { stats: { viewers: 2, productTaps: 1, orders: 1 } } }), names)).toBe('The Channels live ended · 2 viewer(s), 1 tap(s), 1 order(s)')
  expect(caption(event('chat.video.shared', { payload: { recipients: ['bob'] } }), names)).toBe('Alice Wang shared a Channels video with Bob Li')
})
