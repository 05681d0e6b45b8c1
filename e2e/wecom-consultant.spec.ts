import type { APIRequestContext } from '@playwright/test'
import { expect, merchantUrl, phone, test } from './fixtures'

const shots = process.env.WECOM_SHOTS

/** Alice's paid order of one latte, through the store's API (the purchase is not what this spec is about). */
async function paidOrder(request: APIRequestContext, merchant: string, person: string) {
  const { code } = await (await request.post(`/_sandbox/people/${person}/miniprogram/login`, { data: {} })).json()
  const { token } = await (await request.post(`${merchant}/api/login`, { data: { code } })).json()
  const auth = { authorization: `Bearer ${token}` }
  await request.post(`${merchant}/api/cart/items`, { data: { productId: 'latte' }, headers: auth })
  const { order, payment } = await (await request.post(`${merchant}/api/orders`, { data: { entry: { scene: 1001, query: {} } }, headers: auth })).json()
  expect((await request.post(`/_sandbox/pay/people/${person}/pay`, { data: { target: { requestPayment: payment }, password: '123456' } })).ok()).toBe(true)
  await request.get(`${merchant}/api/orders/${order.id}`, { headers: auth })
  return order as { id: string }
}

test('Alice adds her consultant from the order page, gets the welcome card in a WeCom chat and opens it', async ({ phones, request, baseURL }) => {
  test.setTimeout(60_000)
  const merchant = merchantUrl(baseURL!)
  const order = await paidOrder(request, merchant, 'alice')

  const page = await phones(['alice'])
  const alice = phone(page, 'alice')
  // the order page, opened from Discover → Mini Programs (the phone follows the launch)
  await request.post('/_sandbox/people/alice/miniprogram/launch', { data: { entry: 'recent', path: `pages/order/order?id=${order.id}` } })
  const top = () => alice.locator('iframe').last().contentFrame()
  await expect(top().getByText('Add your consultant')).toBeVisible({ timeout: 10_000 })
  if (shots) await page.screenshot({ path: `${shots}/wecom-1-order-page.png` })

  // tap the code: the picture preview; ••• → Identify QR Code → the consultant's card → Add
  await top().getByRole('img', { name: 'Consultant contact-me code' }).click()
  await alice.getByRole('button', { name: 'Image options' }).click()
  if (shots) await page.screenshot({ path: `${shots}/wecom-2-identify.png` })
  await alice.getByRole('menuitem', { name: 'Identify QR Code' }).click()
  const card = alice.getByRole('dialog', { name: 'Lily Chen' })
  await expect(card).toContainText('@Lumen Coffee')
  if (shots) await page.screenshot({ path: `${shots}/wecom-3-card.png` })
  await card.getByRole('button', { name: 'Add to Contacts' }).click()
  await expect(alice.getByRole('alert')).toContainText('Lily Chen added')
  await alice.getByRole('button', { name: 'Close mini program' }).click()

  // the consultant's chat: the welcome text and the order's card, the corp tag in the title
  const row = alice.getByRole('button', { name: 'Lily Chen@Lumen Coffee, 2 unread' })
  await expect(row).toBeVisible()
  // the tab's badge counts them (and the paid-order template message once a spec connected the store's Official Account)
  await expect(alice.getByRole('tab', { name: /^Chats [23] unread$/ })).toBeVisible()
  if (shots) await page.screenshot({ path: `${shots}/wecom-4-chats.png` })
  await row.click()
  await expect(alice.getByRole('heading', { name: 'Lily Chen@Lumen Coffee' })).toBeVisible()
  const chat = alice.getByRole('log', { name: 'Lily Chen' })
  await expect(chat).toContainText("I'm your Lumen Coffee consultant")
  const welcomeCard = chat.getByRole('button', { name: /Mini Program: Your order/ })
  await expect(welcomeCard).toBeVisible()
  if (shots) await page.screenshot({ path: `${shots}/wecom-5-chat.png` })

  // Alice answers; the consultant is in her Contacts with the corp tag
  await alice.getByRole('textbox').fill('Thank you!')
  await alice.getByRole('button', { name: 'Send' }).click()
  await expect(chat).toContainText('Thank you!')

  // the card opens the order page (scene 1007, a WeCom contact's card)
  await welcomeCard.click()
  await expect(top().getByText('Add your consultant')).toBeVisible({ timeout: 10_000 })
  const launched = (await (await request.get('/_sandbox/events?type=miniprogram.launched')).json()).events.at(-1)
  expect(launched).toMatchObject({ channel: 'wecom', payload: { scene: 1007, path: 'pages/order/order', query: { id: order.id, src: 'wecom' } } })
  await alice.getByRole('button', { name: 'Close mini program' }).click()
  await alice.getByRole('button', { name: 'Back' }).click()
  await expect(alice.getByRole('button', { name: 'Lily Chen@Lumen Coffee', exact: true })).toBeVisible()
  await alice.getByRole('tab', { name: 'Contacts' }).click()
  await expect(alice.getByRole('button', { name: 'Lily Chen@Lumen Coffee' })).toBeVisible()
  if (shots) await page.screenshot({ path: `${shots}/wecom-6-contacts.png` })
})

test('customer service from the order page: Alice writes, the brand answers with the order status, live', async ({ phones, request, baseURL }) => {
  test.setTimeout(60_000)
  const merchant = merchantUrl(baseURL!)
  const order = await paidOrder(request, merchant, 'alice')

  const page = await phones(['alice'])
  const alice = phone(page, 'alice')
  await request.post('/_sandbox/people/alice/miniprogram/launch', { data: { entry: 'recent', path: `pages/order/order?id=${order.id}` } })
  const top = () => alice.locator('iframe').last().contentFrame()
  await top().getByRole('button', { name: 'Customer service' }).click({ timeout: 10_000 })
  const chat = alice.getByRole('log', { name: 'Lumen Coffee Service' })
  await expect(chat).toContainText('You started a chat with Lumen Coffee Service')
  await alice.getByRole('textbox').fill('Is my order ready?')
  await alice.getByRole('button', { name: 'Send' }).click()
  await expect(chat).toContainText(/Order A\d+ is paid and being prepared/)
  if (shots) await page.screenshot({ path: `${shots}/wecom-7-service.png` })
  // back to the mini program, which stayed open under the chat
  await alice.getByRole('button', { name: 'Back' }).click()
  await expect(top().getByText('Add your consultant')).toBeVisible()
})
