import { createDecipheriv, createPrivateKey, createPublicKey, createSign, createVerify, randomBytes, X509Certificate, type KeyObject } from 'node:crypto'
import { WeChatPayError } from './errors'

/** What a WeChat Pay v3 merchant is configured with (pay.weixin.qq.com → Account → API security). */
export interface PayConfig {
  mchid: string
  /** serial number of the merchant API certificate, sent in every Authorization header */
  merchantSerialNo: string
  /** the merchant API private key (PEM), signs requests and wx.requestPayment parameters */
  merchantPrivateKey: string
  /** 32 characters: decrypts notifications */
  apiV3Key: string
  /** WeChat Pay public key mode: `PUB_KEY_ID_…` and the PEM key */
  platformPublicKeyId?: string
  platformPublicKey?: string
  /** platform certificate mode: its serial and the PEM certificate */
  platformCertificateSerialNo?: string
  platformCertificate?: string
  /** `https://api.mch.weixin.qq.com` in production */
  baseUrl: string
  /**
   * how long to wait for an answer (default 10 s, wechatpay-java's read timeout); past it the call
   * throws `WeChatPayError(0, 'TIMEOUT', …)` and WeChat Pay may still have carried it out
   */
  timeoutMs?: number
}

/** The headers WeChat Pay signs its responses and notifications with. */
export interface SignedHeaders {
  timestamp: string | null
  nonce: string | null
  signature: string | null
  serial: string | null
}

/** The notification envelope POSTed to notify_url. */
export interface PayNotification {
  id: string
  create_time: string
  event_type: string
  resource_type: string
  summary: string
  resource: { algorithm: string; ciphertext: string; associated_data?: string; original_type: string; nonce: string }
}

/** The decrypted `transaction` of a TRANSACTION.SUCCESS notification (and of an order query). */
export interface Transaction {
  appid: string
  mchid: string
  out_trade_no: string
  transaction_id?: string
  trade_type?: string
  trade_state: 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR'
  trade_state_desc?: string
  success_time?: string
  attach?: string
  payer?: { openid: string }
  amount?: { total: number; payer_total?: number; currency?: string }
}

export interface JsapiOrder {
  appid: string
  description: string
  out_trade_no: string
  notify_url: string
  amount: { total: number; currency?: 'CNY' }
  payer: { openid: string }
  attach?: string
  time_expire?: string
}

export interface RefundRequest {
  out_trade_no: string
  out_refund_no: string
  reason?: string
  notify_url?: string
  amount: { refund: number; total: number; currency: 'CNY' }
}

/** A refund as the refund API answers it, and (with `refund_status`) as REFUND.* notifications carry it. */
export interface Refund {
  refund_id: string
  out_refund_no: string
  out_trade_no: string
  transaction_id?: string
  status?: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL'
  refund_status?: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL'
  amount: { total: number; refund: number }
}

/** The five parameters a page passes to `wx.requestPayment`, plus `appId` (implied in a mini program). */
export interface RequestPaymentParams {
  appId: string
  timeStamp: string
  nonceStr: string
  package: string
  signType: 'RSA'
  paySign: string
}

/** WeChat Pay refuses timestamps further than this from now; we hold its answers to the same. */
const MAX_SKEW_S = 300

/**
 * A WeChat Pay API v3 client for a direct merchant, written to be read:
 * 1. every request is signed: RSA-SHA256 over `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n`;
 * 2. every answer is verified before it is believed: RSA-SHA256 over `TIMESTAMP\nNONCE\nBODY\n`
 *    with the WeChat Pay public key (or platform certificate) named by `Wechatpay-Serial`;
 * 3. notifications are verified the same way, then their resource is opened with AES-256-GCM
 *    under the APIv3 key.
 */
export class WeChatPay {
  readonly #privateKey: KeyObject
  readonly #platformKeys = new Map<string, KeyObject>()

  constructor(
    readonly config: PayConfig,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    this.#privateKey = createPrivateKey(config.merchantPrivateKey)
    if (config.platformPublicKeyId && config.platformPublicKey) this.#platformKeys.set(config.platformPublicKeyId.toUpperCase(), createPublicKey(config.platformPublicKey))
    if (config.platformCertificateSerialNo && config.platformCertificate)
      this.#platformKeys.set(config.platformCertificateSerialNo.toUpperCase(), new X509Certificate(config.platformCertificate).publicKey)
    if (this.#platformKeys.size === 0) throw new Error('WeChatPay needs the platform public key or certificate to verify answers')
  }

  /** RSA-SHA256 with the merchant key, base64. */
  sign(message: string) {
    return createSign('RSA-SHA256').update(message).sign(this.#privateKey, 'base64')
  }

  /** The `Authorization` header for one request. */
  authorization(method: string, pathAndQuery: string, body: string, timestamp = this.nowSeconds(), nonce = randomBytes(16).toString('hex')) {
    const signature = this.sign(`${method}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`)
    const { mchid, merchantSerialNo } = this.config
    return `WECHATPAY2-SHA256-RSA2048 mchid="${mchid}",nonce_str="${nonce}",timestamp="${timestamp}",serial_no="${merchantSerialNo}",signature="${signature}"`
  }

  /**
   * Checks that WeChat Pay signed `body` (an answer or a notification): known serial, fresh
   * timestamp, valid signature. Throws `WeChatPayError(…, 'SIGN_ERROR', …)` otherwise.
   */
  verify(headers: SignedHeaders, body: string) {
    const { timestamp, nonce, signature, serial } = headers
    if (!timestamp || !nonce || !signature || !serial) throw new WeChatPayError(0, 'SIGN_ERROR', 'the Wechatpay-* signature headers are missing')
    const key = this.#platformKeys.get(serial.toUpperCase())
    if (!key) throw new WeChatPayError(0, 'SIGN_ERROR', `unknown Wechatpay-Serial ${serial}`)
    if (!/^\d+$/.test(timestamp) || Math.abs(this.nowSeconds() - Number(timestamp)) > MAX_SKEW_S)
      throw new WeChatPayError(0, 'SIGN_ERROR', `Wechatpay-Timestamp ${timestamp} is not within ${MAX_SKEW_S}s of now`)
    const ok = createVerify('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).verify(key, signature, 'base64')
    if (!ok) throw new WeChatPayError(0, 'SIGN_ERROR', 'Wechatpay-Signature does not match the body')
  }

  /** Reads the signature headers off a Response or a request's Headers. */
  static signedHeaders(headers: Headers): SignedHeaders {
    return {
      timestamp: headers.get('wechatpay-timestamp'),
      nonce: headers.get('wechatpay-nonce'),
      signature: headers.get('wechatpay-signature'),
      serial: headers.get('wechatpay-serial'),
    }
  }

  /** AEAD_AES_256_GCM: the last 16 bytes of the ciphertext are the tag. */
  decrypt(resource: { ciphertext: string; nonce: string; associated_data?: string }): string {
    const data = Buffer.from(resource.ciphertext, 'base64')
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(this.config.apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'))
    decipher.setAuthTag(data.subarray(data.length - 16))
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'))
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8')
  }

  /**
   * A notification as it reached notify_url: verified, then decrypted. Throws on a bad signature
   * or a resource that does not decrypt (answer WeChat with a non-2xx so that it tries again).
   */
  openNotification<T = Transaction>(headers: Headers, rawBody: string): { notification: PayNotification; resource: T } {
    this.verify(WeChatPay.signedHeaders(headers), rawBody)
    const notification = JSON.parse(rawBody) as PayNotification
    if (notification.resource?.algorithm !== 'AEAD_AES_256_GCM') throw new WeChatPayError(0, 'PARAM_ERROR', 'unexpected notification algorithm')
    return { notification, resource: JSON.parse(this.decrypt(notification.resource)) as T }
  }

  /** One signed call; the answer is verified before it is parsed. */
  async request<T>(method: 'GET' | 'POST', pathAndQuery: string, payload?: unknown): Promise<T> {
    const body = payload === undefined ? '' : JSON.stringify(payload)
    const timeoutMs = this.config.timeoutMs ?? 10_000
    let res: Response
    let text: string
    try {
      res = await fetch(this.config.baseUrl + pathAndQuery, {
        method,
        headers: {
          Authorization: this.authorization(method, pathAndQuery, body),
          Accept: 'application/json',
          ...(body ? { 'Content-Type': 'application/json' } : {}),
          'User-Agent': 'merchant-demo/0.1',
        },
        body: body || undefined,
        signal: AbortSignal.timeout(timeoutMs),
      })
      text = await res.text()
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') throw new WeChatPayError(0, 'TIMEOUT', `no answer within ${timeoutMs} ms to ${method} ${pathAndQuery.split('?')[0]}`)
      throw err
    }
    if (!res.ok) {
      const err = (() => {
        try {
          return JSON.parse(text) as { code?: string; message?: string }
        } catch {
          return {}
        }
      })()
      throw new WeChatPayError(res.status, err.code ?? 'UNKNOWN', err.message ?? text.slice(0, 200))
    }
    this.verify(WeChatPay.signedHeaders(res.headers), text)
    return (text ? JSON.parse(text) : undefined) as T
  }

  /** POST /v3/pay/transactions/jsapi → prepay_id (valid 2 hours). */
  async jsapi(order: JsapiOrder): Promise<{ prepay_id: string }> {
    return this.request('POST', '/v3/pay/transactions/jsapi', { ...order, mchid: this.config.mchid })
  }

  /** GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid= */
  async queryByOutTradeNo(outTradeNo: string): Promise<Transaction> {
    return this.request('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${this.config.mchid}`)
  }

  /** POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close → 204 */
  async close(outTradeNo: string): Promise<void> {
    await this.request('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { mchid: this.config.mchid })
  }

  /** POST /v3/refund/domestic/refunds: PROCESSING, then a REFUND.* notification when it settles. */
  async refund(r: RefundRequest): Promise<Refund> {
    return this.request('POST', '/v3/refund/domestic/refunds', r)
  }

  /** GET /v3/refund/domestic/refunds/{out_refund_no} (no mchid for a direct merchant) */
  async queryRefund(outRefundNo: string): Promise<Refund> {
    return this.request('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`)
  }

  /** The `wx.requestPayment` parameters for a prepay_id, signed over `appId\ntimeStamp\nnonceStr\npackage\n`. */
  requestPaymentParams(appId: string, prepayId: string): RequestPaymentParams {
    const timeStamp = String(this.nowSeconds())
    const nonceStr = randomBytes(16).toString('hex')
    const pkg = `prepay_id=${prepayId}`
    return { appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign: this.sign(`${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`) }
  }
}
