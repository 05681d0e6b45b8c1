import { describe, expect, test } from 'vitest'
import { loadBrandKit } from '../merchant-demo/src/brand'
import { journeyNames, loadJourney, runJourney, SHIPPED_KITS } from './runner'

/** The journeys a shipped kit cannot run, and why (the runner lists them as not applicable). */
const NOT_APPLICABLE: Record<string, Record<string, RegExp>> = {
  stride: { 'offline-table-qr': /stores have no tables/, gifting: /no gift vouchers/ },
  blaze: { 'offline-table-qr': /stores have no tables/ },
}

/** CI: every journey runs in every shipped kit besides the café (journeys.test.ts) and matches that kit's golden trace. */
for (const file of SHIPPED_KITS.slice(1)) {
  const kit = loadBrandKit(file)
  describe(`the journey library in ${kit.name} (${kit.id})`, () => {
    for (const name of journeyNames()) {
      const skip = NOT_APPLICABLE[kit.id]?.[name]
      test(skip ? `${name} is not applicable and says why` : `${name} passes and matches its golden trace`, async () => {
        const r = await runJourney(await loadJourney(name), { kit })
        if (skip) {
          expect(r.notApplicable).toMatch(skip)
          expect(r.steps).toEqual([])
          return
        }
        expect(r.failure ?? r.golden.diff ?? '').toBe('')
        expect(r.golden.status).toBe('match')
      }, 60_000)
    }
  })
}

test('every shipped kit is run: the café in journeys.test.ts, the others here', () => {
  expect(SHIPPED_KITS.map((f) => loadBrandKit(f).id)).toEqual(['lumen', 'stride', 'blaze'])
})
