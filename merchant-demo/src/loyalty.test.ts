import { expect, test } from 'vitest'
import { platformAndMerchant } from './testing'

const env = platformAndMerchant()

const me = async (token: string) => (await env.merchant.call('GET', '/api/me', undefined, token)).body.member

test('a friend’s first paid order from a share rewards the sharer once, and never oneself', async () => {
  const alice = await env.merchant.loginAs('alice')
  const bob = await env.merchant.loginAs('bob')
  const aliceId = (await me(alice)).id
  const fromShare = { scene: 1007, query: { ref: aliceId } }

  const first = await env.merchant.orderTwoDrinks(bob, fromShare)
  expect((await me(alice)).points).toBe(0)
  await env.merchant.payAs('bob', first.payment)
  expect((await me(alice)).points).toBe(100)
  expect((await env.merchant.call('GET', `/api/orders/${first.order.id}`, undefined, bob)).body.order.entry).toEqual({ scene: 1007, channel: 'chat', query: { ref: aliceId } })

  const second = await env.merchant.orderTwoDrinks(bob, fromShare)
  await env.merchant.payAs('bob', second.payment)
  expect((await me(alice)).points).toBe(100)

  const own = await env.merchant.orderTwoDrinks(alice, { scene: 1007, query: { ref: aliceId } })
  await env.merchant.payAs('alice', own.payment)
  expect((await me(alice)).points).toBe(100 + 57)
})

test('points lapse a year after they were earned, on the platform\'s clock, once', async () => {
  const token = await env.merchant.loginAs('carol')
  const { payment } = await env.merchant.orderTwoDrinks(token)
  await env.merchant.payAs('carol', payment)
  expect((await me(token)).points).toBe(57)
  await env.platform.post('/_sandbox/clock/advance', { by: '364d' })
  expect((await me(token)).points).toBe(57)
  await env.platform.post('/_sandbox/clock/advance', { by: '2d' })
  expect((await me(token)).points).toBe(0)
  expect((await me(token)).points).toBe(0)
})
