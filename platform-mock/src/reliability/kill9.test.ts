import { expect, test } from 'vitest'
import { anomalies, killTrials, NO_ANOMALIES } from './kill9'

// The quick kill -9 trials that run in `npm test`; `npm run test:reliability` runs the long ones.
// REL_SEED=<n> replays a run: every kill point, refusal and amount comes from it.
const rngSeed = Number(process.env.REL_SEED ?? Date.now() % 1_000_000)

test.each([
  { worldSeed: '7', label: 'with --seed' },
  { worldSeed: null, label: 'without a seed' },
])('kill -9 during 50 payments $label: nothing lost, paid twice, undelivered or refused with a UNIQUE error', async ({ worldSeed }) => {
  console.log(`kill -9 trials: REL_SEED=${rngSeed} (world seed ${worldSeed ?? 'none'})`)
  const figures = await killTrials({ rngSeed, trials: 1, payments: 50, kills: 2, worldSeed, log: (l) => console.log(l) })
  expect(figures.kills).toBe(2)
  expect(anomalies(figures)).toEqual(NO_ANOMALIES)
}, 120_000)
