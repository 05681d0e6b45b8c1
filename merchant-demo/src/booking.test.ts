import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../platform-mock/src/testing'
import { BrandKitError, CAFE_KIT, parseBrandKit } from './brand'
import { resolveFulfilment } from './fulfilment'
import { testMerchant, type TestMerchant } from './testing'

/** The café's kit as a salon that takes bookings: three times a day, three days ahead, one chair. */
const salonKit = (fulfilment: unknown = { modes: ['booking'], booking: { slots: ['08:00', '10:00', '14:00'], days: 3, perSlot: 1 } }) => ({ ...JSON.parse(readFileSync(CAFE_KIT, 'utf8')), name: 'Snip Salon', fulfilment })
const problems = (fulfilment: unknown) => {
  try {
    parseBrandKit(salonKit(fulfilment), 'salon.json')
  } catch (err) {
    return (err as BrandKitError).issues
  }
  return []
}

test('a booking kit reads Book and Booking number, Confirmed then Checked in, in English and Chinese; the kit may change them', () => {
  const f = resolveFulfilment(parseBrandKit(salonKit(), 'salon.json').fulfilment)
  expect(f.modes).toEqual(['booking'])
  expect(f.catalog).toEqual({ en: 'Book', zh: '预约' })
  expect(f.booking).toEqual({ slots: ['08:00', '10:00', '14:00'], days: 3, perSlot: 1 })
  expect(f.words.booking).toEqual({
    name: { en: 'Booking', zh: '预约' },
    orderNumber: { en: 'Booking number', zh: '预约号' },
    where: { en: 'At', zh: '地点' },
    preparing: { en: 'Confirmed', zh: '已确认' },
    ready: { en: 'Checked in', zh: '已到店' },
  })
  // the other modes keep their words
  expect(f.words.pickup.ready).toEqual({ en: 'Ready for pickup', zh: '请取餐' })
  const hotel = resolveFulfilment({ modes: ['booking'], catalog: 'Rooms', catalogZh: '客房', words: { booking: { ready: 'Checked in', readyZh: '已入住', where: 'Hotel' } }, booking: { slots: ['15:00'] } })
  expect(hotel.catalog).toEqual({ en: 'Rooms', zh: '客房' })
  expect(hotel.words.booking.ready).toEqual({ en: 'Checked in', zh: '已入住' })
  expect(hotel.words.booking.where).toEqual({ en: 'Hotel', zh: 'Hotel' })
  expect(hotel.booking).toEqual({ slots: ['15:00'], days: 14, perSlot: 1 })
})

test('every booking mistake comes at once, each with its path', () => {
  expect(problems('booking')).toEqual([{ path: 'fulfilment', message: 'a booking kit names its slots: { "modes": ["booking"], "booking": { "slots": ["10:00"] } }' }])
  expect(problems({ modes: ['booking'] })).toEqual([{ path: 'fulfilment.booking', message: 'the modes include "booking": name its slots ({ "slots": ["10:00"] })' }])
  expect(problems({ modes: ['pickup', 'booking'], booking: { slots: ['10:00', '10:00', '14:00'] } })).toEqual([{ path: 'fulfilment.booking.slots[1]', message: '"10:00" is listed twice' }])
  expect(problems({ modes: ['pickup'], booking: { slots: ['10:00'] } })).toEqual([{ path: 'fulfilment.booking', message: 'slots for "booking", which is not one of the modes (pickup)' }])
  expect(problems({ modes: ['booking'], booking: { slots: ['10:00', '25:00'], days: 0, perSlot: 2, rooms: 3 } })).toEqual([
    { path: 'fulfilment.booking.slots[1]', message: 'expected a time "HH:MM"' },
    { path: 'fulfilment.booking.days', message: 'expected a whole number of days, 1 to 90' },
    { path: 'fulfilment.booking', message: 'unknown field "rooms"' },
  ])
})

// ---- the salon's store, on the sandbox's frozen clock: 2026-03-02 09:00 in China
let platform: TestPlatform
let salon: TestMerchant
beforeAll(async () => {
  platform = await testPlatform({ seed: '1' })
  salon = await testMerchant(platform.url, { brand: parseBrandKit(salonKit(), 'salon.json'), publish: false })
})
afterAll(async () => {
  await salon?.close()
  await platform?.close()
})

test('the slots offered are the kit’s times of its days still to come, each with what is left', async () => {
  const { body } = await salon.call('GET', '/api/booking/slots')
  expect(body.slots.map((s: { slot: string }) => s.slot)).toEqual(['2026-03-02T10:00', '2026-03-02T14:00', '2026-03-03T08:00', '2026-03-03T10:00', '2026-03-03T14:00', '2026-03-04T08:00', '2026-03-04T10:00', '2026-03-04T14:00'])
  expect(body.slots[0]).toEqual({ slot: '2026-03-02T10:00', date: '2026-03-02', time: '10:00', left: 1 })
  expect((await salon.call('GET', '/api/brand')).body.fulfilment).toMatchObject({ modes: ['booking'], catalog: { en: 'Book' }, booking: { perSlot: 1 } })
})

test('a booked order keeps its slot, is confirmed when paid and checked in by the staff; its slot is then full', async () => {
  const token = await salon.loginAs('grace')
  await salon.call('POST', '/api/cart/items', { productId: 'latte' }, token)
  const placed = await salon.call('POST', '/api/orders', { slot: '2026-03-03T10:00' }, token)
  expect(placed.status).toBe(201)
  expect(placed.body.order).toMatchObject({ mode: 'booking', slot: '2026-03-03T10:00', shipping: null, store: { id: salonKit().stores[0].id } })
  await salon.payAs('grace', placed.body.payment)
  const id = placed.body.order.id
  await expect.poll(async () => (await salon.call('GET', `/api/orders/${id}`, undefined, token)).body.order.status).toBe('paid')
  expect((await salon.call('POST', `/admin/orders/${id}/ship`, { carrier: 'x' })).body.error.code).toBe('not_shippable')
  const checkedIn = await salon.call('POST', `/admin/orders/${id}/ready`)
  expect(checkedIn.body.order).toMatchObject({ status: 'ready', mode: 'booking', slot: '2026-03-03T10:00' })
  const slots = (await salon.call('GET', '/api/booking/slots')).body.slots
  expect(slots.find((s: { slot: string }) => s.slot === '2026-03-03T10:00').left).toBe(0)
})

test('a full slot, a past one, one the kit does not offer and none at all are refused, naming slot, and nothing is written', async () => {
  const token = await salon.loginAs('henry')
  await salon.call('POST', '/api/cart/items', { productId: 'latte' }, token)
  const refused = async (slot?: string) => {
    const res = await salon.call('POST', '/api/orders', { mode: 'booking', ...(slot ? { slot } : {}) }, token)
    return { status: res.status, ...res.body.error }
  }
  expect(await refused('2026-03-03T10:00')).toEqual({ status: 409, code: 'slot_full', field: 'slot', message: 'the slot 2026-03-03T10:00 is full' })
  expect(await refused('2026-03-02T08:00')).toEqual({ status: 409, code: 'slot_past', field: 'slot', message: 'the slot 2026-03-02T08:00 has passed' })
  expect(await refused('2026-03-01T10:00')).toMatchObject({ status: 409, code: 'slot_past' })
  expect(await refused('2026-03-02T09:30')).toEqual({ status: 400, code: 'unknown_slot', field: 'slot', message: 'Snip Salon offers no slot 2026-03-02T09:30 (times: 08:00, 10:00, 14:00)' })
  expect(await refused('2026-03-05T10:00')).toEqual({ status: 400, code: 'unknown_slot', field: 'slot', message: '2026-03-05T10:00 is more than 3 days ahead' })
  expect(await refused()).toMatchObject({ status: 400, code: 'slot_required', field: 'slot' })
  // the cart is as it was, no order was placed, no prepay was asked for
  expect((await salon.call('GET', '/api/cart', undefined, token)).body.count).toBe(1)
  expect((await salon.call('GET', '/api/orders', undefined, token)).body.orders).toEqual([])
  const ok = await salon.call('POST', '/api/orders', { slot: '2026-03-02T14:00' }, token)
  expect(ok.body.order).toMatchObject({ mode: 'booking', slot: '2026-03-02T14:00' })
})
