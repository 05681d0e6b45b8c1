import type { Platform } from '../../platform'
import { expireOrder, EXPIRE_JOB } from './orders'
import { NOTIFY_JOB, onDeliveryDue } from './notifications'
import { onSettleDue, SETTLE_JOB } from './refunds'

/** Registers the pay surface's scheduled work on a platform: order expiry, refund settlement, notification deliveries and retries. */
export function registerPayJobs(platform: Platform) {
  platform.scheduler.handle(EXPIRE_JOB, (payload) => expireOrder(platform, payload))
  platform.scheduler.handle(SETTLE_JOB, (payload) => onSettleDue(platform, payload))
  platform.scheduler.handle(NOTIFY_JOB, (payload) => onDeliveryDue(platform, payload))
}
