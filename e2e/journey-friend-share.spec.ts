import type { APIRequestContext } from '@playwright/test'
import { expect, merchantUrl, phone, test } from './fixtures'
import { staff } from './staff'

/** The store outlives the platform's reset: what a person's member card held before this test. */
async function pointsOf(request: APIRequestContext, merchant: string, person: string): Promise<number> {
  const { appid } = await (await request.get(`${merchant}/health`)).json()
  const { identities } = await (await request.get(`/_sandbox/people/${person}`)).json()
  const openid = identities.find((i: { appid: string }) => i.appid === appid)?.openid
  const known = openid ? await request.get(`${merchant}/admin/members/${openid}`, staff) : null
  return known?.ok() ? (await known.json()).member.points : 0
}

/** Journey 2 through the phones (scenarios/journeys/friend-share.ts headless). */
test('Alice buys, shares the store’s menu card to Bob, Bob opens it with scene 1007 and buys, Alice gets the referral points', async ({ phones, request, baseURL }) => {
  test.setTimeout(90_000)
  const page = await phones(['alice', 'bob'])
  const merchant = merchantUrl(baseURL!)
  const aliceBefore = await pointsOf(request, merchant, 'alice')
  const code = await request.get(`${merchant}/admin/tables/5/code.png`, staff)
  expect(code.headers()['content-type']).toBe('image/png')

  // Alice scans table 5 and buys a latte
  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Discover' }).click()
  await alice.getByRole('button', { name: 'Scan' }).click()
  await alice.getByLabel('Album').setInputFiles({ name: 'table-5.png', mimeType: 'image/png', buffer: await code.body() })
  const aliceTop = () => alice.locator('iframe').last().contentFrame()
  await expect(aliceTop().getByRole('status')).toHaveText(/Table 5/, { timeout: 15_000 })
  await aliceTop().getByRole('button', { name: 'Latte ¥28.00' }).click()
  await aliceTop().getByRole('button', { name: 'Add to cart' }).click()
  await aliceTop().getByRole('button', { name: 'Checkout' }).click()
  await aliceTop().getByRole('button', { name: 'Pay ¥28.00' }).click()
  const aliceSheet = alice.getByRole('dialog', { name: 'WeChat Pay' })
  await expect(aliceSheet.getByLabel('Amount')).toHaveText('¥28.00')
  for (const d of '123456') await aliceSheet.getByRole('button', { name: d, exact: true }).click()
  await expect(alice.getByRole('dialog', { name: 'Payment Successful' })).toBeVisible()
  await alice.getByRole('button', { name: 'Done' }).click()
  await alice.getByRole('button', { name: 'Allow' }).click()
  await expect(aliceTop().getByLabel('Order status')).toHaveText('Paid · being prepared')

  // back on the menu she sends it to Bob through the capsule menu (the page's share path carries ref=<her member id>).
  // The card is the menu's, not the product's: a product page opened from a card is the only page, its Add to cart
  // calls wx.navigateBack and the phone then closes the mini program (no home button), so Bob could not reach the cart.
  await alice.getByRole('button', { name: 'Back' }).click()
  await expect(aliceTop().getByRole('button', { name: 'Oolong Milk Tea ¥26.00' }).or(aliceTop().getByRole('button', { name: 'Latte ¥28.00' }))).toBeVisible()
  await alice.getByRole('button', { name: 'More' }).click()
  await alice.getByRole('menuitem', { name: 'Send to Chat' }).click()
  await alice.getByRole('button', { name: 'Send to Bob Li' }).click()
  await alice.getByRole('button', { name: 'Send', exact: true }).click()

  // Bob taps the card in Alice's chat: the menu opens with scene 1007, ref = Alice; he picks an oolong milk tea
  const bob = phone(page, 'bob')
  await bob.getByRole('button', { name: /Alice Wang, 1 unread/ }).click()
  await bob.getByRole('button', { name: /Mini Program: Order at Lumen Coffee/ }).click()
  const bobTop = () => bob.locator('iframe').last().contentFrame()
  const launched = await (await request.get('/_sandbox/events?type=miniprogram.launched&actor=bob')).json()
  expect(launched.events.at(-1)).toMatchObject({ channel: 'chat', payload: expect.objectContaining({ scene: 1007, path: 'pages/menu/menu', query: expect.objectContaining({ ref: expect.stringMatching(/^m_/) }) }) })
  await bobTop().getByRole('tab', { name: 'Tea' }).or(bobTop().getByRole('button', { name: 'Tea' })).click()
  await bobTop().getByRole('button', { name: 'Oolong Milk Tea ¥26.00' }).click()
  await bobTop().getByRole('button', { name: 'Add to cart' }).click()
  await expect(bobTop().getByLabel('Cart total')).toContainText('¥26.00')

  // he checks out from the cart and pays
  await bobTop().getByRole('button', { name: 'Checkout' }).click()
  await bobTop().getByRole('button', { name: 'Pay ¥26.00' }).click()
  const bobSheet = bob.getByRole('dialog', { name: 'WeChat Pay' })
  await expect(bobSheet.getByLabel('Amount')).toHaveText('¥26.00')
  for (const d of '123456') await bobSheet.getByRole('button', { name: d, exact: true }).click()
  await expect(bob.getByRole('dialog', { name: 'Payment Successful' })).toBeVisible()
  await bob.getByRole('button', { name: 'Done' }).click()
  await bob.getByRole('button', { name: 'Allow' }).click()
  await expect(bobTop().getByLabel('Order status')).toHaveText('Paid · being prepared')
  await expect(bobTop().getByLabel('Points earned')).toHaveText('+26 points')

  // the store attributes Bob's order to the chat; Alice's member card has 28 + 100 referral points
  const paid = await (await request.get(`${merchant}/admin/orders?status=paid`, staff)).json()
  expect(paid.orders[0]).toMatchObject({ total: 2600, entry: { scene: 1007, channel: 'chat' } })
  const payments = await (await request.get('/_sandbox/events?type=pay.payment.succeeded')).json()
  expect(payments.events.map((e: { actor: string }) => e.actor)).toEqual(['alice', 'bob'])
  expect(await pointsOf(request, merchant, 'alice')).toBe(aliceBefore + 128)
})
