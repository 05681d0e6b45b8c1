import { expect, test } from 'vitest'
import type { SandboxEvent } from './actors/types'
import { stepView } from './visual'

let id = 0
const event = (type: string, actor: string, subject: Record<string, string> = {}, payload: Record<string, unknown> = {}): SandboxEvent => ({ id: ++id, at: '2026-03-02T01:00:00.000Z', actor, surface: type.split('.')[0]!, type, subject, journeyId: null, channel: null, payload })
const cast = ['alice', 'bob', 'grace', 'dave']

test('a welcome card that reaches someone is what their phone shows, not the page they were on', () => {
  const v = stepView([event('wecom.contact.added', 'alice'), event('wecom.message.delivered', 'wwcorp', { person: 'alice' }, { conversation: 'wecom:ww:LilyChen', recipients: ['alice'] })], cast, true)
  expect(v.phone).toEqual({ alice: { kind: 'wecom', conversation: 'wecom:ww:LilyChen' } })
  expect(v.presenter).toBe(false)
})

test('a card the recipient then opened and bought from leaves the order on their screen', () => {
  const v = stepView(
    [event('chat.card.shared', 'alice', { conversation: 'p2p:alice:bob' }, { recipients: ['bob'] }), event('miniprogram.launched', 'bob'), event('pay.payment.succeeded', 'bob')],
    cast,
    true,
  )
  expect(v.phone).toEqual({})
})

test('Service Notifications, the wallet, the consent prompt and the pay sheet’s error are shown when the step brings them', () => {
  const v = stepView(
    [
      event('miniprogram.subscribe-message.sent', 'wxapp', { person: 'grace' }),
      event('pay.refund.success', '1611892468', { person: 'dave' }),
      event('miniprogram.subscribe.answered', 'alice', { person: 'alice' }, { answers: { t1: 'accept', t2: 'reject' } }),
      event('pay.payment.failed', 'bob', { out_trade_no: 'LUME1' }, { reason: 'wrong_password' }),
    ],
    cast,
    false,
  )
  expect(v.phone).toEqual({ grace: { kind: 'service-notifications' }, dave: { kind: 'wallet' } })
  expect(v.consent).toEqual({ alice: { t1: 'accept', t2: 'reject' } })
  expect(v.payError.bob?.reason).toBe('wrong_password')
  expect(v.presenter).toBe(false)
})

test('a failed payment paid later in the same step shows no error', () => {
  const v = stepView([event('pay.payment.failed', 'bob', {}, { reason: 'insufficient_balance' }), event('pay.payment.succeeded', 'bob')], cast, true)
  expect(v.payError).toEqual({})
})

test('a step where no phone changes (the operator’s funnel, checks) shows the presenter', () => {
  expect(stepView([], cast, false).presenter).toBe(true)
  expect(stepView([event('miniprogram.session.created', 'wxapp')], cast, false).presenter).toBe(true)
  expect(stepView([], cast, true).presenter).toBe(false)
})
