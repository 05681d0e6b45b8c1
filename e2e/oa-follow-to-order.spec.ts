import { worldArticle } from './articles'
import { expect, merchantUrl, phone, test } from './fixtures'
import { staff } from './staff'

test('Henry reads the campaign article, follows from it, taps the welcome card, orders and pays: the order is attributed to the article', async ({ phones, request, baseURL }) => {
  test.setTimeout(90_000)
  const page = await phones(['henry'])
  const merchant = merchantUrl(baseURL!)
  // the store connects its Official Account (after a reset it connects it again by itself)
  const connected = await request.post(`${merchant}/admin/official-account/connect`, staff)
  expect(connected.ok()).toBe(true)
  expect((await connected.json()).server).toMatchObject({ state: 'enabled', mode: 'safe' })
  // the café kit's campaign article, published when the world was made
  const published = await worldArticle(request, /Spring/)
  expect(published.articleId).toEqual(expect.any(String))

  // Henry finds the article on the account's profile and reads it
  const henry = phone(page, 'henry')
  await henry.getByRole('tab', { name: 'Contacts' }).click()
  await henry.getByRole('button', { name: 'Official Accounts' }).click()
  await henry.getByRole('button', { name: /Articles \(\d+\)/ }).click()
  await henry.getByRole('button', { name: /Spring/ }).click()
  const article = henry.getByRole('article')
  await expect(article.locator('iframe').contentFrame().getByRole('button', { name: /^Mini Program: / }).first()).toBeVisible()

  // he follows from the account card under the article
  const account = article.getByRole('region', { name: 'Official Account' })
  await account.getByRole('button', { name: 'Follow' }).click()
  await expect(account).toContainText('Following')
  const [followed] = (await (await request.get('/_sandbox/events?type=oa.followed&actor=henry')).json()).events
  expect(followed.payload).toMatchObject({ subscribeScene: 'ADD_SCENE_PROFILE_ITEM' })

  // back in the account's chat: the welcome (the passive reply) and the member card (customer service)
  await henry.getByRole('button', { name: 'Back' }).click()
  await henry.getByRole('button', { name: 'Back' }).click()
  const chat = henry.getByRole('log', { name: 'Lumen Coffee' })
  await expect(chat).toContainText('Welcome to Lumen Coffee')
  const card = chat.getByRole('button', { name: 'Mini Program: Lumen Coffee member card' })
  await expect(card).toBeVisible()
  await card.click()

  // the member centre opens (scene 1074); his first order from there
  const top = () => henry.locator('iframe').last().contentFrame()
  await expect(top().getByRole('button', { name: 'Order now' })).toBeVisible()
  const launches = async () => (await (await request.get('/_sandbox/events?type=miniprogram.launched&actor=henry')).json()).events
  expect((await launches()).map((e: { payload: { scene: number } }) => e.payload.scene)).toEqual([1074])
  await top().getByRole('button', { name: 'Order now' }).click()
  await top().getByRole('button', { name: 'Latte ¥28.00' }).click()
  await top().getByRole('button', { name: 'Add to cart' }).click()
  await expect(top().getByLabel('Cart total')).toContainText('¥28.00')
  await top().getByRole('button', { name: 'Checkout' }).click()
  await top().getByRole('button', { name: 'Pay ¥28.00' }).click()

  // WeChat Pay's sheet
  const sheet = henry.getByRole('dialog', { name: 'WeChat Pay' })
  await expect(sheet.getByLabel('Amount')).toHaveText('¥28.00')
  for (const d of '123456') await sheet.getByRole('button', { name: d, exact: true }).click()
  await expect(henry.getByRole('dialog', { name: 'Payment Successful' })).toBeVisible()
  await henry.getByRole('button', { name: 'Done' }).click()
  await henry.getByRole('button', { name: 'Allow' }).click()
  await expect(top().getByLabel('Order status')).toHaveText('Paid · being prepared')

  // the merchant's order knows where it came from: the article, then the account's card
  const paid = (await (await request.get(`${merchant}/admin/orders?status=paid`, staff)).json()).orders
  const order = paid.find((o: { attribution: { people: string[] } | null }) => o.attribution?.people.includes('henry'))
  expect(order).toMatchObject({ entry: { scene: 1074, channel: 'official-account' }, attribution: { firstTouchChannel: 'official-account', shareId: null, people: ['henry'] } })
  expect(order.attribution.shareChain).toEqual([
    expect.objectContaining({ person: 'henry', via: 'official-account', action: 'discovered', entry: 'oa-article', articleId: published.articleId }),
    expect.objectContaining({ person: 'henry', action: 'opened', entry: 'oa-message', scene: 1074 }),
  ])
  const [launched] = await launches()
  expect(launched.payload.shareChain).toEqual(order.attribution.shareChain)

  // a follower gets the paid template message in the account's chat; its jump opens the order (1043)
  await henry.getByRole('button', { name: 'Close mini program' }).click()
  const paidMessage = chat.getByRole('button', { name: '订单支付成功通知: View in Mini Program' })
  await expect(paidMessage).toBeVisible()
  await paidMessage.click()
  await expect(top().getByLabel('Order status')).toHaveText('Paid · being prepared')
  expect((await launches()).map((e: { payload: { scene: number } }) => e.payload.scene)).toEqual([1074, 1043])
})
