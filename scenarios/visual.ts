import { chromium, type Browser, type Page } from '@playwright/test'

/** Chromium as e2e/ runs it: Debian's build, no sandbox, nothing phoning home. */
const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
}

/**
 * --visual: the phones of the people in the journey, live in Chromium (headed where a display
 * exists), photographed after every step for the HTML report. The phones follow the event stream,
 * so chats, cards, Service Notifications and the wallet update as the journey acts.
 */
export async function openVisual() {
  const browser: Browser = await chromium.launch({ ...LAUNCH, headless: !process.env.DISPLAY })
  let page: Page | null = null
  let base = ''
  let shown = ''
  return {
    async open(urls: { platformUrl: string }) {
      base = urls.platformUrl
      shown = ''
      await page?.close()
      page = await browser.newPage({ viewport: { width: 1000, height: 960 } })
    },
    /** A PNG (base64) of the phones of the people who have acted so far (at most four). */
    async screenshot(people: string[]): Promise<string> {
      if (!page) return ''
      const phones = (people.length ? people : ['alice']).slice(0, 4).join(',')
      if (phones !== shown) {
        await page.goto(`${base}/?phones=${phones}`)
        shown = phones
      }
      await page.waitForTimeout(400)
      return (await page.screenshot()).toString('base64')
    },
    async close() {
      await browser.close()
    },
  }
}
