import { asc, inArray } from 'drizzle-orm'
import type { Db } from '../shared/db'
import { events } from './schema'

/**
 * The commerce loop in numbers, read from the event log, as the presenter's funnel shows it.
 *
 * The stages count people and nest, so a stage never exceeds the one before it:
 * reached ⊇ opened ⊇ buyers ⊇ repeat buyers. Each person counts for one channel, their first
 * touch: where they first met the brand (a scan, an article, a Channels video or live, a
 * consultant, a friend's card…). Someone who first came by a friend's card or link counts for the
 * channel that card's share chain started from, as the strategy lab counts them.
 * Beside them, each sale is also credited by last touch: to the channel of the person's last
 * mini program launch before paying (what brought them back to buy).
 */
export interface ChannelFigures {
  channel: string
  /** people whose first touch was this channel */
  reached: number
  /** of those, people who opened the mini program (or paid the brand) */
  opened: number
  /** of those, people who paid at least once */
  buyers: number
  /** of those, people who paid two times or more */
  repeatBuyers: number
  /** fen, what these people paid, minus refunds */
  sales: number
  /** payments whose last mini program launch before paying came from this channel */
  lastTouchOrders: number
  /** fen, those payments minus their refunds */
  lastTouchRevenue: number
  /** journeys (launch sessions and what followed them) whose first touch was this channel */
  journeys: number
  /** of those, journeys with a payment */
  paidJourneys: number
  /** payments of those journeys */
  orders: number
  /** fen, payments of those journeys minus refunds */
  revenue: number
}

export interface Funnel {
  /** people the brand reached: touched by a channel, or who opened the mini program or paid */
  reached: number
  /** of those, people who opened the mini program (or paid the brand) */
  opened: number
  /** of those, people who paid at least once */
  buyers: number
  /** of those, people who paid two times or more */
  repeatBuyers: number
  /** payments */
  orders: number
  /** fen, payments minus refunds */
  revenue: number
  /** fen, refunded */
  refunds: number
  /** mini program cards shared in chats and groups */
  shares: number
  /** discovery events (scans, shares, reads, views, consultant messages…); one person may make many */
  touches: number
  /** distinct journeys that opened the mini program */
  journeys: number
  /** mini program launches */
  launches: number
  byChannel: ChannelFigures[]
}

type Row = { type: string; actor: string; subject: Record<string, string>; journeyId: string | null; channel: string | null; payload: Record<string, unknown> }

/** Events in which a person meets the brand themselves: the person is the actor (or subject). */
const OWN_TOUCHES: Record<string, string> = {
  'qr.scanned': 'qr',
  'oa.article.read': 'official-account',
  'oa.followed': 'official-account',
  'oa.code.scanned': 'qr',
  'channels.video.viewed': 'channels',
  'channels.live.joined': 'channels',
  'channels.product.tapped': 'channels',
  'wecom.contact.added': 'wecom',
}
/** Events that reach their recipients: a friend's card or link, a message from the brand. */
const RECEIVED: Record<string, string> = {
  'chat.card.shared': 'chat',
  'chat.card.forwarded': 'chat',
  'chat.link.shared': 'official-account',
  'chat.link.forwarded': 'official-account',
  'chat.video.shared': 'channels',
  'chat.video.forwarded': 'channels',
  'oa.message.delivered': 'official-account',
  'wecom.message.delivered': 'wecom',
  'miniprogram.subscribe-message.sent': 'subscribe-message',
}
/** What counted as a discovery touch before people were counted (kept for `touches`). */
const TOUCHES = new Set(['qr.scanned', 'chat.card.shared', 'oa.article.read', 'oa.followed', 'oa.code.scanned', 'channels.video.viewed', 'channels.live.joined', 'wecom.contact.added', 'wecom.message.delivered'])
const SHARES = new Set(['chat.card.shared'])
const READ = [...new Set(['miniprogram.launched', 'pay.payment.succeeded', 'pay.refund.created', ...Object.keys(OWN_TOUCHES), ...Object.keys(RECEIVED), ...TOUCHES])]

interface Person {
  channel: string
  opened: boolean
  payments: number
}

const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined)
/** A chain's first channel, when it names one: a sharer who came 'direct' leaves the share as the first touch. */
const root = (v: unknown) => {
  const channel = text(v)
  return channel === 'direct' || channel === 'other' ? undefined : channel
}

/** The channel a received card or link reached its recipients by: its chain's first channel, else the share's own. */
function receivedBy(e: Row) {
  if (e.type.startsWith('chat.')) return root(e.payload.firstTouchChannel) ?? (e.type.startsWith('chat.card') && e.subject.conversation?.startsWith('group') ? 'group' : RECEIVED[e.type]!)
  return e.channel ?? RECEIVED[e.type]!
}

/** `GET /_sandbox/funnel`: people reached → opened the mini program → bought → bought again, per first-touch channel. */
export async function funnel(db: Db): Promise<Funnel> {
  const rows: Row[] = await db
    .select({ type: events.type, actor: events.actor, subject: events.subject, journeyId: events.journeyId, channel: events.channel, payload: events.payload })
    .from(events)
    .where(inArray(events.type, READ))
    .orderBy(asc(events.seq))

  const people = new Map<string, Person>()
  const journeys = new Map<string, { firstTouch: string; paid: boolean }>()
  const lastLaunch = new Map<string, string>()
  const sales = new Map<string, { journey: string; last: string; person: string | undefined }>()
  const byChannel = new Map<string, ChannelFigures>()
  const figures = (channel: string) => {
    let f = byChannel.get(channel)
    if (!f) {
      f = { channel, reached: 0, opened: 0, buyers: 0, repeatBuyers: 0, sales: 0, lastTouchOrders: 0, lastTouchRevenue: 0, journeys: 0, paidJourneys: 0, orders: 0, revenue: 0 }
      byChannel.set(channel, f)
    }
    return f
  }
  const reach = (id: string | undefined, channel: string) => {
    if (!id) return undefined
    let p = people.get(id)
    if (!p) {
      p = { channel, opened: false, payments: 0 }
      people.set(id, p)
      figures(channel).reached++
    }
    return p
  }
  const total: Funnel = { reached: 0, opened: 0, buyers: 0, repeatBuyers: 0, orders: 0, revenue: 0, refunds: 0, shares: 0, touches: 0, journeys: 0, launches: 0, byChannel: [] }

  for (const e of rows) {
    if (TOUCHES.has(e.type)) total.touches++
    if (SHARES.has(e.type)) total.shares++
    if (e.type in OWN_TOUCHES) reach(e.subject.person ?? e.actor, e.channel ?? OWN_TOUCHES[e.type]!)
    else if (e.type in RECEIVED) {
      const recipients = Array.isArray(e.payload.recipients) ? (e.payload.recipients as unknown[]).map(String) : [e.subject.person]
      for (const id of recipients) if (id !== e.actor) reach(id, receivedBy(e))
    } else if (e.type === 'miniprogram.launched') {
      total.launches++
      const channel = e.channel ?? 'other'
      const first = text(e.payload.firstTouchChannel) ?? channel
      const person = reach(e.subject.person, root(e.payload.firstTouchChannel) ?? channel)
      if (person && !person.opened) {
        person.opened = true
        figures(person.channel).opened++
      }
      if (e.subject.person) lastLaunch.set(e.subject.person, channel)
      if (e.journeyId && !journeys.has(e.journeyId)) {
        journeys.set(e.journeyId, { firstTouch: first, paid: false })
        figures(first).journeys++
      }
    } else if (e.type === 'pay.payment.succeeded') {
      const amount = Number(e.payload.total) || 0
      const id = e.subject.person
      const journey = e.journeyId ? journeys.get(e.journeyId) : undefined
      const first = journey?.firstTouch ?? 'direct'
      const last = (id && lastLaunch.get(id)) ?? first
      if (journey && !journey.paid) {
        journey.paid = true
        figures(first).paidJourneys++
      }
      figures(first).orders++
      figures(first).revenue += amount
      figures(last).lastTouchOrders++
      figures(last).lastTouchRevenue += amount
      const person = reach(id, 'direct')
      if (person) {
        const f = figures(person.channel)
        if (!person.opened) {
          person.opened = true
          f.opened++
        }
        person.payments++
        if (person.payments === 1) f.buyers++
        if (person.payments === 2) f.repeatBuyers++
        f.sales += amount
      }
      total.orders++
      total.revenue += amount
      if (e.subject.out_trade_no) sales.set(e.subject.out_trade_no, { journey: first, last, person: id })
    } else if (e.type === 'pay.refund.created') {
      const amount = Number(e.payload.refund) || 0
      const sale = sales.get(e.subject.out_trade_no ?? '')
      total.refunds += amount
      total.revenue -= amount
      if (sale) {
        figures(sale.journey).revenue -= amount
        figures(sale.last).lastTouchRevenue -= amount
        const person = sale.person ? people.get(sale.person) : undefined
        if (person) figures(person.channel).sales -= amount
      }
    }
  }

  for (const f of byChannel.values()) {
    total.reached += f.reached
    total.opened += f.opened
    total.buyers += f.buyers
    total.repeatBuyers += f.repeatBuyers
  }
  total.journeys = journeys.size
  total.byChannel = [...byChannel.values()].sort((a, b) => b.sales - a.sales || b.reached - a.reached || b.lastTouchRevenue - a.lastTouchRevenue || a.channel.localeCompare(b.channel))
  return total
}
