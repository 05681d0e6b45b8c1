import { expect, phone, test } from './fixtures'

test('a text from Alice arrives live on Bob\'s phone with an unread badge', async ({ phones }) => {
  const page = await phones(['alice', 'bob'])
  const alice = phone(page, 'alice')
  const bob = phone(page, 'bob')

  await alice.getByRole('tab', { name: 'Contacts' }).click()
  await alice.getByRole('button', { name: 'Bob Li' }).click()
  await alice.getByRole('textbox', { name: 'Message' }).fill('Coffee at 3? <b>bold</b>')
  await alice.getByRole('button', { name: 'Send' }).click()
  await expect(alice.getByRole('log')).toContainText('Coffee at 3? <b>bold</b>')

  await expect(bob.getByRole('button', { name: 'Alice Wang, 1 unread' })).toBeVisible()
  await expect(bob.getByRole('tab', { name: /Chats/ })).toContainText('1')
  await bob.getByRole('button', { name: 'Alice Wang, 1 unread' }).click()
  await expect(bob.getByRole('log')).toContainText('Coffee at 3? <b>bold</b>')
  await bob.getByRole('button', { name: 'Back' }).click()
  await expect(bob.getByRole('button', { name: 'Alice Wang', exact: true })).toBeVisible()
})

test('group messages reach every member and show who wrote them', async ({ phones }) => {
  const page = await phones(['bob', 'carol'])
  const bob = phone(page, 'bob')
  const carol = phone(page, 'carol')
  await bob.getByRole('tab', { name: 'Contacts' }).click()
  await bob.getByRole('button', { name: 'Group Chats' }).click()
  await bob.getByRole('textbox', { name: 'Message' }).fill('Brunch on Sunday?')
  await bob.getByRole('textbox', { name: 'Message' }).press('Enter')
  await carol.getByRole('button', { name: 'Weekend Brunch Club, 1 unread' }).click()
  await expect(carol.getByRole('log')).toContainText('Bob Li')
  await expect(carol.getByRole('log')).toContainText('Brunch on Sunday?')
})

test('the phones and language come from the URL and stay there', async ({ phones, page }) => {
  await phones(['carol', 'dave'])
  await page.getByRole('button', { name: '中文' }).click()
  await expect(phone(page, 'carol').getByRole('tab', { name: '通讯录' })).toBeVisible()
  await expect(page).toHaveURL(/phones=carol,dave&lang=zh/)
  await page.reload()
  await expect(phone(page, 'dave').getByRole('tab', { name: '发现' })).toBeVisible()
})

test('a chat opens at its newest message, even when that is a card or a photo that draws late', async ({ phones, request }) => {
  const send = async (body: Record<string, unknown>) => expect((await request.post('/_sandbox/people/bob/messages', { data: { to: 'alice', ...body } })).ok()).toBe(true)
  for (let i = 1; i <= 14; i++) await send({ type: 'text', text: `Message ${i} about the new menu` })
  const appid = (await (await request.get('/_sandbox/credentials')).json()).miniProgram.appid
  await send({ type: 'miniprogram', miniprogram: { appid, title: 'The last card', path: 'pages/index/index' } })
  const page = await phones(['alice'])
  const alice = phone(page, 'alice')
  await alice.getByRole('button', { name: /Bob Li, 15 unread/ }).click()
  await expect(alice.getByRole('button', { name: /Mini Program: / })).toBeInViewport({ ratio: 0.9 })
  await expect(alice.getByText('Message 1 about the new menu', { exact: true })).not.toBeInViewport()
})
