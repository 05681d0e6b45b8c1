import { z } from 'zod'
import type { FaultKind } from './types'

/** The longest SLOW_ANSWER: the default timeout of wechatpay-go, wechatpay-python and most HTTP clients (30 s). */
export const MAX_SLOW_ANSWER_MS = 30_000

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
  {
    surface: 'pay',
    fault: 'USERPAYING',
    summary:
      'the person confirms the pay sheet but has not typed the password yet: the sheet stays open (outcome "userpaying", no wx.requestPayment callback), nothing is paid, the order stays NOTPAY ("订单未支付": USERPAYING is a 付款码 state, and the sandbox has no 付款码); the merchant polls the query, then closes it (the person\'s next try: "订单已关闭，请重新下单") or the person types it and pays',
    where: "the person's confirmation of the pay sheet (route /pay-sheet; app: the mchid, person: the payer), before the password is checked",
  },
  {
    surface: 'pay',
    fault: 'ORDERPAID',
    summary:
      'the merchant closes an unpaid order just as its payer finishes paying: the payment goes through first (零钱, or the card when 零钱 is short; TRANSACTION.SUCCESS sent), then the close answers HTTP 400 {"code":"ORDERPAID","message":"订单已支付"}',
    where: 'POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close of a NOTPAY order whose payer is known (JSAPI, or a scanned Native code); person: the payer',
  },
  {
    surface: 'pay',
    fault: 'NOTENOUGH',
    summary:
      'the person\'s 零钱 is short whatever it holds: the pay sheet says "零钱余额不足，请更换支付方式" (outcome "insufficient_balance") and offers the bank card; nothing is paid, the order stays NOTPAY',
    where: "the person's confirmation of the pay sheet with 零钱 (route /pay-sheet), after the password",
  },
  {
    surface: 'pay',
    fault: 'BANKERROR',
    summary:
      'the card\'s bank fails (银行系统异常): the pay sheet says "银行系统异常，请稍后再试或更换支付方式" (outcome "bank_error") and stays open for 零钱 or another try; nothing is paid, the order stays NOTPAY (PAYERROR is a 付款码 state)',
    where: "the person's confirmation of the pay sheet with the bank card (route /pay-sheet), after the password",
  },
  {
    surface: 'pay',
    fault: 'REFUND.ABNORMAL',
    summary:
      'the refund is made (PROCESSING) but ends ABNORMAL when it settles: the money reaches neither the card nor 零钱, REFUND.ABNORMAL is notified and the refund query says "status":"ABNORMAL"; the merchant must refund another way',
    where: 'POST /v3/refund/domestic/refunds (the rule is drawn when the refund is made; it settles on the clock as usual: 1 minute for 零钱, a day for a card)',
  },
  {
    surface: 'pay',
    fault: 'REFUND.CLOSED',
    summary:
      'the refund is made (PROCESSING) but ends CLOSED when it settles: the money goes back to the merchant, REFUND.CLOSED is notified, the query says "status":"CLOSED", and the amount may be refunded again',
    where: 'POST /v3/refund/domestic/refunds (drawn when the refund is made, settled on the clock)',
  },
  {
    surface: 'pay',
    fault: 'SLOW_ANSWER',
    summary:
      'the call succeeds (the order is placed, the refund made) but its signed answer is held back `ms` of real time (up to 30 s), past the client\'s timeout: the merchant must query, or repeat the call with the same out_trade_no / out_refund_no, to learn what happened',
    where: 'any authenticated /v3 call, after it has been carried out',
    params: z.object({ ms: z.number().int().min(100).max(MAX_SLOW_ANSWER_MS) }).strict(),
  },
]
