import { chromium, type Browser, type Locator, type Page } from '@playwright/test'
import type { Screen } from './actors/person'
import type { SandboxEvent } from './actors/types'

/** A screen of the phone itself (not the mini program) that a step's picture shows, as wx-phone's stack names them. */
export type PhoneView = { kind: 'conversation'; id: string } | { kind: 'wecom'; conversation: string } | { kind: 'service-notifications' } | { kind: 'wallet' }

/** What a step's picture shows beyond the page each person is on, read from the step's events. */
export interface StepView {
  /** per person: the phone's own screen shown over the mini program (what arrived for them) */
  phone: Record<string, PhoneView>
  /** per person: the subscription prompt they answered (template id → accept | reject) */
  consent: Record<string, Record<string, string>>
  /** per person: the pay sheet's error (the payment they tried failed) */
  payError: Record<string, { reason: 'wrong_password' | 'insufficient_balance'; event: SandboxEvent }>
  /** nobody did anything a phone shows (the operator's funnel, checks): the presenter's view */
  presenter: boolean
}

/** Events a person's own action writes (after them, what arrived earlier is no longer on screen). */
const OWN = /^(miniprogram\.launched|pay\.payment\.|pay\.order\.created|chat\.card\.shared|qr\.scanned|channels\.|oa\.article\.read|oa\.followed|wecom\.contact\.added)/

/**
 * From a step's events, what its picture should show: a chat card, a consultant's welcome, a
 * subscription message or a refund that reached someone (and was the last thing that happened to
 * them), the consent prompt they answered, the pay sheet's error; and the presenter's funnel when no
 * phone has anything new to show.
 */
export function stepView(events: SandboxEvent[], cast: readonly string[], screensChanged: boolean): StepView {
  const view: StepView = { phone: {}, consent: {}, payError: {}, presenter: false }
  const arrived = (person: string, v: PhoneView) => cast.includes(person) && (view.phone[person] = v)
  for (const e of events) {
    const to = (e.payload.recipients as string[] | undefined) ?? []
    if (cast.includes(e.actor) && OWN.test(e.type)) {
      delete view.phone[e.actor]
      if (e.type === 'pay.payment.succeeded') delete view.payError[e.actor]
    }
    if (e.type === 'chat.card.shared') for (const p of to) if (p !== e.actor) arrived(p, { kind: 'conversation', id: e.subject.conversation! })
    if (e.type === 'wecom.message.delivered') for (const p of to) arrived(p, { kind: 'wecom', conversation: String(e.payload.conversation) })
    if (e.type === 'miniprogram.subscribe-message.sent' && e.subject.person) arrived(e.subject.person, { kind: 'service-notifications' })
    if (e.type.startsWith('pay.refund.') && e.subject.person) arrived(e.subject.person, { kind: 'wallet' })
    if (e.type === 'miniprogram.subscribe.answered' && cast.includes(e.actor)) view.consent[e.actor] = e.payload.answers as Record<string, string>
    if (e.type === 'pay.payment.failed' && cast.includes(e.actor)) view.payError[e.actor] = { reason: e.payload.reason as 'wrong_password' | 'insufficient_balance', event: e }
  }
  const acted = events.some((e) => cast.includes(e.actor) && OWN.test(e.type))
  const shown = Object.keys(view.phone).length + Object.keys(view.consent).length + Object.keys(view.payError).length
  view.presenter = !screensChanged && !acted && shown === 0
  return view
}

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
 * without answering WeChat Pay, so it pays or cancels nothing). What the step's events say reached a
 * phone is shown over it for the picture only (`stepView`): a chat card, the consultant's welcome,
 * Service Notifications, the wallet after a refund, the consent prompt as answered, the pay sheet's
 * error; a step where no phone changes (checks, the operator's funnel) shows the presenter's view.
 */
export async function openVisual(opts: { staged?: (page: Page) => Promise<void> } = {}) {
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
    async screenshot(people: string[], screens: Record<string, Screen | null> = {}, events: SandboxEvent[] = []): Promise<string> {
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
      let changed = false
      for (const [i, person] of list.entries()) {
        const screen = screens[person]
        if (!screen || onPhone.get(person) === screen.n) continue
        onPhone.set(person, screen.n)
        changed = true
        const sheet = await showScreen(page.getByRole('region', { name: /'s phone$/ }).nth(i), screen).catch(() => null)
        if (sheet) sheets.push(sheet)
      }
      // what the step's events say reached the phones, shown over their pages for the picture only
      const view = stepView(events, list, changed)
      const undo: (() => Promise<unknown>)[] = []
      // a picture that cannot be staged is left as it is (VISUAL_DEBUG says why)
      const skip = (what: string) => (err: Error) => {
        if (process.env.VISUAL_DEBUG) console.error(`visual: no ${what}: ${err.message}`)
        return async () => undefined
      }
      for (const [i, person] of list.entries()) {
        const phone = page.getByRole('region', { name: /'s phone$/ }).nth(i)
        const error = view.payError[person]
        if (error) undo.push(await showPayError(phone, base, error.reason, error.event).catch(skip('pay sheet error')))
        const consent = view.consent[person]
        if (consent) undo.push(await showConsent(phone, base, consent).catch(skip('consent prompt')))
        const arrived = view.phone[person]
        if (arrived) undo.push(await showOnPhone(phone, arrived).catch(skip(arrived.kind)))
      }
      if (view.presenter) undo.push(await showPresenter(page).catch(skip('presenter')))
      // (tests look at the page as it is photographed)
      await opts.staged?.(page)
      const png = (await page.screenshot()).toString('base64')
      for (const u of undo.reverse()) await u().catch(() => undefined)
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

/** wx-phone, the element around a phone's region (its state opens the phone's own screens). */
const phoneElement = (phone: Locator) => phone.evaluateHandle((el) => (el.getRootNode() as ShadowRoot).host)

/**
 * Shows one of the phone's own screens (a chat, the consultant's WeCom chat, Service Notifications,
 * the wallet) over whatever is open, as the person would see it had they looked; answers the undo.
 */
async function showOnPhone(phone: Locator, v: PhoneView) {
  const host = await phoneElement(phone)
  await host.evaluate(async (el: any, view) => {
    el.__visualStack = el.stack
    el.stack = [...el.stack, view]
    // the mini program and Channels stay open under it (the next step goes on there)
    for (const layer of el.shadowRoot.querySelectorAll('wx-mp-container, wx-channels')) layer.style.visibility = 'hidden'
    await el.updateComplete
  }, v)
  // the screen loads its messages, notifications or bills
  await phone.page().waitForTimeout(700)
  return () =>
    host.evaluate(async (el: any) => {
      el.stack = el.__visualStack ?? []
      for (const layer of el.shadowRoot.querySelectorAll('wx-mp-container, wx-channels')) layer.style.visibility = ''
      await el.updateComplete
    })
}

/** WeChat's subscription prompt over the page, each message switched as the person answered (never sent: the actor already answered). */
async function showConsent(phone: Locator, base: string, answers: Record<string, string>) {
  const container = phone.locator('wx-mp-container')
  const { templates } = (await (await fetch(`${base}/_sandbox/miniprogram/templates`)).json()) as { templates: { templateId: string; title: string; titleEn: string }[] }
  const lang = await container.evaluate((el: any) => el.lang as string)
  const items = Object.keys(answers).map((id) => {
    const t = templates.find((t) => t.templateId === id)
    return { tmplId: id, title: (lang === 'zh' ? t?.title : t?.titleEn) ?? id }
  })
  const off = Object.entries(answers).filter(([, a]) => a !== 'accept').map(([id]) => id)
  await container.evaluate(
    async (el: any, { items, off }) => {
      // never answered: the sheet is taken away again after the picture
      el.subscribing = { items, done: Function.prototype }
      await el.updateComplete
      const sheet = el.shadowRoot.querySelector('wx-subscribe-sheet')
      if (sheet) {
        sheet.off = new Set(off)
        await sheet.updateComplete
        // the sheet slides up: the picture is of it in place
        await Promise.all(sheet.shadowRoot.getAnimations().map((a: Animation) => a.finished))
      }
    },
    { items, off },
  )
  return () => container.evaluate((el: any) => void (el.subscribing = null))
}

/** The pay sheet's own alert for a failed payment (wrong password, not enough balance), over the sheet that is up. */
async function showPayError(phone: Locator, base: string, reason: 'wrong_password' | 'insufficient_balance', failed: SandboxEvent) {
  const container = phone.locator('wx-mp-container')
  const sheet = container.locator('wx-pay-sheet')
  // the sheet the person typed into, up again for the picture: the order's amount and the merchant's name, never submitted
  const opened = (await sheet.count()) === 0
  if (opened) {
    const [{ events }, credentials] = await Promise.all([fetch(`${base}/_sandbox/events?type=pay.order.created`).then((r) => r.json()), fetch(`${base}/_sandbox/credentials`).then((r) => r.json())])
    const order = (events as SandboxEvent[]).findLast((e) => e.subject.out_trade_no === failed.subject.out_trade_no)
    if (!order) throw new Error(`no prepay for ${failed.subject.out_trade_no}`)
    const summary = { merchantName: credentials.pay.merchantName, description: order.payload.description, total: order.payload.total }
    await container.evaluate(async (el: any, summary) => {
      el.pay = { summary, submit: Function.prototype, done: Function.prototype }
      await el.updateComplete
    }, summary)
  }
  await sheet.waitFor({ state: 'attached', timeout: 3000 })
  const zh = (await container.evaluate((el: any) => el.lang)) === 'zh'
  const text = reason === 'wrong_password' ? (zh ? ['支付密码错误，请重试', '重试'] : ['Incorrect payment password. Try again.', 'Retry']) : zh ? ['零钱余额不足，请选择其他付款方式', '确定'] : ['Insufficient balance. Choose another payment method.', 'OK']
  await sheet.evaluate(async (el: any, [t, b]) => {
    el.alert = { text: t, button: b }
    await el.updateComplete
    await Promise.all(el.shadowRoot.getAnimations().map((a: Animation) => a.finished))
  }, text)
  return async () => {
    await sheet.evaluate((el: any) => void (el.alert = null))
    if (opened) await container.evaluate((el: any) => void (el.pay = null))
  }
}

/** The presenter's view beside the phones (the timeline and the funnel): what a step of checks or the operator's numbers is about. */
async function showPresenter(page: Page) {
  const toggle = page.getByRole('button', { name: /^(Presenter|演示者|讲解)/ }).first()
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click()
  await page.getByRole('region', { name: 'Funnel' }).or(page.locator('section[aria-label="Funnel"]')).first().waitFor({ timeout: 4000 }).catch(() => undefined)
  await page.waitForTimeout(500)
  return async () => {
    if ((await toggle.getAttribute('aria-pressed')) === 'true') await toggle.click()
  }
}

/** The people a journey names in its parameters (in journey.ts, which needs no browser: the classroom uses it too). */
export { castOf } from './journey'
