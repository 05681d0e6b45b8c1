import { journey } from '../journey'
import { lower } from '../roles'

/** Journey: article → Alice shares → Bob forwards → Carol buys; the order and the event log carry the whole chain. */
export default journey('Share chain: Alice finds a product in the brand’s article and shares it, Bob forwards it, Carol buys with the full chain on her order', async ({ alice, bob, carol, brand, events, roles, step, check }) => {
  const campaign = roles.campaign!
  const article = await step(`The brand connects its Official Account and publishes the ${campaign.title} article`, async () => {
    check.like((await brand.connectsOfficialAccount()).server, { state: 'enabled' }, 'the verified message server')
    return brand.publishesCampaignArticle(campaign.id)
  })
  // the article's cards are the catalog's first products: the hero when it is among them
  const product = article.products.includes(roles.hero.id) ? roles.hero : roles.product(article.products[0]!)

  const aliceLaunch = await step(`Alice reads it and taps the ${lower(product)} card in it (scene 1058)`, async () => {
    await alice.readsArticle(article.articleId)
    const launch = await alice.opensArticleCard(article.articleId, article.products.indexOf(product.id))
    check.like(launch, { scene: 1058, channel: 'official-account', path: 'pages/product/product', query: { id: product.id, c: campaign.id } }, 'the launch')
    return launch
  })

  await step('From the product page she shares it with Bob; Bob forwards the card to Carol', async () => {
    await alice.sharesProduct(product.id, bob, `The spring ${lower(product)} — try it`)
    await bob.forwardsCard(alice, carol)
    const [forwarded] = await events.all({ type: 'chat.card.forwarded', actor: 'bob' })
    check.like(forwarded, { journeyId: aliceLaunch.journeyId, payload: { people: ['alice', 'bob'], firstTouchChannel: 'official-account', recipients: ['carol'] } }, 'the forward in the event log')
  })

  const checkout = await step(`Carol taps the card in Bob’s chat (scene 1007), buys the ${lower(product)} and pays`, async () => {
    const launch = await carol.opensCardFrom(bob)
    check.like(launch, { scene: 1007, channel: 'chat', journeyId: aliceLaunch.journeyId, query: { id: product.id, ref: alice.member!.id } }, 'the launch continues Alice’s journey')
    const checkout = await carol.orders([{ product: product.id }])
    check.like(await carol.pays(checkout), { outcome: 'success' }, 'her payment')
    return checkout
  })

  await step('The store’s order has the chain article → Alice → Bob → Carol', async () => {
    const order = await brand.order(checkout)
    check.like(order, { status: 'paid', entry: { scene: 1007, channel: 'chat' }, attribution: { firstTouchChannel: 'official-account', people: ['alice', 'bob', 'carol'] } }, 'the store’s order')
    check.like(
      order.attribution!.shareChain,
      [
        { person: 'alice', via: 'official-account', action: 'discovered', entry: 'oa-article', articleId: article.articleId },
        { person: 'alice', via: 'chat', action: 'shared', to: 'bob' },
        { person: 'bob', via: 'chat', action: 'forwarded', to: 'carol' },
        { person: 'carol', via: 'chat', action: 'opened', scene: 1007 },
      ],
      'the chain on the order',
    )
  })

  await step('The event log tells the same story on one journey: launch, share, forward, open, payment', async () => {
    const story = (await events.all({ journey: aliceLaunch.journeyId })).map((e) => `${e.actor} ${e.type}`)
    const wanted = ['alice miniprogram.launched', 'alice chat.card.shared', 'bob chat.card.forwarded', 'carol miniprogram.launched', 'carol pay.payment.succeeded']
    check.equal(story.filter((s) => wanted.includes(s)), wanted, 'the journey’s events')
    const [opened] = await events.all({ type: 'miniprogram.launched', actor: 'carol' })
    check.equal(opened.payload.shareChain, (await brand.order(checkout)).attribution!.shareChain, 'the launch event’s chain is the order’s')
    check.like(await alice.looksAtMemberCard(), { points: roles.referralPoints }, 'Alice’s referral reward for Carol’s first order')
  })
})
