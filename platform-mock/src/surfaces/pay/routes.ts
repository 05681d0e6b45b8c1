import { randomBytes } from 'node:crypto'
import { Hono, type Context } from 'hono'
import type { PlatformEnv } from '../../shared/env'
import { payJson } from '../../shared/validate'
import { payAuth } from './auth'
import { payBeforeClose } from './faults'
import { aesGcmEncrypt, merchantKeys } from './crypto'
import { missingParam, noPlatformCertificate, orderNotExist, paramError, resourceNotExists } from './errors'
import { listedCertificates } from './key-faults'
import { findMerchant } from './merchants'
import { closeOrder, findOrder, placeOrder, requireOwnMerchant, transactionView } from './orders'
import { createRefund, findRefund, refundView } from './refunds'
import { rfc3339 } from './time'
import { AppOrder, CloseOrder, H5Order, JsapiOrder, NativeOrder, RefundRequest, type Certificates } from './wire'

/** `?mchid=` of the order queries: required, and it must be the merchant that signed. */
async function queryMchid(c: Context<PlatformEnv>) {
  const mchid = c.req.query('mchid')
  if (!mchid) throw missingParam('query', 'mchid', '直连商户号')
  await requireOwnMerchant(c.var.platform, c.get('payMchid'), mchid)
  return mchid
}

/** api.mch.weixin.qq.com: WeChat Pay API v3 for direct merchants (基础支付, 退款, 平台证书). */
export const pay = new Hono<PlatformEnv>()
  /** JSAPI下单 (JSAPI and mini program) → prepay_id */
  .post('/v3/pay/transactions/jsapi', payAuth(), payJson(JsapiOrder), async (c) => {
    return c.json(await placeOrder(c.var.platform, c.get('payMchid'), 'JSAPI', c.req.valid('json')))
  })
  /** Native下单 → code_url */
  .post('/v3/pay/transactions/native', payAuth(), payJson(NativeOrder), async (c) => {
    return c.json(await placeOrder(c.var.platform, c.get('payMchid'), 'NATIVE', c.req.valid('json')))
  })
  /** H5下单 → h5_url */
  .post('/v3/pay/transactions/h5', payAuth(), payJson(H5Order), async (c) => {
    return c.json(await placeOrder(c.var.platform, c.get('payMchid'), 'MWEB', c.req.valid('json')))
  })
  /** APP下单 → prepay_id */
  .post('/v3/pay/transactions/app', payAuth(), payJson(AppOrder), async (c) => {
    return c.json(await placeOrder(c.var.platform, c.get('payMchid'), 'APP', c.req.valid('json')))
  })
  /** 微信支付订单号查询订单 */
  .get('/v3/pay/transactions/id/:transaction_id', payAuth(), async (c) => {
    const mchid = await queryMchid(c)
    const order = await findOrder(c.var.platform, mchid, { transactionId: c.req.param('transaction_id') })
    if (!order) throw orderNotExist()
    return c.json(transactionView(order))
  })
  /** 商户订单号查询订单 */
  .get('/v3/pay/transactions/out-trade-no/:out_trade_no', payAuth(), async (c) => {
    const mchid = await queryMchid(c)
    const order = await findOrder(c.var.platform, mchid, { outTradeNo: c.req.param('out_trade_no') })
    if (!order) throw orderNotExist()
    return c.json(transactionView(order))
  })
  /** 关闭订单 → 204 */
  .post('/v3/pay/transactions/out-trade-no/:out_trade_no/close', payAuth(), payJson(CloseOrder), async (c) => {
    const { mchid } = c.req.valid('json')
    // WeChat reports a missing body mchid against its URI template, as observed on the real API
    if (!mchid) throw missingParam('uri_template', 'mchid', '直连商户号')
    await requireOwnMerchant(c.var.platform, c.get('payMchid'), mchid)
    await payBeforeClose(c.var.platform, mchid, c.req.param('out_trade_no'), c.req.path)
    await closeOrder(c.var.platform, mchid, c.req.param('out_trade_no'))
    return c.body(null, 204)
  })
  /** 退款申请 */
  .post('/v3/refund/domestic/refunds', payAuth(), payJson(RefundRequest), async (c) => {
    return c.json(await createRefund(c.var.platform, c.get('payMchid'), c.req.valid('json')))
  })
  /** 查询单笔退款（通过商户退款单号） */
  .get('/v3/refund/domestic/refunds/:out_refund_no', payAuth(), async (c) => {
    const refund = await findRefund(c.var.platform, c.get('payMchid'), c.req.param('out_refund_no'))
    if (!refund) throw resourceNotExists('退款单不存在')
    return c.json(refundView(refund))
  })
  /** 下载平台证书: certificate mode only; the answer is signed by the certificate it lists. */
  .get('/v3/certificates', payAuth(), async (c) => {
    const { platform } = c.var
    const mchid = c.get('payMchid')
    const algorithm = c.req.query('algorithm_type') ?? 'RSA'
    if (!['RSA', 'SM2', 'ALL'].includes(algorithm)) {
      throw paramError('algorithm_type取值错误', { location: 'query', field: 'algorithm_type', value: algorithm })
    }
    const merchant = await findMerchant(platform, mchid)
    if (merchant?.platformMode !== 'certificate') throw noPlatformCertificate()
    const { apiV3Key } = merchantKeys(platform.credentials, mchid)!
    // during a rotation (fault cert-rotation) the new certificate is listed beside the old
    const certificates = algorithm === 'SM2' ? [] : await listedCertificates(platform, mchid)
    const body: Certificates = {
      data: certificates.map((certificate) => {
        const nonce = randomBytes(6).toString('hex')
        return {
          serial_no: certificate.serial,
          effective_time: rfc3339(certificate.effectiveTime),
          expire_time: rfc3339(certificate.expireTime),
          encrypt_certificate: {
            algorithm: 'AEAD_AES_256_GCM',
            nonce,
            associated_data: 'certificate',
            ciphertext: aesGcmEncrypt(apiV3Key, nonce, 'certificate', certificate.pem),
          },
        }
      }),
    }
    return c.json(body)
  })
