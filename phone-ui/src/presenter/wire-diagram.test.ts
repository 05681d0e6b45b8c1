import { expect, test } from 'vitest'
import { EMPTY, type WireExchange } from '../../../platform-mock/src/sandbox/wire-log'
import { currentStep, escapeLabel, sequenceDiagram } from './wire-diagram'

let next = 1
const x = (over: Partial<WireExchange>): WireExchange => ({
  id: next++, at: '2026-03-02T01:00:00.000Z', seq: [0, 0], from: 'merchant', to: 'wechat', method: 'POST', url: 'https://api.weixin.qq.com/x', status: 200, latencyMs: 1,
  label: 'call', answer: '200', person: 'alice', journey: null, starts: false, captured: false, request: EMPTY, response: EMPTY, ...over,
})

test('escapes every character mermaid reads as syntax, markup or a comment', () => {
  expect(escapeLabel('a;b:c#d<script>e%%f"g&h{i}')).toBe('a#59;b#58;c#35;d#60;script#62;e#37;#37;f#34;g#38;h#123;i#125;')
  expect(escapeLabel('line\nbreak')).toBe('line break')
  expect(escapeLabel('王小明 · retry 1')).toBe('王小明 · retry 1')
})

test('draws wx.login and code2session, a nested notification inside the pay call, and a lost answer as a cross', () => {
  const names = new Map([['alice', 'Alice Wang']])
  const { text, arrows } = sequenceDiagram(
    [
      x({ seq: [1, 2], from: 'phone', label: 'wx.login', answer: '200 code' }),
      x({ seq: [3, 4], label: 'code2session', answer: '200 openid' }),
      x({ seq: [6, 7], from: 'wechat', to: 'merchant', label: 'payment notification', answer: 'acknowledged 204' }),
      x({ seq: [5, 8], from: 'phone', label: 'pay on the pay sheet', answer: '200 success' }),
      x({ seq: [9, 10], from: 'wechat', to: 'merchant', label: 'payment notification · retry 1', answer: 'no answer: timeout', status: null }),
    ],
    names,
  )
  expect(text).toBe(
    [
      'sequenceDiagram',
      '  participant P0 as Alice Wang’s phone',
      '  participant W as WeChat',
      '  participant M as Brand’s server',
      '  P0->>W: wx.login',
      '  W-->>P0: 200 code',
      '  M->>W: code2session',
      '  W-->>M: 200 openid',
      '  P0->>W: pay on the pay sheet',
      '  W->>M: payment notification',
      '  M-->>W: acknowledged 204',
      '  W-->>P0: 200 success',
      '  W->>M: payment notification · retry 1',
      '  M--xW: no answer#58; timeout',
    ].join('\n'),
  )
  expect(arrows.map((a) => a.side)).toEqual(['request', 'response', 'request', 'response', 'request', 'request', 'response', 'response', 'request', 'response'])
})

test('the current step begins at the latest exchange that starts one', () => {
  const a = x({ seq: [1, 2], starts: true, label: 'open the mini program' })
  const b = x({ seq: [3, 4], label: 'code2session' })
  const c = x({ seq: [6, 9], starts: true, from: 'phone', label: 'message the account' })
  const d = x({ seq: [7, 8], from: 'wechat', to: 'merchant', label: 'push: text message' })
  expect(currentStep([a, b, d, c]).map((e) => e.label)).toEqual(['message the account', 'push: text message'])
  expect(currentStep([a, b], 1).map((e) => e.label)).toEqual(['code2session'])
})
