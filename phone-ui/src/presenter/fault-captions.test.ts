import { expect, test } from 'vitest'
import type { SandboxEvent, WorldView } from '../api'
import { caption, contextOf } from './captions'
import { faultRefusal } from './fault-words'

const event = (type: string, fields: Partial<SandboxEvent> = {}): SandboxEvent => ({
  id: 1,
  at: '2026-03-02T01:00:00.000Z',
  actor: 'sandbox',
  surface: 'sandbox',
  type,
  subject: {},
  journeyId: null,
  channel: null,
  payload: {},
  ...fields,
})
const world = { brand: { name: 'Lumen Coffee' }, miniProgram: { name: 'Lumen Coffee Store' }, wecom: { consultants: [] } } as unknown as WorldView
const ctx = contextOf([], world, new Map([['alice', 'Alice Wang']]))
const fired = (surface: string, fault: string, route: string, more: Partial<SandboxEvent> = {}, payload: Record<string, unknown> = {}) =>
  caption(event('fault.fired', { surface, subject: { fault: '3' }, payload: { surface, fault, route, method: 'POST', remaining: 0, fired: 1, ...payload }, ...more }), ctx)

test('a fired WeChat Pay fault says what WeChat Pay answered to which call, and the rule with its turns left', () => {
  expect(fired('pay', 'SYSTEM_ERROR', '/v3/pay/transactions/jsapi')).toBe("WeChat Pay answered SYSTEM_ERROR to Lumen Coffee's order (fault rule 3, its last turn)")
  expect(fired('pay', 'FREQUENCY_LIMITED', '/v3/refund/domestic/refunds', {}, { remaining: 2 })).toBe("WeChat Pay answered FREQUENCY_LIMITED to Lumen Coffee's refund (fault rule 3, 2 left)")
  expect(fired('pay', 'NOTENOUGH', '/pay-sheet', { subject: { fault: '3', person: 'alice' } }, { remaining: null })).toBe("WeChat Pay answered NOTENOUGH to Alice Wang's payment (fault rule 3)")
  expect(fired('pay', 'ORDERPAID', '/v3/pay/transactions/out-trade-no/X1/close')).toBe("WeChat Pay answered ORDERPAID to Lumen Coffee's closing of an order (fault rule 3, its last turn)")
})

test('a fired API, notification or signature fault reads as what WeChat did to the brand’s server', () => {
  expect(fired('api', '45009', '/cgi-bin/message/custom/send')).toBe("WeChat answered errcode 45009 to Lumen Coffee's server on /cgi-bin/message/custom/send (fault rule 3, its last turn)")
  expect(fired('wecom', '60020', '/cgi-bin/gettoken')).toBe("WeCom answered errcode 60020 to Lumen Coffee's server on /cgi-bin/gettoken (fault rule 3, its last turn)")
  expect(fired('api', 'token-not-latest', '/cgi-bin/message/custom/send')).toBe("WeChat answered token-not-latest to Lumen Coffee's server on /cgi-bin/message/custom/send (fault rule 3, its last turn)")
  expect(fired('pay-notify', 'drop', '/TRANSACTION.SUCCESS')).toBe("WeChat Pay dropped its notice that the order is paid to Lumen Coffee's server (fault rule 3, its last turn)")
  expect(fired('pay-keys', 'SIGNTEST', '/v3/pay/transactions/jsapi')).toBe('WeChat Pay signed its answer to /v3/pay/transactions/jsapi with SIGNTEST (fault rule 3, its last turn)')
  expect(fired('pay-keys', 'clock-skew', '/REFUND.SUCCESS')).toBe('WeChat Pay signed its notice that the refund went through with clock-skew (fault rule 3, its last turn)')
  // a surface the captions do not know yet still names the fault and the rule
  expect(fired('miniprogram', '41030', '/pages/gone', { subject: { fault: '3', person: 'alice' } })).toBe('Mini program: 41030 for Alice Wang on /pages/gone (fault rule 3, its last turn)')
})

test('switching rules on and off reads as the rule, its limits and how often it fired', () => {
  const rule = { id: 3, surface: 'pay', fault: 'SYSTEM_ERROR', remaining: 1, probability: 1, person: null, route: null, journey: null, fired: 0 }
  expect(caption(event('fault.added', { payload: { rule } }), ctx)).toBe('Fault rule 3 switched on: WeChat Pay SYSTEM_ERROR · once')
  expect(caption(event('fault.added', { payload: { rule: { ...rule, remaining: null, person: 'alice', probability: 0.25 } } }), ctx)).toBe('Fault rule 3 switched on: WeChat Pay SYSTEM_ERROR · for Alice Wang · 25% of the time')
  expect(caption(event('fault.removed', { payload: { rule: { ...rule, remaining: 0, fired: 1 } } }), ctx)).toBe('Fault rule 3 switched off: WeChat Pay SYSTEM_ERROR (fired 1 time)')
  expect(caption(event('fault.cleared', { payload: { surface: null, rules: 3 } }), ctx)).toBe('All 3 fault rules switched off')
  expect(caption(event('fault.cleared', { payload: { surface: null, rules: 1 } }), ctx)).toBe('The fault rule was switched off')
  expect(caption(event('fault.cleared', { payload: { surface: 'pay', rules: 2 } }), ctx)).toBe('2 WeChat Pay fault rules switched off')
})

test('a refused rule reads as words naming the field as the form does', () => {
  expect(faultRefusal('params.ms: Too small: expected number to be >=100')).toBe('ms must be at least 100')
  expect(faultRefusal('params.ms: Invalid input: expected number, received undefined')).toBe('ms is needed')
  expect(faultRefusal('params.ms: Invalid input: expected int, received number')).toBe('ms must be a whole number')
  expect(faultRefusal('times: Too small: expected number to be >=1')).toBe('Times must be at least 1')
  expect(faultRefusal('probability: Too big: expected number to be <=1')).toBe('Chance must be at most 100%')
  expect(faultRefusal("params.by: by: a duration such as '90s', '10m' or '1h30m', at most 7 days")).toBe("by: a duration such as '90s', '10m' or '1h30m', at most 7 days")
  expect(faultRefusal('params.ip: Invalid IPv4 address')).toBe('ip must be an IPv4 address such as 203.0.113.7')
  expect(faultRefusal('the body is not valid JSON')).toBe('the body is not valid JSON')
})
