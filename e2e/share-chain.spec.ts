import { startSampleMerchant } from './sample-merchant'
import { expect, phone, test } from './fixtures'

// the platform's bundled sample mini program, not the demo store's pages (which the store publishes again after each reset)
test.use({ samplePages: true })

test('Alice shares the sample mini program to Bob, Bob forwards it to Carol, Carol opens it: the launch carries alice→bob→carol', async ({ phones, request, baseURL }) => {
  const merchant = await startSampleMerchant(baseURL!)
  try {
    // Alice found the store through search earlier, and Dave sent her its card (setup through the person API)
    const card = { appid: merchant.appid, title: 'Sample Store', path: `pages/index/index?merchant=${merchant.url}` }
    expect((await request.post('/_sandbox/people/alice/miniprogram/launch', { data: { entry: 'search', appid: merchant.appid } })).ok()).toBe(true)
    expect((await request.post('/_sandbox/people/dave/messages', { data: { to: 'alice', type: 'miniprogram', miniprogram: card } })).ok()).toBe(true)

    const page = await phones(['alice', 'bob', 'carol'])
    const alice = phone(page, 'alice')
    const bob = phone(page, 'bob')
    const carol = phone(page, 'carol')

    await alice.getByRole('button', { name: /Dave Chen, 1 unread/ }).click()
    await alice.getByRole('button', { name: 'Mini Program: Sample Store' }).click()
    await expect(alice.frameLocator('iframe[title="Lumen Coffee Store"]').locator('#scene')).toHaveText('1007')
    await alice.getByRole('button', { name: 'More' }).click()
    await alice.getByRole('menuitem', { name: 'Send to Chat' }).click()
    await alice.getByRole('button', { name: 'Send to Bob Li' }).click()
    await alice.getByRole('button', { name: 'Send', exact: true }).click()

    // Bob forwards the card from his chat with Alice to Carol
    await bob.getByRole('button', { name: /Alice Wang, 1 unread/ }).click()
    await bob.getByRole('button', { name: 'Forward Try the Sample Store' }).click()
    await bob.getByRole('button', { name: 'Send to Carol Zhang' }).click()
    await bob.getByRole('button', { name: 'Send', exact: true }).click()

    // Carol opens it from her chat with Bob
    await carol.getByRole('button', { name: /Bob Li, 1 unread/ }).click()
    await carol.getByRole('button', { name: 'Mini Program: Try the Sample Store' }).click()
    await expect(carol.frameLocator('iframe[title="Lumen Coffee Store"]').locator('#scene')).toHaveText('1007')

    const forwarded = (await (await request.get('/_sandbox/events?type=chat.card.forwarded')).json()).events
    expect(forwarded).toHaveLength(1)
    expect(forwarded[0]).toMatchObject({ actor: 'bob', payload: expect.objectContaining({ people: ['alice', 'bob'], recipients: ['carol'] }) })
    await expect
      .poll(async () => (await (await request.get('/_sandbox/events?type=miniprogram.launched&actor=carol')).json()).events.length)
      .toBe(1)
    const [launched] = (await (await request.get('/_sandbox/events?type=miniprogram.launched&actor=carol')).json()).events
    expect(launched.payload.firstTouchChannel).toBe('search')
    expect(launched.payload.shareChain.map((s: { person: string; action: string }) => `${s.person}:${s.action}`)).toEqual([
      'alice:discovered',
      'alice:shared',
      'bob:forwarded',
      'carol:opened',
    ])
    const attribution = await (await request.get(`/_sandbox/attribution?person=carol&appid=${merchant.appid}`)).json()
    expect(attribution).toMatchObject({ people: ['alice', 'bob', 'carol'], firstTouchChannel: 'search', launchEventId: launched.id })
  } finally {
    await merchant.close()
  }
})
