import { journey } from '../journey'

/** Journey 7: a partial refund, its notification, points clawed back. */
export default journey('Refund: a partial refund settles, its notification takes the points back', async ({ dave, brand, operator, clock, events, step, check }) => {
  const tableCode = await step('The café prints the code for table 9', () => brand.printsTableCode(9))

  const checkout = await step('Dave scans table 9, buys a latte and an oolong milk tea (¥54) and pays', async () => {
    await dave.scans(tableCode)
    const checkout = await dave.orders([{ product: 'latte' }, { product: 'oolong-milk-tea' }])
    check.like(await dave.pays(checkout), { outcome: 'success' }, 'his payment')
    check.like(await dave.looksAtMemberCard(), { points: 54, lifetimeSpend: 5400 }, 'his member card')
    return checkout
  })

  const before = await step('The latte was wrong: the store refunds ¥28 of it', async () => {
    const before = (await dave.wallet()).balance
    const { refund } = await brand.refunds(checkout, 2800, 'wrong drink')
    check.like(refund, { amount: 2800, status: 'PROCESSING' }, 'WeChat Pay accepts the refund')
    return before
  })

  await step('A minute later the refund reaches his 零钱 and WeChat Pay notifies the store', async () => {
    await clock.advance('1m')
    check.equal((await dave.wallet()).balance, before + 2800, 'his balance')
    const record = await operator.payRecord(checkout)
    check.like(record, { tradeState: 'REFUND' }, 'WeChat Pay has the order refunded')
    const [settled] = await events.all({ type: 'pay.refund.success' })
    check.that(settled !== undefined, 'the event log has the refund settling')
    const attempts = await events.all({ type: 'pay.notification.attempted' })
    check.equal(attempts.map((a) => `${a.payload.event_type} ${a.payload.outcome}`), ['TRANSACTION.SUCCESS acknowledged', 'REFUND.SUCCESS acknowledged'], 'notifications to the store')
  })

  await step('The store took back the 28 points and the spend, once', async () => {
    check.like(await brand.order(checkout), { status: 'paid', refunds: [{ amount: 2800, status: 'SUCCESS' }] }, 'the order in the back office')
    check.like(await dave.looksAtMemberCard(), { points: 26, lifetimeSpend: 2600 }, 'his member card')
  })
})
