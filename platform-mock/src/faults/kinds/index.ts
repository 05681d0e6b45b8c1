import { PAY_FAULTS } from './pay'
import type { FaultKind } from './types'

export { FAULT_SURFACES, type FaultKind, type FaultSurface } from './types'

/**
 * Every fault that can be injected, surface by surface. A kind is listed here only once the
 * surface honours it: each file beside this one declares the kinds its surface implements.
 */
export const FAULT_KINDS: readonly FaultKind[] = [...PAY_FAULTS]
