/**
 * Looks at a strategy lab report in headless Chromium: full-page screenshots at 1280×720 and
 * 1920×1080, once every chart has drawn (the page sets `body.dataset.ready`). Any request leaving
 * the file, page error or console error fails the run. A second load serves the file under the
 * sandbox's CSP to prove it needs nothing the policy forbids.
 *   npx tsx scenarios/lab/report-screenshot.ts <report.html> <out-dir>
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Page } from '@playwright/test'

const csp = [
  'sandbox allow-scripts',
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  'img-src data:',
].join('; ')

// This machine has no CJK system font: lend the page phone-ui's subset of WenQuanYi Micro Hei (the
// last name of the report's font stack), as an installed font would be, so 流明 is not tofu.
const cjkFont = join(import.meta.dirname, '../../phone-ui/public/fonts/wx-cjk.woff2')
const lendFont = existsSync(cjkFont)
  ? `(() => {
      const base64 = '${readFileSync(cjkFont).toString('base64')}'
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const face = new FontFace('WenQuanYi Micro Hei', bytes)
      document.fonts.add(face)
      face.load()
    })()`
  : ''

async function watch(page: Page, problems: string[], allowed: (url: string) => boolean) {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`))
  await page.route('**/*', (route) => {
    const url = route.request().url()
    if (allowed(url)) return route.fallback()
    problems.push(`request: ${url}`)
    return route.abort()
  })
}

/** Every chart has drawn (the page's own signal, set once echarts reported each one finished). */
const drawn = (page: Page) =>
  page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 30_000 })

async function main() {
  const [file, outDir = '/tmp/lab-shots'] = process.argv.slice(2)
  if (!file) throw new Error('usage: report-screenshot.ts <report.html> <out-dir>')
  const url = pathToFileURL(resolve(file)).href
  mkdirSync(outDir, { recursive: true })
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  const problems: string[] = []
  try {
    for (const [width, height] of [[1280, 720], [1920, 1080]]) {
      // Not China: the page must put its dates in China time by itself.
      const context = await browser.newContext({ viewport: { width, height }, timezoneId: 'Europe/London' })
      if (lendFont) await context.addInitScript(lendFont)
      const page = await context.newPage()
      await watch(page, problems, (u) => u === url)
      await page.goto(url)
      await drawn(page)
      // The report draws no images: one here would be a name that became markup.
      const images = await page.locator('img').count()
      if (images) problems.push(`${width}×${height}: ${images} <img> element(s) in the page`)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)
      if (overflow > 0) problems.push(`${width}×${height}: ${overflow}px of horizontal scroll`)
      const path = join(outDir, `lab-report-${width}.png`)
      await page.screenshot({ path, fullPage: true })
      console.log(path)
      // the README's pictures: the first two screens (header, summary), and the sharing section
      const tall = await page.evaluate(() => document.documentElement.scrollHeight)
      const top = join(outDir, `lab-report-${width}-top.png`)
      await page.screenshot({ path: top, clip: { x: 0, y: 0, width, height: Math.min(tall, height * 2) } })
      const sharing = join(outDir, `lab-report-${width}-sharing.png`)
      // the sticky section links would sit over the section in a picture of it
      await page.addStyleTag({ content: 'nav { position: static !important }' })
      await page.locator('#sharing').screenshot({ path: sharing })
      console.log(top, sharing)
      await context.close()
    }

    // The sandbox serves the report with its CSP; violations show up as console errors.
    const served = 'http://report.sandbox.test/report.html'
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
    const page = await context.newPage()
    await watch(page, problems, (u) => u === served)
    await page.route(served, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-security-policy': csp },
        body: readFileSync(file),
      }),
    )
    await page.goto(served)
    await drawn(page)
    console.log(`under the sandbox CSP: ${await page.locator('canvas').count()} canvases drawn`)
    await context.close()
  } finally {
    await browser.close()
  }
  if (problems.length) {
    console.error(problems.join('\n'))
    process.exitCode = 1
  }
}

await main()
