import { journey } from '../journey'
import { lower } from '../roles'

/** Fault drill: WeChat Pay says 零钱 is short (NOTENOUGH) whatever it holds; the person pays by card. */
export default journey('Fault drill: 零钱 is short (NOTENOUGH), the person pays with the bank card', async ({ henry, brand, faults, operator, roles, step, check }) => {
  const price = roles.price(roles.hero)
  const code = await step(`The brand prints ${roles.inStoreCode(8)}`, () => brand.printsInStoreCode(8))
  const checkout = await step(`Henry scans it and orders a ${lower(roles.hero)}`, async () => {
    await henry.scans(code)
    return henry.orders([{ product: roles.hero.id }])
  })
  await step("WeChat Pay will find Henry's 零钱 short once", () => faults.add({ surface: 'pay', fault: 'NOTENOUGH', person: 'henry', times: 1 }))
  const before = await step('He pays from 零钱: the sheet tells him to change the method, nothing is paid', async () => {
    const before = (await henry.wallet()).balance
    check.that(before >= price, 'his 零钱 would cover it')
    check.like(await henry.pays(checkout, { method: 'balance' }), { outcome: 'insufficient_balance', message: /零钱余额不足/ }, 'the pay sheet')
    check.like(await henry.looksAtOrder(checkout), { status: 'pending' }, 'his order page')
    check.equal((await henry.wallet()).balance, before, 'his 零钱')
    return before
  })
  await step('He pays with his bank card: paid once, his 零钱 untouched', async () => {
    check.like(await henry.pays(checkout, { method: 'card' }), { outcome: 'success' }, 'the pay sheet')
    check.like(await henry.looksAtOrder(checkout), { status: 'paid' }, 'his order page')
    check.equal((await henry.wallet()).balance, before, 'his 零钱')
    check.like(await brand.order(checkout), { status: 'paid', pointsAwarded: roles.points(price) }, 'the store records it paid')
    check.equal((await operator.payRecord(checkout)).notifications.length, 1, 'notifications WeChat Pay sent')
  })
})
