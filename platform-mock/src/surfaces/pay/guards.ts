import type { BatchItem } from 'drizzle-orm/batch'
import type { Db } from '../../shared/db'
import { sandboxJobs } from '../../sandbox/schema'

// Writes that belong together go in one db.batch (one transaction). Invariants that a concurrent
// writer could break between our read and our batch are enforced inside the database instead:
// triggers (migration 00xx_pay_guards) abort the whole batch with `PAY_GUARD:<name>`, and unique
// indexes refuse a second payment, order or refund. The caller maps the failure to WeChat's error.

export type Guard = 'WALLET_NOT_ENOUGH' | 'MERCHANT_NOT_ENOUGH' | 'ORDER_STATE' | 'REFUND_EXCEEDS' | 'REFUND_STATE'

function messages(err: unknown): string {
  const parts: string[] = []
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if (e instanceof Error) parts.push(e.message)
    e = (e as { cause?: unknown }).cause
  }
  return parts.join('\n')
}

/** Which guard aborted a batch, if one did. */
export function guardOf(err: unknown): Guard | undefined {
  return /PAY_GUARD:([A-Z_]+)/.exec(messages(err))?.[1] as Guard | undefined
}

/** Whether a batch failed on a unique index over `column` (e.g. `pay_orders.out_trade_no`). */
export function isUniqueViolation(err: unknown, column: string) {
  const text = messages(err)
  return text.includes('UNIQUE constraint failed') && text.includes(column)
}

/** Runs a batch of one or more statements; answers each statement's result, in order. */
export async function runBatch(db: Db, queries: BatchItem<'sqlite'>[]): Promise<unknown[]> {
  const [first, ...rest] = queries
  if (!first) return []
  return db.batch([first, ...rest])
}

/**
 * A scheduler job as a statement, so it commits (or not) with the writes that call for it. The
 * kinds are registered by `registerPayJobs` on every platform.
 */
export function jobQuery(db: Db, kind: string, dueAt: number, payload: Record<string, unknown>) {
  return db.insert(sandboxJobs).values({ kind, dueAt, payload })
}
