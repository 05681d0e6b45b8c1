import { expect, phone, test } from './fixtures'

/** cli.ts starts the merchant demo on the platform port + 100 */
const merchantUrl = (baseURL: string) => `http://localhost:${Number(new URL(baseURL).port) + 100}`

test('Henry reads the campaign article, follows, gets the welcome card, and his first order is attributed to the article', async ({ phones, request, baseURL }) => {
  test.setTimeout(60_000)
  const page = await phones(['henry'])
  const merchant = merchantUrl(baseURL!)
  // the reset forgot the upload and the server configuration: the brand sets both up again
  expect((await request.post(`${merchant}/admin/publish`)).ok()).toBe(true)
  const connected = await request.post(`${merchant}/admin/official-account/connect`)
  expect(connected.ok()).toBe(true)
  expect((await connected.json()).server).toMatchObject({ state: 'enabled', mode: 'safe' })
  const published = await (await request.post(`${merchant}/admin/campaigns/spring26/publish`)).json()
  expect(published).toMatchObject({ publishStatus: 0, articleId: expect.any(String) })

  // Henry finds the article on the account's profile and reads it
  const henry = phone(page, 'henry')
  await henry.getByRole('tab', { name: 'Contacts' }).click()
  await henry.getByRole('button', { name: 'Official Accounts' }).click()
  await henry.getByRole('button', { name: /Articles \(1\)/ }).click()
  await henry.getByRole('button', { name: /Spring/ }).click()
  const article = henry.getByRole('article')
  await expect(article.getByRole('button', { name: /^Mini Program: / }).first()).toBeVisible()

  // he follows: the brand's server answers with the welcome text, then sends the member card
  const profile = await (await request.get('/_sandbox/people/henry/official-account')).json()
  expect(profile.following).toBe(false)
  const follow = await (await request.post('/_sandbox/people/henry/official-account/follow', { data: {} })).json()
  expect(JSON.stringify(follow)).toContain('Welcome to Lumen Coffee')
  await expect
    .poll(async () => ((await (await request.get('/_sandbox/people/henry/official-account/messages')).json()).messages as { kind: string }[]).map((m) => m.kind))
    .toEqual(expect.arrayContaining(['text', 'miniprogrampage']))

  // he taps the latte card in the article: the store opens with scene 1058
  await article.getByRole('button', { name: /^Mini Program: / }).first().click()
  const store = henry.frameLocator('iframe[title="Lumen Coffee Store"]')
  await expect(store.getByRole('button', { name: 'Add to cart' })).toBeVisible()

  // his first order, placed as the page does (wx.login → store login → cart → checkout → pay)
  const { code } = await (await request.post('/_sandbox/people/henry/miniprogram/login', { data: {} })).json()
  const { token } = await (await request.post(`${merchant}/api/login`, { data: { code } })).json()
  const auth = { authorization: `Bearer ${token}` }
  await request.post(`${merchant}/api/cart/items`, { data: { productId: 'latte' }, headers: auth })
  const checkout = await (await request.post(`${merchant}/api/orders`, { data: { entry: { scene: 1058, query: { id: 'latte' } } }, headers: auth })).json()
  expect(checkout.order.entry).toMatchObject({ scene: 1058, channel: 'official-account' })
  expect(checkout.order.attribution).toMatchObject({ firstTouchChannel: 'official-account', people: ['henry'] })
  expect(checkout.order.attribution.shareChain[0]).toMatchObject({ person: 'henry', action: 'discovered', entry: 'oa-article', scene: 1058, articleId: published.articleId })
  await request.post('/_sandbox/pay/people/henry/pay', { data: { target: { requestPayment: checkout.payment }, password: '123456' } })

  // paid: a follower gets the template message with the order page jump
  await expect.poll(async () => (await (await request.get(`${merchant}/api/orders/${checkout.order.id}`, { headers: auth })).json()).order.officialAccountMessageSent).toBe(true)
})
