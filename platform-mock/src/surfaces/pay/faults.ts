import { setTimeout as sleep } from 'node:timers/promises'
import { addFault, clearFaults, fire, listFaults, type FaultRule } from '../../faults/rules'
import type { Platform } from '../../platform'
import { personByOpenid } from '../../world/people'
import { frequencyLimited, systemError } from './errors'
import { findMerchant } from './merchants'
import { findOrder } from './orders'
import { completePayment } from './payments'
import { findWallet } from './wallets'

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

/**
 * SLOW_ANSWER: when a rule fires on this request, the answer (already made: the order is placed,
 * the refund taken) is held back `ms` of real time before it is signed and sent.
 */
export async function slowAnswer(platform: Platform, method: string, path: string, mchid: string): Promise<(() => Promise<void>) | null> {
  const fired = await fire<{ ms: number }>(platform, { surface: 'pay', faults: ['SLOW_ANSWER'], route: path, method, app: mchid })
  return fired ? () => sleep(fired.params.ms) : null
}

/**
 * ORDERPAID on a close: when a rule fires as the merchant closes an unpaid order whose payer is
 * known, the payer's payment goes through just before the close (their password typed as the
 * merchant gave up), paid from 零钱 when it covers the order, else the card. The close then finds
 * the order paid and answers 400 ORDERPAID.
 */
export async function payBeforeClose(platform: Platform, mchid: string, outTradeNo: string, path: string) {
  const order = await findOrder(platform, mchid, { outTradeNo })
  if (!order || order.tradeState !== 'NOTPAY' || order.timeExpire <= platform.clock.now() || !order.payerOpenid) return
  const personId = (await personByOpenid(platform.db, order.appid, order.payerOpenid))?.personId
  const wallet = personId && (await findWallet(platform, personId))
  if (!personId || !wallet) return
  if (!(await fire(platform, { surface: 'pay', faults: ['ORDERPAID'], route: path, method: 'POST', app: mchid, person: personId }))) return
  const merchant = await findMerchant(platform, mchid)
  await completePayment(platform, order, {
    personId,
    method: wallet.balance >= order.total ? 'balance' : 'card',
    jsapi: order.tradeType === 'JSAPI',
    merchantName: merchant?.name ?? mchid,
  })
}
