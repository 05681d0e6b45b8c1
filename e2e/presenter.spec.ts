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
  await expect(timeline).toContainText('Time jumps ahead 1 day to 03-03 09:00')

  // a share and an open in the phones show up as they happen
  const card = { appid: (await (await request.get('/_sandbox/credentials')).json()).miniProgram.appid, title: 'Oat latte week', path: 'pages/index/index' }
  expect((await request.post('/_sandbox/people/bob/messages', { data: { to: 'alice', type: 'miniprogram', miniprogram: card } })).ok()).toBe(true)
  await expect(timeline).toContainText('Bob Li shared a Lumen Coffee Store card with Alice Wang')
  await expect(funnel).toContainText('Shares 1')
  await expect(funnel.getByLabel('Reached: 1')).toBeVisible()
  const alice = phone(page, 'alice')
  await alice.getByRole('button', { name: /Bob Li, 1 unread/ }).click()
  await alice.getByRole('button', { name: /Mini Program: / }).click()
  await expect(timeline).toContainText('Alice Wang opened Lumen Coffee Store (scene 1007: card in a 1:1 chat)')
  await expect(funnel.getByLabel('Opened the mini program: 1')).toBeVisible()

  page.once('dialog', (d) => d.accept())
  await clock.getByRole('button', { name: 'Reset world' }).click()
  await expect(clock).toContainText('03-02 09:00')
  await expect(timeline).toContainText('The world starts fresh (seed 1)')
  // the old world's events are gone (the demo store setting itself up again may follow the seeding)
  await expect(timeline).not.toContainText('Bob Li shared a')
  await expect(timeline).not.toContainText('Time jumps ahead')
  await expect(funnel).toContainText('Shares 0')
})

test('the world clock runs while it is live, and follows a resume, a freeze and a jump made elsewhere', async ({ phones, page, request }) => {
  await phones(['alice'])
  await page.getByRole('button', { name: 'Presenter' }).click()
  const clock = page.getByRole('region', { name: 'World clock' })
  const time = clock.getByLabel('World time')
  await expect(clock).toContainText('Frozen')
  await expect(time).toHaveAttribute('datetime', '2026-03-02T01:00:00.000Z')

  // resumed through the control API (a script, another tab): the panel follows and its time runs
  expect((await request.post('/_sandbox/clock/resume')).ok()).toBe(true)
  await expect(clock.locator('.badge.live')).toHaveText('Running')
  const at = async () => Date.parse((await time.getAttribute('datetime')) ?? '')
  const started = await at()
  await expect.poll(at, { message: 'the clock moves on by itself' }).toBeGreaterThan(started + 1000)
  const shown = await time.textContent()
  await expect(time, 'the seconds on screen move too').not.toHaveText(shown ?? '')
  await expect(clock.getByRole('button', { name: '❚❚ Freeze' })).toBeVisible()

  // frozen elsewhere at a chosen time: the panel stands at it
  expect((await request.post('/_sandbox/clock/freeze', { data: { at: '2026-03-02T10:30:00+08:00' } })).ok()).toBe(true)
  await expect(clock).toContainText('Frozen')
  await expect(time).toHaveAttribute('datetime', '2026-03-02T02:30:00.000Z')
  await expect(time).toHaveText('03-02 10:30:00')

  // a jump elsewhere comes through the event stream
  expect((await request.post('/_sandbox/clock/advance', { data: { by: '1d' } })).ok()).toBe(true)
  await expect(time).toHaveText('03-03 10:30:00')

  // and a reset elsewhere brings the seeded start back
  expect((await request.post('/_sandbox/reset', { data: { seed: 1 } })).ok()).toBe(true)
  await expect(time).toHaveText('03-02 09:00:00')
  await expect(clock).toContainText('Frozen')
})
