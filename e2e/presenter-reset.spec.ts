import { startSampleMerchant } from './sample-merchant'
import { expect, merchantUrl, phone, test } from './fixtures'
import { staff } from './staff'

// the platform's bundled sample mini program, which pays through a merchant of the spec's own
test.use({ samplePages: true })

test('a paid order shows in the funnel as people in nested stages, each figure defined on hover; after a reset the phones are home and the timeline holds exactly the new world', async ({ phones, page, request, baseURL }) => {
  const merchant = await startSampleMerchant(baseURL!)
  try {
    const { templates } = (await (await request.get(`/_sandbox/miniprogram/templates?appid=${merchant.appid}`)).json()) as { templates: { templateId: string; titleEn: string }[] }
    const [ready, other] = templates
    const card = { appid: merchant.appid, title: 'Sample Store', path: `pages/index/index?merchant=${merchant.url}&tmpl=${ready!.templateId},${other!.templateId}` }
    expect((await request.post('/_sandbox/people/bob/messages', { data: { to: 'alice', type: 'miniprogram', miniprogram: card } })).ok()).toBe(true)
    await phones(['alice', 'bob'])
    await page.getByRole('button', { name: 'Presenter' }).click()
    const funnel = page.getByRole('region', { name: 'Funnel' })
    const channels = page.getByRole('region', { name: 'By channel' })
    const timeline = page.getByRole('region', { name: 'Event timeline' })

    // Alice opens Bob's card and pays for a latte
    const alice = phone(page, 'alice')
    await alice.getByRole('button', { name: /Bob Li, 1 unread/ }).click()
    await alice.getByRole('button', { name: 'Mini Program: Sample Store' }).click()
    const store = alice.frameLocator('iframe[title="Lumen Coffee Store"]')
    await expect(store.locator('#scene')).toHaveText('1007')
    await store.getByRole('button', { name: /Buy a latte/ }).click()
    const sheet = alice.getByRole('dialog', { name: 'WeChat Pay' })
    for (const d of '123456') await sheet.getByRole('button', { name: d, exact: true }).click()
    await alice.getByRole('button', { name: 'Done' }).click()
    await expect(store.locator('#status')).toHaveText('Paid ✓')

    // she allows one message and turns the other off: the timeline says which, by name
    await store.getByRole('button', { name: 'Subscribe' }).click()
    await alice.getByRole('switch', { name: other!.titleEn }).click()
    await alice.getByRole('button', { name: 'Allow' }).click()
    await expect(timeline).toContainText(`Alice Wang allowed the “${ready!.titleEn}” message and declined the “${other!.titleEn}” message`)

    // the timeline says it as a trainer would; the platform's bookkeeping folds away
    await expect(timeline).toContainText('Alice Wang paid ¥18.00 for Sample Store - latte')
    await expect(timeline).toContainText("Lumen Coffee asked WeChat Pay to charge ¥18.00 for Alice Wang's order")
    await expect(timeline).toContainText("WeChat Pay told Lumen Coffee's server the order is paid (1st try")
    await expect(timeline).not.toContainText(/Merchant placed|Pay notification #|Miniprogram session/)
    const steps = timeline.getByRole('button', { name: /setup step/ }).first()
    await expect(steps).toHaveAttribute('aria-expanded', 'false')
    await steps.click()
    await expect(steps).toHaveAttribute('aria-expanded', 'true')

    // every stage counts people and is part of the one before; each says what it counts
    for (const [label, n, meaning] of [['Reached', 1, /People the brand reached/], ['Opened the mini program', 1, /opened the mini program/], ['Bought', 1, /paid at least once/], ['Bought again', 0, /two times or more/]] as const) {
      await expect(funnel.getByLabel(`${label}: ${n}`)).toHaveAttribute('title', meaning)
    }
    await expect(funnel).toContainText('Orders 1')
    await expect(funnel).toContainText('Sales ¥18.00')
    // Alice came by Bob's card: by first touch a chat share reached, opened and sold; the last touch credits it the order
    const header = channels.getByRole('row').first()
    for (const [column, meaning] of [['Reached', /People the brand reached/], ['Opened', /opened the mini program/], ['Bought', /paid at least once/], ['Last touch', /last mini program launch before paying/]] as const) {
      await expect(header.getByRole('columnheader', { name: column, exact: true })).toHaveAttribute('title', meaning)
    }
    await expect(channels.getByRole('row', { name: /Chat share/ })).toHaveText(/Chat share\s*1\s*1\s*1\s*¥18\s*1 · ¥18\b/)
    const served = await (await request.get('/_sandbox/funnel')).json()
    expect(served).toMatchObject({ reached: 1, opened: 1, buyers: 1, repeatBuyers: 0 })

    // Reset: both phones go home with the mini program closed
    const watch = async () => (await (await request.get(`${merchantUrl(baseURL!)}/admin/sandbox-watch`, staff)).json()) as { replays: number; busy: boolean }
    const before = await watch()
    page.once('dialog', (d) => d.accept())
    await page.getByRole('region', { name: 'World clock' }).getByRole('button', { name: 'Reset world' }).click()
    await expect(alice.locator('iframe[title="Lumen Coffee Store"]')).toHaveCount(0)
    await expect(alice.getByRole('tab', { name: 'Chats' })).toHaveAttribute('aria-selected', 'true')
    await expect(alice.getByRole('button', { name: 'Close mini program' })).toHaveCount(0)
    await expect(phone(page, 'bob').getByRole('tab', { name: 'Chats' })).toHaveAttribute('aria-selected', 'true')
    await expect(funnel.getByLabel('Reached: 0')).toBeVisible()

    // the timeline shows exactly the new world's events, the store's setup included, as it finishes
    await expect.poll(async () => { const w = await watch(); return w.replays > before.replays && !w.busy }, { timeout: 15_000 }).toBe(true)
    const ids = async () => ((await (await request.get('/_sandbox/events?order=desc&limit=300')).json()).events as { id: number }[]).map((e) => e.id).join(',')
    await expect.poll(async () => (await timeline.locator('ol').getAttribute('data-ids')) === (await ids()), { timeout: 10_000 }).toBe(true)
    expect((await ids()).split(',').length).toBeGreaterThan(2)
    await expect(timeline).toContainText('The world starts fresh (seed 1)')
    await expect(timeline).not.toContainText('Alice Wang paid')
  } finally {
    await merchant.close()
  }
})
