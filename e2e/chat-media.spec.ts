import { expect, phone, test } from './fixtures'

test('Alice sends Bob a sticker and two photos from the album; Bob sees them without bubbles and opens a photo full screen', async ({ phones, request }) => {
  const page = await phones(['alice', 'bob'])
  const alice = phone(page, 'alice')
  const bob = phone(page, 'bob')
  await request.post('/_sandbox/people/bob/messages', { data: { to: 'alice', type: 'text', text: 'Brunch pics?' } })

  await alice.getByRole('button', { name: /Bob Li, 1 unread/ }).click()
  await alice.getByRole('button', { name: 'Stickers' }).click()
  await alice.getByRole('option', { name: 'Sticker: Thumbs up' }).click()
  await alice.getByRole('button', { name: 'Attachments' }).click()
  await alice.getByRole('button', { name: 'Album' }).click()
  await alice.getByRole('option', { name: 'Photo: Sunday brunch' }).click()
  await alice.getByRole('option', { name: 'Photo: Latte art' }).click()
  await alice.getByRole('button', { name: 'Send (2)' }).click()
  const log = alice.getByRole('log', { name: 'Bob Li' })
  await expect(log.getByRole('button', { name: /^Photo: / })).toHaveCount(2)

  await bob.getByRole('button', { name: /Alice Wang, 3 unread/ }).click()
  const bobLog = bob.getByRole('log', { name: 'Alice Wang' })
  await expect(bobLog.getByRole('img', { name: 'Sticker: Thumbs up' })).toBeVisible()
  await expect(bobLog.getByRole('button', { name: 'Photo: Sunday brunch' })).toBeVisible()
  await bobLog.getByRole('button', { name: 'Photo: Latte art' }).click()
  const viewer = bob.getByRole('dialog', { name: 'Photo' })
  await expect(viewer.getByRole('img', { name: 'Latte art' })).toBeVisible()
  await viewer.click()
  await expect(viewer).toHaveCount(0)

  const sent = (await (await request.get('/_sandbox/events?type=chat.message.sent&actor=alice')).json()).events
  expect(sent.map((e: { payload: { kind: string } }) => e.payload.kind)).toEqual(['emoji', 'image', 'image'])
})

test('a photo and a sticker in Weekend Brunch Club reach every member, with the sender named', async ({ phones, request }) => {
  const page = await phones(['carol'])
  const carol = phone(page, 'carol')
  await request.post('/_sandbox/people/alice/messages', { data: { to: 'brunch-club', type: 'image', image: { url: '/_sandbox/chat/album/brunch.svg' } } })
  await request.post('/_sandbox/people/bob/messages', { data: { to: 'brunch-club', type: 'emoji', emoji: { id: 'party' } } })
  await carol.getByRole('button', { name: /Weekend Brunch Club, 2 unread/ }).click()
  const log = carol.getByRole('log', { name: 'Weekend Brunch Club' })
  await expect(log.getByRole('button', { name: 'Photo: Sunday brunch' })).toBeVisible()
  await expect(log.getByRole('img', { name: 'Sticker: Celebrate' })).toBeVisible()
  await expect(log).toContainText('Alice Wang')
  await expect(log).toContainText('Bob Li')
  await carol.getByRole('button', { name: 'Stickers' }).click()
  await carol.getByRole('option', { name: 'Sticker: Smile' }).click()
  await expect(log.getByRole('img', { name: 'Sticker: Smile' })).toBeVisible()
  const members = (await (await request.get('/_sandbox/events?type=chat.message.sent&actor=carol')).json()).events[0].payload.recipients
  expect(members.sort()).toEqual(['alice', 'bob', 'dave'])
})

test("an article link from a friend opens in the reader, and its mini program card launches with the friend's share chain", async ({ phones, request }) => {
  const cred = await (await request.get('/_sandbox/credentials')).json()
  const { access_token } = await (await request.get(`/cgi-bin/token?grant_type=client_credential&appid=${cred.officialAccount.appid}&secret=${cred.officialAccount.secret}`)).json()
  const content = `<p>New season oolong.</p><mp-miniprogram data-miniprogram-appid="${cred.miniProgram.appid}" data-miniprogram-path="pages/product/product?id=oolong-milk-tea" data-miniprogram-title="Oolong Milk Tea"></mp-miniprogram>`
  const draft = await (await request.post(`/cgi-bin/draft/add?access_token=${access_token}`, { data: { articles: [{ title: 'Spring Oolong is back', content }] } })).json()
  const { publish_id } = await (await request.post(`/cgi-bin/freepublish/submit?access_token=${access_token}`, { data: { media_id: draft.media_id } })).json()
  const { article_id } = await (await request.post(`/cgi-bin/freepublish/get?access_token=${access_token}`, { data: { publish_id } })).json()
  const read = await (await request.post(`/_sandbox/people/bob/official-account/articles/${article_id}/read`, { data: {} })).json()
  await request.post('/_sandbox/people/bob/messages', { data: { to: 'alice', type: 'link', link: { title: read.title, description: 'Double points this week', url: read.url } } })

  const page = await phones(['alice'])
  const alice = phone(page, 'alice')
  await alice.getByRole('button', { name: /Bob Li, 1 unread/ }).click()
  await alice.getByRole('button', { name: 'Link: Spring Oolong is back' }).click()
  const article = alice.getByRole('article', { name: 'Spring Oolong is back' }).locator('iframe').contentFrame()
  await expect(article.locator('body')).toContainText('New season oolong.')
  await article.getByRole('button', { name: 'Mini Program: Oolong Milk Tea' }).click()
  await expect(alice.locator('iframe').last()).toBeVisible()

  const [launched] = (await (await request.get('/_sandbox/events?type=miniprogram.launched&actor=alice')).json()).events
  expect(launched.payload).toMatchObject({ scene: 1058, firstTouchChannel: 'official-account' })
  expect(launched.payload.shareChain.map((s: { person: string; action: string }) => `${s.person} ${s.action}`)).toEqual(['bob discovered', 'bob shared', 'alice opened'])
})

test('Alice sends the article from the reader (··· → Send to Chat) to Bob; his card launch starts at her read', async ({ phones, request }) => {
  const cred = await (await request.get('/_sandbox/credentials')).json()
  const { access_token } = await (await request.get(`/cgi-bin/token?grant_type=client_credential&appid=${cred.officialAccount.appid}&secret=${cred.officialAccount.secret}`)).json()
  const content = `<p>New season oolong.</p><mp-miniprogram data-miniprogram-appid="${cred.miniProgram.appid}" data-miniprogram-path="pages/product/product?id=oolong-milk-tea" data-miniprogram-title="Oolong Milk Tea"></mp-miniprogram>`
  const draft = await (await request.post(`/cgi-bin/draft/add?access_token=${access_token}`, { data: { articles: [{ title: 'Spring Oolong is back', digest: 'Double points', content }] } })).json()
  await request.post(`/cgi-bin/freepublish/submit?access_token=${access_token}`, { data: { media_id: draft.media_id } })

  const page = await phones(['alice', 'bob'])
  const alice = phone(page, 'alice')
  await alice.getByRole('button', { name: 'Subscriptions' }).click()
  await alice.getByRole('button', { name: 'Article: Spring Oolong is back' }).click()
  await expect(alice.getByRole('article', { name: 'Spring Oolong is back' }).locator('iframe').contentFrame().locator('body')).toContainText('New season oolong.')
  await alice.getByRole('button', { name: 'Send to Chat' }).click()
  await alice.getByRole('button', { name: 'Send to Bob Li' }).click()
  await alice.getByRole('button', { name: 'Send', exact: true }).click()

  const bob = phone(page, 'bob')
  await bob.getByRole('button', { name: /Alice Wang, 1 unread/ }).click()
  await bob.getByRole('button', { name: 'Link: Spring Oolong is back' }).click()
  await bob.getByRole('article', { name: 'Spring Oolong is back' }).locator('iframe').contentFrame().getByRole('button', { name: 'Mini Program: Oolong Milk Tea' }).click()
  await expect(bob.locator('iframe').last()).toBeVisible()
  const [launched] = (await (await request.get('/_sandbox/events?type=miniprogram.launched&actor=bob')).json()).events
  expect(launched.payload.shareChain.map((s: { person: string; action: string; entry?: string }) => `${s.person} ${s.action} ${s.entry ?? ''}`.trim())).toEqual([
    'alice discovered oa-article',
    'alice shared',
    'bob opened oa-article',
  ])
})

test('Bob forwards a photo Alice sent him to Carol; she sees the same photo', async ({ phones, request }) => {
  const [photo] = (await (await request.get('/_sandbox/chat/album')).json()).photos
  expect((await request.post('/_sandbox/people/alice/messages', { data: { to: 'bob', type: 'image', image: { url: photo.url, width: photo.width, height: photo.height } } })).ok()).toBe(true)
  const page = await phones(['bob', 'carol'])
  const bob = phone(page, 'bob')
  await bob.getByRole('button', { name: /Alice Wang, 1 unread/ }).click()
  await bob.getByRole('button', { name: `Forward this photo (${photo.title})` }).click()
  await bob.getByRole('button', { name: 'Send to Carol Zhang' }).click()
  await bob.getByRole('button', { name: 'Send', exact: true }).click()
  const carol = phone(page, 'carol')
  await carol.getByRole('button', { name: /Bob Li, 1 unread/ }).click()
  await expect(carol.getByRole('log', { name: 'Bob Li' }).getByRole('button', { name: `Photo: ${photo.title}` })).toBeVisible()
  const bobs = (await (await request.get('/_sandbox/events?surface=chat&actor=bob')).json()).events
  expect(bobs.map((e: { payload: { kind?: string; recipients?: string[] } }) => [e.payload.kind, e.payload.recipients])).toEqual([['image', ['carol']]])
})
