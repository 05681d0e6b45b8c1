import { journey } from '../journey'

/** Journey: a store's Official Account follow code (qrscene_store=…) brings a follower who buys; store and code are on the order. */
export default journey('Store follow code: Frank scans the Jing’an store’s code, follows, opens the welcome card and buys; the order is attributed to the store', async ({ frank, brand, events, step, check }) => {
  const code = await step('The café connects its Official Account and prints the follow code of its Jing’an store', async () => {
    check.like((await brand.connectsOfficialAccount()).server, { state: 'enabled', mode: 'safe' }, 'the verified message server')
    return brand.printsStoreFollowCode('sh02')
  })

  await step('Frank scans it: he follows with qrscene_store=sh02 and the store greets him', async () => {
    const followed = await frank.scansFollowCode(code)
    check.like(followed, { following: true, subscribeScene: 'ADD_SCENE_QR_CODE', reply: /You found us at Lumen Coffee · Jing'an/ }, 'the follow and the passive reply')
    const [push] = (await events.all({ type: 'oa.push.finished' })).filter((e) => e.payload.kind === 'subscribe')
    check.like(push, { payload: { outcome: 'replied', attempts: 1 } }, 'the subscribe push')
    const [followedEvent] = await events.all({ type: 'oa.followed', actor: 'frank' })
    check.like(followedEvent, { channel: 'qr', payload: { subscribeScene: 'ADD_SCENE_QR_CODE', scene: 'store=sh02' } }, 'the follow in the event log')
  })

  await step('The café’s follower record names the store', async () => {
    const { openid, following } = await frank.looksAtOfficialAccount()
    check.that(following, 'Frank follows the account')
    check.like(await brand.follower(openid), { subscribed: true, storeId: 'sh02', scene: 'store=sh02' }, 'the follower')
  })

  const checkout = await step('He taps the member card the account sent (scene 1074), orders an Americano and pays', async () => {
    const launch = await frank.opensAccountCard()
    check.like(launch, { scene: 1074, channel: 'official-account' }, 'the launch')
    const checkout = await frank.orders([{ product: 'americano' }])
    check.like(await frank.pays(checkout), { outcome: 'success' }, 'his payment')
    return checkout
  })

  await step('The order is attributed to the Jing’an store’s code', async () => {
    const order = await brand.order(checkout)
    check.like(order, { status: 'paid', entry: { scene: 1074, channel: 'official-account' }, attribution: { followStoreId: 'sh02', firstTouchChannel: 'qr', people: ['frank'] } }, 'the store’s order')
    check.like(order.attribution!.shareChain, [{ person: 'frank', via: 'qr', action: 'discovered', entry: 'oa-follow-code', qrScene: 'store=sh02' }, { person: 'frank', action: 'opened', scene: 1074 }], 'the chain on the order')
  })
})

