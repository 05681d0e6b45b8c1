import { defineConfig } from 'vitest/config'

// `npm run test:reliability`: the long reliability suites, `*.reliability.ts` beside what they
// try. vitest's default include (`*.test.ts`) never picks them up; their quick versions run in
// `npm test`.
export default defineConfig({
  test: {
    include: ['{platform-mock,merchant-demo,phone-ui,scenarios}/**/*.reliability.ts'],
    exclude: ['**/node_modules/**', 'e2e/**'],
    testTimeout: 3_600_000,
    hookTimeout: 120_000,
    // one suite at a time: each starts and kills real processes
    fileParallelism: false,
  },
})
