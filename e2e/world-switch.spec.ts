import { expect, merchantUrl, phone, test } from './fixtures'

test('the presenter’s world picker switches the phones and the store to another kit, and back', async ({ phones, request, baseURL }) => {
  test.setTimeout(60_000)
  const page = await phones(['alice'])
  await page.getByRole('button', { name: 'Presenter' }).click()
  const picker = page.getByRole('combobox', { name: 'World kit' })
  await expect(picker).toHaveValue('lumen')
  page.on('dialog', (d) => void d.accept())

  await picker.selectOption('stride')
  // the page starts again in the new world: the header, the scanner's posters, the store
  await expect(page.getByText('· Stride Athletics')).toBeVisible({ timeout: 20_000 })
  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Discover' }).click()
  await alice.getByRole('button', { name: 'Scan' }).click()
  await expect(alice.getByRole('button', { name: /^Point at / })).toHaveText(['Tempo Runner poster', 'Marathon Drop', 'Follow code · Stride Online Store'])
  await alice.getByRole('button', { name: 'Point at Tempo Runner poster' }).click()
  const store = alice.frameLocator('iframe[title="Stride Athletics"]')
  await expect(store.getByRole('heading', { name: /Tempo Runner/ })).toBeVisible({ timeout: 15_000 })
  expect((await (await request.get(`${merchantUrl(baseURL!)}/api/brand`)).json()).name).toBe('Stride Athletics')
  const sheet = (await (await request.get('/_sandbox/credentials')).json()).pay.merchantName
  expect(sheet).toBe('Stride Athletics Co., Ltd.')

  // the presenter stays open across the reload
  await expect(picker).toHaveValue('stride')
  await picker.selectOption('lumen')
  await expect(page.getByText('· Lumen Coffee')).toBeVisible({ timeout: 20_000 })
  expect((await (await request.get(`${merchantUrl(baseURL!)}/api/brand`)).json()).name).toBe('Lumen Coffee')
})
