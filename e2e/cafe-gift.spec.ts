import { expect, merchantUrl, phone, test } from './fixtures'
import { staff } from './staff'

test('Alice buys a latte gift, sends it to Bob’s chat, Bob claims it and it is in his member centre', async ({ phones, request, baseURL }) => {
  test.setTimeout(60_000)
  const page = await phones(['alice', 'bob'])
  const merchant = merchantUrl(baseURL!)
  const code = await request.get(`${merchant}/admin/campaigns/spring26/code.png`, staff)
  expect(code.headers()['content-type']).toBe('image/png')

  // Alice scans the campaign code and opens the gift flow from the home page
  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Discover' }).click()
  await alice.getByRole('button', { name: 'Scan' }).click()
  await alice.getByLabel('Album').setInputFiles({ name: 'spring26.png', mimeType: 'image/png', buffer: await code.body() })
  const aliceTop = () => alice.locator('iframe').last().contentFrame()
  await aliceTop().getByRole('button', { name: /Send a gift/ }).click()

  await aliceTop().getByRole('button', { name: /A latte for you/ }).click()
  await aliceTop().getByLabel('Gift note').fill('Happy Friday!')
  await aliceTop().getByRole('button', { name: 'Buy gift ¥28.00' }).click()
  const sheet = alice.getByRole('dialog', { name: 'WeChat Pay' })
  await expect(sheet.getByLabel('Amount')).toHaveText('¥28.00')
  for (const d of '123456') await sheet.getByRole('button', { name: d, exact: true }).click()
  await expect(alice.getByRole('dialog', { name: 'Payment Successful' })).toBeVisible()
  await alice.getByRole('button', { name: 'Done' }).click()
  await expect(aliceTop().getByLabel('Gift status')).toHaveText(/Paid · send it to a friend/)

  // the share button sends the card (its path carries the gift's token) to Bob
  await aliceTop().getByRole('button', { name: 'Send to a friend' }).click()
  await alice.getByRole('button', { name: 'Send to Bob Li' }).click()
  await alice.getByRole('button', { name: 'Send', exact: true }).click()

  // Bob opens the card from his chat with Alice (scene 1007) and claims the gift
  const bob = phone(page, 'bob')
  await bob.getByRole('button', { name: /Alice Wang, 1 unread/ }).click()
  await bob.getByRole('button', { name: /Mini Program: A latte for you/ }).click()
  const bobTop = () => bob.locator('iframe').last().contentFrame()
  await expect(bobTop().getByLabel('Gift message')).toHaveText('“Happy Friday!”')
  await bobTop().getByRole('button', { name: 'Claim gift' }).click()
  await expect(bobTop().getByLabel('Gift status')).toHaveText(/In your gifts/)

  await bobTop().getByRole('button', { name: 'Member centre' }).click()
  await expect(bobTop().getByRole('list', { name: 'Gifts' })).toContainText('A latte for you')
  await expect(bobTop().getByRole('list', { name: 'Gifts' })).toContainText('ready to redeem')
})
