import { journey } from '../journey'
import { yuan } from '../roles'

/** Journey 4: Alice buys a drink gift, sends it to Bob's chat; Bob claims it and redeems it in store. */
export default journey('Gifting: Alice sends Bob a gift voucher, he claims it and redeems it at the counter', async ({ alice, bob, brand, operator, events, roles, step, check }) => {
  const campaign = roles.campaign!
  const gift = roles.gifts[0]!
  const value = roles.product(gift.product).price
  const poster = await step(`The brand prints the ${campaign.title} campaign code`, () => brand.printsCampaignCode(campaign.id))

  const launch = await step('Alice scans the campaign code and the store opens', async () => {
    const launch = await alice.scans(poster)
    check.like(launch, { path: 'pages/index/index', scene: 1049, channel: 'qr', query: { scene: encodeURIComponent(`c=${campaign.id}`) } }, 'the mini program opens on the home page')
    const { available } = await alice.looksAtGifts()
    check.equal(available.map((g) => `${g.title} ${g.price}`), roles.gifts.map((g) => `${g.title} ${roles.product(g.product).price}`), 'the gift vouchers on offer')
    return launch
  })

  const purchase = await step(`She buys "${gift.title}" with a note and pays ${yuan(value)}`, async () => {
    const purchase = await alice.buysGift(gift.id, 'Happy Friday!')
    check.like(purchase.gift, { state: 'pending', title: gift.title, value, message: 'Happy Friday!', role: 'sent' }, 'the gift before paying')
    check.like(purchase.order, { status: 'pending', total: value, pickupNo: 'GIFT', entry: { scene: 1049, channel: 'qr' } }, 'the gift order')
    check.like(await alice.opensPaySheet(purchase), { merchantName: roles.merchantName, total: value }, 'the pay sheet')
    check.like(await alice.pays(purchase), { outcome: 'success', errMsg: 'requestPayment:ok' }, 'her payment')
    const [paid] = await events.of('pay.payment.succeeded', purchase)
    check.equal(paid.journeyId, launch.journeyId, 'the payment is on the journey the scan started')
    return purchase
  })

  await step(`WeChat Pay notifies the store: the gift is paid and ready to send; she earns ${roles.points(value)} points`, async () => {
    const [sent] = (await alice.looksAtGifts()).sent
    check.like(sent, { id: purchase.gift.id, state: 'paid', claimed: false, sharePath: /^pages\/gift\/gift\?token=/ }, 'her sent gifts')
    check.like(await brand.order(purchase), { status: 'paid', pointsAwarded: roles.points(value) }, 'the store records the gift order')
    check.like(await alice.looksAtMemberCard(), { points: roles.points(value), lifetimeSpend: value }, 'her member card')
  })

  await step('She sends the gift card to Bob’s chat', async () => {
    await alice.sendsGift(purchase, bob)
    const [shared] = await events.all({ type: 'chat.card.shared', actor: 'alice' })
    check.like(shared, { journeyId: launch.journeyId, subject: { conversation: 'p2p:alice:bob' }, payload: { recipients: ['bob'], kind: 'miniprogram', preview: `[Mini Program] ${gift.title} — from a friend` } }, 'the event log has the card shared on her journey')
  })

  await step('Bob taps the card in Alice’s chat; the gift page opens with scene 1007 and shows her note', async () => {
    const opened = await bob.opensCardFrom(alice)
    check.like(opened, { scene: 1007, channel: 'chat', path: 'pages/gift/gift', query: { token: /.+/ } }, 'the launch')
    const [launched] = await events.all({ type: 'miniprogram.launched', actor: 'bob' })
    check.like(launched, { channel: 'chat', journeyId: opened.journeyId, payload: { scene: 1007 } }, 'the event log has the launch from the chat')
    const card = await bob.looksAtGiftCard()
    check.like(card, { claimable: true, gift: { title: gift.title, message: 'Happy Friday!', state: 'paid', role: 'card', token: null } }, 'what the card shows Bob')
  })

  await step('Bob claims the gift; it is in his Gifts, ready to redeem', async () => {
    check.like(await bob.claimsGift(), { state: 'claimed', role: 'received', claimed: true }, 'the claimed gift')
    const { received } = await bob.looksAtGifts()
    check.like(received, [{ id: purchase.gift.id, title: gift.title, state: 'claimed' }], 'his received gifts')
    check.like((await alice.looksAtGifts()).sent, [{ state: 'claimed', claimed: true }], 'Alice sees it claimed')
    check.like(await bob.looksAtGiftCard(), { claimable: false }, 'the card cannot be claimed twice')
  })

  await step('At the counter Bob shows the gift and the staff redeem it, once', async () => {
    const shown = bob.showsGiftAtCounter()
    check.like(await brand.redeemsGiftAtCounter(shown, roles.store.id), { state: 'redeemed', redeemedAt: /.+/ }, 'the store records it redeemed')
    check.equal(await brand.triesToRedeemGift(shown), { status: 409, code: 'gift_redeemed' }, 'showing it again is refused')
    check.like((await bob.looksAtGifts()).received, [{ state: 'redeemed' }], 'his gifts')
    check.like((await alice.looksAtGifts()).sent, [{ state: 'redeemed' }], 'Alice’s sent gifts')
  })

  await step('The store has one order, the gift; WeChat Pay paid and notified it once; Bob paid nothing', async () => {
    check.like(await brand.orders(), [{ id: purchase.order.id, status: 'paid', total: value }], 'the back office’s orders')
    const payments = await events.of('pay.payment.succeeded')
    check.equal(payments.map((e) => e.actor), ['alice'], 'payments in the event log, by who paid')
    const record = await operator.payRecord(purchase)
    check.equal(record.notifications.flatMap((n) => n.attempts.map((a) => a.outcome)), ['acknowledged'], 'WeChat Pay’s notification attempts')
    check.like(await bob.looksAtMemberCard(), { points: 0, lifetimeSpend: 0 }, 'Bob’s member card')
  })
}, { notApplicable: (kit, roles) => (!roles.gifts.length ? `${kit.name}'s kit has no gift vouchers` : !roles.fulfilment.modes.includes('pickup') ? `${kit.name} has no counter to redeem a gift at (it offers ${roles.fulfilment.modes.join(', ')})` : !roles.campaign ? `${kit.name}'s kit has no campaign code to start from` : null) })
