import { expect, phone, test } from './fixtures'

test('in 中文 the phone names the brand, its Official Account and its mini program as the kit does in Chinese', async ({ phones, page }) => {
  await phones(['alice'])
  await page.getByRole('button', { name: '中文' }).click()
  const alice = phone(page, 'alice')
  // the Official Account the world starts with: its Chinese name in the chat list and its header
  await expect(alice.getByText('流明咖啡: Spring Oolong')).toBeVisible()
  await expect(page.getByText('· 流明咖啡')).toBeVisible()
  await alice.getByRole('tab', { name: '发现' }).click()
  await alice.getByRole('button', { name: '小程序' }).click()
  await expect(alice.getByRole('button', { name: /流明咖啡小程序/ })).toBeVisible()
  await alice.getByRole('button', { name: /流明咖啡小程序/ }).click()
  await expect(alice.frameLocator('iframe[title="Lumen Coffee Store"]').getByText('流明咖啡').first()).toBeVisible()
})
