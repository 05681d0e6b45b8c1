import { test as base, expect, type Page } from '@playwright/test'

/**
 * Each test starts from the seeded world (seed 1) and opens the phones it names. The demo store
 * sees the reset and sets itself up again (pages, WeCom, Channels, and the Official Account once a
 * spec connected it): the fixture waits until it has. Specs of the platform's own sample mini program
 * point it back at the sample pages with `test.use({ samplePages: true })`.
 */
export const test = base.extend<{ phones: (ids: string[]) => Promise<Page>; samplePages: boolean }>({
  /** `test.use({ samplePages: true })`: the mini program shows the platform's bundled sample pages, not the store's */
  samplePages: [false, { option: true }],
  phones: async ({ page, request, baseURL, samplePages }, use) => {
    const watch = async () => {
      const res = await request.get(`${merchantUrl(baseURL!)}/admin/sandbox-watch`, { headers: { authorization: `Bearer ${process.env.STAFF_TOKEN}` } })
      expect(res.ok(), 'the store answers its staff (STAFF_TOKEN)').toBe(true)
      return (await res.json()) as { watching: boolean; replays: number; busy: boolean }
    }
    // the store listens to the sandbox from its start; on a loaded machine the first spec may come first
    await expect.poll(async () => (await watch()).watching, { timeout: 20_000, message: 'the store watches the sandbox' }).toBe(true)
    // a spec that switched worlds (another kit) and stopped half-way leaves the next one in the café's
    const world = await (await request.get('/_sandbox/world')).json()
    if (world.kit && world.kit.id !== 'lumen') {
      expect((await request.post('/_sandbox/world', { data: { kit: 'lumen', seed: 1 } })).ok()).toBe(true)
      await expect.poll(async () => (await watch()).watching, { timeout: 20_000, message: 'the café store watches the sandbox' }).toBe(true)
    }
    const before = await watch()
    const reset = await request.post('/_sandbox/reset', { data: { seed: 1 } })
    expect(reset.ok()).toBe(true)
    const settled = async () => {
      const now = await watch()
      return now.replays > before.replays && !now.busy
    }
    await expect.poll(settled, { timeout: 15_000, message: 'the store sets itself up again after the reset' }).toBe(true)
    if (samplePages) {
      const { appid } = (await (await request.get('/_sandbox/credentials')).json()).miniProgram
      expect((await request.put(`/_sandbox/miniprogram/apps/${appid}`, { data: { pagesUrl: new URL('/sample-mp', baseURL).href } })).ok()).toBe(true)
    }
    await use(async (ids) => {
      await page.goto(`/?phones=${ids.join(',')}`)
      for (const id of ids) await expect(phone(page, id)).toBeVisible()
      await eventsLive(page)
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

/** Until the page's event stream is subscribed: a launch or a message made elsewhere before that would not reach its phones. */
export const eventsLive = (page: Page) => expect(page.locator('html')).toHaveAttribute('data-events', 'live', { timeout: 15_000 })

/** The demo store's URL: cli.ts starts it on the platform's port + 100. */
export const merchantUrl = (baseURL: string) => `http://localhost:${Number(new URL(baseURL).port) + 100}`

/** One phone on the page, found by its accessible name ("Alice Wang's phone"). */
export function phone(page: Page, id: string) {
  return page.getByRole('region', { name: `${NAMES[id] ?? id}'s phone` })
}

export { expect }
