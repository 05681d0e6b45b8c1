import { expect, merchantUrl, phone, test } from './fixtures'
import { staff } from './staff'

type PayEvent = { actor: string; subject: { out_trade_no: string }; payload: { reason?: string; method?: string } }

/**
 * Journey 5 through the phones (scenarios/journeys/payment-failures.ts headless). After the cancelled sheet the
 * order page says "Awaiting payment" and offers Pay: the store signs the same prepay afresh (pay again), and the
 * wrong password, the short 零钱 and the bank card all happen on that one order.
 */
test('Dave cancels the pay sheet, pays again from the order page: a wrong password, short of 零钱, then his card; the order is paid exactly once', async ({ phones, request, baseURL }) => {
  test.setTimeout(90_000)
  const page = await phones(['dave'])
  const merchant = merchantUrl(baseURL!)
  // the operator leaves ¥10 in Dave's 零钱
  expect((await request.patch('/_sandbox/pay/people/dave/wallet', { data: { balance: 1000 } })).ok()).toBe(true)
  const code = await request.get(`${merchant}/admin/tables/3/code.png`, staff)

  const dave = phone(page, 'dave')
  await dave.getByRole('tab', { name: 'Discover' }).click()
  await dave.getByRole('button', { name: 'Scan' }).click()
  await dave.getByLabel('Album').setInputFiles({ name: 'table-3.png', mimeType: 'image/png', buffer: await code.body() })
  const top = () => dave.locator('iframe').last().contentFrame()
  await expect(top().getByRole('status')).toHaveText(/Table 3/)
  const orderLatte = async () => {
    await top().getByRole('button', { name: 'Latte ¥28.00' }).click()
    await top().getByRole('button', { name: 'Add to cart' }).click()
    await expect(top().getByLabel('Cart total')).toContainText('¥28.00')
    await top().getByRole('button', { name: 'Checkout' }).click()
    await top().getByRole('button', { name: 'Pay ¥28.00' }).click()
  }
  const sheet = dave.getByRole('dialog', { name: 'WeChat Pay' })
  const types = async (password: string) => {
    for (const d of password) await sheet.getByRole('button', { name: d, exact: true }).click()
  }

  // he opens the pay sheet and closes it: the order waits for payment
  await orderLatte()
  await expect(sheet.getByLabel('Amount')).toHaveText('¥28.00')
  await sheet.getByRole('button', { name: 'Close' }).click()
  await expect(sheet).toBeHidden()
  await expect(top().getByLabel('Order status')).toHaveText('Awaiting payment')

  // he pays again from the order page (the same order); a wrong password is refused and he retries
  await expect(top().getByLabel('Store')).toContainText('Table 3')
  await top().getByRole('button', { name: 'Pay ¥28.00' }).click()
  await expect(sheet.getByLabel('Amount')).toHaveText('¥28.00')
  await types('000000')
  await expect(dave.getByRole('alertdialog')).toContainText('Incorrect payment password')
  await dave.getByRole('alertdialog').getByRole('button', { name: 'Retry' }).click()

  // 零钱 holds only ¥10
  await expect(sheet.getByRole('button', { name: 'Payment Method' })).toContainText('Balance')
  await types('123456')
  await expect(dave.getByRole('alertdialog')).toContainText('Insufficient balance')
  await dave.getByRole('alertdialog').getByRole('button', { name: 'OK' }).click()

  // he switches to his bank card and pays
  await sheet.getByRole('button', { name: 'Payment Method' }).click()
  await expect(sheet.getByRole('button', { name: 'Payment Method' })).toContainText('China Merchants Bank')
  await types('123456')
  await expect(dave.getByRole('dialog', { name: 'Payment Successful' })).toBeVisible()
  await dave.getByRole('button', { name: 'Done' }).click()
  await dave.getByRole('button', { name: 'Allow' }).click()
  await expect(top().getByLabel('Order status')).toHaveText('Paid · being prepared')
  await expect(top().getByLabel('Points earned')).toHaveText('+28 points')

  // paid exactly once: one success in the event log, on the order he cancelled first; the failures logged; 零钱 untouched
  const events = async (type: string): Promise<PayEvent[]> => (await (await request.get(`/_sandbox/events?type=${type}&actor=dave`)).json()).events
  const [paid, ...more] = await events('pay.payment.succeeded')
  expect(more).toEqual([])
  expect(paid.payload.method).toBe('card')
  const cancelled = await events('pay.payment.cancelled')
  expect(cancelled).toHaveLength(1)
  expect(cancelled[0].subject.out_trade_no).toBe(paid.subject.out_trade_no)
  expect((await events('pay.payment.failed')).map((e) => [e.subject.out_trade_no, e.payload.reason])).toEqual([
    [paid.subject.out_trade_no, 'wrong_password'],
    [paid.subject.out_trade_no, 'insufficient_balance'],
  ])
  expect((await (await request.get('/_sandbox/pay/people/dave/wallet')).json()).balance).toBe(1000)

  // WeChat Pay notified the store once and the store recorded one paid order
  const { pay } = await (await request.get('/_sandbox/credentials')).json()
  const record = await (await request.get(`/_sandbox/pay/merchants/${pay.mchid}/orders/${paid.subject.out_trade_no}`)).json()
  expect(record.tradeState).toBe('SUCCESS')
  expect(record.notifications).toHaveLength(1)
  const { orders } = await (await request.get(`${merchant}/admin/orders`, staff)).json()
  expect(orders.find((o: { id: string }) => o.id === paid.subject.out_trade_no)).toMatchObject({ status: 'paid', table: '3', pointsAwarded: 28 })
})
