import { afterAll, beforeAll, expect, test } from 'vitest'
import { fuzz, fuzzWorld, type FuzzWorld } from './fuzz'

let w: FuzzWorld
beforeAll(async () => {
  w = await fuzzWorld()
}, 60_000)
afterAll(() => w?.close())

test('malformed requests to every host answer without a 5xx, a stack trace or a change to the world', async () => {
  const report = await fuzz(w, { seed: 13, requests: 600 })
  expect(report.routes).toBeGreaterThanOrEqual(40)
  expect(Object.keys(report.byHost).sort()).toEqual(['control', 'miniprogram', 'mp', 'oa', 'pay', 'store', 'wecom'])
  expect(report.findings).toEqual([])
  expect({ unexpected5xx: report.unexpected5xx, stackTraces: report.stackTraces, stateChanges: report.stateChanges }).toEqual({ unexpected5xx: 0, stackTraces: 0, stateChanges: 0 })
}, 180_000)
