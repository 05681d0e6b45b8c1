import type { Platform } from '../../platform'
import { frequencyLimited, systemError } from './errors'

/** The faults the control API can inject into the merchant API. */
export const FAULT_CODES = { FREQUENCY_LIMITED: frequencyLimited, SYSTEM_ERROR: systemError } as const
export type FaultCode = keyof typeof FAULT_CODES

export interface FaultRule {
  id: number
  code: FaultCode
  /** only requests with this method (any when absent) */
  method?: string
  /** only requests whose path starts with this (any when absent) */
  path?: string
  /** how many more requests it answers */
  remaining: number
}

// Faults are a testing aid, not part of the world: they live in memory and a reset clears them.
const rules = new WeakMap<Platform, FaultRule[]>()
let nextId = 1

export function listFaults(platform: Platform): FaultRule[] {
  return rules.get(platform) ?? []
}

export function addFault(platform: Platform, rule: Omit<FaultRule, 'id'>): FaultRule {
  const list = rules.get(platform) ?? []
  if (!rules.has(platform)) {
    rules.set(platform, list)
    platform.events.onReplaced(() => void list.splice(0))
  }
  const added = { id: nextId++, ...rule }
  list.push(added)
  return added
}

export function clearFaults(platform: Platform) {
  rules.get(platform)?.splice(0)
}

/** Throws the injected error for this request, if a rule matches it (and uses one of its turns). */
export function checkFaults(platform: Platform, method: string, path: string) {
  const list = rules.get(platform)
  if (!list?.length) return
  const i = list.findIndex((r) => (!r.method || r.method === method) && (!r.path || path.startsWith(r.path)))
  if (i < 0) return
  const rule = list[i]!
  if (--rule.remaining <= 0) list.splice(i, 1)
  throw FAULT_CODES[rule.code]()
}
