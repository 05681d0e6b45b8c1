import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Playwright specs live in e2e/ and run under Playwright, never under vitest.
    include: ['{platform-mock,merchant-demo,phone-ui,scenarios,launcher}/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'e2e/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
})
