import type { FaultKind } from './types'

/** api.mch.weixin.qq.com: what WeChat Pay's APIs v3 answer instead of the real result. */
export const PAY_FAULTS: FaultKind[] = [
  {
    surface: 'pay',
    fault: 'SYSTEM_ERROR',
    summary: 'HTTP 500 {"code":"SYSTEM_ERROR","message":"系统错误"}, signed; nothing changes, the merchant retries with the same out_trade_no',
    where: 'any authenticated /v3 call (after the signature is checked)',
  },
  {
    surface: 'pay',
    fault: 'FREQUENCY_LIMITED',
    summary: 'HTTP 429 {"code":"FREQUENCY_LIMITED","message":"请求频率超限，请降低请求接口频率"}, signed; nothing changes',
    where: 'any authenticated /v3 call (after the signature is checked)',
  },
]
