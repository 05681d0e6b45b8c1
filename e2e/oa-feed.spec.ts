import { expect, phone, test } from './fixtures'

test('a follower finds the account’s new article under Subscriptions in Chats and reads it', async ({ phones, request }) => {
  const cred = await (await request.get('/_sandbox/credentials')).json()
  const { access_token } = await (await request.get(`/cgi-bin/token?grant_type=client_credential&appid=${cred.officialAccount.appid}&secret=${cred.officialAccount.secret}`)).json()
  const draft = await (
    await request.post(`/cgi-bin/draft/add?access_token=${access_token}`, { data: { articles: [{ title: 'Spring Oolong is back', digest: 'Double points this week', content: '<p>New season oolong.</p>' }] } })
  ).json()
  expect((await (await request.post(`/cgi-bin/freepublish/submit?access_token=${access_token}`, { data: { media_id: draft.media_id } })).json()).errcode).toBe(0)

  // Alice follows the account (seeded); Henry does not, so he has no feed
  const page = await phones(['alice', 'henry'])
  const alice = phone(page, 'alice')
  const row = alice.getByRole('button', { name: 'Subscriptions' })
  await expect(row).toContainText('Spring Oolong is back')
  await row.click()
  const feed = alice.getByRole('feed', { name: 'Subscriptions' })
  await expect(feed).toContainText('Double points this week')
  await feed.getByRole('button', { name: 'Article: Spring Oolong is back' }).click()
  await expect(alice.getByRole('article', { name: 'Spring Oolong is back' }).locator('iframe').contentFrame().locator('body')).toContainText('New season oolong.')
  const [read] = (await (await request.get('/_sandbox/events?type=oa.article.read&actor=alice')).json()).events
  expect(read.subject.articleId).toEqual(expect.any(String))
  await expect(phone(page, 'henry').getByRole('button', { name: 'Subscriptions' })).toHaveCount(0)
})

test('an article published while the phone is open appears under Subscriptions at once', async ({ phones, request }) => {
  const page = await phones(['alice'])
  const alice = phone(page, 'alice')
  await expect(alice.getByRole('tab', { name: /Chats/ })).toBeVisible()
  const cred = await (await request.get('/_sandbox/credentials')).json()
  const { access_token } = await (await request.get(`/cgi-bin/token?grant_type=client_credential&appid=${cred.officialAccount.appid}&secret=${cred.officialAccount.secret}`)).json()
  const draft = await (await request.post(`/cgi-bin/draft/add?access_token=${access_token}`, { data: { articles: [{ title: 'Autumn roast, live today', content: '<p>Roasted this morning.</p>' }] } })).json()
  expect((await (await request.post(`/cgi-bin/freepublish/submit?access_token=${access_token}`, { data: { media_id: draft.media_id } })).json()).errcode).toBe(0)
  await expect(alice.getByRole('button', { name: 'Subscriptions' })).toContainText('Autumn roast, live today')
})
