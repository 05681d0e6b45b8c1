import type { Page } from '@playwright/test'
import { worldArticle } from './articles'
import { expect, merchantUrl, phone, test } from './fixtures'
import { staff } from './staff'

/**
 * A trainer's projector: 1280 × 720 and up. The phones and the presenter share the viewport side by
 * side, every phone whole (status bar to tab bar), and the page never scrolls.
 */
const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]
const CASTS = [
  ['alice', 'bob'],
  ['alice', 'bob', 'carol'],
  ['alice', 'bob', 'carol', 'dave'],
]

/** Everything that must hold for the page to fit: no scroll, each phone and its tab bar inside the viewport. */
async function fits(page: Page, ids: string[]) {
  const problems: string[] = []
  const { innerWidth, innerHeight, scrollWidth, scrollHeight } = await page.evaluate(() => ({
    innerWidth: window.innerWidth,
    innerHeight: window.innerHeight,
    scrollWidth: document.scrollingElement!.scrollWidth,
    scrollHeight: document.scrollingElement!.scrollHeight,
  }))
  if (scrollHeight > innerHeight) problems.push(`page is ${scrollHeight} px tall in ${innerHeight}`)
  if (scrollWidth > innerWidth) problems.push(`page is ${scrollWidth} px wide in ${innerWidth}`)
  const inside = (name: string, b: { x: number; y: number; width: number; height: number } | null) => {
    if (!b) return problems.push(`${name} has no box`)
    if (b.x < 0 || b.y < 0 || b.x + b.width > innerWidth + 0.5 || b.y + b.height > innerHeight + 0.5) problems.push(`${name} at ${JSON.stringify(b)} is outside ${innerWidth}×${innerHeight}`)
  }
  const boxes = []
  for (const id of ids) {
    const box = await phone(page, id).boundingBox()
    inside(`${id}'s phone`, box)
    inside(`${id}'s tab bar`, await phone(page, id).getByRole('tablist').boundingBox())
    boxes.push(box!)
  }
  // side by side: one row, none over another
  for (let i = 1; i < boxes.length; i++) {
    if (boxes[i] && boxes[i - 1] && Math.abs(boxes[i].y - boxes[i - 1].y) > 1) problems.push(`phone ${i + 1} is not beside phone ${i}`)
    if (boxes[i] && boxes[i - 1] && boxes[i].x < boxes[i - 1].x + boxes[i - 1].width) problems.push(`phone ${i + 1} overlaps phone ${i}`)
  }
  const presenter = (await page.locator('wx-presenter').count()) ? await page.locator('wx-presenter').boundingBox() : null
  if (presenter) inside('the presenter', presenter)
  if (presenter && boxes.some((b) => b && b.x + b.width > presenter.x)) problems.push('a phone reaches under the presenter')
  return problems
}

for (const viewport of VIEWPORTS) {
  for (const ids of CASTS) {
    test(`${ids.length} phones and the presenter fit ${viewport.width}×${viewport.height} without scrolling`, async ({ phones, page }) => {
      await page.setViewportSize(viewport)
      await phones(ids)
      await page.getByRole('button', { name: 'Presenter' }).click()
      await expect(page.getByRole('region', { name: 'Event timeline' })).toBeVisible()
      await expect.poll(() => fits(page, ids)).toEqual([])
      // a phone is drawn big enough to read on a projector
      const box = (await phone(page, 'alice').boundingBox())!
      expect(box.height).toBeGreaterThan(viewport.height * (ids.length === 4 ? 0.5 : 0.75))
      if (process.env.PROJECTOR_SHOTS) await page.screenshot({ path: `${process.env.PROJECTOR_SHOTS}/${viewport.width}x${viewport.height}-${ids.length}-phones.png` })
    })
  }
}

test('taps land on a scaled phone at 1280×720', async ({ phones, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await phones(['alice', 'bob', 'carol'])
  await page.getByRole('button', { name: 'Presenter' }).click()
  await expect.poll(() => fits(page, ['alice', 'bob', 'carol'])).toEqual([])
  const bob = phone(page, 'bob')
  const me = bob.getByRole('tab', { name: 'Me' })
  // the phone is drawn smaller than its 390 × 844 points, and a click on the tab still selects it
  expect((await bob.boundingBox())!.height).toBeLessThan(844)
  await me.click()
  await expect(me).toHaveAttribute('aria-selected', 'true')
  await expect(bob.getByRole('button', { name: 'Cards & Offers' })).toBeVisible()
  await bob.getByRole('tab', { name: 'Discover' }).click()
  await expect(bob.getByRole('button', { name: 'Mini Programs' })).toBeVisible()
})

test('taps land inside the frames of a scaled phone at 1280×720: an article’s card opens the mini program', async ({ phones, page, request, baseURL }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await phones(['alice', 'bob', 'carol'])
  expect((await request.post(`${merchantUrl(baseURL!)}/admin/official-account/connect`, staff)).ok()).toBe(true)
  await worldArticle(request, /Spring/)
  await page.getByRole('button', { name: 'Presenter' }).click()
  await expect.poll(() => fits(page, ['alice', 'bob', 'carol'])).toEqual([])
  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Contacts' }).click()
  await alice.getByRole('button', { name: 'Official Accounts' }).click()
  await alice.getByRole('button', { name: /Articles \(\d+\)/ }).click()
  await alice.getByRole('button', { name: /Spring/ }).click()
  // the card sits low in the article: a click misplaced by the scale would miss it
  await alice.getByRole('article').locator('iframe').contentFrame().getByRole('button', { name: 'Mini Program: See the whole menu' }).click()
  await expect(alice.locator('iframe').last().contentFrame().getByRole('button', { name: 'Latte ¥28.00' })).toBeVisible()
})

test('without the presenter the phones grow and stay whole, and adding a phone or resizing the window refits them', async ({ phones, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await phones(['alice', 'bob'])
  await expect.poll(() => fits(page, ['alice', 'bob'])).toEqual([])
  await page.getByRole('button', { name: /Add phone/ }).click()
  await expect(phone(page, 'carol')).toBeVisible()
  await expect.poll(() => fits(page, ['alice', 'bob', 'carol'])).toEqual([])
  // the window changes (a projector plugged in, the window dragged over): the phones follow
  const height = async () => (await phone(page, 'alice').boundingBox())!.height
  const small = await height()
  await page.setViewportSize({ width: 1920, height: 1080 })
  await expect.poll(height).toBeGreaterThan(small * 1.3)
  await expect.poll(() => fits(page, ['alice', 'bob', 'carol'])).toEqual([])
  await page.setViewportSize({ width: 1280, height: 720 })
  await expect.poll(height).toBeLessThan(small + 1)
  await expect.poll(() => fits(page, ['alice', 'bob', 'carol'])).toEqual([])
})
