import { isDeepStrictEqual, inspect } from 'node:util'
import type { Brand } from './actors/brand'
import type { Operator, Clock, EventLog, Faults } from './actors/operator'
import type { Person } from './actors/person'
import type { BrandKit } from '../merchant-demo/src/brand'
import type { World } from '../platform-mock/src/world/world'
import type { Roles } from './roles'

/** The cast a journey may use; each person acts through their own phone. */
export const CAST = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'henry'] as const
export type CastName = (typeof CAST)[number]

/** A step's check that did not hold: the runner reports it under the step's caption. */
export class CheckFailed extends Error {}

/** Assertions written as what someone sees or what was recorded. */
export interface Check {
  /** `what` equals `expected` (deeply) */
  equal<T>(actual: T, expected: T, what: string): void
  /** every field named in `expected` has that value in `actual` (deeply, arrays by position) */
  like(actual: unknown, expected: unknown, what: string): void
  /** something true, described */
  that(ok: boolean, what: string): void
}

export interface JourneyContext extends Record<CastName, Person> {
  brand: Brand
  /** the world kit this run is in, and the platform's side of it */
  kit: BrandKit
  world: World
  /** the kit's products by the part they play, and its names and rules (roles.ts) */
  roles: Roles
  operator: Operator
  clock: Clock
  events: EventLog
  /** the journey's fault rules (the control API's /_sandbox/faults): removed when the journey ends */
  faults: Faults
  /** one narrated step: the caption is what a trainer says; the body acts and checks */
  step<T>(caption: string, body: () => Promise<T>): Promise<T>
  check: Check
}

export interface Journey {
  title: string
  /** the file name without .ts: what `npm run scenario -- <name>` takes */
  name: string
  run(ctx: JourneyContext): Promise<void>
  /** why the journey does not apply to a kit (e.g. no gift vouchers), or null when it does */
  notApplicable?: (kit: BrandKit, roles: Roles) => string | null
}

/** A journey as code: a title and the steps, written against the actors. */
export function journey(title: string, run: (ctx: JourneyContext) => Promise<void>, opts: { notApplicable?: Journey['notApplicable'] } = {}): Omit<Journey, 'name'> {
  return { title, run, ...opts }
}

/** The people a journey names in its parameters (`async ({ alice, bob, brand }) => …`), in that order. */
export function castOf(run: (...args: never[]) => unknown, cast: readonly string[]): string[] {
  const params = /^\s*(?:async\s*)?(?:function\s*)?\(\s*\{([^}]*)\}/.exec(run.toString())?.[1] ?? ''
  return params.split(',').map((p) => p.trim().split(/[\s:=]/)[0]).filter((p) => cast.includes(p))
}

export const check: Check = {
  equal(actual, expected, what) {
    if (!isDeepStrictEqual(actual, expected)) throw new CheckFailed(`${what}: expected ${show(expected)}, got ${show(actual)}`)
  },
  like(actual, expected, what) {
    const miss = mismatch(actual, expected, '')
    if (miss) throw new CheckFailed(`${what}: ${miss}`)
  },
  that(ok, what) {
    if (!ok) throw new CheckFailed(`${what}: not so`)
  },
}

function mismatch(actual: unknown, expected: unknown, path: string): string | null {
  if (expected instanceof RegExp) return typeof actual === 'string' && expected.test(actual) ? null : `${path || 'value'} ${show(actual)} does not match ${expected}`
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return `${path || 'value'} is ${show(actual)}, expected ${show(expected)}`
    for (const [k, v] of Object.entries(expected)) {
      const miss = mismatch((actual as Record<string, unknown>)[k], v, path ? `${path}.${k}` : k)
      if (miss) return miss
    }
    return null
  }
  return isDeepStrictEqual(actual, expected) ? null : `${path || 'value'} is ${show(actual)}, expected ${show(expected)}`
}

const show = (v: unknown) => inspect(v, { depth: 4, breakLength: Infinity })
