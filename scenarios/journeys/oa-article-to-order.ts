import { journey } from '../journey'
import { lower } from '../roles'

/** Journey: an Official Account article brings a new follower, whose first order is attributed to the article. */
export default journey('Official Account article: Henry reads, follows, opens the welcome card and buys; the order is attributed to the article', async ({ henry, brand, events, kit, roles, step, check }) => {
  const campaign = roles.campaign!
  const cards = Math.min(3, kit.products.length)
  const article = await step(`The brand connects its Official Account and publishes the ${campaign.title} article`, async () => {
    const connected = await brand.connectsOfficialAccount()
    check.like(connected.server, { state: 'enabled', mode: 'safe' }, 'the verified message server')
    const article = await brand.publishesCampaignArticle(campaign.id)
    check.equal(article.products.length, cards, 'product cards in the article')
    return article
  })

  await step('Henry reads the article on the account’s profile', async () => {
    const read = await henry.readsArticle(article.articleId)
    check.like(read, { title: campaign.title.slice(0, 32), url: article.url }, 'the article')
    check.equal(read.miniprograms.length, cards + 1, 'mini program cards and links in the article')
  })

  await step('He taps Follow: the brand’s server answers with its welcome', async () => {
    const followed = await henry.follows()
    check.that(followed.following && followed.reply!.startsWith(`Welcome to ${kit.name}`), `the passive reply welcomes him to ${kit.name} (${followed.reply})`)
  })

  const launch = await step('The member card arrives in the account’s chat; he taps it (scene 1074)', async () => {
    const launch = await henry.opensAccountCard()
    check.like(launch, { scene: 1074, channel: 'official-account', path: 'pages/member/member' }, 'the launch')
    const [launched] = await events.all({ type: 'miniprogram.launched', actor: 'henry' })
    check.like(launched.payload, { firstTouchChannel: 'official-account', shareChain: [{ action: 'discovered', entry: 'oa-article', articleId: article.articleId }, { action: 'opened', scene: 1074 }] }, 'the launch’s attribution in the event log')
    return launch
  })

  const checkout = await step(`His first order: a ${lower(roles.second)}, paid`, async () => {
    const checkout = await henry.orders([{ product: roles.second.id }])
    check.like(checkout.order, { entry: { scene: 1074, channel: 'official-account' } }, 'the order’s entry')
    check.like(await henry.pays(checkout), { outcome: 'success' }, 'his payment')
    const [paid] = await events.of('pay.payment.succeeded', checkout)
    check.equal(paid.journeyId, launch.journeyId, 'the payment is on the journey the card started')
    return checkout
  })

  await step('The store’s order is attributed to the article, and the paid message reaches his chat with the account', async () => {
    const order = await brand.order(checkout)
    check.like(order, { status: 'paid', attribution: { firstTouchChannel: 'official-account', shareId: null, people: ['henry'] } }, 'the store’s order')
    check.like(order.attribution!.shareChain, [{ person: 'henry', via: 'official-account', action: 'discovered', entry: 'oa-article', articleId: article.articleId }, { person: 'henry', action: 'opened', entry: 'oa-message', scene: 1074 }], 'the chain on the order')
    const template = (await henry.officialAccountChat()).find((m) => m.kind === 'template')
    check.like(template, { from: 'account', body: { title: '订单支付成功通知', miniprogram: { pagepath: `pages/order/order?id=${checkout.order.id}` } } }, 'the paid template message')
  })
}, { notApplicable: (kit, roles) => (roles.campaign ? null : `${kit.name}'s kit has no campaign to publish an article for`) })
