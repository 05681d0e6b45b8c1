import { expect, merchantUrl, phone, test } from './fixtures'
import { staff } from './staff'

test('Alice scans table 12, orders two drinks with options, pays, is told it is ready and collects points', async ({ phones, request, baseURL }) => {
  test.setTimeout(60_000)
  const page = await phones(['alice'])
  const merchant = merchantUrl(baseURL!)
  // the store outlives the platform reset: another spec may have given Alice points already
  const { appid } = await (await request.get(`${merchant}/health`)).json()
  const person = await (await request.get('/_sandbox/people/alice')).json()
  const openid = person.identities.find((i: { appid: string }) => i.appid === appid)?.openid
  const known = openid ? await request.get(`${merchant}/admin/members/${openid}`, staff) : null
  const before: number = known?.ok() ? (await known.json()).member.points : 0
  const code = await request.get(`${merchant}/admin/tables/12/code.png`, staff)
  expect(code.headers()['content-type']).toBe('image/png')

  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Discover' }).click()
  await alice.getByRole('button', { name: 'Scan' }).click()
  await alice.getByLabel('Album').setInputFiles({ name: 'table-12.png', mimeType: 'image/png', buffer: await code.body() })

  const top = () => alice.locator('iframe').last().contentFrame()
  await expect(top().getByRole('status')).toHaveText(/Table 12/)

  // a grande iced latte, half sugar
  await top().getByRole('button', { name: 'Latte ¥28.00' }).click()
  await top().getByRole('group', { name: 'Size' }).getByRole('button', { name: /Grande/ }).click()
  await top().getByRole('group', { name: 'Temperature' }).getByRole('button', { name: 'Iced' }).click()
  await top().getByRole('group', { name: 'Sugar' }).getByRole('button', { name: 'Half sugar' }).click()
  await expect(top().getByLabel('Price')).toHaveText('¥31.00')
  await top().getByRole('button', { name: 'Add to cart' }).click()

  // an oolong milk tea, no sugar
  await top().getByRole('tab', { name: 'Tea' }).or(top().getByRole('button', { name: 'Tea' })).click()
  await top().getByRole('button', { name: 'Oolong Milk Tea ¥26.00' }).click()
  await top().getByRole('group', { name: 'Sugar' }).getByRole('button', { name: 'No sugar' }).click()
  await top().getByRole('button', { name: 'Add to cart' }).click()

  await expect(top().getByLabel('Cart total')).toContainText('¥57.00')
  await top().getByRole('button', { name: 'Checkout' }).click()
  await expect(top().getByRole('list', { name: 'Cart' })).toContainText('Grande · Iced · Half sugar')
  await top().getByRole('button', { name: 'Pay ¥57.00' }).click()

  const sheet = alice.getByRole('dialog', { name: 'WeChat Pay' })
  await expect(sheet.getByLabel('Amount')).toHaveText('¥57.00')
  for (const d of '123456') await sheet.getByRole('button', { name: d, exact: true }).click()
  await expect(alice.getByRole('dialog', { name: 'Payment Successful' })).toBeVisible()
  await alice.getByRole('button', { name: 'Done' }).click()

  // the store asks for one "order ready" message
  await alice.getByRole('button', { name: 'Allow' }).click()
  await expect(top().getByLabel('Order status')).toHaveText('Paid · being prepared')
  await expect(top().getByLabel('Points earned')).toHaveText('+57 points')

  // the barista marks it ready
  const paid = await (await request.get(`${merchant}/admin/orders?status=paid`, staff)).json()
  expect(paid.orders[0]).toMatchObject({ table: '12', entry: { scene: 1049, channel: 'qr' } })
  const ready = await (await request.post(`${merchant}/admin/orders/${paid.orders[0].id}/ready`, staff)).json()
  expect(ready.message).toEqual({ sent: true })
  await expect(top().getByLabel('Order status')).toHaveText('Ready for pickup')

  // the message waits in Service Notifications, and opens the order; the points are on the card
  await alice.getByRole('button', { name: 'Close mini program' }).click()
  await alice.getByRole('tab', { name: 'Chats' }).click()
  await alice.getByRole('button', { name: /Service Notifications, 1 unread/ }).click()
  const message = alice.getByRole('article', { name: /Order ready/ })
  await expect(message).toContainText(paid.orders[0].pickupNo)
  await message.getByText('Open Mini Program').click()
  await expect(top().getByLabel('Order status')).toHaveText('Ready for pickup')
  await top().getByRole('button', { name: 'Member centre' }).click()
  await expect(top().getByLabel('Points')).toHaveText(String(before + 57))
})
