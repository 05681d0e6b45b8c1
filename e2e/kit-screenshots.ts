/**
 * The README's pictures of each shipped world kit (docs/kit-<id>.png), from a running sandbox:
 *   STAFF_TOKEN=… npm start -- --memory --seed 1 --port 4900 &  then  npx tsx e2e/kit-screenshots.ts http://localhost:4900
 * For every kit the control API offers it switches the world (POST /_sandbox/world) and shows two
 * phones: Alice in the brand's store, opened from its Mini Programs list; Bob on a product poster's
 * page, scanned. It ends in the world it started in. (Not a test: the e2e specs check behaviour.)
 */
import { chromium } from '@playwright/test'

const base = process.argv[2] ?? 'http://localhost:4000'
const dir = process.env.SCREENSHOTS_DIR ?? 'docs'
const json = async (path: string, body?: unknown) =>
  (await fetch(base + path, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json()

const start = await json('/_sandbox/world')
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
const page = await browser.newPage({ viewport: { width: 900, height: 960 } })
for (const kit of start.worlds as { id: string; name: string }[]) {
  await json('/_sandbox/world', { kit: kit.id, seed: 1 })
  const world = await json('/_sandbox/world')
  await page.goto(`${base}/?phones=alice,bob`)
  const alice = page.getByRole('region', { name: "Alice Wang's phone" })
  const bob = page.getByRole('region', { name: "Bob Li's phone" })
  await alice.getByRole('tab', { name: 'Discover' }).click()
  await alice.getByRole('button', { name: 'Mini Programs' }).click()
  await alice.getByRole('button', { name: new RegExp(world.miniProgram.name) }).first().click()
  const product = world.posters.find((p: { kind: string }) => p.kind === 'product')
  await bob.getByRole('tab', { name: 'Discover' }).click()
  await bob.getByRole('button', { name: 'Scan' }).click()
  await bob.getByRole('button', { name: `Point at ${product.label.en}` }).click()
  await bob.frameLocator(`iframe[title="${world.miniProgram.name}"]`).getByRole('heading', { name: product.query.name }).first().waitFor({ timeout: 15_000 })
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.waitForTimeout(1500)
  await page.screenshot({ path: `${dir}/kit-${kit.id}.png` })
  console.log(`${dir}/kit-${kit.id}.png: ${kit.name}`)
}
await json('/_sandbox/world', { kit: start.kit.id, seed: 1 })
await browser.close()
