import { journey } from '../journey'
import { lower } from '../roles'

/** Journey 5: cancel, wrong password, insufficient balance, then a successful retry; paid exactly once. */
export default journey('Payment failures: cancel, wrong password, short balance, then paid exactly once', async ({ bob, brand, operator, events, roles, step, check }) => {
  const price = roles.price(roles.hero)
  const tableCode = await step(`The brand prints ${roles.inStoreCode(3)}`, () => brand.printsInStoreCode(3))

  const checkout = await step(`Bob scans it and orders a ${lower(roles.hero)}`, async () => {
    await bob.scans(tableCode)
    const checkout = await bob.orders([{ product: roles.hero.id }])
    check.like(checkout.order, { status: 'pending', total: price, table: roles.tables ? '3' : null }, 'the order')
    return checkout
  })

  await step('He opens the pay sheet and closes it', async () => {
    const answer = await bob.cancelsPayment(checkout)
    check.like(answer, { outcome: 'cancel', errMsg: 'requestPayment:fail cancel' }, 'what the page hears')
    check.equal((await bob.looksAtOrder(checkout)).status, 'pending', 'the order page')
  })

  await step('He types the wrong password', async () => {
    const answer = await bob.pays(checkout, { password: '000000' })
    check.like(answer, { outcome: 'wrong_password' }, 'the pay sheet refuses it')
    check.equal((await bob.looksAtOrder(checkout)).status, 'pending', 'the order page')
  })

  await step('His 零钱 holds only ¥10, so paying from the balance fails', async () => {
    check.that(price > 1000, 'the order costs more than ¥10')
    await operator.setsBalance(bob, 1000)
    const answer = await bob.pays(checkout, { method: 'balance' })
    check.like(answer, { outcome: 'insufficient_balance' }, 'the pay sheet refuses it')
    check.equal((await bob.wallet()).balance, 1000, 'his balance is untouched')
  })

  await step('He pays with his bank card instead', async () => {
    const answer = await bob.pays(checkout, { method: 'card' })
    check.like(answer, { outcome: 'success', errMsg: 'requestPayment:ok' }, 'what the page hears')
    check.equal((await bob.looksAtOrder(checkout)).status, 'paid', 'the order page')
  })

  await step('Paying the same order again is refused', async () => {
    const again = await bob.pays(checkout)
    check.that(again.outcome !== 'success', 'a second payment does not go through')
  })

  await step('The order is paid exactly once: one payment, one notification, one fulfilment', async () => {
    const outcomes = (await events.of('pay.payment.succeeded', checkout)).length
    check.equal(outcomes, 1, 'successful payments in the event log')
    const failures = (await events.of('pay.payment.failed', checkout)).map((e) => e.payload.reason)
    check.equal(failures.length >= 2, true, `failed attempts logged (${failures.join(', ')})`)
    check.equal((await events.of('pay.payment.cancelled', checkout)).length, 1, 'cancellations in the event log')
    const record = await operator.payRecord(checkout)
    check.equal(record.tradeState, 'SUCCESS', 'WeChat Pay has the order')
    check.equal(record.notifications.length, 1, 'notifications WeChat Pay sent')
    check.like(await brand.order(checkout), { status: 'paid', pointsAwarded: roles.points(price) }, 'the store records one payment')
    check.like(await bob.looksAtMemberCard(), { points: roles.points(price), lifetimeSpend: price }, 'his member card')
  })
})
