import { journey } from '../journey'
import { lower } from '../roles'

/** Journey: a store's Official Account follow code (qrscene_store=…) brings a follower who buys; store and code are on the order. */
export default journey('Store follow code: Frank scans a store’s follow code, follows, opens the welcome card and buys; the order is attributed to the store', async ({ frank, brand, events, roles, step, check }) => {
  const shop = roles.secondStore
  const scene = `store=${shop.id}`
  const code = await step(`The brand connects its Official Account and prints the follow code of ${shop.name}`, async () => {
    check.like((await brand.connectsOfficialAccount()).server, { state: 'enabled', mode: 'safe' }, 'the verified message server')
    return brand.printsStoreFollowCode(shop.id)
  })

  await step(`Frank scans it: he follows with qrscene_${scene} and the store greets him`, async () => {
    const followed = await frank.scansFollowCode(code)
    check.like(followed, { following: true, subscribeScene: 'ADD_SCENE_QR_CODE' }, 'the follow')
    check.that(followed.reply?.includes(`You found us at ${shop.name}`) === true, `the passive reply names ${shop.name} (${followed.reply})`)
    const [push] = (await events.all({ type: 'oa.push.finished' })).filter((e) => e.payload.kind === 'subscribe')
    check.like(push, { payload: { outcome: 'replied', attempts: 1 } }, 'the subscribe push')
    const [followedEvent] = await events.all({ type: 'oa.followed', actor: 'frank' })
    check.like(followedEvent, { channel: 'qr', payload: { subscribeScene: 'ADD_SCENE_QR_CODE', scene } }, 'the follow in the event log')
  })

  await step('The brand’s follower record names the store', async () => {
    const { openid, following } = await frank.looksAtOfficialAccount()
    check.that(following, 'Frank follows the account')
    check.like(await brand.follower(openid), { subscribed: true, storeId: shop.id, scene }, 'the follower')
  })

  const checkout = await step(`He taps the member card the account sent (scene 1074), orders a ${lower(roles.other)} and pays`, async () => {
    const launch = await frank.opensAccountCard()
    check.like(launch, { scene: 1074, channel: 'official-account' }, 'the launch')
    const checkout = await frank.orders([{ product: roles.other.id }])
    check.like(await frank.pays(checkout), { outcome: 'success' }, 'his payment')
    return checkout
  })

  await step(`The order is attributed to ${shop.name}’s code`, async () => {
    const order = await brand.order(checkout)
    check.like(order, { status: 'paid', entry: { scene: 1074, channel: 'official-account' }, attribution: { followStoreId: shop.id, firstTouchChannel: 'qr', people: ['frank'] } }, 'the store’s order')
    check.like(order.attribution!.shareChain, [{ person: 'frank', via: 'qr', action: 'discovered', entry: 'oa-follow-code', qrScene: scene }, { person: 'frank', action: 'opened', scene: 1074 }], 'the chain on the order')
  })
})

