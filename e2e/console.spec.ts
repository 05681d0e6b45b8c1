import type { APIRequestContext } from '@playwright/test'
import { expect, merchantUrl, phone, test } from './fixtures'

/**
 * Frank's paid order, set up as the people and the store's page would (person API + store API; Dave and
 * Frank, whose first orders no other spec counts on: the friend-share journey needs Bob's first order):
 * Dave opens the store from a Channels video and sends its card to Frank, Frank opens it (scene 1007),
 * logs in, orders two lattes and pays. Then he opens customer service from the order and writes.
 */
async function franksOrderFromDavesShare(request: APIRequestContext, merchant: string) {
  const { appid } = await (await request.get(`${merchant}/health`)).json()
  expect((await request.post('/_sandbox/people/dave/miniprogram/launch', { data: { entry: 'channels-video', appid } })).ok()).toBe(true)
  const card = { appid, title: 'Order at Lumen Coffee', path: 'pages/menu/menu' }
  expect((await request.post('/_sandbox/people/dave/messages', { data: { to: 'frank', type: 'miniprogram', miniprogram: card } })).ok()).toBe(true)
  const launched = await (await request.post('/_sandbox/people/frank/miniprogram/launch', { data: { entry: 'chat', from: 'dave', appid, path: card.path } })).json()
  expect(launched.attribution.shareChain.map((s: { person: string; action: string }) => `${s.person}:${s.action}`)).toEqual(['dave:discovered', 'dave:shared', 'frank:opened'])
  const { token } = await (await request.post(`${merchant}/api/login`, { data: { code: launched.login.code } })).json()
  const frank = { headers: { authorization: `Bearer ${token}` } }
  expect((await request.post(`${merchant}/api/cart/items`, { ...frank, data: { productId: 'latte', quantity: 2 } })).ok()).toBe(true)
  const placed = await (await request.post(`${merchant}/api/orders`, { ...frank, data: { entry: { scene: 1007, query: {} } } })).json()
  const paid = await (await request.post('/_sandbox/pay/people/frank/pay', { data: { target: { requestPayment: placed.payment }, password: '123456' } })).json()
  expect(paid.outcome).toBe('success')
  await expect.poll(async () => (await (await request.get(`${merchant}/api/orders/${placed.order.id}`, frank)).json()).order.status).toBe('paid')
  const service = await (await request.get(`${merchant}/api/service-chat`, frank)).json()
  const opened = await (await request.post('/_sandbox/people/frank/kf/open', { data: { url: `${service.url}&scene_param=${encodeURIComponent(placed.order.id)}`, corpId: service.corpId } })).json()
  expect((await request.post(`/_sandbox/people/frank/wecom/conversations/${opened.conversation}/messages`, { data: { text: 'Can I get oat milk in my lattes?' } })).ok()).toBe(true)
  // and he adds the consultant from the order page's code, and writes to them too
  const code = await (await request.get(`${merchant}/api/orders/${placed.order.id}/consultant`, frank)).json()
  const added = await (await request.post('/_sandbox/people/frank/wecom/contacts', { data: { configId: code.configId } })).json()
  expect((await request.post(`/_sandbox/people/frank/wecom/conversations/${added.conversation}/messages`, { data: { text: 'Do you sell the beans?' } })).ok()).toBe(true)
  return placed.order as { id: string; pickupNo: string }
}

test('the brand console: sign in, Frank’s order with its chain Channels → Dave shared → Frank, refund, publish an article, answer Frank’s service chat and his consultant chat, both in his phone', async ({ phones, request, baseURL, context }) => {
  test.setTimeout(90_000)
  const merchant = merchantUrl(baseURL!)
  const order = await franksOrderFromDavesShare(request, merchant)

  // the page loads without the token and asks for it; a wrong one is refused
  const admin = await context.newPage()
  await admin.goto(`${merchant}/admin`)
  const signIn = admin.getByRole('form', { name: 'Sign in' })
  await signIn.getByLabel('Staff token').fill('not-the-staff-token-0000')
  await signIn.getByRole('button', { name: 'Sign in' }).click()
  await expect(admin.getByRole('alert')).toHaveText('That token was refused.')
  await signIn.getByLabel('Staff token').fill(process.env.STAFF_TOKEN!)
  await signIn.getByRole('button', { name: 'Sign in' }).click()
  await expect(admin.getByRole('banner')).toContainText('Lumen Coffee')

  // the order, drawn with its chain; refunded
  const row = admin.getByRole('row', { name: `Order ${order.pickupNo}` })
  await expect(row.getByRole('list', { name: 'Share chain: Channels → Dave shared → Frank' })).toBeVisible()
  await expect(row).toContainText('Paid')
  await row.getByRole('button', { name: 'Refund' }).click()
  await expect(row).toContainText('Refund processing')
  await expect(row.getByRole('button', { name: 'Refund' })).toHaveCount(0)
  // WeChat Pay settles a refund to the wallet a minute later (virtual clock), then notifies the store
  expect((await request.post('/_sandbox/clock/advance', { data: { by: '2m' } })).ok()).toBe(true)
  await expect(row).toContainText('Refunded', { timeout: 15_000 })

  // 中文: the brand's Chinese name and the console's words
  await admin.getByRole('button', { name: '中文' }).click()
  await expect(admin.getByRole('banner')).toContainText('流明咖啡')
  await expect(admin.getByRole('row', { name: `订单 ${order.pickupNo}` })).toContainText('已退款')
  await admin.getByRole('button', { name: 'EN' }).click()

  // an Official Account article from the kit's campaign
  await admin.getByRole('tab', { name: 'Content' }).click()
  await admin.getByRole('button', { name: 'Publish article: Spring Oolong' }).click()
  const oa = admin.getByRole('region', { name: 'Official Account' })
  await expect(oa.getByText('Published')).toBeVisible()
  await expect(oa.getByRole('link', { name: 'Open article' })).toHaveAttribute('href', /^https?:\/\//)

  // Frank's customer-service chat: his question and the auto-reply; the consultant answers
  await admin.getByRole('tab', { name: 'Customer chats' }).click()
  await admin.getByRole('navigation', { name: 'Customer chats' }).getByRole('button', { name: new RegExp(`Frank · ${order.pickupNo}`) }).click()
  const thread = admin.getByRole('region', { name: `Frank · ${order.pickupNo}` })
  await expect(thread).toContainText('Can I get oat milk in my lattes?')
  await thread.getByLabel('Answer as the consultant').fill('Of course, Frank! Oat milk is free this week.')
  await thread.getByRole('button', { name: 'Send' }).click()
  await expect(thread).toContainText('Consultant')
  await expect(thread.getByLabel('Answer as the consultant')).toHaveValue('')

  // his 1:1 chat with the consultant (the WeCom client's side): the trainer answers as the consultant
  await admin.getByRole('navigation', { name: 'Customer chats' }).getByRole('button', { name: new RegExp(`Frank Zhao · ${order.pickupNo}`) }).click()
  const consultant = admin.getByRole('region', { name: `Frank Zhao · ${order.pickupNo}` })
  await expect(consultant).toContainText('Do you sell the beans?')
  await consultant.getByLabel('Answer as the consultant').fill('We do: 250 g and 500 g bags.')
  await consultant.getByRole('button', { name: 'Send' }).click()
  await expect(consultant).toContainText('We do: 250 g and 500 g bags.')

  // …and the answer is in Frank's phone, in his chat with the service account
  const page = await phones(['frank'])
  const frank = phone(page, 'frank')
  await frank.getByRole('button', { name: /^Lumen Coffee Service/ }).click()
  await expect(frank.getByRole('log', { name: 'Lumen Coffee Service' })).toContainText('Of course, Frank! Oat milk is free this week.')
  await frank.getByRole('button', { name: 'Back' }).click()
  await frank.getByRole('button', { name: /@Lumen Coffee/ }).click()
  await expect(frank.getByRole('log')).toContainText('We do: 250 g and 500 g bags.')
})
