import { expect, phone, test } from './fixtures'

test('the timeline names the world it shows: another kit’s brand and mini program, never the café’s', async ({ phones, request }) => {
  test.setTimeout(60_000)
  const page = await phones(['alice'])
  await page.getByRole('button', { name: 'Presenter' }).click()
  page.on('dialog', (d) => void d.accept())
  await page.getByRole('combobox', { name: 'World kit' }).selectOption('stride')
  await expect(page.getByText('· Stride Athletics')).toBeVisible({ timeout: 20_000 })
  const world = await (await request.get('/_sandbox/world')).json()
  const timeline = page.getByRole('region', { name: 'Event timeline' })

  // Alice scans the shoe's poster: the store's codes fold into setup steps, the scan and the open read in the kit's names
  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Discover' }).click()
  await alice.getByRole('button', { name: 'Scan' }).click()
  await alice.getByRole('button', { name: 'Point at Tempo Runner poster' }).click()
  await expect(timeline).toContainText(`Alice Wang opened ${world.miniProgram.name} (scene`)
  await expect(timeline).toContainText(`Alice Wang scanned ${world.brand.name}' mini program code`)
  // unfolded, the bookkeeping reads in the kit's names too
  const folds = timeline.getByRole('button', { name: /setup steps? ▸/ })
  while (await folds.count()) await folds.first().click()
  await expect(timeline).toContainText(`${world.brand.name}' server made a mini program code`)
  await expect(timeline).not.toContainText('Lumen')
  await expect(timeline).not.toContainText(/Miniprogram code created|· wx[0-9a-f]{6}/)

  await page.getByRole('combobox', { name: 'World kit' }).selectOption('lumen')
  await expect(page.getByText('· Lumen Coffee')).toBeVisible({ timeout: 20_000 })
})
