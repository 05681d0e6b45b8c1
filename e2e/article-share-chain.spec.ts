import { worldArticle } from './articles'
import { expect, merchantUrl, phone, test } from './fixtures'
import { staff } from './staff'

/** scenarios/journeys/article-share-chain.ts through the phones. */
test('article → Alice shares → Bob forwards → Carol buys: the order and her launch carry the whole chain', async ({ phones, request, baseURL }) => {
  test.setTimeout(90_000)
  const page = await phones(['alice', 'bob', 'carol'])
  const merchant = merchantUrl(baseURL!)
  expect((await request.post(`${merchant}/admin/official-account/connect`, staff)).ok()).toBe(true)
  // the café kit's campaign article, published when the world was made
  const published = await worldArticle(request, /Spring/)

  // Alice reads the café's article and opens its menu link (scene 1058)
  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Contacts' }).click()
  await alice.getByRole('button', { name: 'Official Accounts' }).click()
  await alice.getByRole('button', { name: /Articles \(\d+\)/ }).click()
  await alice.getByRole('button', { name: /Spring/ }).click()
  await alice.getByRole('article').locator('iframe').contentFrame().getByRole('button', { name: 'Mini Program: See the whole menu' }).click()
  const aliceTop = () => alice.locator('iframe').last().contentFrame()
  await expect(aliceTop().getByRole('button', { name: 'Latte ¥28.00' })).toBeVisible()

  // from the menu she sends the store to Bob (capsule ··· → Send to Chat)
  await alice.getByRole('button', { name: 'More' }).click()
  await alice.getByRole('menuitem', { name: 'Send to Chat' }).click()
  await alice.getByRole('button', { name: 'Send to Bob Li' }).click()
  await alice.getByRole('button', { name: 'Send', exact: true }).click()

  // Bob forwards the card to Carol
  const bob = phone(page, 'bob')
  await bob.getByRole('button', { name: /Alice Wang, 1 unread/ }).click()
  await bob.getByRole('button', { name: /^Forward / }).click()
  await bob.getByRole('button', { name: 'Send to Carol Zhang' }).click()
  await bob.getByRole('button', { name: 'Send', exact: true }).click()

  // Carol opens it (scene 1007), buys a latte and pays
  const carol = phone(page, 'carol')
  await carol.getByRole('button', { name: /Bob Li, 1 unread/ }).click()
  await carol.getByRole('button', { name: /^Mini Program: / }).click()
  const carolTop = () => carol.locator('iframe').last().contentFrame()
  await carolTop().getByRole('button', { name: 'Latte ¥28.00' }).click()
  await carolTop().getByRole('button', { name: 'Add to cart' }).click()
  await expect(carolTop().getByLabel('Cart total')).toContainText('¥28.00')
  await carolTop().getByRole('button', { name: 'Checkout' }).click()
  await carolTop().getByRole('button', { name: 'Pay ¥28.00' }).click()
  const sheet = carol.getByRole('dialog', { name: 'WeChat Pay' })
  for (const d of '123456') await sheet.getByRole('button', { name: d, exact: true }).click()
  await expect(carol.getByRole('dialog', { name: 'Payment Successful' })).toBeVisible()
  await carol.getByRole('button', { name: 'Done' }).click()
  await carol.getByRole('button', { name: 'Allow' }).click()
  await expect(carolTop().getByLabel('Order status')).toHaveText('Paid · being prepared')

  // the merchant's order and the event log tell the same chain
  const paid = (await (await request.get(`${merchant}/admin/orders?status=paid`, staff)).json()).orders
  const order = paid.find((o: { attribution: { people: string[] } | null }) => o.attribution?.people.includes('carol'))
  expect(order).toMatchObject({ entry: { scene: 1007, channel: 'chat' }, attribution: { firstTouchChannel: 'official-account', people: ['alice', 'bob', 'carol'] } })
  expect(order.attribution.shareChain.map((s: { person: string; action: string; entry?: string }) => `${s.person} ${s.action}${s.entry ? ` ${s.entry}` : ''}`)).toEqual([
    'alice discovered oa-article',
    'alice shared',
    'bob forwarded',
    'carol opened chat',
  ])
  expect(order.attribution.shareChain[0].articleId).toBe(published.articleId)
  const launches = (await (await request.get('/_sandbox/events?type=miniprogram.launched&actor=carol')).json()).events
  expect(launches.at(-1).payload.shareChain).toEqual(order.attribution.shareChain)
  const journey = launches.at(-1).journeyId
  const story = (await (await request.get(`/_sandbox/events?journey=${journey}`)).json()).events.map((e: { actor: string; type: string }) => `${e.actor} ${e.type}`)
  expect(story).toEqual(expect.arrayContaining(['alice miniprogram.launched', 'alice chat.card.shared', 'bob chat.card.forwarded', 'carol miniprogram.launched', 'carol pay.payment.succeeded']))
})
