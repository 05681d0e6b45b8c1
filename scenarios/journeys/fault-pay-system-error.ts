import { journey } from '../journey'
import { lower } from '../roles'

/** Fault drill: WeChat Pay answers JSAPI下单 with SYSTEM_ERROR once; the store asks again with the same out_trade_no. */
export default journey('Fault drill: WeChat Pay is busy at checkout (SYSTEM_ERROR), the person still pays once', async ({ erin, brand, faults, events, operator, roles, step, check }) => {
  const price = roles.price(roles.hero)
  const code = await step(`The brand prints ${roles.inStoreCode(4)}`, () => brand.printsInStoreCode(4))
  await step('WeChat Pay will answer the next 下单 with 500 SYSTEM_ERROR', async () => {
    const rule = await faults.add({ surface: 'pay', fault: 'SYSTEM_ERROR', route: '/v3/pay/transactions/jsapi', times: 1 })
    check.like(rule, { remaining: 1, fired: 0 }, 'the rule')
  })
  const checkout = await step(`Erin scans it and orders a ${lower(roles.hero)}: the store asks WeChat Pay again and gets her a pay sheet`, async () => {
    await erin.scans(code)
    const checkout = await erin.orders([{ product: roles.hero.id }])
    check.like(checkout.order, { status: 'pending', total: price }, 'her order')
    check.that(Boolean(checkout.payment.package), 'her pay sheet has a prepay')
    check.equal((await events.of('fault.fired')).length, 1, 'the fault fired once')
    check.equal((await events.of('pay.order.created', checkout)).length, 1, 'WeChat Pay placed one order')
    return checkout
  })
  await step('She pays: one order, one payment, her points once', async () => {
    check.like(await erin.pays(checkout), { outcome: 'success' }, 'her payment')
    check.like(await erin.looksAtOrder(checkout), { status: 'paid' }, 'her order page')
    check.equal((await brand.orders()).length, 1, 'orders the store has')
    check.like(await brand.order(checkout), { status: 'paid', pointsAwarded: roles.points(price) }, 'the store records it paid')
    check.equal((await operator.payRecord(checkout)).tradeState, 'SUCCESS', 'WeChat Pay has it paid')
    check.like(await erin.looksAtMemberCard(), { points: roles.points(price) }, 'her member card')
  })
})
