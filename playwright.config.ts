import { defineConfig } from '@playwright/test'
import { randomBytes } from 'node:crypto'

const PORT = Number(process.env.E2E_PORT ?? 4700)
// the demo store's staff credential (/admin/*): chosen here, given to the sandbox below, and read by
// the specs (e2e/staff.ts) from the same variable, which the test workers inherit
process.env.STAFF_TOKEN ||= randomBytes(24).toString('base64url')

/** Playwright drives Debian's Chromium (no browser download here) against a throwaway sandbox. */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    viewport: { width: 1000, height: 960 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // the page scales its phones with a CSS transform to fit the viewport; Playwright misplaces clicks
      // inside a scaled frame when Chromium gives the frame a process of its own (as it does for
      // sandboxed frames: the mini program's pages, the article reader), so the frames stay in-process
      // here (the sandbox attribute still applies: opaque origin, no same-origin access)
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-features=IsolateSandboxedIframes'],
    },
  },
  webServer: {
    command: `node node_modules/tsx/dist/cli.mjs launcher/cli.ts --memory --seed 1 --port ${PORT} --lab-dir e2e/fixtures/lab`,
    env: { STAFF_TOKEN: process.env.STAFF_TOKEN },
    url: `http://localhost:${PORT}/_sandbox/health`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
})
