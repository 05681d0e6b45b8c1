import { parse } from 'csv-parse/sync'
import { expect, test } from 'vitest'
import type { Funnel } from '../../../platform-mock/src/sandbox/funnel'
import type { SandboxEvent } from '../api'
import type { CaptionContext } from './captions'
import { exportName, funnelCsv, funnelJson, timelineCsv, timelineRows } from './exports'

const ctx: CaptionContext = { name: (id) => ({ alice: 'Alice Wang', bob: 'Bob Li' })[id] ?? id, brand: 'Lumen Coffee' }
const event = (over: Partial<SandboxEvent>): SandboxEvent => ({ id: 1, at: '2026-03-02T01:00:05.000Z', actor: 'alice', surface: 'chat', type: 'chat.message.sent', subject: {}, journeyId: null, channel: null, payload: {}, ...over })

test('timeline rows carry China time, the caption, surface, actor and ids', () => {
  const [row] = timelineRows([event({ id: 7, subject: { to: 'bob' }, journeyId: 'j_1', channel: 'chat', payload: { type: 'text', text: 'Hi, "friend", ok?' } })], ctx)
  expect(row).toMatchObject({ id: 7, chinaTime: '2026-03-02 09:00:05', surface: 'Chats', actor: 'Alice Wang', channel: 'Chat share', journeyId: 'j_1', subject: 'to=bob', setup: false })
  expect(row!.caption).toMatch(/Alice Wang/)
})

test('the timeline CSV quotes commas, quotes and line breaks so a spreadsheet reads the captions back', () => {
  const rows = timelineRows([event({ id: 2 }), event({ id: 1 })], ctx).map((r, i) => ({ ...r, caption: i ? 'two\nlines' : 'a, "quoted" caption' }))
  const back = parse(timelineCsv(rows), { columns: true, bom: true }) as Record<string, string>[]
  expect(back.map((r) => [r['Event id'], r['What happened'], r['China time']])).toEqual([
    ['2', 'a, "quoted" caption', '2026-03-02 09:00:05'],
    ['1', 'two\nlines', '2026-03-02 09:00:05'],
  ])
})

const funnel: Funnel = {
  reached: 4, opened: 3, buyers: 2, repeatBuyers: 1, orders: 3, revenue: 8450, refunds: 0, shares: 2, touches: 6, journeys: 3, launches: 4,
  byChannel: [
    { channel: 'qr', reached: 3, opened: 3, buyers: 2, repeatBuyers: 1, sales: 8450, lastTouchOrders: 3, lastTouchRevenue: 8450, journeys: 3, paidJourneys: 2, orders: 3, revenue: 8450 },
    { channel: 'chat', reached: 1, opened: 0, buyers: 0, repeatBuyers: 0, sales: 0, lastTouchOrders: 0, lastTouchRevenue: 0, journeys: 0, paidJourneys: 0, orders: 0, revenue: 0 },
    { channel: 'search', reached: 0, opened: 0, buyers: 0, repeatBuyers: 0, sales: 0, lastTouchOrders: 0, lastTouchRevenue: 0, journeys: 0, paidJourneys: 0, orders: 0, revenue: 0 },
  ],
}

test('the funnel CSV has the brand row, then the channels the presenter lists', () => {
  const back = parse(funnelCsv(funnel), { columns: true, bom: true }) as Record<string, string>[]
  expect(back.map((r) => [r['Channel (first touch)'], r['Reached'], r['Bought'], r['Sales (yuan)']])).toEqual([
    ['All channels', '4', '2', '84.50'],
    ['QR code', '3', '2', '84.50'],
    ['Chat share', '1', '0', '0.00'],
  ])
})

test('the funnel JSON gives each stage with its share of the stage before', () => {
  const json = funnelJson(funnel, { world: 'Lumen Coffee', chinaTime: '2026-03-02 09:00:00' })
  expect(json.stages).toEqual([
    { stage: 'Reached', people: 4, ofPrevious: null },
    { stage: 'Opened the mini program', people: 3, ofPrevious: 0.75 },
    { stage: 'Bought', people: 2, ofPrevious: 0.67 },
    { stage: 'Bought again', people: 1, ofPrevious: 0.5 },
  ])
  expect(json.totals).toEqual({ orders: 3, salesYuan: 84.5, shares: 2, refundedYuan: 0 })
  expect(json.byChannel.map((c) => c.channel)).toEqual(['QR code', 'Chat share'])
})

test('files are named by the world and the China date of the world clock', () => {
  // 23:30 UTC on 1 March is 07:30 on 2 March in China
  expect(exportName('lumen', 'timeline', Date.parse('2026-03-01T23:30:00Z'), 'csv')).toBe('lumen-timeline-2026-03-02.csv')
  expect(exportName('Lumen Coffee!', 'funnel', Date.parse('2026-03-02T01:00:00Z'), 'png')).toBe('lumen-coffee-funnel-2026-03-02.png')
})
