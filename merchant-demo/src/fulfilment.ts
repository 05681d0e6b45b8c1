import { z } from 'zod'

/**
 * How an order reaches the person: collected at a store (or served to a table), brought by a rider,
 * sent by a carrier, or (a service: a salon, a class, a hotel) booked for a slot and checked in.
 */
export const MODES = ['pickup', 'delivery', 'shipping', 'booking'] as const
export type Mode = (typeof MODES)[number]
const Mode = z.enum(MODES)

const word = z.string().min(1).max(24)

/**
 * What the store's pages call an order in one mode. Each word may have its Chinese twin (`readyZh`);
 * a word the kit changes without its twin is shown as written in Chinese too.
 */
const ModeWords = z.strictObject({
  /** the mode, as the checkout offers it: "Pick up", "Delivery" */
  name: word.optional(),
  nameZh: word.optional(),
  /** the label over the order's number: "Pickup number", "Order number" */
  orderNumber: word.optional(),
  orderNumberZh: word.optional(),
  /** where it goes: "Pick up at", "Deliver to", "Ship to" */
  where: word.optional(),
  whereZh: word.optional(),
  /** a paid order being made or packed: "Being prepared" */
  preparing: word.optional(),
  preparingZh: word.optional(),
  /** handed over: at the counter ("Ready for pickup"), with the rider ("Out for delivery"), with the carrier ("Shipped") */
  ready: word.optional(),
  readyZh: word.optional(),
}).meta({ id: 'ModeWords', title: 'The words of one fulfilment mode' })
type ModeWords = z.infer<typeof ModeWords>

/**
 * A booking kit's slots: each of the next `days` days (today first) offers the `slots` times (China
 * time, "HH:MM"), each for `perSlot` bookings. A hotel offers one slot, its check-in time.
 */
export const Booking = z.strictObject({
  /** the times of each day, "HH:MM" in China time, earliest first: ["10:00", "14:00"] */
  slots: z.array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a time "HH:MM"' })).min(1).max(48),
  /** how many days ahead can be booked, today included */
  days: z.int({ error: 'expected a whole number of days, 1 to 90' }).min(1, 'expected a whole number of days, 1 to 90').max(90, 'expected a whole number of days, 1 to 90').default(14),
  /** bookings each slot takes (chairs, seats, rooms) */
  perSlot: z.int({ error: 'expected a whole number of bookings, 1 to 999' }).min(1, 'expected a whole number of bookings, 1 to 999').max(999, 'expected a whole number of bookings, 1 to 999').default(1),
}).meta({ id: 'Booking', title: 'The slots a booking kit offers' })
export type Booking = z.infer<typeof Booking>

/** A bad fulfilment said by the form it was written in (a mode, or the object), not as zod's "Invalid input". */
function unionMessage(iss: z.core.$ZodRawIssue): string | undefined {
  if (iss.code !== 'invalid_union') return undefined
  const input = iss.input
  const modes = MODES.map((m) => `"${m}"`).join(', ')
  if (typeof input === 'string') return `expected one of ${modes} or an object with "modes", got "${input}"`
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return `expected one of ${modes} or an object with "modes"`
  const inner = (iss as unknown as { errors: z.core.$ZodIssue[][] }).errors[1] ?? []
  return inner.map((i) => `${i.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '') || '(itself)'}: ${i.message}`).join('; ')
}

/**
 * A kit's fulfilment: one mode (`"pickup"`), or the modes it offers (the first is the checkout's
 * default) with the words its pages show, where the defaults of the mode do not fit.
 */
export const Fulfilment = z.union(
  [
    Mode,
    z.strictObject({
    modes: z.array(Mode).min(1).max(4),
    /** the catalog page's title and the home page's section: "Menu", "Shop", "Order" */
    catalog: word.optional(),
    catalogZh: word.optional(),
    words: z.strictObject({ pickup: ModeWords.optional(), delivery: ModeWords.optional(), shipping: ModeWords.optional(), booking: ModeWords.optional() }).default({}),
    /** the slots, when the modes include "booking" */
    booking: Booking.optional(),
    }),
  ],
  { error: unionMessage },
)
export type FulfilmentInput = z.infer<typeof Fulfilment>

/** One word in English and Chinese. */
export interface Word {
  en: string
  zh: string
}
/** A mode's words, each in English and Chinese. */
export interface Words {
  name: Word
  orderNumber: Word
  where: Word
  preparing: Word
  ready: Word
}

const w = (en: string, zh: string): Word => ({ en, zh })
/** The words of each mode when a kit says nothing. */
export const DEFAULT_WORDS: Record<Mode, Words> = {
  pickup: { name: w('Pick up', '到店自取'), orderNumber: w('Pickup number', '取餐号'), where: w('Pick up at', '取餐门店'), preparing: w('Being prepared', '制作中'), ready: w('Ready for pickup', '请取餐') },
  delivery: { name: w('Delivery', '外卖配送'), orderNumber: w('Order number', '订单号'), where: w('Deliver to', '送至'), preparing: w('Being prepared', '制作中'), ready: w('Out for delivery', '配送中') },
  shipping: { name: w('Shipping', '快递配送'), orderNumber: w('Order number', '订单号'), where: w('Ship to', '收货地址'), preparing: w('Packing your order', '待发货'), ready: w('Shipped', '已发货') },
  booking: { name: w('Booking', '预约'), orderNumber: w('Booking number', '预约号'), where: w('At', '地点'), preparing: w('Confirmed', '已确认'), ready: w('Checked in', '已到店') },
}
/** The catalog's name, by the kit's first mode. */
const DEFAULT_CATALOG: Record<Mode, Word> = { pickup: w('Menu', '菜单'), delivery: w('Order', '点餐'), shipping: w('Shop', '商城'), booking: w('Book', '预约') }

/** A kit's fulfilment with every default filled in: what the backend follows and the pages read. */
export interface ResolvedFulfilment {
  modes: Mode[]
  catalog: Word
  /** the words of every mode (an order of another mode, a gift, still reads right) */
  words: Record<Mode, Words>
  /** a booking kit's slots (null for the others) */
  booking: Booking | null
}

/** The kit's word if it gives one (its Chinese, else the English it chose), else the default. */
const pick = (en: string | undefined, zh: string | undefined, fallback: Word): Word => ({ en: en ?? fallback.en, zh: zh ?? en ?? fallback.zh })

/** Fills in a kit's fulfilment (parsed, or as written: the defaults of `words` and `booking` are filled here too). */
export function resolveFulfilment(f: FulfilmentInput | z.input<typeof Fulfilment>): ResolvedFulfilment {
  const given = typeof f === 'string' ? { modes: [f], words: {} as Partial<Record<Mode, ModeWords>> } : f
  const modes = [...new Set(given.modes)]
  const words = Object.fromEntries(
    MODES.map((m) => {
      const k = given.words?.[m] ?? {}
      const d = DEFAULT_WORDS[m]
      const resolved: Words = { name: pick(k.name, k.nameZh, d.name), orderNumber: pick(k.orderNumber, k.orderNumberZh, d.orderNumber), where: pick(k.where, k.whereZh, d.where), preparing: pick(k.preparing, k.preparingZh, d.preparing), ready: pick(k.ready, k.readyZh, d.ready) }
      return [m, resolved]
    }),
  ) as Record<Mode, Words>
  const catalog = typeof f === 'string' ? DEFAULT_CATALOG[f] : pick(f.catalog, f.catalogZh, DEFAULT_CATALOG[modes[0]])
  return { modes, catalog, words, booking: typeof f === 'string' || !f.booking ? null : { slots: f.booking.slots, days: f.booking.days ?? 14, perSlot: f.booking.perSlot ?? 1 } }
}

/** The mode that needs an address (delivery or shipping), if the kit offers one. */
export const addressMode = (f: ResolvedFulfilment): 'delivery' | 'shipping' | null => (f.modes.find((m) => m === 'delivery' || m === 'shipping') as 'delivery' | 'shipping' | undefined) ?? null

/** The checks between the parts of a fulfilment, on raw input (see brand.ts `crossReferences`). */
export function fulfilmentIssues(f: unknown, issue: (path: (string | number)[], message: string) => void) {
  if (f === 'booking') issue(['fulfilment'], 'a booking kit names its slots: { "modes": ["booking"], "booking": { "slots": ["10:00"] } }')
  if (typeof f !== 'object' || f === null) return
  const { modes, words, booking } = f as { modes?: unknown; words?: unknown; booking?: unknown }
  if (!Array.isArray(modes)) return
  if (modes.includes('booking') && booking === undefined) issue(['fulfilment', 'booking'], 'the modes include "booking": name its slots ({ "slots": ["10:00"] })')
  if (booking !== undefined && !modes.includes('booking')) issue(['fulfilment', 'booking'], `slots for "booking", which is not one of the modes (${modes.join(', ')})`)
  const slots = (booking as { slots?: unknown } | null)?.slots
  if (Array.isArray(slots))
    slots.forEach((s, i) => {
      if (slots.indexOf(s) !== i) issue(['fulfilment', 'booking', 'slots', i], `"${String(s)}" is listed twice`)
    })
  modes.forEach((m, i) => {
    if (modes.indexOf(m) !== i) issue(['fulfilment', 'modes', i], `"${String(m)}" is listed twice`)
  })
  if (modes.includes('delivery') && modes.includes('shipping')) issue(['fulfilment', 'modes'], 'a kit delivers or ships, not both (an order with an address would be either)')
  if (typeof words === 'object' && words !== null)
    for (const m of Object.keys(words)) if (MODES.includes(m as Mode) && !modes.includes(m)) issue(['fulfilment', 'words', m], `words for "${m}", which is not one of the modes (${modes.join(', ')})`)
}
