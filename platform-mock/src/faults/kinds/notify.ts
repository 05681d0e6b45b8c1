import { z } from 'zod'
import { parseDuration } from '../../shared/clock'
import type { FaultKind } from './types'

/** A virtual-clock duration as the clock API takes it: '90s', '10m', '1h30m'. */
export const Duration = (what: string, max = 7 * 86_400_000) =>
  z.string().refine((s) => {
    const ms = parseDuration(s)
    return ms !== null && ms > 0 && ms <= max
  }, `${what}: a duration such as '90s', '10m' or '1h30m', at most ${max / 86_400_000} days`)

const WHERE = 'each notification as WeChat Pay creates it; `route` is `/` and its event_type (`/TRANSACTION.SUCCESS`, `/REFUND.*`), `app` the mchid, `person` the payer'

/**
 * WeChat Pay notifications (支付通知 / 退款结果通知) the platform delivers to notify_url. Each is
 * decided when the notification is created, and what it does is a delivery job written in the same
 * batch as the payment or refund, so a crash never loses it.
 */
export const NOTIFY_FAULTS: FaultKind[] = [
  {
    surface: 'pay-notify',
    fault: 'drop',
    summary:
      'the notification is never sent and never retried (WeChat documents that a notification may not arrive): the merchant learns of the payment or refund only by querying it; the control API shows it `dropped`',
    where: WHERE,
  },
  {
    surface: 'pay-notify',
    fault: 'duplicate',
    summary:
      'the same notification (the same id, freshly signed) arrives `copies` more times: at the same moment and concurrently with the first, or `after` a while; the copies leave the retry ladder alone',
    where: WHERE,
    params: z
      .object({
        copies: z.number().int().min(1).max(5).default(1),
        after: Duration('after').optional(),
      })
      .strict(),
  },
  {
    surface: 'pay-notify',
    fault: 'delay',
    summary: 'the first attempt is made `by` later on the virtual clock (the retry ladder starts from there)',
    where: WHERE,
    params: z.object({ by: Duration('by') }).strict(),
  },
  {
    surface: 'pay-notify',
    fault: 'reorder',
    summary:
      "the payment's TRANSACTION.SUCCESS is held back until the order's next notification (its refund's) has been delivered, and arrives right after it; if none comes within `hold`, it arrives then",
    where: 'TRANSACTION.SUCCESS notifications (`route` `/TRANSACTION.SUCCESS`), `app` the mchid, `person` the payer',
    params: z.object({ hold: Duration('hold').default('1h') }).strict(),
  },
]
