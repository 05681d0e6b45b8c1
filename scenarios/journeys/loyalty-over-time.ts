import { journey } from '../journey'
import { yuan } from '../roles'

/** The world's clock starts on 2 March 2026, 09:00 China time. */
const START = Date.parse('2026-03-02T01:00:00.000Z')
const DAY = 86_400_000
/** A day as people in China read it: 2026-03-09, or "9 March" in a caption. */
const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)
const dayMonth = (ms: number) => new Date(ms + 8 * 3_600_000).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' })

/**
 * Journey 8: loyalty over time. A coupon is claimed, the virtual clock moves on by days, the store's
 * coupon-expiring job (on the platform's clock) sends the reminder she agreed to, and the coupon
 * expires unused.
 */
export default journey('Loyalty over time: a coupon, a reminder before it expires, and it expires unused', async ({ grace, brand, clock, events, roles, step, check }) => {
  const campaign = roles.campaign!
  const welcome = roles.coupon!
  const expires = START + welcome.validDays * DAY
  // the job reminds 3 days before: the clock stops a day before that, on it, and on the expiry
  const quiet = welcome.validDays - 4
  const code = await step(`The brand prints the ${campaign.title} campaign code`, () => brand.printsCampaignCode(campaign.id))

  const coupon = await step(`Grace scans it and claims the "${welcome.title}" coupon in the member centre: ${welcome.validDays} days to use it`, async () => {
    const launch = await grace.scans(code)
    check.like(launch, { path: 'pages/index/index', scene: 1049, channel: 'qr' }, 'the mini program opens on the home page')
    const coupon = await grace.claimsCoupon(welcome.id)
    check.like(coupon, { title: welcome.title, amountOff: welcome.amountOff, state: 'usable', expiresAt: new Date(expires).toISOString() }, 'her coupon (claimed on 2 March, 09:00 China time)')
    return coupon
  })

  await step('She taps "Remind me about points and coupons" and allows the messages', async () => {
    check.equal(await grace.answersReminderConsent('accept'), { pointsChanged: 1, couponExpiring: 1 }, 'what the store may send her')
    const [answered] = await events.all({ type: 'miniprogram.subscribe.answered', actor: 'grace' })
    check.that(answered !== undefined, 'the event log has her answer to the subscription prompt')
  })

  await step(`${quiet} days pass: the coupon-expiring job finds nothing due yet (4 days left)`, async () => {
    await clock.advance(`${quiet}d`)
    check.equal(await brand.runsCouponReminders(), { due: 0, sent: 0, noConsent: 0 }, `the job on ${dayMonth(START + quiet * DAY)}`)
    check.like((await grace.looksAtCoupons()).mine, [{ id: coupon.id, state: 'usable' }], 'her coupons')
  })

  await step('A day later, 3 days before it expires, the job reminds her: 优惠券到期提醒 arrives in her Service Notifications', async () => {
    await clock.advance('1d')
    check.equal(await brand.runsCouponReminders(), { due: 1, sent: 1, noConsent: 0 }, `the job on ${dayMonth(START + (quiet + 1) * DAY)}`)
    const [reminder] = (await grace.serviceNotifications()).filter((n) => n.title === '优惠券到期提醒')
    check.that(reminder !== undefined, 'a coupon-expiring message is in her Service Notifications')
    check.like(Object.fromEntries(reminder.keywords.map((k) => [k.key, k.value])), { thing1: welcome.title, amount2: yuan(welcome.amountOff), date3: chinaDate(expires) }, 'what the message says')
    check.like(reminder, { page: 'pages/member/member' }, 'tapping it opens the member centre')
    const [sent] = await events.all({ type: 'miniprogram.subscribe-message.sent' })
    check.like(sent, { at: new Date(START + (quiet + 1) * DAY).toISOString() }, 'the event log has the message sent on the virtual clock')
    check.equal(await brand.runsCouponReminders(), { due: 0, sent: 0, noConsent: 0 }, 'the job again: she is reminded once')
  })

  await step('Three more days pass and the coupon expires unused', async () => {
    await clock.advance('3d')
    check.like((await grace.looksAtCoupons()).mine, [{ id: coupon.id, state: 'expired' }], `her coupons on ${dayMonth(expires)}`)
    check.like(await grace.triesToOrder([{ product: roles.hero.id }, { product: roles.second.id }], { coupon: coupon.id }), { status: 409, code: 'coupon_expired', field: 'couponId' }, 'checkout with it')
    check.equal(await brand.orders(), [], 'the store has no order from her: the coupon was never used')
    check.equal(await events.all({ type: 'pay.order.created' }), [], 'no payment was ever asked for')
  })
}, { notApplicable: (kit, roles) => (!roles.coupon ? `${kit.name}'s kit has no coupon` : roles.coupon.validDays < 4 ? `${kit.name}'s first coupon is valid under 4 days: no quiet day before its reminder` : !roles.campaign ? `${kit.name}'s kit has no campaign code to start from` : null) })
