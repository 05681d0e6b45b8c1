import { expect, phone, test } from './fixtures'

// the platform's bundled sample mini program, not the demo store's pages (which the store publishes again after each reset)
test.use({ samplePages: true })

test('a mini program found by search runs its wx calls inside the phone', async ({ phones }) => {
  const page = await phones(['erin'])
  const erin = phone(page, 'erin')
  await erin.getByRole('tab', { name: 'Discover' }).click()
  await erin.getByRole('button', { name: 'Mini Programs' }).click()
  await erin.getByRole('searchbox', { name: 'Search Mini Programs' }).fill('lumen')
  await erin.getByRole('button', { name: 'Open Lumen Coffee Store' }).click()

  const store = erin.frameLocator('iframe[title="Lumen Coffee Store"]')
  await expect(store.locator('#scene')).toHaveText('1006')
  const log = store.locator('#log')

  await store.getByRole('button', { name: 'wx.login' }).click()
  await expect(log).toContainText(/"code":"[^"]+","errMsg":"login:ok"/)

  await store.getByRole('button', { name: 'Modal' }).click()
  await erin.getByRole('dialog', { name: 'Sample' }).getByRole('button', { name: 'OK' }).click()
  await expect(log).toContainText('"confirm":true')

  await store.getByRole('button', { name: 'Storage' }).click()
  await store.getByRole('button', { name: 'Storage' }).click()
  await expect(log).toContainText('"data":2')

  await store.getByRole('button', { name: 'System info' }).click()
  await expect(log).toContainText('"platform":"ios"')

  await store.getByRole('button', { name: 'Toast' }).click()
  await expect(erin.getByRole('status').filter({ hasText: 'Added to cart' })).toBeVisible()

  await store.getByRole('button', { name: 'Next page' }).click()
  await expect(erin.getByRole('heading', { name: 'Item detail' })).toBeVisible()
  await erin.frameLocator('iframe[title="Lumen Coffee Store"]:not([hidden])').getByRole('button', { name: 'Back' }).click()
  await expect(erin.getByRole('heading', { name: 'Lumen Coffee Store' })).toBeVisible()

  // storage is kept per person and app: it is still there when the mini program opens again
  await erin.getByRole('button', { name: 'Close mini program' }).click()
  await erin.getByRole('button', { name: 'Open Lumen Coffee Store' }).click()
  await store.getByRole('button', { name: 'Storage' }).click()
  await expect(log).toContainText('"data":3')
})

test('a launch made elsewhere (a script, a scenario) opens on the person\'s phone too', async ({ phones, request }) => {
  const page = await phones(['dave'])
  const dave = phone(page, 'dave')
  const launched = await request.post('/_sandbox/people/dave/miniprogram/launch', { data: { entry: 'search', path: 'pages/menu/menu' } })
  expect(launched.ok()).toBe(true)
  const store = dave.frameLocator('iframe[title="Lumen Coffee Store"]')
  await expect(store.locator('#scene')).toHaveText('1005')
  await expect(store.locator('#path')).toHaveText('pages/menu/menu')
})

test('a card that opens an inner page shows the home button, which goes to the home page', async ({ phones, request }) => {
  const cred = await (await request.get('/_sandbox/credentials')).json()
  const card = { appid: cred.miniProgram.appid, title: 'Item 42', path: 'pages/detail/detail?id=42' }
  expect((await request.post('/_sandbox/people/bob/messages', { data: { to: 'alice', type: 'miniprogram', miniprogram: card } })).ok()).toBe(true)
  const page = await phones(['alice'])
  const alice = phone(page, 'alice')
  await alice.getByRole('button', { name: /Bob Li, 1 unread/ }).click()
  await alice.getByRole('button', { name: 'Mini Program: Item 42' }).click()
  await expect(alice.getByRole('heading', { name: 'Item detail' })).toBeVisible()
  await alice.getByRole('button', { name: 'Home' }).click()
  // the home page opens (getLaunchOptionsSync still reports the cold start, as in WeChat)
  const store = alice.frameLocator('iframe[title="Lumen Coffee Store"]')
  await expect(store.getByRole('heading', { name: 'Sample Store' })).toBeVisible()
  await expect(store.locator('#path')).toHaveText('pages/detail/detail')
  await expect(alice.getByRole('button', { name: 'Home' })).toHaveCount(0)
})
