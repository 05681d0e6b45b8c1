import { expect, test } from 'vitest'
import { anomalies, killTrials, NO_ANOMALIES } from './kill9'

// `npm run test:reliability`: the long kill -9 trials (REL_TRIALS × REL_PAYMENTS payments, with
// REL_KILLS SIGKILLs each), with and without --seed. REL_SEED=<n> replays a run.
const rngSeed = Number(process.env.REL_SEED ?? Date.now() % 1_000_000)
const trials = Number(process.env.REL_TRIALS ?? 10)
const payments = Number(process.env.REL_PAYMENTS ?? 500)
const kills = Number(process.env.REL_KILLS ?? 4)

test.each([
  { worldSeed: '7', label: 'with --seed' },
  { worldSeed: null, label: 'without a seed' },
])(`kill -9 during ${trials} × ${payments} payments $label: nothing lost, paid twice, undelivered or refused`, async ({ worldSeed }) => {
  console.log(`kill -9 trials: REL_SEED=${rngSeed} (world seed ${worldSeed ?? 'none'})`)
  const figures = await killTrials({ rngSeed, trials, payments, kills, worldSeed, log: (l) => console.log(l) })
  const { each: _, ...sum } = figures
  console.log(`kill -9 figures (${worldSeed === null ? 'no seed' : `--seed ${worldSeed}`}): ${JSON.stringify(sum)}`)
  expect(figures.kills).toBe(trials * kills)
  expect(anomalies(figures)).toEqual(NO_ANOMALIES)
}, 3_600_000)
