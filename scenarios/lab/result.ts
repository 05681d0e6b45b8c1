/**
 * What one `npm run simulate` produces: the figures of one strategy (or two, side by side), all of
 * them counted from what happened in the sandboxes (the platform's event log, and for the in-page
 * steps WeChat does not see, the store's answers). The report (HTML, CSV, JSON) is drawn from this
 * alone. Money is in fen; times are virtual (the sandbox clock).
 */

/** One channel's funnel. First touch: people, by where they first met the brand. Last touch: mini program sessions, by the launch's own channel. */
export interface FunnelRow {
  channel: string
  /** first touch: people the channel touched first (a scan, a read, a view, a card…); last touch: = sessions */
  reached: number
  /** first touch: of those, people who opened the mini program; last touch: launches from this channel */
  launched: number
  /** …who opened a product page */
  product: number
  /** …who put something in the cart */
  cart: number
  /** …who checked out (an order with WeChat Pay's prepay) */
  checkout: number
  /** …who paid (first touch: buyers; last touch: sessions ending in a payment) */
  paid: number
  /** first touch: buyers who paid on two occasions or more (two sessions: a gift bought with an order is one); last touch: paid sessions of people who had paid before */
  repeat: number
  /** fen, payments of these people (first touch) or sessions (last touch) */
  revenue: number
}

export interface DayRow {
  /** 0-based day of the run */
  day: number
  /** YYYY-MM-DD, the day's date in China time */
  date: string
  /** people who paid that day */
  buyers: number
  /** people who paid for the first time that day */
  newBuyers: number
  /** people who paid that day on a second (or later) occasion: in a session after the one of their first purchase */
  repeatBuyers: number
  orders: number
  /** fen, payments minus refunds */
  sales: number
  /** mini program cards shared in chats and groups */
  shares: number
  /** people who have paid at least once, by the end of the day */
  cumulativeBuyers: number
  /** people who have paid on at least two occasions, by the end of the day */
  cumulativeRepeatBuyers: number
}

/** Sharing per channel: a person's channel is their first touch; someone who came from a friend's card counts for the root of the chain. */
export interface ViralRow {
  channel: string
  /** buyers whose chain starts at this channel */
  buyers: number
  /** cards shared by people of this channel */
  shares: number
  /** opens of those cards by people who had not opened the mini program before */
  newOpens: number
  /** people who first came from a share and went on to buy */
  recruitedBuyers: number
  /** new buyers brought in through shared cards, per buyer of this channel (K-factor) */
  kFactor: number
  /** the deepest share chain, in hops */
  maxDepth: number
}

/** A share tree: who brought whom into the mini program (the root came by `channel`). */
export interface ShareNode {
  /** a person's id in the population */
  person: string
  bought: boolean
  children: ShareNode[]
}
export interface ShareTree {
  channel: string
  /** people in the tree, the root included */
  size: number
  depth: number
  root: ShareNode
}

export interface ReengageRow {
  /** 'subscription' (one-time subscription messages), 'template' (Official Account template messages), 'mass' (the account's mass messages), 'wecom' (the consultant's re-engagement) */
  kind: 'subscription' | 'template' | 'mass' | 'wecom'
  /** messages delivered */
  sent: number
  /** people who opened the mini program from one */
  opened: number
  /** people who got one and paid again afterwards */
  boughtAgain: number
  /** people who got one */
  reached: number
  /** boughtAgain / reached */
  repeatRate: number
}

export interface Summary {
  /** people who were in the world */
  people: number
  /** people touched by any channel */
  reached: number
  /** people who opened the mini program */
  launched: number
  buyers: number
  repeatBuyers: number
  orders: number
  /** fen, payments minus refunds */
  sales: number
  /** fen, sales / orders */
  averageOrder: number
  shares: number
  /** recruited buyers per buyer, all channels */
  kFactor: number
  /** failed or cancelled pay sheets */
  payFailures: number
  /** median hours from a person's first touch to their first payment (null: nobody paid) */
  medianHoursToFirstPurchase: number | null
  /** buyers who came back and paid again after a re-engagement message, over those who got one */
  repeatRateAfterReengagement: number
  /** events in the sandboxes' logs */
  events: number
}

export interface StrategyRun {
  strategy: { name: string; file: string | null; description: string }
  summary: Summary
  funnel: { firstTouch: FunnelRow[]; lastTouch: FunnelRow[] }
  daily: DayRow[]
  virality: ViralRow[]
  /** the largest trees (at most 12), biggest first */
  shareTrees: ShareTree[]
  timeToFirstPurchase: { buckets: { label: string; people: number }[]; medianHours: number | null; p90Hours: number | null }
  reengagement: ReengageRow[]
  sales: { byChannel: { channel: string; orders: number; revenue: number }[]; byProduct: { product: string; name: string; quantity: number; revenue: number }[] }
  /** wall time of this strategy's run */
  ms: number
}

/** A difference between the two strategies: b − a. */
export interface DiffRow {
  metric: string
  a: number
  b: number
  delta: number
  /** b / a (null when a is 0) */
  ratio: number | null
}

export interface LabResult {
  kit: { id: string; name: string; nameZh: string; color: string }
  people: number
  days: number
  seed: number
  /** ISO, the virtual day the run started */
  startsAt: string
  /** ISO, wall time when it finished */
  generatedAt: string
  /** communities the population was generated as (each a shard with its own sandbox) */
  shards: number
  /** worker threads used */
  workers: number
  /** wall time, both strategies */
  ms: number
  a: StrategyRun
  b: StrategyRun | null
  diff: DiffRow[]
}
