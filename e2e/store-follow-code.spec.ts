import { expect, merchantUrl, phone, test } from './fixtures'
import { staff } from './staff'

/** scenarios/journeys/store-follow-code.ts through the phone. */
test('Frank scans the Jing’an store’s follow code, follows, taps the welcome card and buys: the order is attributed to the store', async ({ phones, request, baseURL }) => {
  test.setTimeout(90_000)
  const page = await phones(['frank'])
  const merchant = merchantUrl(baseURL!)
  expect((await request.post(`${merchant}/admin/official-account/connect`, staff)).ok()).toBe(true)
  const code = await request.get(`${merchant}/admin/stores/sh02/follow-code.png`, staff)
  expect(code.ok()).toBe(true)

  // Discover → Scan → Album: the code follows the account with qrscene_store=sh02
  const frank = phone(page, 'frank')
  await frank.getByRole('tab', { name: 'Discover' }).click()
  await frank.getByRole('button', { name: 'Scan' }).click()
  await frank.getByLabel('Album').setInputFiles({ name: 'follow-sh02.png', mimeType: code.headers()['content-type'] ?? 'image/png', buffer: await code.body() })
  const chat = frank.getByRole('log', { name: 'Lumen Coffee' })
  await expect(chat).toContainText("You found us at Lumen Coffee · Jing'an")
  const [followed] = (await (await request.get('/_sandbox/events?type=oa.followed&actor=frank')).json()).events
  expect(followed).toMatchObject({ channel: 'qr', payload: { subscribeScene: 'ADD_SCENE_QR_CODE', scene: 'store=sh02' } })

  // the member card the account sends: the member centre, then his first order
  await chat.getByRole('button', { name: 'Mini Program: Lumen Coffee member card' }).click()
  const top = () => frank.locator('iframe').last().contentFrame()
  await top().getByRole('button', { name: 'Order now' }).click()
  await top().getByRole('button', { name: 'Americano ¥22.00' }).click()
  await top().getByRole('button', { name: 'Add to cart' }).click()
  await top().getByRole('button', { name: 'Checkout' }).click()
  await top().getByRole('button', { name: 'Pay ¥22.00' }).click()
  const sheet = frank.getByRole('dialog', { name: 'WeChat Pay' })
  for (const d of '123456') await sheet.getByRole('button', { name: d, exact: true }).click()
  await expect(frank.getByRole('dialog', { name: 'Payment Successful' })).toBeVisible()
  await frank.getByRole('button', { name: 'Done' }).click()
  await frank.getByRole('button', { name: 'Allow' }).click()
  await expect(top().getByLabel('Order status')).toHaveText('Paid · being prepared')

  const paid = (await (await request.get(`${merchant}/admin/orders?status=paid`, staff)).json()).orders
  const order = paid.find((o: { attribution: { people: string[] } | null }) => o.attribution?.people.includes('frank'))
  expect(order).toMatchObject({ entry: { scene: 1074, channel: 'official-account' }, attribution: { followStoreId: 'sh02', firstTouchChannel: 'qr' } })
  expect(order.attribution.shareChain).toEqual([
    expect.objectContaining({ person: 'frank', via: 'qr', action: 'discovered', entry: 'oa-follow-code', qrScene: 'store=sh02' }),
    expect.objectContaining({ person: 'frank', action: 'opened', entry: 'oa-message', scene: 1074 }),
  ])
})
