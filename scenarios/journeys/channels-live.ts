import { journey } from '../journey'
import { lower } from '../roles'

/** Journey: a Channels live stream → a product tap on the shelf (scene 1177) → a purchase attributed to the live session. */
export default journey('Channels live: the brand goes live on Channels, Alice taps the hero product on the live shelf and buys it; the order and the live statistics are attributed to the live session', async ({ alice, carol, brand, events, kit, roles, step, check }) => {
  const { hero } = roles
  const plan = kit.channels.live!
  const live = await step(`The brand posts its Channels videos, schedules “${plan.title}” and goes live with a shelf of ${plan.products.length} products`, async () => {
    const posted = await brand.postsOnChannels()
    check.like(posted, { finderUserName: /^sph/, videos: kit.channels.videos.map((v) => ({ title: v.title })), live: { status: 'scheduled' } }, 'the videos and the live notice')
    const live = await brand.goesLive()
    check.like(live, { status: 'live', title: plan.title, shelf: plan.products.map((productId) => ({ productId })) }, 'the live session')
    const [started] = await events.all({ type: 'channels.live.started' })
    check.like(started, { surface: 'channels', subject: { live: live.liveId } }, 'the start in the event log')
    return live
  })

  await step('Alice and Carol open Discover → Channels and join the live room', async () => {
    await alice.watchesLive(live)
    const room = await carol.watchesLive(live)
    check.like(room, { status: 'live', watching: 2 }, 'the room with two viewers')
  })

  await step(`Alice opens the shopping bag and taps the ${lower(hero)}: the mini program opens on it with the live-goods scene (1177)`, async () => {
    const launch = await alice.tapsLiveProduct(live, hero.id)
    check.like(launch, { scene: 1177, channel: 'channels', path: 'pages/product/product', query: { id: hero.id } }, 'the launch')
    const [tapped] = await events.all({ type: 'channels.product.tapped', actor: 'alice' })
    check.like(tapped, { channel: 'channels', subject: { live: live.liveId, product: hero.id }, payload: { scene: 1177 } }, 'the tap in the event log')
    const [launched] = await events.all({ type: 'miniprogram.launched', actor: 'alice' })
    check.like(launched, { payload: { firstTouchChannel: 'channels', shareChain: [{ person: 'alice', via: 'channels', action: 'discovered', scene: 1177, liveId: live.liveId }] } }, 'the launch names the live session')
  })

  const checkout = await step(`She orders the ${lower(hero)} and pays with WeChat Pay`, async () => {
    const checkout = await alice.orders([{ product: hero.id }])
    check.like(await alice.pays(checkout), { outcome: 'success' }, 'her payment')
    return checkout
  })

  await step('The brand’s order is attributed to the live session', async () => {
    const order = await brand.order(checkout)
    check.like(order, { status: 'paid', entry: { scene: 1177, channel: 'channels' }, attribution: { firstTouchChannel: 'channels', people: ['alice'], channels: { liveId: live.liveId, videoId: null } } }, 'the store’s order')
  })

  await step('Carol leaves without buying; the brand ends the live: two viewers, one product tap, one order', async () => {
    await carol.leavesLive(live)
    const ended = await brand.endsLive()
    check.like(ended, { status: 'ended', stats: { viewers: 2, peakViewers: 2, productTaps: 1, orders: 1, gmv: roles.price(hero) } }, 'the live statistics')
  })
}, { notApplicable: (kit) => (kit.channels.live ? null : `${kit.name}'s kit has no Channels live stream`) })
