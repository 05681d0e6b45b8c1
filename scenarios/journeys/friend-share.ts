import { journey } from '../journey'
import { lower } from '../roles'

/** Journey 2: Alice buys, shares a product card to Bob; Bob opens it (scene 1007) and buys; Alice gets the referral reward. */
export default journey('Friend share: Alice shares a product to Bob, he buys from the card, she is rewarded', async ({ alice, bob, brand, events, roles, step, check }) => {
  const { hero, second } = roles
  const [heroPoints, secondPoints] = [roles.points(roles.price(hero)), roles.points(roles.price(second))]
  const tableCode = await step(`The brand prints ${roles.inStoreCode(5)}`, () => brand.printsInStoreCode(5))

  await step(`Alice scans it, buys a ${lower(hero)} and pays`, async () => {
    await alice.scans(tableCode)
    const checkout = await alice.orders([{ product: hero.id }])
    check.like(await alice.pays(checkout), { outcome: 'success' }, 'her payment')
    check.like(await alice.looksAtMemberCard(), { points: heroPoints }, 'her member card')
  })

  await step(`She shares the ${lower(second)} with Bob in their chat`, () => alice.sharesProduct(second.id, bob, `Try this ${lower(second)}`))

  const launch = await step("Bob taps the card in Alice's chat; the product page opens with scene 1007", async () => {
    const launch = await bob.opensCardFrom(alice)
    check.like(launch, { scene: 1007, channel: 'chat', path: 'pages/product/product', query: { id: second.id } }, 'the launch')
    check.equal(launch.query.ref, alice.member!.id, 'the card carries who shared it')
    const [launched] = await events.all({ type: 'miniprogram.launched', actor: 'bob' })
    check.like(launched, { channel: 'chat', journeyId: launch.journeyId, payload: { scene: 1007 } }, 'the event log has the launch from the chat')
    return launch
  })

  const checkout = await step(`Bob buys the ${lower(second)} and pays`, async () => {
    const checkout = await bob.orders([{ product: second.id }])
    check.like(checkout.order, { entry: { scene: 1007, channel: 'chat' } }, 'the order is attributed to the chat')
    check.like(await bob.pays(checkout), { outcome: 'success' }, 'his payment')
    const [paid] = await events.of('pay.payment.succeeded', checkout)
    check.equal(paid.journeyId, launch.journeyId, 'his payment is on the journey the card started')
    return checkout
  })

  await step('Alice gets the referral reward for Bob’s first order, once', async () => {
    check.like(await brand.order(checkout), { status: 'paid', pointsAwarded: secondPoints }, 'the store records Bob’s order')
    check.like(await bob.looksAtMemberCard(), { points: secondPoints }, 'Bob’s member card')
    check.like(await alice.looksAtMemberCard(), { points: heroPoints + roles.referralPoints }, `Alice’s member card: ${heroPoints} + ${roles.referralPoints} referral points`)
  })
})
