import { stringify } from 'csv-stringify/browser/esm/sync'
import type { Funnel } from '../../../platform-mock/src/sandbox/funnel'
import type { SandboxEvent } from '../api'
import { caption, channelLabel, isSetup, SURFACE_LABELS, type CaptionContext } from './captions'

/** One line of the timeline as the presenter shows it, for a spreadsheet or a script. */
export interface TimelineRow {
  id: number
  /** China time with the date, as the timeline's line (`03-02 09:00`) plus seconds: `2026-03-02 09:00:05` */
  chinaTime: string
  /** the platform's own time (UTC, ISO) */
  at: string
  caption: string
  surface: string
  type: string
  actor: string
  channel: string
  journeyId: string
  /** the subject's ids (openid, appid, out_trade_no…) as `key=value` pairs */
  subject: string
  /** platform bookkeeping, folded into "setup steps" on screen */
  setup: boolean
}

/** A China-time instant with its date and seconds: `2026-03-02 09:00:05`. */
export const chinaDateTime = (iso: string) => {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  const d = new Date(t + 8 * 3600_000).toISOString()
  return `${d.slice(0, 10)} ${d.slice(11, 19)}`
}

/** The timeline's events (newest first, as shown) in plain words, one row each. */
export function timelineRows(events: SandboxEvent[], ctx: CaptionContext): TimelineRow[] {
  return events.map((e) => ({
    id: e.id,
    chinaTime: chinaDateTime(e.at),
    at: e.at,
    caption: caption(e, ctx),
    surface: SURFACE_LABELS[e.surface] ?? e.surface,
    type: e.type,
    actor: ctx.name(e.actor),
    channel: e.channel ? channelLabel(e.channel) : '',
    journeyId: e.journeyId ?? '',
    subject: Object.entries(e.subject)
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
    setup: isSetup(e),
  }))
}

const TIMELINE_COLUMNS = [
  ['id', 'Event id'],
  ['chinaTime', 'China time'],
  ['at', 'UTC'],
  ['caption', 'What happened'],
  ['surface', 'Surface'],
  ['type', 'Event type'],
  ['actor', 'Actor'],
  ['channel', 'Channel'],
  ['journeyId', 'Journey id'],
  ['subject', 'Subject ids'],
  ['setup', 'Setup step'],
] as const

/** The timeline as CSV, with a header row. */
export const timelineCsv = (rows: TimelineRow[]) =>
  stringify(
    rows.map((r) => ({ ...r, setup: r.setup ? 'yes' : '' })),
    { header: true, columns: TIMELINE_COLUMNS.map(([key, header]) => ({ key, header })), bom: true },
  )

/** The funnel's stages in people, each part of the one before. */
export const FUNNEL_STAGES = [
  ['reached', 'Reached'],
  ['opened', 'Opened the mini program'],
  ['buyers', 'Bought'],
  ['repeatBuyers', 'Bought again'],
] as const

/** Yuan with fen, as a number a spreadsheet sums: 2800 fen → 28.00. */
const yuanFigure = (fen: number) => (fen / 100).toFixed(2)

/** The funnel as one table: a row per first-touch channel, and the whole brand's row first. */
export function funnelTable(f: Funnel) {
  const rows = f.byChannel.filter((c) => c.reached || c.lastTouchOrders)
  return [
    {
      channel: 'All channels',
      reached: f.reached,
      opened: f.opened,
      bought: f.buyers,
      boughtAgain: f.repeatBuyers,
      salesYuan: yuanFigure(f.revenue),
      lastTouchOrders: f.orders,
      lastTouchSalesYuan: yuanFigure(f.revenue),
    },
    ...rows.map((c) => ({
      channel: channelLabel(c.channel),
      reached: c.reached,
      opened: c.opened,
      bought: c.buyers,
      boughtAgain: c.repeatBuyers,
      salesYuan: yuanFigure(c.sales),
      lastTouchOrders: c.lastTouchOrders,
      lastTouchSalesYuan: yuanFigure(c.lastTouchRevenue),
    })),
  ]
}

const FUNNEL_COLUMNS = [
  ['channel', 'Channel (first touch)'],
  ['reached', 'Reached'],
  ['opened', 'Opened the mini program'],
  ['bought', 'Bought'],
  ['boughtAgain', 'Bought again'],
  ['salesYuan', 'Sales (yuan)'],
  ['lastTouchOrders', 'Last-touch orders'],
  ['lastTouchSalesYuan', 'Last-touch sales (yuan)'],
] as const

/** The funnel as CSV: the brand's row, then a row per first-touch channel. */
export const funnelCsv = (f: Funnel) => stringify(funnelTable(f), { header: true, columns: FUNNEL_COLUMNS.map(([key, header]) => ({ key, header })), bom: true })

/** The funnel as JSON: the stages with their rates, the totals, and the channel table. */
export function funnelJson(f: Funnel, meta: { world: string; chinaTime: string }) {
  return {
    world: meta.world,
    chinaTime: meta.chinaTime,
    stages: FUNNEL_STAGES.map(([key, label], i) => {
      const before = i > 0 ? f[FUNNEL_STAGES[i - 1]![0]] : 0
      return { stage: label, people: f[key], ofPrevious: i > 0 && before ? Math.round((f[key] / before) * 100) / 100 : null }
    }),
    totals: { orders: f.orders, salesYuan: Number(yuanFigure(f.revenue)), shares: f.shares, refundedYuan: Number(yuanFigure(f.refunds)) },
    byChannel: funnelTable(f).slice(1).map((r) => ({ ...r, salesYuan: Number(r.salesYuan), lastTouchSalesYuan: Number(r.lastTouchSalesYuan) })),
  }
}

/** `lumen-timeline-2026-03-02.csv`: the world and the day in China the world's clock says. */
export function exportName(world: string, what: string, nowMs: number, ext: string) {
  const day = new Date(nowMs + 8 * 3600_000).toISOString().slice(0, 10)
  const slug = world.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'world'
  return `${slug}-${what}-${day}.${ext}`
}

/** Hands a file to the browser's downloads. */
export function download(name: string, body: Blob | string, type = 'text/plain') {
  const blob = typeof body === 'string' ? new Blob([body], { type }) : body
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
