import type { APIRequestContext, Page } from '@playwright/test'
import { eventsLive, expect, merchantUrl, phone, test } from './fixtures'

const SHOTS = process.env.STORE16_SHOTS

/** Pays the open pay sheet with the cast's password. */
async function pay(who: ReturnType<typeof phone>) {
  const sheet = who.getByRole('dialog', { name: 'WeChat Pay' })
  for (const d of '123456') await sheet.getByRole('button', { name: d, exact: true }).click()
  await expect(who.getByRole('dialog', { name: 'Payment Successful' })).toBeVisible()
  await who.getByRole('button', { name: 'Done' }).click()
}

const credits = async (request: APIRequestContext, person: string) => {
  const { appid } = (await (await request.get('/_sandbox/credentials')).json()).miniProgram
  const { templates } = await (await request.get(`/_sandbox/miniprogram/templates?appid=${appid}`)).json()
  const { subscriptions } = await (await request.get(`/_sandbox/people/${person}/miniprogram/subscriptions?appid=${appid}`)).json()
  const slug = (id: string) => templates.find((t: { templateId: string }) => t.templateId === id)?.slug
  return Object.fromEntries((subscriptions as { templateId: string; remaining: number }[]).map((s) => [slug(s.templateId), s.remaining]))
}

test('the subscription prompt names each message with its own switch; only the ones left on are allowed', async ({ phones, request }) => {
  const page = await phones(['alice'])
  await page.setViewportSize({ width: 1280, height: 720 })
  expect((await request.post('/_sandbox/people/alice/miniprogram/launch', { data: { entry: 'search', path: 'pages/product/product?id=latte' } })).ok()).toBe(true)
  const alice = phone(page, 'alice')
  const top = () => alice.locator('iframe').last().contentFrame()
  await top().getByRole('button', { name: 'Add to cart' }).click()
  await top().getByRole('button', { name: 'Checkout' }).click()
  await top().getByRole('button', { name: 'Pay ¥28.00' }).click()
  await pay(alice)

  // after paying: "Order ready for pickup", by its title, on
  const prompt = alice.getByRole('dialog', { name: 'Lumen Coffee Store wants to send you the following messages' })
  await expect(prompt.getByRole('switch')).toHaveCount(1)
  await expect(prompt.getByRole('switch', { name: 'Order ready for pickup' })).toHaveAttribute('aria-checked', 'true')
  if (SHOTS) {
    await alice.locator('wx-subscribe-sheet').evaluate((el) => Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished)))
    await page.screenshot({ path: `${SHOTS}/subscribe-one.png` })
  }
  await prompt.getByRole('button', { name: 'Allow' }).click()
  await expect(top().getByLabel('Order status')).toHaveText('Paid · being prepared')
  expect(await credits(request, 'alice')).toEqual({ 'order-ready': 1 })

  // the member centre asks for two: each named, each its own switch; she turns one off
  await top().getByRole('button', { name: 'Member centre' }).click()
  await top().getByRole('button', { name: 'Remind me about points and coupons' }).click()
  await expect(prompt.getByRole('switch')).toHaveCount(2)
  await expect(prompt.getByRole('switch', { name: 'Points changed' })).toHaveAttribute('aria-checked', 'true')
  await prompt.getByRole('switch', { name: 'Coupon expiring' }).click()
  await expect(prompt.getByRole('switch', { name: 'Coupon expiring' })).toHaveAttribute('aria-checked', 'false')
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/subscribe-two.png` })
  await prompt.getByRole('button', { name: 'Allow' }).click()
  await expect(prompt).toHaveCount(0)
  await expect.poll(() => credits(request, 'alice')).toEqual({ 'order-ready': 1, 'points-changed': 1 })
})

/** The world of a shipping kit (the sportswear brand): the phones open once the store has set itself up in it. */
async function inShippingWorld(page: Page, request: APIRequestContext, baseURL: string) {
  // the switch answers once the new kit's store is up with its pages published
  expect((await request.post('/_sandbox/world', { data: { kit: 'stride', seed: 1 } })).ok()).toBe(true)
  await expect.poll(async () => (await (await request.get(`${merchantUrl(baseURL)}/api/brand`)).json().catch(() => ({}))).name, { timeout: 20_000 }).toBe('Stride Athletics')
  await expect
    .poll(async () => (await request.get(`${merchantUrl(baseURL)}/admin/sandbox-watch`, { headers: { authorization: `Bearer ${process.env.STAFF_TOKEN}` } }).then((r) => r.json())).watching, { timeout: 20_000 })
    .toBe(true)
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto('/?phones=alice')
  await expect(phone(page, 'alice')).toBeVisible()
  await expect(page.getByText('· Stride Athletics')).toBeVisible({ timeout: 20_000 })
  await eventsLive(page)
}

test('checkout offers the WeChat address book (wx.chooseAddress); a bad typed address is told in a plain sentence', async ({ page, phones: _phones, request, baseURL }) => {
  test.setTimeout(90_000)
  await inShippingWorld(page, request, baseURL!)
  const alice = phone(page, 'alice')
  const top = () => alice.locator('iframe').last().contentFrame()
  await expect.poll(async () => (await request.post('/_sandbox/people/alice/miniprogram/launch', { data: { entry: 'search', path: 'pages/product/product?id=breeze-tee' } })).status()).toBe(201)
  await top().getByRole('button', { name: 'Add to cart' }).click({ timeout: 15_000 })
  await top().getByRole('button', { name: 'Checkout' }).click()

  // typed by hand, without a name: the shopper is told what to fix, never the API's words
  await top().getByRole('button', { name: 'Enter an address instead' }).click()
  await top().getByLabel('Phone').fill('13900001234')
  await top().getByLabel('Address').fill('88 Century Avenue, Pudong, Shanghai')
  await top().getByRole('button', { name: /^Pay ¥/ }).click()
  const refused = alice.getByRole('dialog', { name: 'Could not place the order' })
  await expect(refused).toContainText('Please add the name of the person receiving it.')
  await expect(refused).not.toContainText(/Too small|address\.name|expected string/)
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/checkout-plain-error.png` })
  await refused.getByRole('button', { name: 'OK' }).click()

  // the WeChat address book instead: her saved address, picked in WeChat's sheet
  await top().getByRole('button', { name: 'Choose a WeChat address' }).click()
  const book = alice.getByRole('dialog', { name: 'Choose Shipping Address' })
  await expect(book.getByRole('button', { name: /^Alice Wang 139\d{8} Apt 1203/ }).or(book.getByRole('button', { name: /^Alice Wang 139\d{8} 88 Century Avenue/ }))).toBeVisible()
  if (SHOTS) {
    await alice.locator('wx-address-sheet').evaluate((el) => Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished)))
    await page.screenshot({ path: `${SHOTS}/choose-address.png` })
  }
  await book.getByRole('button', { name: /^Alice Wang/ }).click()
  await expect(book).toHaveCount(0)
  const chosen = top().getByRole('button', { name: /^Delivery address: Alice Wang 139\d{8} 88 Century Avenue, Apt 1203, Pudong New Area, Shanghai\. Change$/ })
  await expect(chosen).toBeVisible()
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/checkout-address.png` })
  await top().getByRole('button', { name: /^Pay ¥/ }).click()
  await pay(alice)
  await alice.getByRole('dialog').getByRole('button', { name: 'Allow' }).click()
  await expect(top().getByLabel('Order status')).toHaveText(/^Paid/)
  await expect(top().getByText(/88 Century Avenue, Apt 1203, Pudong New Area, Shanghai/)).toBeVisible()
})
