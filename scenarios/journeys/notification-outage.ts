import { journey } from '../journey'
import { lower } from '../roles'

/**
 * Journey 6: the store's server is down for an hour; WeChat Pay retries on its ladder; on recovery
 * the order is fulfilled once. A second order is settled by the store's reconciliation instead,
 * and the late notification that follows changes nothing.
 */
export default journey('Notification outage: retried on the ladder, fulfilled once on recovery, reconciled', async ({ carol, brand, operator, clock, events, roles, step, check }) => {
  const [firstPrice, secondPrice] = [roles.price(roles.hero), roles.price(roles.second)]
  const tableCode = await step(`The brand prints ${roles.inStoreCode(7)}`, () => brand.printsInStoreCode(7))

  const [first, second] = await step(`Carol scans it and places two orders: a ${lower(roles.hero)}, a ${lower(roles.second)}`, async () => {
    await carol.scans(tableCode)
    const first = await carol.orders([{ product: roles.hero.id }])
    const second = await carol.orders([{ product: roles.second.id }])
    return [first, second]
  })

  await step("The store's server goes down", () => operator.takesStoreOffline())

  await step('Carol pays the first order; WeChat Pay cannot reach the store', async () => {
    check.like(await carol.pays(first), { outcome: 'success' }, 'the payment')
    const record = await operator.payRecord(first)
    check.like(record.notifications[0].attempts, [{ n: 1, outcome: 'refused' }], 'the first notification attempt')
  })

  await step('An hour passes: WeChat Pay retries after 15 s, 15 s, 30 s, 3 min, 10 min and 20 min', async () => {
    await clock.advance('1h')
    const attempts = (await operator.payRecord(first)).notifications[0].attempts
    check.equal(attempts.map((a) => a.outcome), Array(7).fill('refused'), 'attempts within the hour')
    check.like(await operator.payRecord(first), { tradeState: 'SUCCESS' }, 'WeChat Pay has her money all along')
  })

  await step("The store's server is back; the next retry (30 min after the last) is acknowledged", async () => {
    await operator.bringsStoreBack()
    await clock.advance('5m')
    const attempts = (await operator.payRecord(first)).notifications[0].attempts
    check.like(attempts.at(-1), { n: 8, outcome: 'acknowledged' }, 'the eighth attempt')
    check.like(await brand.order(first), { status: 'paid', pointsAwarded: roles.points(firstPrice) }, 'the store fulfilled the order')
    check.like(await carol.looksAtMemberCard(), { points: roles.points(firstPrice) }, 'her member card')
  })

  await step('The server goes down again while Carol pays the second order', async () => {
    await operator.takesStoreOffline()
    check.like(await carol.pays(second), { outcome: 'success' }, 'the payment')
    await clock.advance('1m')
    check.equal((await operator.payRecord(second)).notifications[0].attempts.length, 4, 'attempts so far (0 s, 15 s, 30 s, 60 s), all refused')
    await operator.bringsStoreBack()
  })

  await step('Back up, the store reconciles: WeChat Pay says the order is paid, so the store fulfils it', async () => {
    check.like(await brand.reconciles(), { checked: 1, fulfilled: 1 }, 'the reconciliation')
    check.like(await brand.order(second), { status: 'paid', pointsAwarded: roles.points(secondPrice) }, 'the second order')
  })

  await step('The late notification is acknowledged and changes nothing: each order counted once', async () => {
    await clock.advance('1h')
    const attempts = (await operator.payRecord(second)).notifications[0].attempts
    check.like(attempts.at(-1), { outcome: 'acknowledged' }, 'the last attempt for the second order')
    check.like(await carol.looksAtMemberCard(), { points: roles.points(firstPrice) + roles.points(secondPrice), lifetimeSpend: firstPrice + secondPrice }, 'her member card')
    check.equal((await brand.orders('paid')).length, 2, 'paid orders in the back office')
    check.equal((await events.all({ type: 'pay.notification.abandoned' })).length, 0, 'abandoned notifications')
  })
})
