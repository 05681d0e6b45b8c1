import { z } from 'zod'
import { parseRfc3339 } from './time'

// WeChat Pay v3 request and response bodies, with WeChat's field names. Limits such as string(127)
// count UTF-8 bytes; only 1–3-byte UTF-8 characters are accepted (no emoji).

const SURROGATE = /[\uD800-\uDFFF]/

/** A WeChat Pay string field: byte-length limits and no 4-byte UTF-8 characters. */
const str = (max: number, min = 1) =>
  z
    .string()
    .refine((s) => !SURROGATE.test(s), '不支持4字节的UTF-8字符（如emoji）')
    .refine((s) => Buffer.byteLength(s) >= min, `长度不能小于${min}`)
    .refine((s) => Buffer.byteLength(s) <= max, `长度不能超过${max}字节`)

/** Fen: a positive integer. */
const fen = z.number().int().positive().max(2_147_483_647)

const notifyUrl = str(255).refine((s) => {
  try {
    const url = new URL(s)
    return (url.protocol === 'https:' || url.protocol === 'http:') && !s.includes('?')
  } catch {
    return false
  }
}, 'notify_url必须是完整的http(s)地址，且不能携带参数')

const time = z.string().refine((s) => !Number.isNaN(parseRfc3339(s)), '时间格式应为RFC3339，如2018-06-08T10:34:56+08:00')

export const GoodsDetail = z.object({
  merchant_goods_id: str(32),
  wechatpay_goods_id: str(32).optional(),
  goods_name: str(256).optional(),
  quantity: z.number().int().positive(),
  unit_price: z.number().int().nonnegative(),
})

export const StoreInfo = z.object({
  id: str(32),
  name: str(256).optional(),
  area_code: str(32).optional(),
  address: str(512).optional(),
})

export const H5Info = z.object({
  type: str(32),
  app_name: str(64).optional(),
  app_url: str(128).optional(),
  bundle_id: str(128).optional(),
  package_name: str(128).optional(),
})

export const SceneInfo = z.object({
  payer_client_ip: str(45),
  device_id: str(32).optional(),
  store_info: StoreInfo.optional(),
})

const OrderFields = {
  appid: str(32),
  mchid: str(32),
  description: str(127),
  out_trade_no: z.string().regex(/^[0-9A-Za-z_\-*]{6,32}$/, '商户订单号为6-32位数字、大小写字母或_-*'),
  time_expire: time.optional(),
  attach: str(128, 0).optional(),
  notify_url: notifyUrl,
  goods_tag: str(32).optional(),
  limit_pay: z.array(z.enum(['no_balance', 'no_credit', 'no_debit', 'balance_only'])).optional(),
  support_fapiao: z.boolean().optional(),
  amount: z.object({ total: fen, currency: z.literal('CNY').optional() }),
  detail: z
    .object({
      cost_price: z.number().int().nonnegative().optional(),
      invoice_id: str(32).optional(),
      goods_detail: z.array(GoodsDetail).min(1).max(6000).optional(),
    })
    .optional(),
  scene_info: SceneInfo.optional(),
  settle_info: z.object({ profit_sharing: z.boolean().optional() }).optional(),
}

/** JSAPI下单 (JSAPI and mini program): `POST /v3/pay/transactions/jsapi`. */
export const JsapiOrder = z.object({ ...OrderFields, payer: z.object({ openid: str(128) }) })
/** Native下单: `POST /v3/pay/transactions/native`. */
export const NativeOrder = z.object(OrderFields)
/** APP下单: `POST /v3/pay/transactions/app`. */
export const AppOrder = z.object(OrderFields)
/** H5下单: `POST /v3/pay/transactions/h5` (scene_info with h5_info is required). */
export const H5Order = z.object({ ...OrderFields, scene_info: SceneInfo.extend({ h5_info: H5Info }) })

export type JsapiOrder = z.infer<typeof JsapiOrder>
export type NativeOrder = z.infer<typeof NativeOrder>
export type AppOrder = z.infer<typeof AppOrder>
export type H5Order = z.infer<typeof H5Order>
export type OrderRequest = JsapiOrder | NativeOrder | AppOrder | H5Order

/** 关闭订单: `POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close`. */
export const CloseOrder = z.object({ mchid: str(32).optional() })

/** 退款申请: `POST /v3/refund/domestic/refunds`. */
export const RefundRequest = z
  .object({
    transaction_id: str(32).optional(),
    out_trade_no: str(32, 6).optional(),
    out_refund_no: z.string().regex(/^[0-9A-Za-z_\-|*@]{1,64}$/, '商户退款单号为1-64位数字、大小写字母或_-|*@'),
    reason: str(80, 0).optional(),
    notify_url: notifyUrl.optional(),
    funds_account: z.literal('AVAILABLE').optional(),
    amount: z.object({
      refund: fen,
      total: fen,
      currency: z.literal('CNY'),
      from: z
        .array(z.object({ account: z.enum(['AVAILABLE', 'UNAVAILABLE']), amount: fen }))
        .max(2)
        .optional(),
    }),
    goods_detail: z
      .array(
        z.object({
          merchant_goods_id: str(32),
          wechatpay_goods_id: str(32).optional(),
          goods_name: str(256).optional(),
          unit_price: z.number().int().nonnegative(),
          refund_amount: z.number().int().nonnegative(),
          refund_quantity: z.number().int().positive(),
        }),
      )
      .optional(),
  })
  .refine((r) => r.transaction_id !== undefined || r.out_trade_no !== undefined, {
    message: 'transaction_id和out_trade_no必须二选一',
    path: ['out_trade_no'],
  })
export type RefundRequest = z.infer<typeof RefundRequest>

/** The transaction object: order query answers and the decrypted TRANSACTION.SUCCESS resource. */
export interface Transaction {
  appid: string
  mchid: string
  out_trade_no: string
  transaction_id?: string
  trade_type?: string
  trade_state: string
  trade_state_desc: string
  bank_type?: string
  attach?: string
  success_time?: string
  payer: { openid?: string }
  amount: { total: number; payer_total?: number; currency: string; payer_currency: string }
  scene_info?: { device_id: string }
  promotion_detail?: unknown[]
}

/** The refund object: refund create and query answers. */
export interface Refund {
  refund_id: string
  out_refund_no: string
  transaction_id: string
  out_trade_no: string
  channel: 'ORIGINAL'
  user_received_account: string
  success_time?: string
  create_time: string
  status: string
  funds_account: string
  amount: {
    total: number
    refund: number
    from: { account: string; amount: number }[]
    payer_total: number
    payer_refund: number
    settlement_refund: number
    settlement_total: number
    discount_refund: number
    currency: string
    refund_fee: number
  }
  promotion_detail: unknown[]
}

/** The decrypted resource of REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED (note `refund_status`). */
export interface RefundResource {
  mchid: string
  transaction_id: string
  out_trade_no: string
  refund_id: string
  out_refund_no: string
  refund_status: string
  success_time?: string
  user_received_account: string
  amount: { total: number; refund: number; payer_total: number; payer_refund: number }
}

/** The v3 notification envelope POSTed to notify_url. */
export interface NotificationEnvelope {
  id: string
  create_time: string
  resource_type: 'encrypt-resource'
  event_type: string
  summary: string
  resource: {
    original_type: 'transaction' | 'refund'
    algorithm: 'AEAD_AES_256_GCM'
    ciphertext: string
    associated_data: string
    nonce: string
  }
}

/** `GET /v3/certificates`. */
export interface Certificates {
  data: {
    serial_no: string
    effective_time: string
    expire_time: string
    encrypt_certificate: { algorithm: 'AEAD_AES_256_GCM'; nonce: string; associated_data: 'certificate'; ciphertext: string }
  }[]
}

/** The parameters of wx.requestPayment / WeixinJSBridge getBrandWCPayRequest for a v3 prepay. */
export interface RequestPayment {
  appId: string
  timeStamp: string
  nonceStr: string
  package: string
  signType: 'RSA'
  paySign: string
}
