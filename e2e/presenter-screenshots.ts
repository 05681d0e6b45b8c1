/**
 * The README's projector screenshots, docs/presenter-1280x720.png and docs/presenter-1920x1080.png,
 * from a running sandbox: two phones mid-journey (Alice's chat with the card she shared, Bob's order
 * page after paying) beside the presenter with the funnel, the timeline and Bob's order's chain.
 *   export STAFF_TOKEN=$(openssl rand -hex 16)
 *   npm start -- --memory --seed 1 --port 4900 &  then  npx tsx e2e/presenter-screenshots.ts http://localhost:4900
 * (SCREENSHOTS_DIR=/tmp/shots writes them elsewhere; not a test: e2e/presenter-attribution.spec.ts checks the chain.)
 */
import { chromium, type Locator } from '@playwright/test'
import { staff } from './staff'

const base = process.argv[2] ?? 'http://localhost:4000'
const merchantUrl = base.replace(/:(\d+)$/, (_, port) => `:${Number(port) + 100}`)
const dir = process.env.SCREENSHOTS_DIR ?? 'docs'

// a fresh world, once the demo store has set itself up in it again
const watch = () => fetch(`${merchantUrl}/admin/sandbox-watch`, staff).then((r) => r.json() as Promise<{ watching: boolean; replays: number; busy: boolean }>, () => undefined)
const before = await watch()
await fetch(`${base}/_sandbox/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ seed: 1 }) })
for (let i = 0; before?.watching && i < 100; i++) {
  const now = await watch()
  if (now && now.replays > before.replays && !now.busy) break
  await new Promise((r) => setTimeout(r, 100))
}
const code = Buffer.from(await (await fetch(`${merchantUrl}/admin/tables/5/code.png`, staff)).arrayBuffer())

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-features=IsolateSandboxedIframes'] }) // see playwright.config.ts
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
const phone = (name: string): Locator => page.getByRole('region', { name: `${name}'s phone` })
await page.goto(`${base}/?phones=alice,bob&presenter=1`)
await page.waitForTimeout(800)

// Alice scans table 5's code and sends the menu to Bob
const alice = phone('Alice Wang')
await alice.getByRole('tab', { name: 'Discover' }).click()
await alice.getByRole('button', { name: 'Scan' }).click()
await alice.getByLabel('Album').setInputFiles({ name: 'table-5.png', mimeType: 'image/png', buffer: code })
const aliceTop = () => alice.locator('iframe').last().contentFrame()
await aliceTop().getByRole('status').filter({ hasText: /Table 5/ }).waitFor({ timeout: 15_000 })
await alice.getByRole('button', { name: 'More' }).click()
await alice.getByRole('menuitem', { name: 'Send to Chat' }).click()
await alice.getByRole('button', { name: 'Send to Bob Li' }).click()
await alice.getByRole('button', { name: 'Send', exact: true }).click()

const say = (from: string, to: string, text: string) => fetch(`${base}/_sandbox/people/${from}/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ to, type: 'text', text }) })
await say('alice', 'bob', 'Table 5, the oolong milk tea is great — order one on the way?')
await say('bob', 'alice', 'On it!')

// Bob opens it from the chat and pays for an oolong milk tea; his order page stays up
const bob = phone('Bob Li')
await bob.getByRole('button', { name: /Alice Wang/ }).click()
await bob.getByRole('button', { name: /Mini Program: Order at Lumen Coffee/ }).click()
const bobTop = () => bob.locator('iframe').last().contentFrame()
await bobTop().getByRole('tab', { name: 'Tea' }).or(bobTop().getByRole('button', { name: 'Tea' })).click()
await bobTop().getByRole('button', { name: 'Oolong Milk Tea ¥26.00' }).click()
await bobTop().getByRole('button', { name: 'Add to cart' }).click()
await bobTop().getByRole('button', { name: 'Checkout' }).click()
await bobTop().getByRole('button', { name: 'Pay ¥26.00' }).click()
const sheet = bob.getByRole('dialog', { name: 'WeChat Pay' })
for (const d of '123456') await sheet.getByRole('button', { name: d, exact: true }).click()
await bob.getByRole('button', { name: 'Done' }).click()
await bob.getByRole('button', { name: 'Allow' }).click()
await bobTop().getByLabel('Order status').filter({ hasText: 'Paid' }).waitFor()

// Alice closes the mini program and looks at her chat with Bob: the card she shared
await alice.getByRole('button', { name: 'Close' }).click()
await alice.getByRole('tab', { name: 'Chats' }).click()
await alice.getByRole('button', { name: /Bob Li/ }).click()

// the presenter draws Bob's order's chain
await page.getByRole('region', { name: 'Event timeline' }).getByText('Bob Li paid ¥26.00').click()
await page.getByRole('list', { name: 'Attribution chain' }).getByRole('listitem').nth(3).waitFor()
await page.waitForTimeout(800)
await page.screenshot({ path: `${dir}/presenter-1280x720.png` })
await page.setViewportSize({ width: 1920, height: 1080 })
await page.waitForTimeout(1000)
await page.screenshot({ path: `${dir}/presenter-1920x1080.png` })
await browser.close()
