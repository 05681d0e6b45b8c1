import { expect, phone, test } from './fixtures'

test('the presenter panel drives the clock, shows the funnel and the timeline live, and resets the world', async ({ phones, page, request }) => {
  await phones(['alice', 'bob'])
  await page.getByRole('button', { name: 'Presenter' }).click()
  await expect(page).toHaveURL(/presenter=1/)
  const clock = page.getByRole('region', { name: 'World clock' })
  const funnel = page.getByRole('region', { name: 'Funnel' })
  const timeline = page.getByRole('region', { name: 'Event timeline' })
  await expect(clock).toContainText('03-02 09:00')
  await expect(clock).toContainText('Frozen')

  await clock.getByRole('button', { name: '+1d' }).click()
  await expect(clock).toContainText('03-03 09:00')
  await expect(timeline).toContainText('Clock advanced to 03-03 09:00')

  // a share and an open in the phones show up as they happen
  const card = { appid: (await (await request.get('/_sandbox/credentials')).json()).miniProgram.appid, title: 'Oat latte week', path: 'pages/index/index' }
  expect((await request.post('/_sandbox/people/bob/messages', { data: { to: 'alice', type: 'miniprogram', miniprogram: card } })).ok()).toBe(true)
  await expect(timeline).toContainText('Bob Li shared a card with Alice Wang')
  await expect(funnel).toContainText('Shares 1')
  const alice = phone(page, 'alice')
  await alice.getByRole('button', { name: /Bob Li, 1 unread/ }).click()
  await alice.getByRole('button', { name: /Mini Program: / }).click()
  await expect(timeline).toContainText('Alice Wang opened the mini program · scene 1007')
  await expect(funnel.locator('.stage', { hasText: 'Journeys' })).toContainText('1')

  page.once('dialog', (d) => d.accept())
  await clock.getByRole('button', { name: 'Reset world' }).click()
  await expect(clock).toContainText('03-02 09:00')
  await expect(timeline).toContainText('World seeded (seed 1)')
  // the old world's events are gone (the demo store setting itself up again may follow the seeding)
  await expect(timeline).not.toContainText('Bob Li shared a card')
  await expect(timeline).not.toContainText('Clock advanced')
  await expect(funnel).toContainText('Shares 0')
})
