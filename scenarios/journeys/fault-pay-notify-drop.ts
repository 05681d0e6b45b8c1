import { journey } from '../journey'
import { lower } from '../roles'

/** Fault drill: the payment notification never comes; the store's reconciliation finds the payment. */
export default journey("Fault drill: the payment notification is lost, the store's reconciliation finds the payment", async ({ grace, brand, faults, operator, clock, roles, step, check }) => {
  const price = roles.price(roles.hero)
  const code = await step(`The brand prints ${roles.inStoreCode(6)}`, () => brand.printsInStoreCode(6))
  await step('WeChat Pay will drop the next payment notification', () =>
    faults.add({ surface: 'pay-notify', fault: 'drop', route: '/TRANSACTION.SUCCESS', times: 1 }))
  const checkout = await step(`Grace scans it, orders a ${lower(roles.hero)} and pays; the store hears nothing`, async () => {
    await grace.scans(code)
    const checkout = await grace.orders([{ product: roles.hero.id }])
    check.like(await grace.pays(checkout), { outcome: 'success' }, 'her payment')
    check.like(await brand.order(checkout), { status: 'pending' }, 'the store still waits')
    check.equal((await operator.payRecord(checkout)).tradeState, 'SUCCESS', 'WeChat Pay has it paid')
    return checkout
  })
  await step('A minute later the store reconciles: the order is paid, her points credited', async () => {
    await clock.advance('1m')
    check.like(await brand.reconciles(), { checked: 1, fulfilled: 1 }, 'the reconciliation')
    check.like(await brand.order(checkout), { status: 'paid', pointsAwarded: roles.points(price) }, 'the store records it paid')
    check.like(await grace.looksAtOrder(checkout), { status: 'paid' }, 'her order page')
    check.like(await grace.looksAtMemberCard(), { points: roles.points(price) }, 'her member card')
  })
})
