import type { APIRequestContext, Page } from '@playwright/test'
import { expect, merchantUrl, phone, test } from './fixtures'

/** Alice's phone, with the store opened at `path` (a launch from search, as a script makes it). */
async function opened(phones: (ids: string[]) => Promise<Page>, request: APIRequestContext, path: string) {
  const page = await phones(['alice'])
  const alice = phone(page, 'alice')
  expect((await request.post('/_sandbox/people/alice/miniprogram/launch', { data: { entry: 'search', path } })).ok()).toBe(true)
  return { page, alice, top: () => alice.locator('iframe').last().contentFrame() }
}

test('a poster for a product the store does not have shows the error page, and Back to home opens the home page', async ({ phones, request }) => {
  const { top } = await opened(phones, request, 'pages/product/product?scene=id%3Doat-latte')
  // a loaded machine may take a while to start the mini program
  await expect(top().getByRole('heading', { name: "This item isn't available" })).toBeVisible({ timeout: 10_000 })
  await expect(top().getByText('Loading…')).toHaveCount(0)
  await top().getByRole('button', { name: 'Back to home' }).click()
  await expect(top().getByRole('heading', { name: 'Lumen Coffee' })).toBeVisible({ timeout: 10_000 })
})

test('a poster whose scene names the product as id= opens that product', async ({ phones, request }) => {
  const { top } = await opened(phones, request, 'pages/product/product?scene=id%3Dlatte')
  await expect(top().getByRole('heading', { name: /Latte/ })).toBeVisible()
  await expect(top().getByRole('button', { name: 'Add to cart' })).toBeVisible()
})

test('an unknown order shows its error page, never an endless Loading…', async ({ phones, request }) => {
  const { top } = await opened(phones, request, 'pages/order/order?id=LUMENNOSUCHORDER')
  await expect(top().getByRole('heading', { name: "This order isn't available" })).toBeVisible()
  await expect(top().getByRole('button', { name: 'Back to home' })).toBeVisible()
  await expect(top().getByText('Loading…')).toHaveCount(0)
})

test('an unknown gift card shows its error page', async ({ phones, request }) => {
  const { top } = await opened(phones, request, 'pages/gift/gift?token=not-a-gift')
  await expect(top().getByRole('heading', { name: "This gift isn't available" })).toBeVisible()
  await expect(top().getByRole('button', { name: 'Back to home' })).toBeVisible()
})

test('when the store cannot be reached the page says so with Try again, which loads it once the store answers', async ({ phones, request, baseURL }) => {
  const page = await phones(['alice'])
  // the store's catalog call fails as a dropped connection does (wx.request: request:fail)
  const brand = `${merchantUrl(baseURL!)}/api/brand`
  await page.route(brand, (route) => route.abort('connectionrefused'))
  const alice = phone(page, 'alice')
  expect((await request.post('/_sandbox/people/alice/miniprogram/launch', { data: { entry: 'search', path: 'pages/menu/menu' } })).ok()).toBe(true)
  const top = () => alice.locator('iframe').last().contentFrame()
  await expect(top().getByRole('heading', { name: "Can't reach the store" })).toBeVisible()
  await page.unroute(brand)
  await top().getByRole('button', { name: 'Try again' }).click()
  await expect(top().getByRole('navigation', { name: 'Categories' })).toBeVisible()
  await expect(top().getByRole('button', { name: /Latte ¥28\.00/ })).toBeVisible()
})
