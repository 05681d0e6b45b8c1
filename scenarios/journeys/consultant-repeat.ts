import { journey } from '../journey'
import { lower } from '../roles'

/**
 * Journey: after a purchase Alice adds the brand's consultant from the order page (contact-me code
 * with state = the order id), gets the welcome card, and a week later the consultant's
 * re-engagement message brings a repeat purchase attributed to WeCom.
 */
export default journey('Consultant: Alice adds her WeCom consultant from the order page, gets the welcome card, and a week later a re-engagement message brings her back to buy again', async ({ alice, brand, operator, clock, events, roles, step, check }) => {
  const { hero, second, consultant } = roles
  await step('The brand connects its WeCom: the callback URL (verified with an encrypted echostr) and its customer tags', async () => {
    const connected = await brand.connectsWeCom()
    check.like(connected.callback, { state: 'enabled' }, 'the callback')
    check.like(await events.all({ type: 'wecom.corp_tag.created' }), [{ payload: { groupName: 'Purchase' } }], 'the tags created')
  })

  const first = await step(`Alice scans ${roles.inStoreCode(7)}, orders a ${lower(hero)} and pays`, async () => {
    await alice.scans(await brand.printsInStoreCode(7))
    const checkout = await alice.orders([{ product: hero.id }])
    check.like(await alice.pays(checkout), { outcome: 'success' }, 'her payment')
    return checkout
  })

  const contact = await step(`On the order page she taps "Add your consultant": the code’s card shows ${consultant.name} ${consultant.corpTag}, she adds them`, async () => {
    const contact = await alice.addsConsultantFromOrder(first)
    check.like(contact, { consultant: consultant.name, corpTag: consultant.corpTag }, 'the consultant')
    const [added] = await events.all({ type: 'wecom.contact.added' })
    check.like(added, { actor: 'alice', payload: { state: first.order.id, welcomeCode: true } }, 'the add, with the order as state')
    return contact
  })

  await step('The brand’s callback gets add_external_contact: it welcomes her with her order’s card and tags her "Bought"', async () => {
    const chat = await alice.consultantChat()
    check.like(
      chat.map((m) => [m.source, m.kind]),
      [
        ['welcome', 'text'],
        ['welcome', 'miniprogram'],
      ],
      `her chat with ${consultant.name}`,
    )
    check.like(chat[1]!.body, { title: /^Your order [AT]\d+$/, path: `pages/order/order?id=${first.order.id}&src=wecom` }, 'the welcome card')
    check.like(await brand.wecomCustomer(contact.externalUserid), { userid: consultant.userid, orderId: first.order.id, welcomed: true, reengageMsgid: null }, 'the brand’s customer record')
    check.like(await events.all({ type: 'wecom.contact.tagged' }), [{ subject: { userid: consultant.userid } }], 'the tag')
  })

  const task = await step(`A week later the re-engagement job finds her and ${consultant.name} sends the mass message`, async () => {
    check.like(await brand.runsReengagement(), { due: 0 }, 'nothing due on the day')
    await clock.advance('7d')
    const job = await brand.runsReengagement()
    check.like(job, { due: 1, tasks: [{ sender: consultant.userid, customers: 1 }] }, 'the job')
    await operator.consultantSends(job.tasks[0]!)
    const last = (await alice.consultantChat()).slice(-2)
    check.like(
      last.map((m) => [m.source, m.kind, m.body.path ?? null]),
      [
        ['mass', 'text', null],
        ['mass', 'miniprogram', 'pages/menu/menu?src=wecom'],
      ],
      'the mass message in her chat',
    )
    return job.tasks[0]!
  })

  const again = await step(`She taps the card (scene 1007, a WeCom contact’s card), orders a ${lower(second)} and pays`, async () => {
    const launch = await alice.opensConsultantCard()
    check.like(launch, { scene: 1007, channel: 'wecom', path: 'pages/menu/menu', query: { src: 'wecom' } }, 'the launch')
    const checkout = await alice.orders([{ product: second.id }])
    check.like(await alice.pays(checkout), { outcome: 'success' }, 'her payment')
    return checkout
  })

  await step('The repeat order is attributed to WeCom', async () => {
    check.like(await brand.order(again), { status: 'paid', entry: { scene: 1007, channel: 'wecom', query: { src: 'wecom' } } }, 'the store’s order')
    check.that(task.msgid.startsWith('msg'), 'the mass message task id')
    const launches = await events.all({ type: 'miniprogram.launched', actor: 'alice' })
    check.like(launches.at(-1), { channel: 'wecom', payload: { entry: 'wecom-chat', scene: 1007 } }, 'the launch in the event log')
  })

  await step('The next run of the job tags her "Repeat buyer"', async () => {
    check.like(await brand.runsReengagement(), { due: 0, repeatBuyers: 1 }, 'the job')
    const tagged = await events.all({ type: 'wecom.contact.tagged' })
    check.equal(tagged.length, 2, 'tag changes')
  })
})
