import { journey } from '../journey'
import { lower } from '../roles'

/** Journey 3: a card shared into a group carries a shareTicket (scene 1044); two friends buy from it. */
export default journey('Group share: a card in Weekend Brunch Club, two friends buy from it', async ({ alice, bob, carol, brand, events, roles, step, check }) => {
  const { hero } = roles
  const brunch = await step('Alice, Bob and Carol are in the group "Weekend Brunch Club"', async () => {
    const groups = await alice.groups()
    const brunch = groups.find((g) => g.name === 'Weekend Brunch Club')
    check.that(brunch !== undefined, 'Alice sees the group in her chats')
    return { group: brunch!.id }
  })

  await step(`Alice opens the store from ${roles.inStoreCode(2)} and shares the ${lower(hero)} into the group`, async () => {
    await alice.scans(await brand.printsInStoreCode(2))
    await alice.sharesProduct(hero.id, brunch, `${hero.name}s for brunch?`)
  })

  for (const friend of [bob, carol]) {
    await step(`${friend.name} taps the card in the group (scene 1044, with a shareTicket), buys a ${lower(hero)} and pays`, async () => {
      const launch = await friend.opensCardFrom(brunch)
      check.like(launch, { scene: 1044, channel: 'group', path: 'pages/product/product' }, 'the launch')
      check.that(typeof launch.shareTicket === 'string' && launch.shareTicket.length > 0, 'the launch has a shareTicket')
      const checkout = await friend.orders([{ product: hero.id }])
      check.like(checkout.order, { entry: { scene: 1044, channel: 'group' } }, 'the order is attributed to the group')
      check.like(await friend.pays(checkout), { outcome: 'success' }, 'the payment')
    })
  }

  await step('The store has two orders from the group; the event log has both launches on group journeys', async () => {
    const fromGroup = (await brand.orders('paid')).filter((o) => o.entry.channel === 'group')
    check.equal(fromGroup.length, 2, 'paid orders from the group')
    const launches = (await events.all({ type: 'miniprogram.launched', channel: 'group' })).map((e) => e.actor)
    check.equal(launches.sort(), ['bob', 'carol'], 'launches from the group')
  })
})
