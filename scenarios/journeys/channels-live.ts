import { journey } from '../journey'

/** Journey: a Channels live stream → a product tap on the shelf (scene 1177) → a purchase attributed to the live session. */
export default journey('Channels live: the café goes live on Channels, Alice taps the latte on the live shelf and buys it; the order and the live statistics are attributed to the live session', async ({ alice, carol, brand, events, step, check }) => {
  const live = await step('The café posts its Channels videos, schedules its Friday tasting and goes live with a shelf of three products', async () => {
    const posted = await brand.postsOnChannels()
    check.like(posted, { finderUserName: /^sph/, videos: [{ title: 'Morning pour-over, step by step' }, { title: 'Spring oolong milk tea is back' }], live: { status: 'scheduled' } }, 'the videos and the live notice')
    const live = await brand.goesLive()
    check.like(live, { status: 'live', title: 'Friday tasting live', shelf: [{ productId: 'latte' }, { productId: 'oolong-milk-tea' }, { productId: 'butter-croissant' }] }, 'the live session')
    const [started] = await events.all({ type: 'channels.live.started' })
    check.like(started, { surface: 'channels', subject: { live: live.liveId } }, 'the start in the event log')
    return live
  })

  await step('Alice and Carol open Discover → Channels and join the live room', async () => {
    await alice.watchesLive(live)
    const room = await carol.watchesLive(live)
    check.like(room, { status: 'live', watching: 2 }, 'the room with two viewers')
  })

  await step('Alice opens the shopping bag and taps the latte: the mini program opens on it with the live-goods scene (1177)', async () => {
    const launch = await alice.tapsLiveProduct(live, 'latte')
    check.like(launch, { scene: 1177, channel: 'channels', path: 'pages/product/product', query: { id: 'latte' } }, 'the launch')
    const [tapped] = await events.all({ type: 'channels.product.tapped', actor: 'alice' })
    check.like(tapped, { channel: 'channels', subject: { live: live.liveId, product: 'latte' }, payload: { scene: 1177 } }, 'the tap in the event log')
    const [launched] = await events.all({ type: 'miniprogram.launched', actor: 'alice' })
    check.like(launched, { payload: { firstTouchChannel: 'channels', shareChain: [{ person: 'alice', via: 'channels', action: 'discovered', scene: 1177, liveId: live.liveId }] } }, 'the launch names the live session')
  })

  const checkout = await step('She orders the latte and pays with WeChat Pay', async () => {
    const checkout = await alice.orders([{ product: 'latte' }])
    check.like(await alice.pays(checkout), { outcome: 'success' }, 'her payment')
    return checkout
  })

  await step('The café’s order is attributed to the live session', async () => {
    const order = await brand.order(checkout)
    check.like(order, { status: 'paid', entry: { scene: 1177, channel: 'channels' }, attribution: { firstTouchChannel: 'channels', people: ['alice'], channels: { liveId: live.liveId, videoId: null } } }, 'the store’s order')
  })

  await step('Carol leaves without buying; the café ends the live: two viewers, one product tap, one order', async () => {
    await carol.leavesLive(live)
    const ended = await brand.endsLive()
    check.like(ended, { status: 'ended', stats: { viewers: 2, peakViewers: 2, productTaps: 1, orders: 1, gmv: 2800 } }, 'the live statistics')
  })
})
