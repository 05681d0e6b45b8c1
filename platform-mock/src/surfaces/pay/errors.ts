import { PayError } from '../../shared/errors'

// The WeChat Pay v3 codes this surface raises, each named once. Programs branch on status + code;
// the messages follow WeChat's wording but are not part of the contract.

export const paramError = (message: string, detail?: Record<string, unknown>) => new PayError(400, 'PARAM_ERROR', message, detail)

/** The message WeChat gives when a required parameter is missing from `location` (observed on close without mchid). */
export const missingParam = (location: 'uri_template' | 'query' | 'body', field: string, label: string) =>
  paramError(`输入源“/${location}/${field}”映射到字段“${label}”必填性规则校验失败，此字段为必填项`, { location, value: '' })

export const signError = (issue: string, detail: Record<string, unknown> = {}) =>
  new PayError(401, 'SIGN_ERROR', '签名错误，请检查后再试', { ...detail, detail: { issue } })

export const bodyTooLarge = (limit: number) =>
  paramError(`请求体超过大小限制（${limit} 字节）`, { location: 'body', issue: 'request body too large' })

export const invalidRequest = (message: string) => new PayError(400, 'INVALID_REQUEST', message)
export const appidMchidNotMatch = () => new PayError(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配')
export const mchNotExists = (status = 400) => new PayError(status, 'MCH_NOT_EXISTS', '商户号不存在')
export const noAuth = () => new PayError(403, 'NO_AUTH', '商户无权限')
export const openidMismatch = () => new PayError(500, 'OPENID_MISMATCH', 'openid和appid不匹配')

export const orderNotExist = () => new PayError(404, 'ORDER_NOT_EXIST', '订单不存在')
export const orderPaid = () => new PayError(400, 'ORDERPAID', '该订单已支付')
/** 关闭订单 of an order the person has paid: "订单已支付，不能发起关单，请当作已支付的正常交易" */
export const orderPaidOnClose = () => new PayError(400, 'ORDERPAID', '订单已支付')
export const orderClosed = () => new PayError(400, 'ORDER_CLOSED', '订单已关闭')
export const outTradeNoReused = () => invalidRequest('201 商户订单号重复，同一笔交易不能多次提交')

export const resourceNotExists = (message: string) => new PayError(404, 'RESOURCE_NOT_EXISTS', message)
export const noPlatformCertificate = () =>
  resourceNotExists(
    '无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥。可查看指引https://pay.weixin.qq.com/docs/merchant/products/platform-certificate/wxp-pub-key-guide.html',
  )
export const refundExceeds = () => invalidRequest('申请退款金额超过订单可退金额')
export const merchantNotEnough = () => new PayError(403, 'NOT_ENOUGH', '基本账户余额不足，请充值后重新发起')
export const frequencyLimited = () => new PayError(429, 'FREQUENCY_LIMITED', '请求频率超限，请降低请求接口频率')
export const systemError = () => new PayError(500, 'SYSTEM_ERROR', '系统错误')
