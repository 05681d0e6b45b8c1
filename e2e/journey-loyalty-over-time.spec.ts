import { expect, phone, test } from './fixtures'
import { staff } from './staff'

/** cli.ts starts the merchant demo on the platform port + 100 */
const merchantUrl = (baseURL: string) => `http://localhost:${Number(new URL(baseURL).port) + 100}`

/**
 * Journey 8 through the phone (scenarios/journeys/loyalty-over-time.ts headless): a coupon claimed in the
 * member centre, the world's clock moved on by days, the store's coupon-expiring job — run by the store's own timer,
 * which follows the platform's clock — reminds her in Service Notifications, and the coupon expires unused.
 */
test('Grace claims a coupon and asks for reminders; days later the reminder arrives and then the coupon expires unused', async ({ phones, request, baseURL }) => {
  test.setTimeout(90_000)
  const page = await phones(['grace'])
  const merchant = merchantUrl(baseURL!)
  expect((await request.post(`${merchant}/admin/publish`, staff)).ok()).toBe(true)
  const code = await request.get(`${merchant}/admin/campaigns/spring26/code.png`, staff)

  const grace = phone(page, 'grace')
  await grace.getByRole('tab', { name: 'Discover' }).click()
  await grace.getByRole('button', { name: 'Scan' }).click()
  await grace.getByLabel('Album').setInputFiles({ name: 'spring26.png', mimeType: 'image/png', buffer: await code.body() })
  const top = () => grace.locator('iframe').last().contentFrame()
  await top().getByRole('button', { name: /member/ }).click()

  // the member centre: claim the coupon (7 days), then "Remind me" → WeChat asks → Allow
  await top().getByRole('button', { name: 'Claim Welcome ¥5 off' }).click()
  const coupon = top().getByRole('listitem').filter({ hasText: 'Welcome ¥5 off' })
  await expect(coupon).toContainText('until 2026-03-09')
  await expect(coupon).toContainText('usable')
  await top().getByRole('button', { name: 'Remind me about points and coupons' }).click()
  await grace.getByRole('button', { name: 'Allow' }).click()
  // the page tells the store what she accepted, then says so
  await expect(grace.getByText('We will let you know')).toBeVisible()

  // four days on (two left): the store's own job timer reads the platform's clock and reminds her, once
  await grace.getByRole('button', { name: 'Close mini program' }).click()
  await grace.getByRole('tab', { name: 'Chats' }).click()
  expect((await request.post('/_sandbox/clock/advance', { data: { by: '4d' } })).ok()).toBe(true)
  await grace.getByRole('button', { name: /Service Notifications, 1 unread/ }).click({ timeout: 10_000 })
  expect(await (await request.post(`${merchant}/admin/jobs/coupon-reminders`, { ...staff, data: {} })).json()).toEqual({ due: 0, sent: 0, noConsent: 0 })
  const reminder = grace.getByRole('article', { name: /Coupon expiring/ })
  await expect(reminder).toContainText('Welcome ¥5 off')
  await expect(reminder).toContainText('2026-03-09')
  await reminder.getByText('Open Mini Program').click()
  await expect(top().getByRole('listitem').filter({ hasText: 'Welcome ¥5 off' })).toContainText('usable')

  // three more days: it expired unused
  expect((await request.post('/_sandbox/clock/advance', { data: { by: '3d' } })).ok()).toBe(true)
  await grace.getByRole('button', { name: 'Close mini program' }).click()
  await grace.getByRole('article', { name: /Coupon expiring/ }).getByText('Open Mini Program').click()
  // never used: "expired", not "used"
  await expect(top().getByRole('listitem').filter({ hasText: 'Welcome ¥5 off' })).toContainText('expired')
})
