import type { APIRequestContext, Page } from '@playwright/test'
import { expect, merchantUrl, phone, test } from './fixtures'

const SHOTS = process.env.STORE16_SHOTS

/** A person of the cast acting through the store's API, as their phone's pages would (wx.login, checkout, the pay sheet). */
function shopper(request: APIRequestContext, baseURL: string, person: string) {
  const store = merchantUrl(baseURL)
  let token = ''
  const call = async (method: string, path: string, data?: unknown) => {
    if (!token) {
      const { code } = await (await request.post(`/_sandbox/people/${person}/miniprogram/login`, { data: {} })).json()
      token = (await (await request.post(`${store}/api/login`, { data: { code } })).json()).token
    }
    const res = await request.fetch(`${store}${path}`, { method, data, headers: { authorization: `Bearer ${token}` } })
    expect(res.ok(), `${method} ${path}: ${await res.text()}`).toBe(true)
    return res.json()
  }
  return {
    call,
    /** puts these in the cart, checks out and pays; the order */
    async buys(items: { productId: string; quantity?: number }[], extra: Record<string, unknown> = {}) {
      for (const i of items) await call('POST', '/api/cart/items', i)
      const { order, payment } = await call('POST', '/api/orders', { entry: { scene: 1001, query: {} }, ...extra })
      const paid = await (await request.post(`/_sandbox/pay/people/${person}/pay`, { data: { target: { requestPayment: payment }, password: '123456' } })).json()
      expect(paid.outcome).toBe('success')
      return (await call('GET', `/api/orders/${order.id}`)).order as { id: string; pickupNo: string }
    },
  }
}

/** Counts the store API's answers about one order that a phone's pages asked for. */
function ordersAsked(page: Page, id: string) {
  let n = 0
  page.on('request', (r) => void (r.url().includes(`/api/orders/${id}`) && r.method() === 'GET' && n++))
  return () => n
}

test('the member centre shows the points history from the store’s ledger: earned for an order, a referral, redeemed', async ({ phones, request, baseURL }) => {
  const alice = shopper(request, baseURL!, 'alice')
  const first = await alice.buys([{ productId: 'latte' }, { productId: 'oolong-milk-tea' }])
  const ref = (await alice.call('GET', '/api/me')).member.id
  await shopper(request, baseURL!, 'bob').call('GET', '/api/me')
  const bob = shopper(request, baseURL!, 'bob')
  await bob.buys([{ productId: 'latte' }], { entry: { scene: 1007, query: { ref } } })
  const spent = await alice.buys([{ productId: 'latte' }], { usePoints: 50 })

  const page = await phones(['alice'])
  await page.setViewportSize({ width: 1280, height: 720 })
  expect((await request.post('/_sandbox/people/alice/miniprogram/launch', { data: { entry: 'search', path: 'pages/member/member' } })).ok()).toBe(true)
  const top = phone(page, 'alice').locator('iframe').last().contentFrame()
  const history = top.getByRole('list', { name: 'Earned and spent' })
  const lines = history.getByRole('listitem')
  await expect(lines.nth(0)).toContainText(`Earned for order ${spent.pickupNo}`, { timeout: 15_000 })
  await expect(lines.nth(0)).toContainText('+23')
  await expect(lines.nth(0)).toContainText(/2 Mar 2026, 09:00 · expires 2 Mar 2027/)
  await expect(lines.nth(1)).toContainText(`Used on order ${spent.pickupNo}`)
  await expect(lines.nth(1)).toContainText('−50')
  await expect(lines.nth(2)).toContainText('A friend’s first order from your share')
  await expect(lines.nth(2)).toContainText('+100')
  await expect(lines.nth(3)).toContainText(`Earned for order ${first.pickupNo}`)
  await expect(lines.nth(3)).toContainText('+54')
  await history.scrollIntoViewIfNeeded()
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/member-points-history.png` })
})

test('an order page shares the store’s menu (titled, with what was ordered, the sharer’s ref), never the order', async ({ phones, request, baseURL }) => {
  const order = await shopper(request, baseURL!, 'alice').buys([{ productId: 'oolong-milk-tea' }])
  const page = await phones(['alice', 'bob'])
  await page.setViewportSize({ width: 1280, height: 720 })
  expect((await request.post('/_sandbox/people/alice/miniprogram/launch', { data: { entry: 'search', path: `pages/order/order?id=${order.id}` } })).ok()).toBe(true)
  const alice = phone(page, 'alice')
  await expect(alice.locator('iframe').last().contentFrame().getByLabel('Order status')).toHaveText('Paid · being prepared')
  await alice.getByRole('button', { name: 'More' }).click()
  await alice.getByRole('menuitem', { name: 'Send to Chat' }).click()
  await alice.getByRole('button', { name: 'Send to Bob Li' }).click()
  const preview = alice.getByRole('dialog', { name: 'Send to' }).getByRole('button', { name: 'Mini Program: Order at Lumen Coffee' })
  await expect(preview.locator('img')).toHaveAttribute('src', /\/img\/products\/oolong-milk-tea\.svg$/)
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/order-share-confirm.png` })
  await alice.getByRole('button', { name: 'Send', exact: true }).click()

  const bob = phone(page, 'bob')
  await bob.getByRole('button', { name: /Alice Wang, 1 unread/ }).click()
  await bob.getByRole('button', { name: 'Mini Program: Order at Lumen Coffee' }).click()
  await expect(bob.locator('iframe').last().contentFrame().getByRole('button', { name: 'Latte ¥28.00' })).toBeVisible({ timeout: 15_000 })
  const launched = await (await request.get('/_sandbox/events?type=miniprogram.launched&actor=bob')).json()
  expect(launched.events.at(-1)).toMatchObject({ payload: expect.objectContaining({ scene: 1007, path: 'pages/menu/menu', query: expect.objectContaining({ ref: expect.stringMatching(/^m_/) }) }) })
})

test('someone else’s order says so in words and stops asking; no order page asks while covered or after it is closed', async ({ page, phones, request, baseURL }) => {
  const order = await shopper(request, baseURL!, 'alice').buys([{ productId: 'latte' }])
  await page.clock.install()
  const asked = ordersAsked(page, order.id)
  await phones(['alice', 'bob'])
  await page.setViewportSize({ width: 1280, height: 720 })

  // Bob opens Alice's order (a forwarded link): the page says whose it is not, once
  expect((await request.post('/_sandbox/people/bob/miniprogram/launch', { data: { entry: 'search', path: `pages/order/order?id=${order.id}` } })).ok()).toBe(true)
  const bobTop = phone(page, 'bob').locator('iframe').last().contentFrame()
  await expect(bobTop.getByRole('heading', { name: 'This order is someone else’s' })).toBeVisible({ timeout: 15_000 })
  await expect(bobTop.getByText('It was placed on another WeChat account, so only they can see it.', { exact: false })).toBeVisible()
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/order-not-yours.png` })
  expect(asked()).toBe(1)
  await page.clock.runFor(20_000)
  expect(asked()).toBe(1)

  // Alice's own order page follows its status every 2 s while she looks at it…
  expect((await request.post('/_sandbox/people/alice/miniprogram/launch', { data: { entry: 'search', path: `pages/order/order?id=${order.id}` } })).ok()).toBe(true)
  const alice = phone(page, 'alice')
  const aliceTop = alice.locator('iframe').last().contentFrame()
  await expect(aliceTop.getByLabel('Order status')).toHaveText('Paid · being prepared')
  const shown = asked()
  await page.clock.runFor(4_100)
  await expect.poll(asked).toBeGreaterThanOrEqual(shown + 2)
  // …not while the member centre covers it (it catches up when she is back)…
  await aliceTop.getByRole('button', { name: 'Member centre' }).click()
  await expect(alice.locator('iframe').last().contentFrame().getByRole('heading', { name: 'Points history' })).toBeVisible()
  const covered = asked()
  await page.clock.runFor(20_000)
  expect(asked()).toBe(covered)
  await alice.getByRole('button', { name: 'Back' }).click()
  await expect.poll(asked).toBe(covered + 1)
  // …and never once the mini program is closed
  await alice.getByRole('button', { name: 'Close mini program' }).click()
  const closed = asked()
  await page.clock.runFor(20_000)
  expect(asked()).toBe(closed)
})
