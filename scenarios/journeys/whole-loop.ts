import { journey } from '../journey'
import { lower } from '../roles'

/**
 * The whole loop through all five surfaces: a Channels live stream brings Alice in, WeChat Pay takes
 * her money, she adds her WeCom consultant and shares the store in a chat; Bob buys from her card and
 * follows the Official Account in the store; a week later the account's article brings Bob back and
 * the consultant brings Alice back. Every sale is attributed to the channel that earned it.
 */
export default journey('The whole loop: Channels live → purchase → consultant → chat share → Official Account follow → a week later two repeat purchases, each attributed to its channel', async ({ alice, bob, brand, operator, clock, events, roles, step, check }) => {
  const { hero, second, other, consultant } = roles
  const campaign = roles.campaign!
  const live = await step('The brand connects its Official Account and WeCom, posts on Channels and goes live with a shelf', async () => {
    check.like((await brand.connectsOfficialAccount()).server, { state: 'enabled' }, 'the Official Account’s server')
    check.like((await brand.connectsWeCom()).callback, { state: 'enabled' }, 'the WeCom callback')
    await brand.postsOnChannels()
    return brand.goesLive()
  })

  const first = await step(`Alice watches the live on Channels, taps the ${lower(hero)} on the shelf (scene 1177), orders it and pays`, async () => {
    await alice.watchesLive(live)
    check.like(await alice.tapsLiveProduct(live, hero.id), { scene: 1177, channel: 'channels' }, 'the launch from the live shelf')
    const checkout = await alice.orders([{ product: hero.id }])
    check.like(await alice.pays(checkout), { outcome: 'success' }, 'her payment')
    check.like(await brand.order(checkout), { status: 'paid', attribution: { firstTouchChannel: 'channels', channels: { liveId: live.liveId } } }, 'the store’s order, from the live session')
    return checkout
  })

  await step('From the order page she adds her consultant (state = the order); the welcome card arrives in their chat', async () => {
    check.like(await alice.addsConsultantFromOrder(first), { consultant: consultant.name, corpTag: consultant.corpTag }, 'the consultant')
    const chat = await alice.consultantChat()
    check.like(chat.at(-1), { source: 'welcome', kind: 'miniprogram', body: { path: `pages/order/order?id=${first.order.id}&src=wecom` } }, 'the welcome card')
  })

  const bobs = await step(`She shares the ${lower(second)} with Bob; he opens her card (scene 1007) and buys it`, async () => {
    await alice.sharesProduct(second.id, bob, 'You have to try this')
    const launch = await bob.opensCardFrom(alice)
    check.like(launch, { scene: 1007, channel: 'chat', query: { id: second.id } }, 'Bob’s launch')
    const checkout = await bob.orders([{ product: second.id }])
    check.like(await bob.pays(checkout), { outcome: 'success' }, 'his payment')
    return checkout
  })

  await step('Bob’s order carries the whole chain back to the live stream, and Alice gets her referral points', async () => {
    const order = await brand.order(bobs)
    check.like(order.attribution, { firstTouchChannel: 'channels', people: ['alice', 'bob'] }, 'the attribution')
    check.like(
      order.attribution!.shareChain.map((s) => [s.person, s.action, s.via ?? null]),
      [
        ['alice', 'discovered', 'channels'],
        ['alice', 'shared', 'chat'],
        ['bob', 'opened', 'chat'],
      ],
      'the chain: live → Alice’s share → Bob',
    )
    check.like(await alice.looksAtMemberCard(), { points: roles.points(roles.price(hero)) + roles.referralPoints }, `Alice’s points: her ${lower(hero)} and the referral`)
  })

  await step(`In ${roles.store.name} Bob scans the store’s follow code and follows the brand’s Official Account`, async () => {
    const followed = await bob.scansFollowCode(await brand.printsStoreFollowCode(roles.store.id))
    check.like(followed, { following: true, subscribeScene: 'ADD_SCENE_QR_CODE' }, 'the follow')
    check.like(await bob.receivesAccountCard(), { kind: 'miniprogrampage' }, 'the member card the account sends after its welcome')
  })

  const article = await step(`A week later the brand publishes its ${campaign.title} article; Bob reads it and buys from its card (scene 1058)`, async () => {
    await clock.advance('7d')
    const article = await brand.publishesCampaignArticle(campaign.id)
    await bob.readsArticle(article.articleId)
    check.like(await bob.opensArticleCard(article.articleId), { scene: 1058, channel: 'official-account' }, 'the launch from the article')
    const checkout = await bob.orders([{ product: second.id }])
    check.like(await bob.pays(checkout), { outcome: 'success' }, 'his payment')
    check.like(await brand.order(checkout), { attribution: { firstTouchChannel: 'official-account' } }, 'his repeat order, from the article')
    return checkout
  })

  await step(`The same week ${consultant.name}’s re-engagement message reaches Alice; she taps the card (WeCom) and buys again`, async () => {
    const job = await brand.runsReengagement()
    check.like(job, { due: 1, tasks: [{ sender: consultant.userid, customers: 1 }] }, 'the re-engagement job')
    await operator.consultantSends(job.tasks[0]!)
    check.like(await alice.opensConsultantCard(), { scene: 1007, channel: 'wecom' }, 'the launch from the consultant’s card')
    const checkout = await alice.orders([{ product: other.id }])
    check.like(await alice.pays(checkout), { outcome: 'success' }, 'her payment')
    check.like(await brand.order(checkout), { entry: { channel: 'wecom' } }, 'her repeat order, from WeCom')
    check.that(article.order.id !== checkout.order.id, 'two different repeat orders')
  })

  await step('The funnel: two buyers, both repeat buyers, four orders; sales by first touch split across Channels, the Official Account and WeCom', async () => {
    const funnel = await operator.funnel()
    check.like(funnel, { buyers: 2, repeatBuyers: 2, orders: 4 }, 'the funnel')
    const by = Object.fromEntries(funnel.byChannel.map((c) => [c.channel, c]))
    check.like(by.channels, { journeys: 1, orders: 2 }, 'Channels: the live stream’s journey, with Bob’s purchase through Alice’s share')
    check.like(by['official-account'], { journeys: 1, orders: 1 }, 'the Official Account: Bob’s article purchase')
    check.like(by.wecom, { journeys: 1, orders: 1 }, 'WeCom: Alice’s return')
    const paid = await events.all({ type: 'pay.payment.succeeded' })
    check.equal(new Set(paid.map((e) => e.journeyId)).size, 3, 'three journeys paid')
  })
}, { notApplicable: (kit, roles) => (!kit.channels.live ? `${kit.name}'s kit has no Channels live stream` : !roles.campaign ? `${kit.name}'s kit has no campaign article` : null) })
