import type { Ids } from '../../shared/ids'
import { compactDate, compactTime } from './time'

// WeChat Pay's identifier shapes, drawn from the world's ids so that seeded runs repeat them.

/** `wx` + yyyyMMddHHmmss + 20 hex, e.g. wx201410272009395522657a690389285100 (string(64), valid 2 h). */
export const prepayId = (ids: Ids, now: number) => `wx${compactTime(now)}${ids.hex(20)}`

/** A Native payment link a person scans: `weixin://wxpay/bizpayurl?pr=JyC91EIz1`. */
export const codeUrl = (ids: Ids) => `weixin://wxpay/bizpayurl?pr=${ids.alnum(9)}`

/** The H5 cashier page a mobile browser is sent to. */
export const h5Url = (prepay: string, ids: Ids) =>
  `https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=${prepay}&package=${ids.digits(10)}`

/** 28 digits starting 42000, e.g. 4200002021202603021234567890. */
export const transactionId = (ids: Ids, now: number) => `42000${ids.digits(5)}${compactDate(now)}${ids.digits(10)}`

/** 29 digits starting 50, e.g. 50300207182026030200011301001. */
export const refundId = (ids: Ids, now: number) => `50${ids.digits(9)}${compactDate(now)}${ids.digits(10)}`

/** A notification id (UUID, as current notifications carry). */
export const notificationId = (ids: Ids) => ids.uuid()

/** 12 characters, the nonce of an AEAD_AES_256_GCM resource. */
export const resourceNonce = (ids: Ids) => ids.alnum(12)
