import { and, eq, ne, sql } from 'drizzle-orm'
import type { Store } from './context'
import { ApiError } from './errors'
import { resolveFulfilment, type Booking } from './fulfilment'
import { orders } from './schema'

/** China time (UTC+8, no daylight saving): the clock a booking's slots are written in. */
const CHINA_MS = 8 * 3600_000

/** A slot as the API names it: the day and time in China, "2026-12-08T10:00". */
export type Slot = string
const SLOT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/

/** The moment a slot starts. */
export const slotStart = (slot: Slot) => new Date(`${slot}:00+08:00`)

/** The China date `n` days after the one `now` falls on, "YYYY-MM-DD". */
const chinaDay = (now: Date, n: number) => new Date(now.getTime() + CHINA_MS + n * 86400_000).toISOString().slice(0, 10)

function bookingOf(store: Store): Booking {
  const b = resolveFulfilment(store.kit.fulfilment).booking
  if (!b) throw new ApiError(409, 'no_booking', `${store.kit.name} takes no bookings`, 'mode')
  return b
}

/** Bookings a slot holds: every order for it but those closed unpaid or refunded. */
async function booked(store: Store): Promise<Map<Slot, number>> {
  const rows = await store.db
    .select({ slot: orders.bookingSlot, n: sql<number>`count(*)` })
    .from(orders)
    .where(and(sql`${orders.bookingSlot} is not null`, ne(orders.status, 'closed'), ne(orders.status, 'refunded')))
    .groupBy(orders.bookingSlot)
  return new Map(rows.map((r) => [r.slot!, r.n]))
}

/** The slots the checkout offers: the kit's times on each of its days, those still to come, with what is left of each. */
export async function slotsOffered(store: Store) {
  const b = bookingOf(store)
  const now = store.now()
  const taken = await booked(store)
  const days = Array.from({ length: b.days }, (_, i) => chinaDay(now, i))
  return days.flatMap((date) =>
    b.slots
      .map((time) => `${date}T${time}`)
      .filter((slot) => slotStart(slot) > now)
      .map((slot) => ({ slot, date: slot.slice(0, 10), time: slot.slice(11), left: Math.max(0, b.perSlot - (taken.get(slot) ?? 0)) })),
  )
}

/** Checks a slot before checkout writes anything: one the kit offers, still to come, with room. Errors name `slot`. */
export async function checkSlot(store: Store, slot: string | undefined): Promise<Slot> {
  const b = bookingOf(store)
  if (!slot) throw new ApiError(400, 'slot_required', `${store.kit.name} takes bookings: slot is required ("YYYY-MM-DDTHH:MM", China time)`, 'slot')
  const m = SLOT.exec(slot)
  if (!m || Number.isNaN(slotStart(slot).getTime()) || !b.slots.includes(m[2])) throw new ApiError(400, 'unknown_slot', `${store.kit.name} offers no slot ${slot} (times: ${b.slots.join(', ')})`, 'slot')
  const now = store.now()
  if (slotStart(slot) <= now) throw new ApiError(409, 'slot_past', `the slot ${slot} has passed`, 'slot')
  if (m[1] > chinaDay(now, b.days - 1)) throw new ApiError(400, 'unknown_slot', `${slot} is more than ${b.days} days ahead`, 'slot')
  if (((await booked(store)).get(slot) ?? 0) >= b.perSlot) throw new ApiError(409, 'slot_full', `the slot ${slot} is full`, 'slot')
  return slot
}

/** Inside checkout's transaction: a slot filled by a concurrent checkout undoes the order. */
export async function holdSlot(t: Parameters<Parameters<Store['db']['transaction']>[0]>[0], store: Store, slot: Slot) {
  const [{ n }] = await t
    .select({ n: sql<number>`count(*)` })
    .from(orders)
    .where(and(eq(orders.bookingSlot, slot), ne(orders.status, 'closed'), ne(orders.status, 'refunded')))
  if (n > bookingOf(store).perSlot) throw new ApiError(409, 'slot_full', `the slot ${slot} was just taken`, 'slot')
}
