import type { APIRequestContext, Locator } from '@playwright/test'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import config from '../playwright.config'
import { worldArticle } from './articles'
import { expect, merchantUrl, phone, test } from './fixtures'
import { staff } from './staff'

/** The phone's chrome looks like WeChat's: what a trainer's audience would notice is not a desktop page. */

// headless Chromium hides every scrollbar (Playwright passes --hide-scrollbars): show them, as a
// desktop browser on a projector does, so that the page is what hides them
test.use({ launchOptions: { ...config.use?.launchOptions, ignoreDefaultArgs: ['--hide-scrollbars'] } })

/** Every element of a phone (its shadow roots included) that scrolls, with the width its scrollbar takes. */
const scrollers = (region: Locator) =>
  region.evaluate((root) => {
    const found: { name: string; gutter: number }[] = []
    const walk = (node: Element | ShadowRoot) => {
      for (const el of node.querySelectorAll('*')) {
        const style = getComputedStyle(el)
        const scrolls = /auto|scroll/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1
        if (scrolls && el instanceof HTMLElement) {
          const gutter = el.offsetWidth - el.clientWidth - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth)
          found.push({ name: `${(el.getRootNode() as ShadowRoot).host?.localName ?? 'page'} ${el.localName}.${el.className}`, gutter })
        }
        if (el.shadowRoot) walk(el.shadowRoot)
      }
    }
    walk(root)
    return found
  })

test('chats scroll like a phone: no scrollbar gutter, and the wheel still scrolls', async ({ phones, page, request }) => {
  for (let i = 1; i <= 30; i++) expect((await request.post('/_sandbox/people/bob/messages', { data: { to: 'alice', type: 'text', text: `Message number ${i}` } })).ok()).toBe(true)
  await phones(['alice'])
  const alice = phone(page, 'alice')
  await alice.getByRole('button', { name: /Bob Li, 30 unread/ }).click()
  const log = alice.getByRole('log')
  await expect(log).toContainText('Message number 30')
  await expect.poll(async () => (await scrollers(alice)).map((s) => s.name)).toContain('wx-conversation div.messages')
  expect((await scrollers(alice)).filter((s) => s.gutter > 0)).toEqual([])
  // still scrollable: the chat opened at its newest message, the wheel goes back up
  const at = () => log.evaluate((el) => el.scrollTop)
  const bottom = await at()
  expect(bottom).toBeGreaterThan(0)
  await log.hover()
  await page.mouse.wheel(0, -600)
  await expect.poll(at).toBeLessThan(bottom)
})

test('a mini program page has no desktop scrollbar and scrolls by wheel', async ({ phones, page, request }) => {
  await phones(['alice'])
  const alice = phone(page, 'alice')
  await request.post('/_sandbox/people/alice/miniprogram/launch', { data: { entry: 'recent', path: 'pages/menu/menu' } })
  const frame = alice.locator('iframe').last()
  const html = frame.contentFrame().locator('html')
  const metrics = () => html.evaluate((el) => ({ gutter: window.innerWidth - el.clientWidth, overflows: el.scrollHeight > el.clientHeight, y: window.scrollY }))
  await expect.poll(async () => (await metrics()).overflows, { message: 'the menu is longer than the screen' }).toBe(true)
  expect((await metrics()).gutter).toBe(0)
  await frame.hover()
  await page.mouse.wheel(0, 500)
  await expect.poll(async () => (await metrics()).y).toBeGreaterThan(0)
})

test('an Official Account article scrolls without a desktop scrollbar', async ({ phones, page, request, baseURL }) => {
  await phones(['alice'])
  expect((await request.post(`${merchantUrl(baseURL!)}/admin/official-account/connect`, staff)).ok()).toBe(true)
  await worldArticle(request, /Spring/)
  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Contacts' }).click()
  await alice.getByRole('button', { name: 'Official Accounts' }).click()
  await alice.getByRole('button', { name: /Articles \(\d+\)/ }).click()
  await alice.getByRole('button', { name: /Spring/ }).click()
  const html = alice.getByRole('article').locator('iframe').contentFrame().locator('html')
  const metrics = () => html.evaluate((el) => ({ gutter: window.innerWidth - el.clientWidth, overflows: el.scrollHeight > el.clientHeight }))
  await expect.poll(async () => (await metrics()).overflows, { message: 'the article is longer than the screen' }).toBe(true)
  expect((await metrics()).gutter).toBe(0)
})

test('the scanner is black edge to edge, under its own white status bar', async ({ phones, page }) => {
  await phones(['alice'])
  const alice = phone(page, 'alice')
  const statusBar = (await alice.getByLabel('Time').first().boundingBox())!
  await alice.getByRole('tab', { name: 'Discover' }).click()
  await alice.getByRole('button', { name: 'Scan' }).click()
  const scanner = alice.getByRole('dialog', { name: 'Scan' })
  await expect(scanner).toBeVisible()
  await expect(scanner).toHaveCSS('background-color', 'rgb(17, 17, 17)')
  // it starts at the top of the screen: no light strip of the phone's status bar above it
  expect((await scanner.boundingBox())!.y).toBeLessThanOrEqual(statusBar.y)
  await expect(scanner.getByLabel('Time')).toHaveCSS('color', 'rgb(255, 255, 255)')
  await expect(scanner.getByLabel('Time')).toHaveText(/\d\d:\d\d/)
  await scanner.getByRole('button', { name: 'Close scanner' }).click()
  await expect(scanner).toHaveCount(0)
})

test('wx.scanCode’s scanner covers the mini program’s status bar too', async ({ phones, page, request, baseURL }) => {
  // a one-page mini program whose button calls wx.scanCode
  const html = `<!doctype html><script src="${baseURL}/runtime/wx.js"></script><button onclick="wx.scanCode({})">Scan a code</button>`
  const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html))
  await new Promise<void>((done) => server.listen(0, done))
  try {
    await phones(['alice'])
    const { appid } = (await (await request.get('/_sandbox/credentials')).json()).miniProgram
    expect((await request.put(`/_sandbox/miniprogram/apps/${appid}`, { data: { pagesUrl: `http://localhost:${(server.address() as AddressInfo).port}` } })).ok()).toBe(true)
    const alice = phone(page, 'alice')
    const statusBar = (await alice.getByLabel('Time').first().boundingBox())!
    await request.post('/_sandbox/people/alice/miniprogram/launch', { data: { entry: 'recent', path: 'pages/index/index' } })
    await alice.locator('iframe').last().contentFrame().getByRole('button', { name: 'Scan a code' }).click()
    const scanner = alice.getByRole('dialog', { name: 'Scan' })
    await expect(scanner).toBeVisible()
    expect((await scanner.boundingBox())!.y).toBeLessThanOrEqual(statusBar.y)
    await expect(scanner.getByLabel('Time')).toHaveCSS('color', 'rgb(255, 255, 255)')
    await scanner.getByRole('button', { name: 'Close scanner' }).click()
    await expect(scanner).toHaveCount(0)
  } finally {
    server.close()
  }
})

test('only Chats and Contacts have ⊕ in their title bar', async ({ phones, page }) => {
  await phones(['alice'])
  const alice = phone(page, 'alice')
  const add = alice.getByRole('button', { name: 'Add', exact: true })
  await expect(add).toHaveCount(1)
  await alice.getByRole('tab', { name: 'Contacts' }).click()
  await expect(alice.getByRole('heading', { name: 'Contacts' })).toBeVisible()
  await expect(add).toHaveCount(1)
  await alice.getByRole('tab', { name: 'Discover' }).click()
  await expect(alice.getByRole('heading', { name: 'Discover' })).toBeVisible()
  await expect(add).toHaveCount(0)
  await alice.getByRole('tab', { name: 'Me' }).click()
  await expect(alice.getByRole('button', { name: 'Cards & Offers' })).toBeVisible()
  await expect(add).toHaveCount(0)
})

test('an empty Cards & Offers says what will appear there, in plain words', async ({ phones, page }) => {
  await phones(['alice'])
  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Me' }).click()
  await alice.getByRole('button', { name: 'Cards & Offers' }).click()
  await expect(alice.getByText('Cards and coupons you add from mini programs and stores appear here')).toBeVisible()
  await expect(alice.getByText(/wx\.|addCard/)).toHaveCount(0)
})

/** Alice's paid order of one latte, through the store's API (as in wecom-consultant.spec.ts). */
async function paidOrder(request: APIRequestContext, merchant: string, person: string) {
  const { code } = await (await request.post(`/_sandbox/people/${person}/miniprogram/login`, { data: {} })).json()
  const { token } = await (await request.post(`${merchant}/api/login`, { data: { code } })).json()
  const auth = { authorization: `Bearer ${token}` }
  await request.post(`${merchant}/api/cart/items`, { data: { productId: 'latte' }, headers: auth })
  const { order, payment } = await (await request.post(`${merchant}/api/orders`, { data: { entry: { scene: 1001, query: {} } }, headers: auth })).json()
  expect((await request.post(`/_sandbox/pay/people/${person}/pay`, { data: { target: { requestPayment: payment }, password: '123456' } })).ok()).toBe(true)
  await request.get(`${merchant}/api/orders/${order.id}`, { headers: auth })
  return order as { id: string }
}

test('customer service opened over a chat: one message box, the chat below can be neither reached nor read', async ({ phones, page, request, baseURL }) => {
  test.setTimeout(60_000)
  const order = await paidOrder(request, merchantUrl(baseURL!), 'alice')
  await phones(['alice'])
  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Contacts' }).click()
  await alice.getByRole('button', { name: 'Bob Li' }).click()
  const box = alice.getByRole('textbox', { name: 'Message' })
  await expect(box).toHaveCount(1)
  // the store's order page opens over the chat, and its customer service over the store
  await request.post('/_sandbox/people/alice/miniprogram/launch', { data: { entry: 'recent', path: `pages/order/order?id=${order.id}` } })
  await alice.locator('iframe').last().contentFrame().getByRole('button', { name: 'Customer service' }).click({ timeout: 10_000 })
  const chat = alice.getByRole('log', { name: 'Lumen Coffee Service' })
  await expect(chat).toContainText('You started a chat with Lumen Coffee Service')
  await expect(box).toHaveCount(1)
  // nor can the chat's box below be focused (Tab, a script, a stray click)
  const focusable = await alice.evaluate((root) => {
    const inputs: HTMLElement[] = []
    const walk = (node: Element | ShadowRoot) => {
      for (const el of node.querySelectorAll('*')) {
        if (el instanceof HTMLInputElement && el.getAttribute('aria-label') === 'Message') inputs.push(el)
        if (el.shadowRoot) walk(el.shadowRoot)
      }
    }
    walk(root)
    return inputs.filter((el) => {
      el.focus()
      return (el.getRootNode() as ShadowRoot).activeElement === el
    }).length
  })
  expect(focusable).toBe(1)
  await box.fill('Is my order ready?')
  await alice.getByRole('button', { name: 'Send' }).click()
  await expect(chat).toContainText(/Order A\d+ is paid and being prepared/)
  // back in the store, then in the chat with Bob, whose box is there again
  await alice.getByRole('button', { name: 'Back' }).click()
  await alice.getByRole('button', { name: 'Close mini program' }).click()
  await expect(alice.getByRole('log')).toBeVisible()
  await box.fill('Hi Bob')
  await expect(box).toHaveValue('Hi Bob')
})
