import { chromium, type Browser, type Locator, type Page } from '@playwright/test'
import type { Screen } from './actors/person'

/** Chromium as e2e/ runs it: Debian's build, no sandbox, nothing phoning home. */
const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
}

/**
 * --visual: the phones of the people in the journey, live in Chromium (headed where a display
 * exists), photographed after every step for the HTML report. The phones follow the event stream,
 * so chats, cards, Service Notifications and the wallet update as the journey acts, and a launch
 * opens the mini program. What the actors do through the store's API (checkout, paying, the order,
 * the member centre) is shown by opening the page it corresponds to in the phone's mini program
 * (`wx.redirectTo` in the open page, as a tap would), with WeChat Pay's sheet over it when it is up
 * (`wx.requestPayment` with the order's parameters; the sheet is closed again after the picture
 * without answering WeChat Pay, so it pays or cancels nothing).
 */
export async function openVisual() {
  const browser: Browser = await chromium.launch({ ...LAUNCH, headless: !process.env.DISPLAY })
  let page: Page | null = null
  let base = ''
  let shown = ''
  /** the screen each person's phone shows (its change counter) */
  const onPhone = new Map<string, number>()
  /** the people who acted, in the order they first did */
  const seen: string[] = []
  return {
    /** A fresh page for a journey; `people`: the phones to show from the start (those the journey names) */
    async open(urls: { platformUrl: string }, people: string[] = []) {
      base = urls.platformUrl
      shown = ''
      onPhone.clear()
      seen.length = 0
      await page?.close()
      page = await browser.newPage({ viewport: { width: 1000, height: 960 } })
      // phones open before anyone acts follow every launch (one added later would miss it)
      if (people.length) {
        seen.push(...people.slice(0, 4))
        shown = seen.join(',')
        await page.goto(`${base}/?phones=${shown}`)
      }
    },
    /** A PNG (base64) of the phones of the people who have acted so far (at most four). */
    async screenshot(people: string[], screens: Record<string, Screen | null> = {}): Promise<string> {
      if (!page) return ''
      // phones in the order people first acted; one more is added beside the others (the ones
      // shown keep their mini program open), the first ones open the page
      for (const p of people) if (!seen.includes(p)) seen.push(p)
      const list = (seen.length ? seen : ['alice']).slice(0, 4)
      const phones = list.join(',')
      if (phones !== shown) {
        const before = shown ? shown.split(',') : []
        if (before.length && list.slice(0, before.length).join(',') === shown) {
          for (let i = before.length; i < list.length; i++) {
            await page.getByRole('button', { name: /Add phone/ }).click()
            await page.locator('select').nth(i).selectOption(list[i])
          }
        } else {
          await page.goto(`${base}/?phones=${phones}`)
          onPhone.clear()
        }
        shown = phones
      }
      await page.waitForTimeout(400)
      const sheets: Locator[] = []
      for (const [i, person] of list.entries()) {
        const screen = screens[person]
        if (!screen || onPhone.get(person) === screen.n) continue
        onPhone.set(person, screen.n)
        const sheet = await showScreen(page.getByRole('region', { name: /'s phone$/ }).nth(i), screen).catch(() => null)
        if (sheet) sheets.push(sheet)
      }
      const png = (await page.screenshot()).toString('base64')
      // the sheet was only shown: close it without answering WeChat Pay (the actor already did)
      for (const phone of sheets) await phone.locator('wx-mp-container').evaluate((el: any) => el.pay?.done?.({ outcome: 'cancel', message: '' })).catch(() => undefined)
      return png
    },
    async close() {
      await browser.close()
    },
  }
}

/**
 * Opens the screen's page in the phone's mini program (when one is open there: launches are
 * followed after a moment) and puts WeChat Pay's sheet over it when it is up. Answers the phone
 * when a sheet was opened.
 */
async function showScreen(phone: Locator, screen: Screen): Promise<Locator | null> {
  // the phone follows a launch after a moment (wx-phone's #follow)
  if (screen.launch) await phone.page().waitForTimeout(1500)
  const frame = phone.locator('iframe').last()
  await frame.waitFor({ state: 'attached', timeout: 4000 })
  // a launch the phone is following opens the container with its splash: let it settle first
  await phone.getByRole('status', { name: /^Opening / }).waitFor({ state: 'hidden', timeout: 4000 }).catch(() => undefined)
  if (screen.launch) {
    await phone.locator('iframe').last().contentFrame().getByText('Loading…').waitFor({ state: 'hidden', timeout: 4000 }).catch(() => undefined)
    await phone.page().waitForTimeout(300)
    return null
  }
  const query = new URLSearchParams(screen.query).toString()
  const url = `/${screen.path}${query ? `?${query}` : ''}`
  await phone.locator('iframe').last().contentFrame().locator('body').evaluate((_, to) => void (window as any).wx.redirectTo({ url: to }).catch(() => undefined), url)
  // the new page: loaded, logged in, rendered
  await phone.page().waitForTimeout(300)
  await phone.locator('iframe').last().contentFrame().getByText('Loading…').waitFor({ state: 'hidden', timeout: 4000 }).catch(() => undefined)
  await phone.page().waitForTimeout(300)
  if (!screen.paySheet) return null
  await phone.locator('iframe').last().contentFrame().locator('body').evaluate((_, params) => void (window as any).wx.requestPayment(params).catch(() => undefined), screen.paySheet)
  await phone.getByRole('dialog', { name: /WeChat Pay|微信支付/ }).waitFor({ timeout: 3000 }).catch(() => undefined)
  return phone
}

/** The people a journey names in its parameters (`async ({ alice, bob, brand }) => …`), in that order. */
export function castOf(run: (...args: never[]) => unknown, cast: readonly string[]): string[] {
  const params = /^\s*(?:async\s*)?(?:function\s*)?\(\s*\{([^}]*)\}/.exec(run.toString())?.[1] ?? ''
  return params.split(',').map((p) => p.trim().split(/[\s:=]/)[0]).filter((p) => cast.includes(p))
}
