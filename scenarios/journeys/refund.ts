import { journey } from '../journey'
import { lower, yuan } from '../roles'

/** Journey 7: a partial refund, its notification, points clawed back. */
export default journey('Refund: a partial refund settles, its notification takes the points back', async ({ dave, brand, operator, clock, events, roles, step, check }) => {
  const { hero, second } = roles
  const [heroPrice, total] = [roles.price(hero), roles.price(hero) + roles.price(second)]
  const tableCode = await step(`The brand prints ${roles.inStoreCode(9)}`, () => brand.printsInStoreCode(9))

  const checkout = await step(`Dave scans it, buys a ${lower(hero)} and a ${lower(second)} (${yuan(total)}) and pays`, async () => {
    await dave.scans(tableCode)
    const checkout = await dave.orders([{ product: hero.id }, { product: second.id }])
    check.like(await dave.pays(checkout), { outcome: 'success' }, 'his payment')
    check.like(await dave.looksAtMemberCard(), { points: roles.points(total), lifetimeSpend: total }, 'his member card')
    return checkout
  })

  const before = await step(`The ${lower(hero)} was wrong: the store refunds ${yuan(heroPrice)} of it`, async () => {
    const before = (await dave.wallet()).balance
    const { refund } = await brand.refunds(checkout, heroPrice, hero.art === 'cup' ? 'wrong drink' : 'wrong item')
    check.like(refund, { amount: heroPrice, status: 'PROCESSING' }, 'WeChat Pay accepts the refund')
    return before
  })

  await step('A minute later the refund reaches his 零钱 and WeChat Pay notifies the store', async () => {
    await clock.advance('1m')
    check.equal((await dave.wallet()).balance, before + heroPrice, 'his balance')
    const record = await operator.payRecord(checkout)
    check.like(record, { tradeState: 'REFUND' }, 'WeChat Pay has the order refunded')
    const [settled] = await events.all({ type: 'pay.refund.success' })
    check.that(settled !== undefined, 'the event log has the refund settling')
    const attempts = await events.all({ type: 'pay.notification.attempted' })
    check.equal(attempts.map((a) => `${a.payload.event_type} ${a.payload.outcome}`), ['TRANSACTION.SUCCESS acknowledged', 'REFUND.SUCCESS acknowledged'], 'notifications to the store')
  })

  await step(`The store took back the ${roles.points(total) - roles.points(total - heroPrice)} points and the spend, once`, async () => {
    check.like(await brand.order(checkout), { status: 'paid', refunds: [{ amount: heroPrice, status: 'SUCCESS' }] }, 'the order in the back office')
    check.like(await dave.looksAtMemberCard(), { points: roles.points(total - heroPrice), lifetimeSpend: total - heroPrice }, 'his member card')
  })
})
