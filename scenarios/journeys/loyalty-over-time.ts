import { journey } from '../journey'

/**
 * Journey 8: loyalty over time. A coupon is claimed, the virtual clock moves on by days, the store's
 * coupon-expiring job (on the platform's clock) sends the reminder she agreed to, and the coupon
 * expires unused.
 */
export default journey('Loyalty over time: a coupon, a reminder before it expires, and it expires unused', async ({ grace, brand, clock, events, step, check }) => {
  const code = await step('The café prints the Spring Oolong campaign code', () => brand.printsCampaignCode('spring26'))

  const coupon = await step('Grace scans it and claims the "Welcome ¥5 off" coupon in the member centre: 7 days to use it', async () => {
    const launch = await grace.scans(code)
    check.like(launch, { path: 'pages/index/index', scene: 1049, channel: 'qr' }, 'the mini program opens on the home page')
    const coupon = await grace.claimsCoupon('welcome-5')
    check.like(coupon, { title: 'Welcome ¥5 off', amountOff: 500, state: 'usable', expiresAt: '2026-03-09T01:00:00.000Z' }, 'her coupon (claimed on 2 March, 09:00 China time)')
    return coupon
  })

  await step('She taps "Remind me about points and coupons" and allows the messages', async () => {
    check.equal(await grace.answersReminderConsent('accept'), { pointsChanged: 1, couponExpiring: 1 }, 'what the store may send her')
    const [answered] = await events.all({ type: 'miniprogram.subscribe.answered', actor: 'grace' })
    check.that(answered !== undefined, 'the event log has her answer to the subscription prompt')
  })

  await step('Three days pass: the coupon-expiring job finds nothing due yet (4 days left)', async () => {
    await clock.advance('3d')
    check.equal(await brand.runsCouponReminders(), { due: 0, sent: 0, noConsent: 0 }, 'the job on 5 March')
    check.like((await grace.looksAtCoupons()).mine, [{ id: coupon.id, state: 'usable' }], 'her coupons')
  })

  await step('A day later, 3 days before it expires, the job reminds her: 优惠券到期提醒 arrives in her Service Notifications', async () => {
    await clock.advance('1d')
    check.equal(await brand.runsCouponReminders(), { due: 1, sent: 1, noConsent: 0 }, 'the job on 6 March')
    const [reminder] = (await grace.serviceNotifications()).filter((n) => n.title === '优惠券到期提醒')
    check.that(reminder !== undefined, 'a coupon-expiring message is in her Service Notifications')
    check.like(Object.fromEntries(reminder.keywords.map((k) => [k.key, k.value])), { thing1: 'Welcome ¥5 off', amount2: '¥5.00', date3: '2026-03-09' }, 'what the message says')
    check.like(reminder, { page: 'pages/member/member' }, 'tapping it opens the member centre')
    const [sent] = await events.all({ type: 'miniprogram.subscribe-message.sent' })
    check.like(sent, { at: '2026-03-06T01:00:00.000Z' }, 'the event log has the message sent on the virtual clock')
    check.equal(await brand.runsCouponReminders(), { due: 0, sent: 0, noConsent: 0 }, 'the job again: she is reminded once')
  })

  await step('Three more days pass and the coupon expires unused', async () => {
    await clock.advance('3d')
    check.like((await grace.looksAtCoupons()).mine, [{ id: coupon.id, state: 'expired' }], 'her coupons on 9 March')
    check.like(await grace.triesToOrder([{ product: 'latte' }, { product: 'oolong-milk-tea' }], { coupon: coupon.id }), { status: 409, code: 'coupon_expired', field: 'couponId' }, 'checkout with it')
    check.equal(await brand.orders(), [], 'the store has no order from her: the coupon was never used')
    check.equal(await events.all({ type: 'pay.order.created' }), [], 'no payment was ever asked for')
  })
})
