import type { BrandKit } from '../../merchant-demo/src/brand'
import type { SandboxEvent } from '../actors/types'
import type { ShardOutput } from './engine'
import type { DayRow, FunnelRow, ReengageRow, ShareNode, ShareTree, StrategyRun, Summary, ViralRow } from './result'

/**
 * The figures of a run, counted from the shards' event logs (every touch, launch, payment, refund,
 * share and message is an event the platform wrote) and, for the in-page steps WeChat does not see
 * (a product page, the cart, the checkout), from the store's answers recorded per session.
 */
const DAY = 86_400_000
const HOUR = 3_600_000

/** Event types that are a person meeting the brand, and the channel each stands for when the event names none. */
const TOUCHES: Record<string, string> = {
  'qr.scanned': 'qr',
  'oa.code.scanned': 'qr',
  'oa.article.read': 'official-account',
  'oa.followed': 'official-account',
  'channels.video.viewed': 'channels',
  'channels.live.joined': 'channels',
  'miniprogram.launched': 'other',
}

/** Every event type the figures read (a worker sends back only these: `compact` in lab.ts). */
export const FIGURE_EVENTS = new Set([
  ...Object.keys(TOUCHES),
  'miniprogram.subscribe-message.sent',
  'oa.message.delivered',
  'wecom.message.delivered',
  'pay.payment.succeeded',
  'pay.refund.created',
  'pay.payment.failed',
  'pay.payment.cancelled',
  'chat.card.shared',
])

/** A re-engagement message: which kind an event delivering one is (null: not one). */
function reengagementKind(e: SandboxEvent): ReengageRow['kind'] | null {
  if (e.type === 'miniprogram.subscribe-message.sent') return 'subscription'
  if (e.type === 'oa.message.delivered' && (e.payload as { kind?: string }).kind === 'template') return 'template'
  if (e.type === 'wecom.message.delivered' && (e.payload as { source?: string }).source === 'mass') return 'mass'
  return null
}
/** The launch entries that open the mini program from each kind of message. */
const OPENED_FROM: Record<string, ReengageRow['kind']> = { 'subscribe-message': 'subscription', 'oa-template-message': 'template', 'wecom-chat': 'mass' }

interface PersonFacts {
  firstTouch: { channel: string; at: number } | null
  launched: boolean
  /** the root of the chain that first brought them into the mini program */
  root: string | null
  recruitedBy: string | null
  product: boolean
  cart: boolean
  checkout: boolean
  payments: { at: number; amount: number }[]
  /** when each paid session's first payment was: a gift bought right after an order is the same occasion */
  occasions: number[]
  refunded: number
  /** when they first got each kind of re-engagement message */
  reengaged: Map<ReengageRow['kind'], number>
  openedFrom: Set<ReengageRow['kind']>
}

interface SessionFacts {
  channel: string
  person: string
  product: boolean
  cart: boolean
  checkout: boolean
  paid: boolean
  repeat: boolean
  revenue: number
}

export const personOf = (e: SandboxEvent) => (e.subject as { person?: string }).person ?? null

export function figures(kit: BrandKit, shards: ShardOutput[]): Omit<StrategyRun, 'strategy' | 'ms'> {
  const people = new Map<string, PersonFacts>()
  const sessions: SessionFacts[] = []
  const shares: { sharer: string; at: number }[] = []
  const orderChannel = new Map<string, SessionFacts>()
  const productSales = new Map<string, { quantity: number; revenue: number }>()
  const sent = new Map<ReengageRow['kind'], number>()
  let payFailures = 0
  let events = 0
  let dayZero = Infinity
  let lastDay = 0
  const facts = (id: string) => {
    let f = people.get(id)
    if (!f) people.set(id, (f = { firstTouch: null, launched: false, root: null, recruitedBy: null, product: false, cart: false, checkout: false, payments: [], occasions: [], refunded: 0, reengaged: new Map(), openedFrom: new Set() }))
    return f
  }
  for (const shard of shards) {
    events += shard.eventCount
    dayZero = Math.min(dayZero, shard.dayZero)
    const current = new Map<string, SessionFacts>()
    const seen = new Map<string, number>()
    for (const e of shard.events) {
      const at = Date.parse(e.at)
      lastDay = Math.max(lastDay, at)
      const id = personOf(e)
      const touch = TOUCHES[e.type]
      if (touch && id) {
        const f = facts(id)
        f.firstTouch ??= { channel: e.channel ?? touch, at }
      }
      const kind = reengagementKind(e)
      if (kind) sent.set(kind, (sent.get(kind) ?? 0) + 1)
      if (kind && id && !facts(id).reengaged.has(kind)) facts(id).reengaged.set(kind, at)
      if (e.type === 'miniprogram.launched' && id) {
        const f = facts(id)
        const p = e.payload as { firstTouchChannel?: string; entry?: string }
        if (!f.launched) {
          f.launched = true
          // the channel they came by; someone brought by a friend's card takes the friend's root below
          f.root = e.channel ?? p.firstTouchChannel ?? 'other'
          f.recruitedBy = (e.subject as { sharedBy?: string }).sharedBy ?? null
        }
        const from = OPENED_FROM[p.entry ?? '']
        if (from && f.reengaged.has(from)) f.openedFrom.add(from)
        const n = seen.get(id) ?? 0
        seen.set(id, n + 1)
        const steps = shard.sessions[id]?.[n] ?? { product: false, cart: false, checkout: false, lines: [] }
        const s: SessionFacts = { channel: e.channel ?? 'other', person: id, product: steps.product, cart: steps.cart, checkout: steps.checkout, paid: false, repeat: false, revenue: 0 }
        f.product ||= steps.product
        f.cart ||= steps.cart
        f.checkout ||= steps.checkout
        for (const line of steps.lines) {
          const sold = productSales.get(line.product) ?? { quantity: 0, revenue: 0 }
          sold.quantity += line.quantity
          sold.revenue += line.amount
          productSales.set(line.product, sold)
        }
        sessions.push(s)
        current.set(id, s)
      } else if (e.type === 'pay.payment.succeeded' && id) {
        const f = facts(id)
        const amount = Number((e.payload as { total?: number }).total) || 0
        const s = current.get(id)
        if (!s?.paid) f.occasions.push(at)
        if (s) {
          s.repeat ||= f.occasions.length > 1
          s.paid = true
          s.revenue += amount
          orderChannel.set((e.subject as { out_trade_no: string }).out_trade_no, s)
        }
        f.payments.push({ at, amount })
      } else if (e.type === 'pay.refund.created') {
        const amount = Number((e.payload as { refund?: number }).refund) || 0
        const s = orderChannel.get((e.subject as { out_trade_no?: string }).out_trade_no ?? '')
        if (s) {
          s.revenue -= amount
          facts(s.person).refunded += amount
        }
      } else if (e.type === 'pay.payment.failed' || e.type === 'pay.payment.cancelled') payFailures++
      else if (e.type === 'chat.card.shared') shares.push({ sharer: e.actor, at })
    }
  }
  if (!shards.length) dayZero = 0
  const days = Math.max(1, Math.ceil((lastDay - dayZero + 1) / DAY))
  const all = [...people.entries()]
  const buyers = all.filter(([, f]) => f.payments.length > 0)
  const revenueOf = (f: PersonFacts) => f.payments.reduce((n, p) => n + p.amount, 0) - f.refunded

  // funnels
  const firstTouch = new Map<string, FunnelRow>()
  const row = (map: Map<string, FunnelRow>, channel: string) => {
    let r = map.get(channel)
    if (!r) map.set(channel, (r = { channel, reached: 0, launched: 0, product: 0, cart: 0, checkout: 0, paid: 0, repeat: 0, revenue: 0 }))
    return r
  }
  for (const [, f] of all) {
    if (!f.firstTouch) continue
    const r = row(firstTouch, f.firstTouch.channel)
    r.reached++
    if (!f.launched) continue
    r.launched++
    if (f.product) r.product++
    if (f.cart) r.cart++
    if (f.checkout) r.checkout++
    if (f.payments.length) r.paid++
    if (f.occasions.length > 1) r.repeat++
    r.revenue += revenueOf(f)
  }
  const lastTouch = new Map<string, FunnelRow>()
  for (const s of sessions) {
    const r = row(lastTouch, s.channel)
    r.reached++
    r.launched++
    if (s.product) r.product++
    if (s.cart) r.cart++
    if (s.checkout) r.checkout++
    if (s.paid) r.paid++
    if (s.repeat) r.repeat++
    r.revenue += s.revenue
  }
  const byVolume = (a: FunnelRow, b: FunnelRow) => b.reached - a.reached || a.channel.localeCompare(b.channel)

  // days
  const daily: DayRow[] = Array.from({ length: days }, (_, day) => ({ day, date: new Date(dayZero + day * DAY + 8 * HOUR).toISOString().slice(0, 10), buyers: 0, newBuyers: 0, repeatBuyers: 0, orders: 0, sales: 0, shares: 0, cumulativeBuyers: 0, cumulativeRepeatBuyers: 0 }))
  const dayOf = (at: number) => Math.min(days - 1, Math.max(0, Math.floor((at - dayZero) / DAY)))
  for (const [, f] of buyers) {
    for (const p of f.payments) {
      daily[dayOf(p.at)]!.orders++
      daily[dayOf(p.at)]!.sales += p.amount
    }
    // a buyer counts once a day: new on the day of their first paid occasion, else a repeat buyer
    const firstDay = dayOf(f.occasions[0]!)
    for (const day of new Set(f.occasions.map(dayOf))) {
      daily[day]!.buyers++
      if (day === firstDay) daily[day]!.newBuyers++
      else daily[day]!.repeatBuyers++
    }
    // a second occasion on the first day also makes a repeat buyer that day
    if (f.occasions.length > 1 && dayOf(f.occasions[1]!) === firstDay) daily[firstDay]!.repeatBuyers++
    daily[firstDay]!.cumulativeBuyers++
    if (f.occasions[1] !== undefined) daily[dayOf(f.occasions[1])]!.cumulativeRepeatBuyers++
  }
  for (const [, f] of all) if (f.refunded) daily[dayOf(f.payments.at(-1)?.at ?? dayZero)]!.sales -= f.refunded
  for (const s of shares) daily[dayOf(s.at)]!.shares++
  for (let d = 1; d < days; d++) {
    daily[d]!.cumulativeBuyers += daily[d - 1]!.cumulativeBuyers
    daily[d]!.cumulativeRepeatBuyers += daily[d - 1]!.cumulativeRepeatBuyers
  }

  // sharing: trees of who brought whom in, K-factor per root channel
  const rootOf = (id: string, seen = new Set<string>()): string => {
    const f = people.get(id)
    if (!f?.recruitedBy || seen.has(id) || !people.get(f.recruitedBy)?.launched) return f?.root ?? 'other'
    return rootOf(f.recruitedBy, seen.add(id))
  }
  for (const [id, f] of all) if (f.recruitedBy) f.root = rootOf(id)
  const children = new Map<string, string[]>()
  for (const [id, f] of all) if (f.recruitedBy) children.set(f.recruitedBy, [...(children.get(f.recruitedBy) ?? []), id])
  const depthOf = (id: string): number => 1 + Math.max(0, ...(children.get(id) ?? []).map(depthOf))
  const viral = new Map<string, ViralRow>()
  const vrow = (channel: string) => {
    let v = viral.get(channel)
    if (!v) viral.set(channel, (v = { channel, buyers: 0, shares: 0, newOpens: 0, recruitedBuyers: 0, kFactor: 0, maxDepth: 0 }))
    return v
  }
  for (const [id, f] of all) {
    if (!f.launched) continue
    const v = vrow(f.root ?? 'other')
    if (f.payments.length) v.buyers++
    if (f.recruitedBy) {
      v.newOpens++
      if (f.payments.length) v.recruitedBuyers++
    } else if (children.has(id)) v.maxDepth = Math.max(v.maxDepth, depthOf(id) - 1)
  }
  for (const s of shares) vrow(rootOf(s.sharer)).shares++
  for (const v of viral.values()) v.kFactor = v.buyers ? round(v.recruitedBuyers / v.buyers, 3) : 0
  const tree = (id: string, depth: number): ShareNode => ({ person: id, bought: (people.get(id)?.payments.length ?? 0) > 0, children: depth >= 6 ? [] : (children.get(id) ?? []).slice(0, 30).map((c) => tree(c, depth + 1)) })
  const sizeOf = (id: string): number => 1 + (children.get(id) ?? []).reduce((n, c) => n + sizeOf(c), 0)
  const shareTrees: ShareTree[] = all
    .filter(([id, f]) => !f.recruitedBy && children.has(id))
    .map(([id, f]) => ({ channel: f.root ?? 'other', size: sizeOf(id), depth: depthOf(id) - 1, root: tree(id, 0) }))
    .sort((a, b) => b.size - a.size || b.depth - a.depth || a.root.person.localeCompare(b.root.person))
    .slice(0, 12)

  // time to first purchase
  const hours = buyers.filter(([, f]) => f.firstTouch).map(([, f]) => (f.payments[0]!.at - f.firstTouch!.at) / HOUR).sort((a, b) => a - b)
  const edges: [string, number][] = [['< 1 h', 1], ['1–6 h', 6], ['6–24 h', 24], ['1–3 days', 72], ['3–7 days', 168], ['1–2 weeks', 336], ['> 2 weeks', Infinity]]
  const buckets = edges.map(([label, upTo], i) => ({ label, people: hours.filter((h) => h < upTo && h >= (i ? edges[i - 1]![1] : -Infinity)).length }))
  const quantile = (q: number) => (hours.length ? round(hours[Math.min(hours.length - 1, Math.floor(q * hours.length))]!, 1) : null)

  // re-engagement: who got a message, opened the mini program from it, paid again after it
  const reengagement: ReengageRow[] = (['subscription', 'template', 'mass'] as const).map((kind) => {
    const got = all.filter(([, f]) => f.reengaged.has(kind))
    const boughtAgain = got.filter(([, f]) => f.payments.some((p) => p.at > f.reengaged.get(kind)!)).length
    return { kind, sent: sent.get(kind) ?? 0, reached: got.length, opened: got.filter(([, f]) => f.openedFrom.has(kind)).length, boughtAgain, repeatRate: got.length ? round(boughtAgain / got.length, 3) : 0 }
  })
  const reengagedPeople = all.filter(([, f]) => f.reengaged.size)
  const reengagedAgain = reengagedPeople.filter(([, f]) => f.payments.some((p) => p.at > Math.min(...f.reengaged.values())))

  const orders = buyers.reduce((n, [, f]) => n + f.payments.length, 0)
  const sales = buyers.reduce((n, [, f]) => n + revenueOf(f), 0)
  const recruited = all.filter(([, f]) => f.recruitedBy && f.payments.length).length
  const summary: Summary = {
    people: shards.reduce((n, s) => n + s.size, 0),
    reached: all.filter(([, f]) => f.firstTouch).length,
    launched: all.filter(([, f]) => f.launched).length,
    buyers: buyers.length,
    repeatBuyers: buyers.filter(([, f]) => f.occasions.length > 1).length,
    orders,
    sales,
    averageOrder: orders ? Math.round(sales / orders) : 0,
    shares: shares.length,
    kFactor: buyers.length ? round(recruited / buyers.length, 3) : 0,
    payFailures,
    medianHoursToFirstPurchase: quantile(0.5),
    repeatRateAfterReengagement: reengagedPeople.length ? round(reengagedAgain.length / reengagedPeople.length, 3) : 0,
    events,
  }
  const byChannel = [...lastTouch.values()].filter((r) => r.paid).map((r) => ({ channel: r.channel, orders: sessions.filter((s) => s.channel === r.channel && s.paid).length, revenue: r.revenue })).sort((a, b) => b.revenue - a.revenue)
  return {
    summary,
    funnel: { firstTouch: [...firstTouch.values()].sort(byVolume), lastTouch: [...lastTouch.values()].sort(byVolume) },
    daily,
    virality: [...viral.values()].sort((a, b) => b.buyers - a.buyers || a.channel.localeCompare(b.channel)),
    shareTrees,
    timeToFirstPurchase: { buckets, medianHours: quantile(0.5), p90Hours: quantile(0.9) },
    reengagement,
    sales: {
      byChannel,
      byProduct: [...productSales.entries()].map(([product, s]) => ({ product, name: kit.products.find((p) => p.id === product)?.name ?? product, ...s })).sort((a, b) => b.revenue - a.revenue),
    },
  }
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits
