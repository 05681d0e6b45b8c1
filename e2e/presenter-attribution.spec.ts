import { expect, merchantUrl, phone, test } from './fixtures'
import { staff } from './staff'

/** The steps of the drawn chain, top to bottom, as their words read. */
const stepsOf = async (chain: import('@playwright/test').Locator) => (await chain.getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())

test('a payment in the timeline draws its order’s chain: the table code, Alice Wang shared with Bob Li, Bob’s open and his payment; a person likewise', async ({ phones, page, request, baseURL }) => {
  test.setTimeout(90_000)
  await phones(['alice', 'bob'])
  await page.getByRole('button', { name: 'Presenter' }).click()
  const merchant = merchantUrl(baseURL!)
  const code = await request.get(`${merchant}/admin/tables/5/code.png`, staff)

  // Alice scans table 5 and sends the menu to Bob from the capsule menu
  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Discover' }).click()
  await alice.getByRole('button', { name: 'Scan' }).click()
  await alice.getByLabel('Album').setInputFiles({ name: 'table-5.png', mimeType: 'image/png', buffer: await code.body() })
  const aliceTop = () => alice.locator('iframe').last().contentFrame()
  await expect(aliceTop().getByRole('status')).toHaveText(/Table 5/, { timeout: 15_000 })
  await alice.getByRole('button', { name: 'More' }).click()
  await alice.getByRole('menuitem', { name: 'Send to Chat' }).click()
  await alice.getByRole('button', { name: 'Send to Bob Li' }).click()
  await alice.getByRole('button', { name: 'Send', exact: true }).click()

  // Bob opens the card and pays for an oolong milk tea
  const bob = phone(page, 'bob')
  await bob.getByRole('button', { name: /Alice Wang, 1 unread/ }).click()
  await bob.getByRole('button', { name: /Mini Program: Order at Lumen Coffee/ }).click()
  const bobTop = () => bob.locator('iframe').last().contentFrame()
  await bobTop().getByRole('tab', { name: 'Tea' }).or(bobTop().getByRole('button', { name: 'Tea' })).click()
  await bobTop().getByRole('button', { name: 'Oolong Milk Tea ¥26.00' }).click()
  await bobTop().getByRole('button', { name: 'Add to cart' }).click()
  await bobTop().getByRole('button', { name: 'Checkout' }).click()
  await bobTop().getByRole('button', { name: 'Pay ¥26.00' }).click()
  const sheet = bob.getByRole('dialog', { name: 'WeChat Pay' })
  for (const d of '123456') await sheet.getByRole('button', { name: d, exact: true }).click()
  await expect(bob.getByRole('dialog', { name: 'Payment Successful' })).toBeVisible()

  // in the presenter, Bob's payment line draws his order's chain, in order, in China time
  const attribution = page.getByRole('region', { name: 'Attribution' })
  await expect(attribution).toContainText('Click a payment in the timeline')
  const timeline = page.getByRole('region', { name: 'Event timeline' })
  await timeline.getByText('Bob Li paid ¥26.00').click()
  const chain = attribution.getByRole('list', { name: 'Attribution chain' })
  await expect(chain.getByRole('listitem')).toHaveCount(4)
  await expect(attribution).toContainText('Bob Li’s order')
  const steps = await stepsOf(chain)
  expect(steps[0]).toMatch(/^09:00:\d\d Alice Wang scanned a mini program code First touch · QR code · scene 10\d\d$/)
  expect(steps[1]).toMatch(/^09:00:\d\d Alice Wang shared with Bob Li in a chat$/)
  expect(steps[2]).toMatch(/^09:00:\d\d Bob Li opened the mini program from Alice Wang’s card · scene 1007$/)
  expect(steps[3]).toMatch(/^09:00:\d\d Bob Li paid ¥26\.00 Oolong Milk Tea · /)

  // a person: Alice's own chain is her scan alone; Bob's is the same chain as his order
  const picker = attribution.getByRole('combobox', { name: 'Attribution of a person' })
  await picker.selectOption({ label: 'Alice Wang' })
  await expect(chain.getByRole('listitem')).toHaveCount(1)
  await expect(chain).toContainText('Alice Wang scanned a mini program code')
  await picker.selectOption({ label: 'Bob Li' })
  await expect(chain.getByRole('listitem')).toHaveCount(4)
  expect((await stepsOf(chain)).map((s) => s.slice(9))).toEqual(steps.map((s) => s.slice(9)))
  await page.getByRole('button', { name: 'Clear the attribution' }).click()
  await expect(attribution).toContainText('Click a payment in the timeline')
})
