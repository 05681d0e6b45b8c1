import { expect, phone, test } from './fixtures'

test('scanning a consultant\'s contact-me code shows the WeCom card, and Add makes the consultant a contact', async ({ phones, request }) => {
  const cred = await (await request.get('/_sandbox/credentials')).json()
  const { access_token } = await (await request.get(`/wecom/cgi-bin/gettoken?corpid=${cred.wecom.corpid}&corpsecret=${cred.wecom.contactSecret}`)).json()
  const way = await (
    await request.post(`/wecom/cgi-bin/externalcontact/add_contact_way?access_token=${access_token}`, {
      data: { type: 1, scene: 2, user: ['LilyChen'], state: 'order-42', skip_verify: true },
    })
  ).json()
  expect(way.errcode).toBe(0)
  const picture = await request.get(new URL(way.qr_code).pathname)
  expect(picture.headers()['content-type']).toBe('image/png')

  const page = await phones(['bob'])
  const bob = phone(page, 'bob')
  await bob.getByRole('tab', { name: 'Discover' }).click()
  await bob.getByRole('button', { name: 'Scan' }).click()
  await bob.getByLabel('Album').setInputFiles({ name: 'contact.png', mimeType: 'image/png', buffer: await picture.body() })
  const card = bob.getByRole('dialog', { name: 'Lily Chen' })
  await expect(card).toContainText('@Lumen Coffee')
  await card.getByRole('button', { name: 'Add to Contacts' }).click()
  await expect(bob.getByRole('alert')).toContainText('Lily Chen added')

  const contacts = await (await request.get(`/wecom/cgi-bin/externalcontact/list?access_token=${access_token}&userid=LilyChen`)).json()
  expect(contacts.external_userid).toHaveLength(1)
})
