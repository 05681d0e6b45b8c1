import { describe, expect, test } from 'vitest'
import { journeyNames, loadJourney, runJourney } from './runner'

/** CI: every journey in the library passes headless with seed 1 and matches its golden trace. */
describe('the journey library', () => {
  for (const name of journeyNames()) {
    test(`${name} passes and matches its golden trace`, async () => {
      const r = await runJourney(await loadJourney(name))
      expect(r.failure ?? r.golden.diff ?? '').toBe('')
      expect(r.golden.status).toBe('match')
    }, 60_000)
  }
})
