import { addFault, clearFaults, fire, listFaults, type FaultRule } from '../../faults/rules'
import type { Platform } from '../../platform'
import { frequencyLimited, systemError } from './errors'

/** The API errors `/_sandbox/pay/faults` (the fault library's first form) can inject. */
export const FAULT_CODES = { FREQUENCY_LIMITED: frequencyLimited, SYSTEM_ERROR: systemError } as const
export type FaultCode = keyof typeof FAULT_CODES
const CODES = Object.keys(FAULT_CODES) as FaultCode[]

/** A rule as `/_sandbox/pay/faults` shows it: its code, method and path prefix, turns left. */
const legacyView = (r: FaultRule) => ({ id: r.id, code: r.fault as FaultCode, ...(r.method && { method: r.method }), ...(r.route && { path: r.route.replace(/\*$/, '') }), remaining: r.remaining })

/** The rules of `/_sandbox/pay/faults` still to fire: the API errors of WeChat Pay, in the fault library. */
export async function listPayApiFaults(platform: Platform) {
  const rules = await listFaults(platform)
  return rules.filter((r) => r.surface === 'pay' && CODES.includes(r.fault as FaultCode) && r.remaining !== 0).map(legacyView)
}

/** `/_sandbox/pay/faults`: a code, an optional method and path prefix, a number of turns. */
export async function addPayApiFault(platform: Platform, rule: { code: FaultCode; method?: string; path?: string; times: number }) {
  const added = await addFault(platform, { surface: 'pay', fault: rule.code, ...(rule.method && { method: rule.method }), ...(rule.path && { route: `${rule.path}*` }), times: rule.times })
  return legacyView(added)
}

export const clearPayFaults = (platform: Platform) => clearFaults(platform, 'pay')

/** Throws the injected error for this request, if a rule fires on it (using one of its turns). */
export async function checkFaults(platform: Platform, method: string, path: string, mchid: string) {
  const fired = await fire(platform, { surface: 'pay', faults: CODES, route: path, method, app: mchid })
  if (fired) throw FAULT_CODES[fired.rule.fault as FaultCode]()
}
