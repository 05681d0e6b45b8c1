import { test as base, expect, type Page } from '@playwright/test'

/** Each test starts from the seeded world (seed 1) and opens the phones it names. */
export const test = base.extend<{ phones: (ids: string[]) => Promise<Page> }>({
  phones: async ({ page, request }, use) => {
    const reset = await request.post('/_sandbox/reset', { data: { seed: 1 } })
    expect(reset.ok()).toBe(true)
    await use(async (ids) => {
      await page.goto(`/?phones=${ids.join(',')}`)
      for (const id of ids) await expect(phone(page, id)).toBeVisible()
      return page
    })
  },
})

const NAMES: Record<string, string> = {
  alice: 'Alice Wang',
  bob: 'Bob Li',
  carol: 'Carol Zhang',
  dave: 'Dave Chen',
  erin: 'Erin Liu',
  frank: 'Frank Zhao',
  grace: 'Grace Sun',
  henry: 'Henry Wu',
}

/** One phone on the page, found by its accessible name ("Alice Wang's phone"). */
export function phone(page: Page, id: string) {
  return page.getByRole('region', { name: `${NAMES[id] ?? id}'s phone` })
}

export { expect }
