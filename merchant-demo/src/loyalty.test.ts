import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../platform-mock/src/testing'
import { testMerchant } from './testing'

let platform: TestPlatform
let merchant: Awaited<ReturnType<typeof testMerchant>>

beforeAll(async () => {
  platform = await testPlatform()
  merchant = await testMerchant(platform.url)
})
afterAll(async () => {
  await merchant?.close()
  await platform?.close()
})

const me = async (token: string) => (await merchant.call('GET', '/api/me', undefined, token)).body.member

test('a friend’s first paid order from a share rewards the sharer once, and never oneself', async () => {
  const alice = await merchant.loginAs('alice')
  const bob = await merchant.loginAs('bob')
  const aliceId = (await me(alice)).id
  const fromShare = { scene: 1007, query: { ref: aliceId } }

  const first = await merchant.orderTwoDrinks(bob, fromShare)
  expect((await me(alice)).points).toBe(0)
  await merchant.payAs('bob', first.payment)
  expect((await me(alice)).points).toBe(100)
  expect((await merchant.call('GET', `/api/orders/${first.order.id}`, undefined, bob)).body.order.entry).toEqual({ scene: 1007, channel: 'chat', query: { ref: aliceId } })

  const second = await merchant.orderTwoDrinks(bob, fromShare)
  await merchant.payAs('bob', second.payment)
  expect((await me(alice)).points).toBe(100)

  const own = await merchant.orderTwoDrinks(alice, { scene: 1007, query: { ref: aliceId } })
  await merchant.payAs('alice', own.payment)
  expect((await me(alice)).points).toBe(100 + 57)
})

test('points lapse a year after they were earned, on the platform\'s clock, once', async () => {
  const token = await merchant.loginAs('carol')
  const { payment } = await merchant.orderTwoDrinks(token)
  await merchant.payAs('carol', payment)
  expect((await me(token)).points).toBe(57)
  await platform.post('/_sandbox/clock/advance', { by: '364d' })
  expect((await me(token)).points).toBe(57)
  await platform.post('/_sandbox/clock/advance', { by: '2d' })
  expect((await me(token)).points).toBe(0)
  expect((await me(token)).points).toBe(0)
})
