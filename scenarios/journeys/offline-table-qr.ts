import { journey } from '../journey'
import { yuan } from '../roles'

/**
 * Journey 1: in the café, a table code → an order with options → pay → order-ready message → points.
 * Table service only: a kit whose stores have no tables does not run it (the scan → order → pay path
 * runs in the other journeys from the kit's campaign code).
 */
export default journey('Offline table QR: scan, order with options, pay, told it is ready, earn points', async ({ alice, brand, operator, events, roles, step, check }) => {
  const { hero, second } = roles
  const heroChoices = roles.allOptions(hero)
  const secondChoices = roles.oneOption(second)
  const total = roles.price(hero, heroChoices) + roles.price(second, secondChoices)
  const tableCode = await step('The brand prints the code for table 12', () => brand.printsTableCode(12))

  const launch = await step('Alice scans the code on table 12 and the menu opens', async () => {
    const launch = await alice.scans(tableCode)
    check.like(launch, { path: 'pages/menu/menu', scene: 1049, channel: 'qr', query: { scene: 't%3D12' } }, 'the mini program opens on the menu from an album scan')
    const [launched] = await events.all({ type: 'miniprogram.launched', actor: 'alice' })
    check.like(launched, { channel: 'qr', journeyId: launch.journeyId, payload: { scene: 1049, journeyStarted: true } }, 'the event log has the launch on a new qr journey')
    return launch
  })

  const checkout = await step(`She orders a ${hero.name} (${roles.choiceNames(hero, heroChoices)}) and a ${second.name} (${roles.choiceNames(second, secondChoices)})`, async () => {
    const checkout = await alice.orders([
      { product: hero.id, options: heroChoices },
      { product: second.id, options: secondChoices },
    ])
    check.like(checkout.order, { status: 'pending', total, table: '12', entry: { scene: 1049, channel: 'qr' } }, 'the order the store placed')
    check.equal(
      checkout.order.items.map((i) => i.options.map((o) => o.choice).join(' · ')),
      [roles.choiceNames(hero, heroChoices), roles.choiceNames(second, secondChoices)],
      'the options on each line',
    )
    return checkout
  })

  await step(`The pay sheet shows ${roles.merchantName} and ${yuan(total)}; she enters her password`, async () => {
    const sheet = await alice.opensPaySheet(checkout)
    check.like(sheet, { merchantName: roles.merchantName, total }, 'the pay sheet')
    const paid = await alice.pays(checkout)
    check.like(paid, { outcome: 'success', errMsg: 'requestPayment:ok' }, 'what the page hears from wx.requestPayment')
    const [payment] = await events.of('pay.payment.succeeded', checkout)
    check.equal(payment.journeyId, launch.journeyId, 'the payment is on the journey the scan started')
  })

  await step(`WeChat Pay notifies the store once; the order is paid and ${roles.points(total)} points are earned`, async () => {
    const record = await operator.payRecord(checkout)
    check.equal(record.notifications.flatMap((n) => n.attempts.map((a) => a.outcome)), ['acknowledged'], 'WeChat Pay\'s notification attempts')
    check.like(await brand.order(checkout), { status: 'paid', pointsAwarded: roles.points(total) }, 'the store records the order')
  })

  await step('She allows one "order ready" message', async () => {
    check.equal(await alice.answersOrderReadyConsent(checkout), 'accept', 'her answer')
    check.like(await alice.looksAtOrder(checkout), { status: 'paid', readyConsents: 1 }, 'the order page')
  })

  await step('The barista marks the order ready and the store sends the message', async () => {
    const { order, message } = await brand.marksReady(checkout)
    check.equal(message, { sent: true }, 'the store sent the subscription message')
    check.equal(order.status, 'ready', 'the order status')
    const [sent] = await events.all({ type: 'miniprogram.subscribe-message.sent' })
    check.like(sent, { journeyId: launch.journeyId, payload: { template: 'order-ready' } }, 'the event log has the message on her journey')
  })

  await step('Alice sees "Order ready" in Service Notifications and opens it', async () => {
    const [note] = await alice.serviceNotifications()
    check.like(note, { titleEn: 'Order ready for pickup', clickable: true }, 'the notification')
    check.equal(note.keywords.find((k) => k.key === 'character_string1')?.value, checkout.order.pickupNo, 'the pickup number on it')
    check.equal(note.keywords.find((k) => k.key === 'thing5')?.value, 'Served to table 12', 'the note on it')
    const opened = await alice.opensNotification(note)
    check.like(opened, { scene: 1014, path: 'pages/order/order' }, 'the mini program opens on the order')
    check.equal((await alice.looksAtOrder(checkout)).status, 'ready', 'the order page')
  })

  await step(`Her member card shows ${roles.points(total)} points`, async () => {
    check.like(await alice.looksAtMemberCard(), { points: roles.points(total), lifetimeSpend: total }, 'the member card')
  })
}, { notApplicable: (kit, roles) => (roles.tables ? null : `${kit.name}'s stores have no tables: there is no table code to scan nor a table to serve (the scan → order → pay path runs in the other journeys from its campaign code)`) })
