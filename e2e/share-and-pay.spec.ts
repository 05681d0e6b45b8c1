import { startSampleMerchant } from './sample-merchant'
import { expect, phone, test } from './fixtures'

// the platform's bundled sample mini program, not the demo store's pages (which the store publishes again after each reset)
test.use({ samplePages: true })

test('Alice shares the sample mini program to Bob, who opens it with scene 1007 and pays', async ({ phones, request, baseURL }) => {
  const merchant = await startSampleMerchant(baseURL!)
  try {
    // Carol once sent Alice the store (setup through the person API)
    const card = { appid: merchant.appid, title: 'Sample Store', path: `pages/index/index?merchant=${merchant.url}` }
    expect((await request.post('/_sandbox/people/carol/messages', { data: { to: 'alice', type: 'miniprogram', miniprogram: card } })).ok()).toBe(true)

    const page = await phones(['alice', 'bob'])
    const alice = phone(page, 'alice')
    const bob = phone(page, 'bob')

    await alice.getByRole('button', { name: /Carol Zhang, 1 unread/ }).click()
    await alice.getByRole('button', { name: 'Mini Program: Sample Store' }).click()
    const aliceStore = alice.frameLocator('iframe[title="Lumen Coffee Store"]')
    await expect(aliceStore.locator('#scene')).toHaveText('1007')

    // Share through the capsule menu, to Bob
    await alice.getByRole('button', { name: 'More' }).click()
    await alice.getByRole('menuitem', { name: 'Send to Chat' }).click()
    await alice.getByRole('button', { name: 'Send to Bob Li' }).click()
    await alice.getByRole('button', { name: 'Send', exact: true }).click()

    // Bob opens it from his chat with Alice
    await bob.getByRole('button', { name: /Alice Wang, 1 unread/ }).click()
    await bob.getByRole('button', { name: 'Mini Program: Try the Sample Store' }).click()
    const bobStore = bob.frameLocator('iframe[title="Lumen Coffee Store"]')
    await expect(bobStore.locator('#scene')).toHaveText('1007')
    await expect(bobStore.locator('#query')).toContainText(merchant.url.replace('http://', ''))

    // Buy: the pay sheet shows the merchant and the amount; a wrong password is refused first
    await bobStore.getByRole('button', { name: /Buy a latte/ }).click()
    const sheet = bob.getByRole('dialog', { name: 'WeChat Pay' })
    await expect(sheet.getByLabel('Amount')).toHaveText('¥18.00')
    for (const d of '000000') await sheet.getByRole('button', { name: d, exact: true }).click()
    await expect(bob.getByRole('alertdialog')).toContainText('Incorrect payment password')
    await bob.getByRole('button', { name: 'Retry' }).click()
    for (const d of '123456') await sheet.getByRole('button', { name: d, exact: true }).click()
    await expect(bob.getByRole('dialog', { name: 'Payment Successful' })).toBeVisible()
    await bob.getByRole('button', { name: 'Done' }).click()
    await expect(bobStore.locator('#status')).toHaveText('Paid ✓')

    // The bill is in Bob's wallet
    await bob.getByRole('button', { name: 'Close mini program' }).click()
    await bob.getByRole('button', { name: 'Back' }).click()
    await bob.getByRole('tab', { name: 'Me' }).click()
    await bob.getByRole('button', { name: 'Services' }).click()
    await expect(bob.getByRole('list', { name: 'Bills' })).toContainText('Sample Store - latte')
    await expect(bob.getByRole('list', { name: 'Bills' })).toContainText('-18.00')

    // and the platform logged the launch with its scene and channel
    const events = await (await request.get('/_sandbox/events?type=miniprogram.launched&actor=bob')).json()
    expect(events.events.at(-1)).toMatchObject({ channel: 'chat', payload: expect.objectContaining({ scene: 1007 }) })
  } finally {
    await merchant.close()
  }
})
