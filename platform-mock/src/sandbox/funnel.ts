import { asc, inArray } from 'drizzle-orm'
import type { Db } from '../shared/db'
import { events } from './schema'

/**
 * The commerce loop in numbers, read from the event log: how many journeys each entry channel
 * started, how many of them opened the mini program, paid and came back, and what they earned.
 * A sale counts for the channel of its journey's first touch (where the person first came from),
 * and also for the channel of the last launch before it (what brought them back to buy).
 */
export interface ChannelFigures {
  channel: string
  /** journeys whose first touch was this channel */
  journeys: number
  /** of those, journeys with a payment */
  paidJourneys: number
  /** payments attributed by first touch */
  orders: number
  /** fen, payments minus refunds, by first touch */
  revenue: number
  /** payments whose last launch before paying came from this channel */
  lastTouchOrders: number
  lastTouchRevenue: number
}

export interface Funnel {
  /** discovery touches: scans, shares, article reads, video and live views, consultant messages */
  touches: number
  /** distinct journeys that opened the mini program */
  journeys: number
  launches: number
  /** distinct people who paid at least once */
  buyers: number
  /** people who paid twice or more */
  repeatBuyers: number
  orders: number
  /** fen, payments minus refunds */
  revenue: number
  refunds: number
  shares: number
  byChannel: ChannelFigures[]
}

/** Event types that count as a discovery touch (whichever surface recorded them). */
const TOUCHES = new Set([
  'qr.scanned',
  'chat.card.shared',
  'oa.article.read',
  'oa.followed',
  'oa.code.scanned',
  'channels.video.viewed',
  'channels.live.joined',
  'wecom.contact.added',
  'wecom.message.delivered',
])
const SHARES = new Set(['chat.card.shared'])
const READ = ['miniprogram.launched', 'pay.payment.succeeded', 'pay.refund.created', ...TOUCHES]

interface Journey {
  firstTouch: string
  paid: boolean
}

export async function funnel(db: Db): Promise<Funnel> {
  const rows = await db
    .select({ type: events.type, subject: events.subject, journeyId: events.journeyId, channel: events.channel, payload: events.payload })
    .from(events)
    .where(inArray(events.type, READ))
    .orderBy(asc(events.seq))

  const journeys = new Map<string, Journey>()
  const lastLaunch = new Map<string, string>()
  const orderChannel = new Map<string, { first: string; last: string }>()
  const paidBy = new Map<string, number>()
  const byChannel = new Map<string, ChannelFigures>()
  const figures = (channel: string) => {
    let f = byChannel.get(channel)
    if (!f) {
      f = { channel, journeys: 0, paidJourneys: 0, orders: 0, revenue: 0, lastTouchOrders: 0, lastTouchRevenue: 0 }
      byChannel.set(channel, f)
    }
    return f
  }
  const total: Funnel = { touches: 0, journeys: 0, launches: 0, buyers: 0, repeatBuyers: 0, orders: 0, revenue: 0, refunds: 0, shares: 0, byChannel: [] }

  for (const e of rows) {
    if (TOUCHES.has(e.type)) total.touches++
    if (SHARES.has(e.type)) total.shares++
    if (e.type === 'miniprogram.launched') {
      total.launches++
      const channel = e.channel ?? 'other'
      if (e.subject.person) lastLaunch.set(e.subject.person, channel)
      if (e.journeyId && !journeys.has(e.journeyId)) {
        const first = typeof e.payload.firstTouchChannel === 'string' ? e.payload.firstTouchChannel : channel
        journeys.set(e.journeyId, { firstTouch: first, paid: false })
        figures(first).journeys++
      }
    } else if (e.type === 'pay.payment.succeeded') {
      const amount = Number(e.payload.total) || 0
      const person = e.subject.person
      const journey = e.journeyId ? journeys.get(e.journeyId) : undefined
      const first = journey?.firstTouch ?? 'direct'
      const last = (person && lastLaunch.get(person)) ?? first
      if (journey && !journey.paid) {
        journey.paid = true
        figures(first).paidJourneys++
      }
      figures(first).orders++
      figures(first).revenue += amount
      figures(last).lastTouchOrders++
      figures(last).lastTouchRevenue += amount
      total.orders++
      total.revenue += amount
      if (person) paidBy.set(person, (paidBy.get(person) ?? 0) + 1)
      if (e.subject.out_trade_no) orderChannel.set(e.subject.out_trade_no, { first, last })
    } else if (e.type === 'pay.refund.created') {
      const amount = Number(e.payload.refund) || 0
      const sale = orderChannel.get(e.subject.out_trade_no ?? '')
      total.refunds += amount
      total.revenue -= amount
      if (sale) {
        figures(sale.first).revenue -= amount
        figures(sale.last).lastTouchRevenue -= amount
      }
    }
  }

  total.journeys = journeys.size
  total.buyers = paidBy.size
  total.repeatBuyers = [...paidBy.values()].filter((n) => n >= 2).length
  total.byChannel = [...byChannel.values()].sort((a, b) => b.revenue - a.revenue || b.journeys - a.journeys || a.channel.localeCompare(b.channel))
  return total
}
