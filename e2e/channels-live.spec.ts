import { expect, merchantUrl, phone, test } from './fixtures'
import { staff } from './staff'

test('Alice opens Discover → Channels, joins the live, taps the latte on the shelf, buys it: the order is attributed to the live session', async ({ phones, request, baseURL }) => {
  test.setTimeout(120_000)
  const page = await phones(['alice'])
  const merchant = merchantUrl(baseURL!)
  const live = await (await request.post(`${merchant}/admin/channels/live/start`, staff)).json()
  expect(live).toMatchObject({ status: 'live', title: 'Friday tasting live' })

  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Discover' }).click()
  await alice.getByRole('button', { name: 'Channels' }).click()
  await expect(alice.getByRole('tab', { name: 'Recommended' })).toHaveAttribute('aria-selected', 'true')
  await expect(alice.getByText('Morning pour-over, step by step').first()).toBeVisible()

  // the account is live: its avatar in the feed opens the live room
  await alice.getByRole('button', { name: 'Lumen Coffee profile' }).first().click()
  await expect(alice.getByText('Friday tasting live')).toBeVisible()
  await expect(alice.getByLabel('Watching')).toContainText('1 watching')
  await alice.getByRole('button', { name: 'Shopping bag' }).click()
  await alice.getByRole('dialog', { name: 'Live products' }).getByRole('button', { name: 'Buy Latte' }).click()

  // the mini program opens on the product with the live-goods scene
  const top = () => alice.locator('iframe').last().contentFrame()
  await expect(top().getByRole('button', { name: 'Add to cart' })).toBeVisible({ timeout: 15_000 })
  const [launched] = (await (await request.get('/_sandbox/events?type=miniprogram.launched&actor=alice')).json()).events
  expect(launched.payload).toMatchObject({ scene: 1177, path: 'pages/product/product', query: { id: 'latte' }, firstTouchChannel: 'channels' })
  expect(launched.subject).toMatchObject({ live: live.liveId, product: 'latte' })

  await top().getByRole('button', { name: 'Add to cart' }).click()
  await expect(top().getByLabel('Cart total')).toContainText('¥28.00', { timeout: 15_000 })
  await top().getByRole('button', { name: 'Checkout' }).click()
  await expect(top().getByRole('button', { name: 'Pay ¥28.00' })).toBeVisible({ timeout: 15_000 })
  await top().getByRole('button', { name: 'Pay ¥28.00' }).click()
  const sheet = alice.getByRole('dialog', { name: 'WeChat Pay' })
  await expect(sheet.getByLabel('Amount')).toHaveText('¥28.00')
  for (const d of '123456') await sheet.getByRole('button', { name: d, exact: true }).click()
  await expect(alice.getByRole('dialog', { name: 'Payment Successful' })).toBeVisible()
  await alice.getByRole('button', { name: 'Done' }).click()
  await alice.getByRole('button', { name: 'Allow' }).click()
  await expect(top().getByLabel('Order status')).toHaveText('Paid · being prepared', { timeout: 15_000 })

  // the store's order names the live session; the live's statistics count it
  // (the store outlives the reset: earlier specs' orders are there too, newest first)
  const [paid] = (await (await request.get(`${merchant}/admin/orders?status=paid`, staff)).json()).orders
  expect(paid).toMatchObject({ entry: { scene: 1177, channel: 'channels' }, attribution: { firstTouchChannel: 'channels', channels: { liveId: live.liveId, videoId: null } } })
  const stats = (await (await request.get(`${merchant}/admin/channels/live`, staff)).json()).lives[0].stats
  expect(stats).toMatchObject({ viewers: 1, productTaps: 1, orders: 1, gmv: 2800 })

  // closing the mini program returns to the live room
  await alice.getByRole('button', { name: 'Close mini program' }).click()
  await expect(alice.getByRole('button', { name: 'Shopping bag' })).toBeVisible()
})

test('a Channels video Bob shares lands in Alice’s chat as a video card; its product chip opens the mini program with scene 1184 and the share chain', async ({ phones, request, baseURL }) => {
  test.setTimeout(90_000)
  const page = await phones(['alice', 'bob'])
  const merchant = merchantUrl(baseURL!)
  // the video on top of Bob's Recommended feed
  const [video] = (await (await request.get('/_sandbox/people/bob/channels/feed?tab=recommended')).json()).videos

  const bob = phone(page, 'bob')
  await bob.getByRole('tab', { name: 'Discover' }).click()
  await bob.getByRole('button', { name: 'Channels' }).click()
  await bob.getByRole('button', { name: 'Like' }).first().click()
  await expect(bob.getByRole('button', { name: 'Unlike' }).first()).toBeVisible()
  await bob.getByRole('button', { name: 'Share to chat' }).first().click()
  await bob.getByRole('button', { name: /Alice Wang/ }).click()
  await bob.getByRole('button', { name: 'Send', exact: true }).click()

  const alice = phone(page, 'alice')
  await alice.getByRole('button', { name: /Bob Li/ }).click()
  const card = alice.getByRole('button', { name: `Channels video ${video.title}` })
  await expect(card).toBeVisible()
  await card.click()
  await expect(alice.getByText(video.description)).toBeVisible({ timeout: 15_000 })
  await alice.getByRole('button', { name: /^Product / }).click()
  await expect(alice.locator('iframe').last().contentFrame().getByRole('button', { name: 'Add to cart' })).toBeVisible({ timeout: 15_000 })
  const [launched] = (await (await request.get('/_sandbox/events?type=miniprogram.launched&actor=alice')).json()).events
  expect(launched.payload).toMatchObject({ scene: 1184, firstTouchChannel: 'channels' })
  expect(launched.payload.shareChain.map((s: { person: string; action: string }) => `${s.person} ${s.action}`)).toEqual(['bob discovered', 'bob shared', 'alice opened'])
})

test('the store’s page asks wx.getChannelsLiveInfo and opens the live room with wx.openChannelsLive', async ({ phones, request, baseURL }) => {
  test.setTimeout(90_000)
  const page = await phones(['dave'])
  const merchant = merchantUrl(baseURL!)
  const { finderUserName } = (await (await request.get('/_sandbox/channels/accounts')).json()).accounts[0]
  const live = await (await request.post(`${merchant}/admin/channels/live/start`, staff)).json()

  // Dave opens the store (a launch made elsewhere: his phone follows it)
  expect((await request.post('/_sandbox/people/dave/miniprogram/launch', { data: { entry: 'search' } })).status()).toBe(201)
  const dave = phone(page, 'dave')
  const iframe = dave.locator('iframe').last()
  await expect(iframe).toBeVisible({ timeout: 15_000 })
  const frame = (await iframe.elementHandle())!.contentFrame()
  const store = (await frame)!
  await store.waitForFunction(() => 'wx' in window)

  const info = await store.evaluate((finder) => (window as any).wx.getChannelsLiveInfo({ finderUserName: finder }), finderUserName)
  expect(info).toMatchObject({ feedId: live.feedId, status: 2, nickname: 'Lumen Coffee', errMsg: 'getChannelsLiveInfo:ok' })
  const wrong = await store.evaluate(() => (window as any).wx.getChannelsLiveInfo({ finderUserName: 'sphnobody' }).catch((e: unknown) => e))
  expect(wrong.errMsg).toMatch(/^getChannelsLiveInfo:fail /)

  const opened = store.evaluate((finder) => (window as any).wx.openChannelsLive({ finderUserName: finder }), finderUserName)
  await dave.getByRole('button', { name: 'Allow' }).click()
  expect(await opened).toMatchObject({ errMsg: 'openChannelsLive:ok' })
  await expect(dave.getByRole('button', { name: 'Shopping bag' })).toBeVisible()
  await expect(dave.getByLabel('Watching')).toContainText('1 watching')
  // leaving the live room returns to the store
  await dave.getByRole('button', { name: 'Leave live' }).click()
  await expect(dave.getByRole('button', { name: 'Close mini program' })).toBeVisible()
  await expect(dave.getByRole('button', { name: 'Shopping bag' })).toHaveCount(0)
})
