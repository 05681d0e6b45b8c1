import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../platform-mock/src/testing'
import { testMerchant } from './testing'

// the store's own job timer (not the staff route): every minute of business time, read from the
// sandbox's clock every 50 ms here
let p: TestPlatform
let m: Awaited<ReturnType<typeof testMerchant>>
beforeAll(async () => {
  p = await testPlatform({ seed: 'wecom-job' })
  m = await testMerchant(p.url, { publish: false, reconcileEveryMs: 60_000, clockSyncEveryMs: 50 })
})
afterAll(async () => {
  await m.close()
  await p.close()
})

const post = async (path: string, body: unknown = {}) => (await fetch(p.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<any>
const customer = async (id: string) => (await m.call('GET', `/admin/wecom/customers/${id}`)).body.customers[0]
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

test('the WeCom re-engagement runs on the store’s job timer: nothing while the clock is frozen, the mass task once a clock advance passes the week', async () => {
  expect((await m.call('POST', '/admin/wecom/connect')).status).toBe(200)
  const token = await m.loginAs('alice')
  const { order, payment } = await m.orderTwoDrinks(token)
  await m.payAs('alice', payment)
  await m.call('GET', `/api/orders/${order.id}`, undefined, token)
  const code = (await m.call('GET', `/api/orders/${order.id}/consultant`, undefined, token)).body
  const added = await post('/_sandbox/people/alice/wecom/contacts', { configId: code.configId })
  expect(added.externalUserid).toBeTruthy()

  // a frozen clock holds the jobs; a day is not a week
  await post('/_sandbox/clock/advance', { by: '1d' })
  await sleep(400)
  expect(await customer(added.externalUserid)).toMatchObject({ welcomed: true, reengageMsgid: null })

  await post('/_sandbox/clock/advance', { by: '6d' })
  const until = Date.now() + 5000
  let c = await customer(added.externalUserid)
  while (!c.reengageMsgid && Date.now() < until) {
    await sleep(50)
    c = await customer(added.externalUserid)
  }
  expect(c).toMatchObject({ reengageMsgid: expect.stringMatching(/^msg/), reengagedAt: expect.stringMatching(/^2026-03-09T/) })
  // once: the route finds nothing left to do
  expect((await m.call('POST', '/admin/jobs/wecom-reengage')).body).toMatchObject({ due: 0, tasks: [] })
})
