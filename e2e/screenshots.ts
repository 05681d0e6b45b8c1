/**
 * Regenerates the screenshots in docs/ from a running sandbox:
 *   export STAFF_TOKEN=$(openssl rand -hex 16)   (the demo store's staff credential, for its /admin calls)
 *   npm start -- --memory --seed 1 --port 4900 &  then  npx tsx e2e/screenshots.ts http://localhost:4900
 * (SCREENSHOTS_DIR=/tmp/shots writes them elsewhere, to compare before replacing docs/)
 * (not a test: the e2e specs check behaviour; this only shows it.)
 */
import { chromium, type Locator } from '@playwright/test'
import { startSampleMerchant } from './sample-merchant'
import { staff } from './staff'

const base = process.argv[2] ?? 'http://localhost:4000'
const post = (path: string, data: unknown) => fetch(base + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(data) })

// the demo store (port + 100) sets itself up again after a reset and publishes its pages to the
// mini program: wait for that, then point the mini program at the platform's bundled sample pages
const merchantUrl = base.replace(/:(\d+)$/, (_, port) => `:${Number(port) + 100}`)
const watch = () => fetch(`${merchantUrl}/admin/sandbox-watch`, staff).then((r) => r.json() as Promise<{ watching: boolean; replays: number; busy: boolean }>, () => undefined)
const before = await watch()
await post('/_sandbox/reset', { seed: 1 })
for (let i = 0; before?.watching && i < 100; i++) {
  const now = await watch()
  if (now && now.replays > before.replays && !now.busy) break
  await new Promise((r) => setTimeout(r, 100))
}
const { appid } = (await (await fetch(`${base}/_sandbox/credentials`)).json()).miniProgram
await fetch(`${base}/_sandbox/miniprogram/apps/${appid}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ pagesUrl: `${base}/sample-mp` }) })
const merchant = await startSampleMerchant(base)
const card = { appid: merchant.appid, title: 'Sample Store — oat latte week', path: `pages/index/index?merchant=${merchant.url}` }
await post('/_sandbox/people/bob/messages', { to: 'alice', type: 'text', text: 'Have you tried the oat latte at Lumen?' })
await post('/_sandbox/people/alice/messages', { to: 'bob', type: 'text', text: 'Not yet! Send me the link?' })
await post('/_sandbox/people/bob/messages', { to: 'alice', type: 'miniprogram', miniprogram: card })
await post('/_sandbox/people/carol/messages', { to: 'brunch-club', type: 'text', text: 'Brunch on Sunday at 11?' })

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-features=IsolateSandboxedIframes'] }) // see playwright.config.ts
const page = await browser.newPage({ viewport: { width: 900, height: 960 } })
const dir = process.env.SCREENSHOTS_DIR ?? 'docs'
const shot = (name: string) => page.screenshot({ path: `${dir}/${name}.png` })
const phone = (name: string): Locator => page.getByRole('region', { name: `${name}'s phone` })

await page.goto(`${base}/?phones=alice,bob`)
await page.waitForTimeout(800)
await shot('phones-chats')

const alice = phone('Alice Wang')
await alice.getByRole('button', { name: /Bob Li/ }).click()
await page.waitForTimeout(400)
await phone('Bob Li').getByRole('tab', { name: 'Me' }).click()
await shot('conversation-and-me')

await alice.getByRole('button', { name: /Mini Program: Sample Store/ }).click()
await page.waitForTimeout(1200)
await alice.frameLocator('iframe[title="Lumen Coffee Store"]').getByRole('button', { name: /Buy a latte/ }).click()
await page.waitForTimeout(600)
const bob = phone('Bob Li')
await bob.getByRole('tab', { name: 'Discover' }).click()
await bob.getByRole('button', { name: 'Scan' }).click()
await page.waitForTimeout(800)
await shot('mini-program-pay-sheet-and-scanner')

await page.goto(`${base}/?phones=carol&lang=zh`)
await page.waitForTimeout(800)
await shot('chinese')

// the demo store (its pages published again, over the sample's) and the Official Account
const published = await fetch(`${merchantUrl}/admin/publish`, { ...staff, method: 'POST' }).then((r) => r.ok, () => false)
if (published) {
  await page.goto(`${base}/?phones=alice,grace`)
  await page.waitForTimeout(800)
  const a = phone('Alice Wang')
  await a.getByRole('tab', { name: 'Discover' }).click()
  await a.getByRole('button', { name: 'Mini Programs' }).click()
  await a.getByRole('button', { name: /Open Lumen/ }).click()
  const g = phone('Grace Sun')
  await g.getByRole('tab', { name: 'Contacts' }).click()
  await g.getByRole('button', { name: 'Official Accounts' }).click()
  await page.waitForTimeout(2500)
  await shot('store-and-official-account')

  // Channels: the brand posts its videos and goes live; Alice's feed, Bob in the live room
  await fetch(`${merchantUrl}/admin/channels/publish`, { ...staff, method: 'POST' })
  const live = await fetch(`${merchantUrl}/admin/channels/live/start`, { ...staff, method: 'POST' }).then((r) => r.json())
  const feed = await fetch(`${base}/_sandbox/people/bob/channels/feed`).then((r) => r.json())
  await post(`/_sandbox/people/carol/channels/videos/${feed.videos[0].feedId}/like`, {})
  for (const viewer of ['carol', 'dave']) await post(`/_sandbox/people/${viewer}/channels/lives/${live.liveId}/join`, {})
  await page.goto(`${base}/?phones=alice,bob`)
  await page.waitForTimeout(800)
  for (const name of ['Alice Wang', 'Bob Li']) {
    await phone(name).getByRole('tab', { name: 'Discover' }).click()
    await phone(name).getByRole('button', { name: 'Channels' }).click()
  }
  await phone('Bob Li').getByRole('button', { name: /Lumen Coffee profile/ }).first().click()
  await page.waitForTimeout(800)
  await post(`/_sandbox/people/dave/channels/lives/${live.liveId}/products/latte/tap`, {})
  await page.waitForTimeout(1500)
  await shot('channels-feed-and-live')
  await post(`/_sandbox/people/bob/messages`, { to: 'alice', type: 'channels_video', channelsVideo: { feedId: feed.videos[0].feedId } })
  await phone('Alice Wang').getByRole('button', { name: 'Back' }).first().click()
  await phone('Alice Wang').getByRole('tab', { name: 'Chats' }).click()
  await phone('Alice Wang').getByRole('button', { name: /Bob Li/ }).click()
  await phone('Bob Li').getByRole('button', { name: 'Shopping bag' }).click()
  await page.waitForTimeout(1200)
  await shot('channels-card-and-shelf')
}

await browser.close()
await merchant.close()
