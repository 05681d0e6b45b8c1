import { journey } from '../journey'
import { lower } from '../roles'

/** Fault drill: WeChat Pay sends the payment notification twice at once (the same id); the store credits it once. */
export default journey('Fault drill: the payment notification arrives twice at once, points are credited once', async ({ frank, brand, faults, operator, roles, step, check }) => {
  const price = roles.price(roles.hero)
  const code = await step(`The brand prints ${roles.inStoreCode(5)}`, () => brand.printsInStoreCode(5))
  await step('WeChat Pay will send the next payment notification twice, concurrently', () =>
    faults.add({ surface: 'pay-notify', fault: 'duplicate', route: '/TRANSACTION.SUCCESS', params: { copies: 1 }, times: 1 }))
  const checkout = await step(`Frank scans it, orders a ${lower(roles.hero)} and pays`, async () => {
    await frank.scans(code)
    const checkout = await frank.orders([{ product: roles.hero.id }])
    check.like(await frank.pays(checkout), { outcome: 'success' }, 'his payment')
    return checkout
  })
  await step('The store fulfils it once: one paid order, his points once', async () => {
    const record = await operator.payRecord(checkout)
    const attempts = record.notifications.flatMap((n) => n.attempts)
    check.that(attempts.filter((a) => a.status === 200 || a.status === 204).length >= 2, `the store acknowledged both copies (${attempts.map((a) => a.status).join(', ')})`)
    check.like(await brand.order(checkout), { status: 'paid', pointsAwarded: roles.points(price) }, 'the store records it paid')
    check.like(await frank.looksAtMemberCard(), { points: roles.points(price), lifetimeSpend: price }, 'his member card')
    check.like(await frank.looksAtOrder(checkout), { status: 'paid' }, 'his order page')
  })
})
