import { expect, phone, test } from './fixtures'

test('the feed shows an article’s cover picture and a coloured box for one without a cover', async ({ phones, request }) => {
  const cred = await (await request.get('/_sandbox/credentials')).json()
  const { access_token } = await (await request.get(`/cgi-bin/token?grant_type=client_credential&appid=${cred.officialAccount.appid}&secret=${cred.officialAccount.secret}`)).json()
  // the store's own campaign article has its cover; a second one is published here without
  const plain = await (await request.post(`/cgi-bin/draft/add?access_token=${access_token}`, { data: { articles: [{ title: 'No cover today', content: '<p>Plain.</p>' }] } })).json()
  expect((await (await request.post(`/cgi-bin/freepublish/submit?access_token=${access_token}`, { data: { media_id: plain.media_id } })).json()).errcode).toBe(0)
  const list = await (await request.post(`/cgi-bin/freepublish/batchget?access_token=${access_token}`, { data: { offset: 0, count: 20, no_content: 1 } })).json()
  const covered = list.item.flatMap((i: any) => i.content.news_item).find((a: any) => a.thumb_url)
  expect(covered, 'the store published a campaign article with a cover').toBeTruthy()

  const page = await phones(['alice'])
  const alice = phone(page, 'alice')
  await alice.getByRole('button', { name: 'Subscriptions' }).click()
  const feed = alice.getByRole('feed', { name: 'Subscriptions' })
  const cover = feed.getByRole('button', { name: `Article: ${covered.title}` }).getByRole('img', { name: `Cover: ${covered.title}` })
  await expect(cover).toBeVisible()
  await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0)
  const box = feed.getByRole('button', { name: 'Article: No cover today' })
  await expect(box).toContainText('No cover today')
  await expect(box.getByRole('img')).toHaveCount(0)
  if (process.env.COVERS_SHOT) await page.screenshot({ path: process.env.COVERS_SHOT })
})

test('the account’s article list shows each cover beside its title', async ({ phones, request }) => {
  const cred = await (await request.get('/_sandbox/credentials')).json()
  const { access_token } = await (await request.get(`/cgi-bin/token?grant_type=client_credential&appid=${cred.officialAccount.appid}&secret=${cred.officialAccount.secret}`)).json()
  const list = await (await request.post(`/cgi-bin/freepublish/batchget?access_token=${access_token}`, { data: { offset: 0, count: 20, no_content: 1 } })).json()
  const covered = list.item.flatMap((i: any) => i.content.news_item).find((a: any) => a.thumb_url)

  const page = await phones(['alice'])
  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Contacts' }).click()
  await alice.getByRole('button', { name: 'Official Accounts' }).click()
  await alice.getByRole('button', { name: /Articles \(\d+\)/ }).click()
  const thumb = alice.getByRole('list', { name: 'Articles' }).getByRole('img', { name: `Cover: ${covered.title}` })
  await expect(thumb).toBeVisible()
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0)
  if (process.env.COVERS_SHOT) await page.screenshot({ path: process.env.COVERS_SHOT.replace(/\.png$/, '-list.png') })
})
