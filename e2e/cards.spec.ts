import { startSampleMerchant } from './sample-merchant'
import { expect, phone, test } from './fixtures'

// the platform's bundled sample mini program, not the demo store's pages (which the store publishes again after each reset)
test.use({ samplePages: true })

test('a mini program adds its member card with wx.addCard, and it shows in Cards & Offers', async ({ phones, request, baseURL }) => {
  const merchant = await startSampleMerchant(baseURL!)
  try {
    const card = { appid: merchant.appid, title: 'Sample Store', path: `pages/index/index?merchant=${merchant.url}` }
    expect((await request.post('/_sandbox/people/bob/messages', { data: { to: 'carol', type: 'miniprogram', miniprogram: card } })).ok()).toBe(true)
    const page = await phones(['carol'])
    const carol = phone(page, 'carol')
    await carol.getByRole('button', { name: /Bob Li, 1 unread/ }).click()
    await carol.getByRole('button', { name: 'Mini Program: Sample Store' }).click()
    const store = carol.frameLocator('iframe[title="Lumen Coffee Store"]')
    // the page's script has run once it shows its launch options
    await expect(store.locator('#scene')).toHaveText('1007')
    await store.getByRole('button', { name: 'Member card' }).click()
    await expect(store.locator('#log')).toContainText('"isSuccess":true')

    await carol.getByRole('button', { name: 'Close mini program' }).click()
    await carol.getByRole('button', { name: 'Back' }).click()
    await carol.getByRole('tab', { name: 'Me' }).click()
    await carol.getByRole('button', { name: 'Cards & Offers' }).click()
    await expect(carol.getByRole('listitem', { name: 'Sample Store Member' })).toContainText('Member card')

    // get_limit 1: a second add is refused like the real client
    await carol.getByRole('button', { name: 'Back' }).click()
    await carol.getByRole('tab', { name: 'Chats' }).click()
    await carol.getByRole('button', { name: /Bob Li/ }).click()
    await carol.getByRole('button', { name: 'Mini Program: Sample Store' }).click()
    await expect(store.locator('#scene')).toHaveText('1007')
    await store.getByRole('button', { name: 'Member card' }).click()
    await expect(store.locator('#log')).toContainText('addCard:fail reach get limit')
  } finally {
    await merchant.close()
  }
})
