import { SandboxError, WxError } from '../../shared/errors'

// api.weixin.qq.com codes this surface raises (miniprogram.md, official-account.md §11)
export const appidMissing = () => new WxError(41002, 'appid missing')
export const secretMissing = () => new WxError(41004, 'appsecret missing')
export const codeMissing = () => new WxError(41008, 'missing code')
export const invalidAppid = () => new WxError(40013, 'invalid appid')
export const invalidSecret = () => new WxError(40125, 'invalid appsecret')
export const invalidCode = () => new WxError(40029, 'invalid code')
/** a wx.login code exchanged a second time (real jscode2session answers; the official page lists only 40029) */
export const codeBeenUsed = () => new WxError(40163, 'code been used,') // real answers read `code been used, rid: …`
export const apiUnauthorized = () => new WxError(48001, 'api unauthorized')
export const invalidPage = () => new WxError(41030, 'invalid page')
export const invalidScene = () => new WxError(40129, 'invalid scene')
export const invalidSceneLength = () => new WxError(40169, 'invalid length for scene, or the data is not json string')
export const invalidPathLength = () => new WxError(40159, 'invalid length for path, or the data is not json string')
export const reservedScancodeTime = () => new WxError(85096, 'not allow include scancode_time field')
export const codeQuotaReached = () => new WxError(45029, 'qrcode count out of limit')
export const invalidWeappPath = () => new WxError(40165, 'invalid weapp pagepath')
export const invalidQuery = () => new WxError(40212, 'invalid query')
export const invalidExpireTime = () => new WxError(85401, 'time limit between 1min and 30days')
export const invalidOpenid = () => new WxError(40003, 'invalid openid')
export const invalidTemplateId = () => new WxError(40037, 'invalid template_id')
export const userRefused = () => new WxError(43101, 'user refuse to accept the msg')
/** 47003, naming the field as WeChat does: `argument invalid! data.thing2.value invalid`. */
export const argumentInvalid = (field: string, why = 'invalid') => new WxError(47003, `argument invalid! ${field} ${why}`)

// the person-side and control API (SandboxError: `{error: {code, message}}` with a 4xx)
export const noSuchMiniProgram = (appid: string) => new SandboxError(404, 'not_found', `no mini program ${appid}`)
export const noSuchNotification = (id: string) => new SandboxError(404, 'not_found', `no service notification ${id}`)
export const notClickable = () =>
  new SandboxError(409, 'not_clickable', 'this notification was sent without a page, so tapping it opens nothing')
export const linkExpired = (url: string) => new SandboxError(410, 'expired', `the link has expired: ${url}`)
export const unknownLink = (url: string) => new SandboxError(404, 'unknown_link', `no such link: ${url}`)
