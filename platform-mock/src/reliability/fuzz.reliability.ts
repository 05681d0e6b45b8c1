import { afterAll, beforeAll, expect, test } from 'vitest'
import { fuzz, fuzzWorld, type FuzzWorld } from './fuzz'

// The long fuzz (`npm run test:reliability`): several seeds, thousands of requests each, over the
// same routes as the quick one in fuzz.test.ts. FUZZ_REQUESTS and FUZZ_SEEDS change the run.
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 5000)
const SEEDS = (process.env.FUZZ_SEEDS ?? '1,7,21').split(',').map(Number)

let w: FuzzWorld
beforeAll(async () => {
  w = await fuzzWorld()
})
afterAll(() => w?.close())

test.each(SEEDS)('seed %i: malformed requests to every host answer without a 5xx, a stack trace or a change to the world', async (seed) => {
  const report = await fuzz(w, { seed, requests: REQUESTS })
  console.log(`fuzz seed ${seed}: ${report.routes} routes, ${report.requests} requests (${report.refused} refused), ${report.unexpected5xx} unexpected 5xx, ${report.stackTraces} stack traces, ${report.stateChanges} state changes`)
  expect(report.findings).toEqual([])
})
