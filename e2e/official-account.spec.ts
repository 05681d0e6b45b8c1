import { expect, phone, test } from './fixtures'

test('Henry follows the Official Account, writes to it, and its menu opens the mini program with scene 1035', async ({ phones, request }) => {
  // the brand sets up its menu through the real API
  const cred = await (await request.get('/_sandbox/credentials')).json()
  const { access_token } = await (
    await request.get(`/cgi-bin/token?grant_type=client_credential&appid=${cred.officialAccount.appid}&secret=${cred.officialAccount.secret}`)
  ).json()
  const menu = {
    button: [
      { type: 'miniprogram', name: 'Order now', url: 'https://lumen.example/order', appid: cred.miniProgram.appid, pagepath: 'pages/menu/menu' },
      { name: 'More', sub_button: [{ type: 'click', name: 'Opening hours', key: 'HOURS' }] },
    ],
  }
  expect(await (await request.post(`/cgi-bin/menu/create?access_token=${access_token}`, { data: menu })).json()).toMatchObject({ errcode: 0 })

  const page = await phones(['henry'])
  const henry = phone(page, 'henry')
  await henry.getByRole('tab', { name: 'Contacts' }).click()
  await henry.getByRole('button', { name: 'Official Accounts' }).click()
  await henry.getByRole('button', { name: 'Follow', exact: true }).click()
  await expect(henry.getByRole('menubar', { name: 'Menu' })).toBeVisible()

  await henry.getByRole('button', { name: 'Keyboard' }).click()
  await henry.getByRole('textbox', { name: 'Message' }).fill('What time do you open?')
  await henry.getByRole('button', { name: 'Send' }).click()
  await expect(henry.getByRole('log', { name: 'Lumen Coffee' })).toContainText('What time do you open?')

  await henry.getByRole('button', { name: 'Menu' }).click()
  await henry.getByRole('menuitem', { name: 'Order now' }).click()
  const store = henry.frameLocator('iframe[title="Lumen Coffee Store"]')
  await expect(store.locator('#scene')).toHaveText('1035')
  await expect(store.locator('#path')).toHaveText('pages/menu/menu')

  const follows = await (await request.get('/_sandbox/events?actor=henry&surface=official-account')).json()
  expect(follows.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining([expect.stringMatching(/follow|subscribe/)]))
})
