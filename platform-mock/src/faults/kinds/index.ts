import { API_FAULTS } from './api'
import { KEY_FAULTS } from './keys'
import { MINIPROGRAM_FAULTS } from './miniprogram'
import { NOTIFY_FAULTS } from './notify'
import { PAY_FAULTS } from './pay'
import type { FaultKind } from './types'
import { WECOM_FAULTS } from './wecom'

export { FAULT_SURFACES, type FaultKind, type FaultSurface } from './types'

/**
 * Every fault that can be injected, surface by surface. A kind is listed here only once the
 * surface honours it: each file beside this one declares the kinds its surface implements.
 */
export const FAULT_KINDS: readonly FaultKind[] = [...API_FAULTS, ...WECOM_FAULTS, ...PAY_FAULTS, ...NOTIFY_FAULTS, ...KEY_FAULTS, ...MINIPROGRAM_FAULTS]
