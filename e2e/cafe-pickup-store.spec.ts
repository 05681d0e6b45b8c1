import { expect, merchantUrl, phone, test } from './fixtures'
import { staff } from './staff'

test('Erin picks up at the Jing\'an store, pays, then cancels before it is made and gets her money back', async ({ phones, request, baseURL }) => {
  test.setTimeout(60_000)
  const page = await phones(['erin'])
  const merchant = merchantUrl(baseURL!)
  const before = (await (await request.get('/_sandbox/pay/people/erin/wallet')).json()).balance

  const erin = phone(page, 'erin')
  await erin.getByRole('tab', { name: 'Discover' }).click()
  await erin.getByRole('button', { name: 'Mini Programs' }).click()
  await erin.getByRole('button', { name: /Open Lumen/ }).click()
  const top = () => erin.locator('iframe').last().contentFrame()
  await top().getByRole('button', { name: 'Order now' }).click()
  await top().getByRole('button', { name: 'Latte ¥28.00' }).click()
  await top().getByRole('button', { name: 'Add to cart' }).click()
  await top().getByRole('button', { name: 'Checkout' }).click()

  // the kit's two stores with their addresses; the first is chosen until she picks another
  const stores = top().getByRole('radiogroup', { name: 'Pickup store' })
  await expect(stores.getByRole('radio')).toHaveCount(2)
  await expect(stores.getByRole('radio', { name: /Xintiandi/ })).toHaveAttribute('aria-checked', 'true')
  await stores.getByRole('radio', { name: /Jing'an/ }).click()
  await expect(stores.getByRole('radio', { name: /Jing'an/ })).toHaveAttribute('aria-checked', 'true')

  await top().getByRole('button', { name: 'Pay ¥28.00' }).click()
  const sheet = erin.getByRole('dialog', { name: 'WeChat Pay' })
  for (const d of '123456') await sheet.getByRole('button', { name: d, exact: true }).click()
  await erin.getByRole('button', { name: 'Done' }).click()
  await erin.getByRole('button', { name: 'Allow' }).click()
  await expect(top().getByLabel('Order status')).toHaveText('Paid · being prepared')
  await expect(top().getByLabel('Store')).toHaveText(/Pick up at\s+Lumen Coffee · Jing'an/)
  await expect(top().getByText('1601 Nanjing W Rd')).toBeVisible()

  // she changes her mind before it is made: the store refunds it in full
  await top().getByRole('button', { name: 'Cancel order' }).click()
  await erin.getByRole('button', { name: 'OK' }).click()
  await expect(top().getByLabel('Order status')).toHaveText('Cancelled · refund on its way')
  expect((await request.post('/_sandbox/clock/advance', { data: { by: '2m' } })).ok()).toBe(true)
  await expect(top().getByLabel('Order status')).toHaveText('Refunded', { timeout: 10_000 })
  await expect(top().getByLabel('Refund')).toHaveText(/¥28.00 · back where you paid/)
  const { orders } = await (await request.get(`${merchant}/admin/orders?status=refunded`, staff)).json()
  expect(orders.find((o: { store: { id: string } }) => o.store.id === 'sh02')).toMatchObject({ total: 2800, refunds: [{ amount: 2800, status: 'SUCCESS' }] })
  expect((await (await request.get('/_sandbox/pay/people/erin/wallet')).json()).balance).toBe(before)
})
