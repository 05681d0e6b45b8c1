import { expect, phone, test } from './fixtures'

// the platform's bundled sample mini program, not the demo store's pages (which the store publishes again after each reset)
test.use({ samplePages: true })

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

test('a published article opens in the reader, markup stripped, and its mini program card launches with scene 1058', async ({ phones, request }) => {
  const cred = await (await request.get('/_sandbox/credentials')).json()
  const { access_token } = await (
    await request.get(`/cgi-bin/token?grant_type=client_credential&appid=${cred.officialAccount.appid}&secret=${cred.officialAccount.secret}`)
  ).json()
  const content =
    '<p>Our spring oolong is here.</p><img src="x" onerror="window.hacked=1">' +
    `<mp-miniprogram data-miniprogram-appid="${cred.miniProgram.appid}" data-miniprogram-path="pages/product/product?id=oolong" data-miniprogram-title="Spring Oolong"></mp-miniprogram>`
  const draft = await (
    await request.post(`/cgi-bin/draft/add?access_token=${access_token}`, {
      data: { articles: [{ title: 'Spring Oolong is back', author: 'Lumen', digest: 'Double points this week', content }] },
    })
  ).json()
  expect((await (await request.post(`/cgi-bin/freepublish/submit?access_token=${access_token}`, { data: { media_id: draft.media_id } })).json()).errcode).toBe(0)

  const page = await phones(['alice'])
  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Contacts' }).click()
  await alice.getByRole('button', { name: 'Official Accounts' }).click()
  await alice.getByRole('button', { name: /Articles \(\d+\)/ }).click()
  await alice.getByRole('button', { name: /Spring Oolong is back/ }).click()
  // the article shows in a sandboxed frame
  const article = alice.getByRole('article', { name: 'Spring Oolong is back' }).locator('iframe').contentFrame()
  await expect(article.locator('body')).toContainText('Our spring oolong is here.')
  expect(await page.evaluate(() => (window as { hacked?: number }).hacked)).toBeUndefined()

  await article.getByRole('button', { name: 'Mini Program: Spring Oolong' }).click()
  const store = alice.frameLocator('iframe[title="Lumen Coffee Store"]')
  await expect(store.locator('#scene')).toHaveText('1058')
  await expect(store.locator('#path')).toHaveText('pages/product/product')
})

test('scanning a store follow code follows the account with its qrscene', async ({ phones, request }) => {
  const cred = await (await request.get('/_sandbox/credentials')).json()
  const { access_token } = await (
    await request.get(`/cgi-bin/token?grant_type=client_credential&appid=${cred.officialAccount.appid}&secret=${cred.officialAccount.secret}`)
  ).json()
  const code = await (
    await request.post(`/cgi-bin/qrcode/create?access_token=${access_token}`, {
      data: { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'store=xintiandi' } } },
    })
  ).json()
  const page = await phones(['henry'])
  const henry = phone(page, 'henry')
  await henry.getByRole('tab', { name: 'Discover' }).click()
  await henry.getByRole('button', { name: 'Scan' }).click()
  await henry.getByRole('textbox', { name: 'Paste a code’s text' }).fill(code.url)
  await henry.getByRole('button', { name: 'Recognize' }).click()
  await expect(henry.getByRole('button', { name: 'Unfollow' })).toBeVisible()
  const henryId = await (await request.get('/_sandbox/people/henry')).json()
  const openid = henryId.identities.find((i: { appid: string }) => i.appid === cred.officialAccount.appid).openid
  const info = await (await request.get(`/cgi-bin/user/info?access_token=${access_token}&openid=${openid}`)).json()
  expect(info).toMatchObject({ subscribe: 1, subscribe_scene: 'ADD_SCENE_QR_CODE', qr_scene_str: 'store=xintiandi' })
})

test('an article’s card still opens in place after the page’s address changed (a phone added)', async ({ phones, request, page: tab }) => {
  const cred = await (await request.get('/_sandbox/credentials')).json()
  const { access_token } = await (
    await request.get(`/cgi-bin/token?grant_type=client_credential&appid=${cred.officialAccount.appid}&secret=${cred.officialAccount.secret}`)
  ).json()
  const content = `<p>Menu inside.</p><mp-miniprogram data-miniprogram-appid="${cred.miniProgram.appid}" data-miniprogram-path="pages/menu/menu" data-miniprogram-title="Menu"></mp-miniprogram>`
  const draft = await (await request.post(`/cgi-bin/draft/add?access_token=${access_token}`, { data: { articles: [{ title: 'The menu', content }] } })).json()
  await request.post(`/cgi-bin/freepublish/submit?access_token=${access_token}`, { data: { media_id: draft.media_id } })

  const page = await phones(['alice'])
  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Contacts' }).click()
  await alice.getByRole('button', { name: 'Official Accounts' }).click()
  await alice.getByRole('button', { name: /Articles \(\d+\)/ }).click()
  await alice.getByRole('button', { name: /The menu/ }).click()
  await expect(alice.getByRole('article', { name: 'The menu' }).locator('iframe').contentFrame().locator('body')).toContainText('Menu inside.')
  await page.getByRole('button', { name: '+ Add phone' }).click()
  await expect(tab).toHaveURL(/phones=alice,/)
  const url = tab.url()
  await alice.getByRole('article', { name: 'The menu' }).locator('iframe').contentFrame().getByRole('button', { name: 'Mini Program: Menu' }).click()
  await expect(alice.frameLocator('iframe[title="Lumen Coffee Store"]').locator('#path')).toHaveText('pages/menu/menu')
  expect(tab.url()).toBe(url)
})
