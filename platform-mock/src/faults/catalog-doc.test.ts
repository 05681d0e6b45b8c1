import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { FAULTS_DOC, faultsDocText } from './catalog-doc'
import { FAULT_KINDS, FAULT_SURFACES } from './kinds'

test('FAULTS.md is the catalog as the platform validates it (run npm run faults:doc when this fails)', () => {
  expect(readFileSync(FAULTS_DOC, 'utf8')).toBe(faultsDocText())
})

test('the document names every surface and every kind, with its parameters', () => {
  const doc = faultsDocText()
  for (const surface of Object.keys(FAULT_SURFACES)) expect(doc).toContain(`## \`${surface}\``)
  for (const kind of FAULT_KINDS) expect(doc).toContain(`| \`${kind.fault}\` |`)
  // SLOW_ANSWER's ms is required, bounded; clock-skew's seconds has a default
  expect(doc).toMatch(/`SLOW_ANSWER` \|.*`ms` \(integer, ≥ 100, ≤ 30000, required\)/)
  expect(doc).toMatch(/`clock-skew` \|.*`seconds` \(integer, .*default `600`\)/)
})
