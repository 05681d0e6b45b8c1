import { expect, phone, test } from './fixtures'

const SHOTS = process.env.STORE16_SHOTS

test('a shared product card shows the product’s own picture, and its title fits the card', async ({ phones, request }) => {
  const page = await phones(['alice', 'bob'])
  await page.setViewportSize({ width: 1280, height: 720 })
  expect((await request.post('/_sandbox/people/alice/miniprogram/launch', { data: { entry: 'search', path: 'pages/product/product?id=latte' } })).ok()).toBe(true)
  const alice = phone(page, 'alice')
  const store = alice.locator('iframe').last().contentFrame()
  await expect(store.getByRole('button', { name: 'Add to cart' })).toBeVisible({ timeout: 15_000 })
  await alice.getByRole('button', { name: 'More' }).click()
  await alice.getByRole('menuitem', { name: 'Send to Chat' }).click()
  await alice.getByRole('button', { name: 'Send to Bob Li' }).click()
  const confirm = alice.getByRole('dialog', { name: 'Send to' })
  const preview = confirm.getByRole('button', { name: 'Mini Program: Latte at Lumen Coffee' })
  await expect(preview.locator('img')).toHaveAttribute('src', /\/img\/products\/latte\.svg$/)
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/share-confirm.png` })
  await alice.getByRole('button', { name: 'Send', exact: true }).click()

  const bob = phone(page, 'bob')
  await bob.getByRole('button', { name: /Alice Wang, 1 unread/ }).click()
  const card = bob.getByRole('button', { name: 'Mini Program: Latte at Lumen Coffee' })
  const cover = card.locator('img')
  await expect(cover).toHaveAttribute('src', /\/img\/products\/latte\.svg$/)
  await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0)
  // the card keeps to the chat, on both sides: its text inside it and it inside the screen
  // measured again until the boxes hold (the phone is scaled to the window and may still be refitting)
  const fits = (who: ReturnType<typeof phone>, name: string) => expect(() => measure(who, name)).toPass()
  const measure = async (who: ReturnType<typeof phone>, name: string) => {
    const c = who.getByRole('button', { name })
    const row = who.locator('wx-chat-bubble').filter({ has: who.page().locator('wx-mini-card') })
    const [screen, box, title, bubble] = await Promise.all([who.locator('wx-conversation').boundingBox(), c.boundingBox(), c.getByText(/Latte at Lumen Coffee/).boundingBox(), row.boundingBox()])
    // inside the message row's 12 px margins (a card wider than its column ran off the left edge of a sent message)
    expect(box!.x).toBeGreaterThanOrEqual(Math.max(screen!.x, bubble!.x + 12) - 0.5)
    expect(box!.x + box!.width).toBeLessThanOrEqual(Math.min(screen!.x + screen!.width, bubble!.x + bubble!.width - 12) + 0.5)
    expect(title!.x).toBeGreaterThanOrEqual(box!.x)
    expect(title!.x + title!.width).toBeLessThanOrEqual(box!.x + box!.width)
    // the picture at WeChat's 5 : 4
    const img = (await c.locator('img').boundingBox())!
    expect(img.width / img.height).toBeCloseTo(1.25, 1)
  }
  await fits(bob, 'Mini Program: Latte at Lumen Coffee')
  await alice.getByRole('button', { name: 'Close mini program' }).click()
  await alice.getByRole('button', { name: /Bob Li/ }).click()
  await expect(alice.getByRole('button', { name: 'Mini Program: Latte at Lumen Coffee' }).locator('img')).toHaveAttribute('src', /latte\.svg$/)
  await fits(alice, 'Mini Program: Latte at Lumen Coffee')
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/share-card-chat.png` })
})

test('a card sent without a picture shows the app’s name inside its cover, wrapped, not running off its edges', async ({ phones, request }) => {
  const { appid } = (await (await request.get('/_sandbox/credentials')).json()).miniProgram
  const card = { appid, title: 'Order at Lumen Coffee', path: 'pages/menu/menu' }
  expect((await request.post('/_sandbox/people/alice/messages', { data: { to: 'bob', type: 'miniprogram', miniprogram: card } })).ok()).toBe(true)
  const page = await phones(['alice'])
  const alice = phone(page, 'alice')
  await alice.getByRole('button', { name: /Bob Li/ }).click()
  const sent = alice.getByRole('button', { name: 'Mini Program: Order at Lumen Coffee' })
  const name = sent.getByText('Lumen Coffee Store').last()
  await expect(name).toBeVisible()
  // both boxes in one frame (the phone is scaled to the window and can still be refitting between two separate reads)
  await expect
    .poll(() =>
      name.evaluate((el) => {
        const text = el.getBoundingClientRect()
        const cover = el.parentElement!.getBoundingClientRect()
        return text.left >= cover.left - 0.5 && text.right <= cover.right + 0.5 && text.width > 0
      }),
    )
    .toBe(true)
})
