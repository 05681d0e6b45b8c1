import type { Platform } from '../../platform'
import { SandboxError } from '../../shared/errors'
import { codeIdOf, codeTarget, findCode } from '../miniprogram/codes'
import type { LaunchSpec } from '../miniprogram/launch'
import { linkTicketOf, openLink } from '../miniprogram/links'
import { parseQuery, splitPath } from '../miniprogram/pages'
import { ENTRIES, SCAN_SCENES, type ScanMethod } from '../miniprogram/scenes'
import { findQrByUrl, type OaQrCode } from '../official-account/qrcodes'
import { CONTACT_ME_PREFIX, wayByPayload, type ContactWay } from '../wecom/contacts'

/** Native pay `code_url` and plain-text URL Scheme prefixes. */
export const NATIVE_PAY_PREFIX = 'weixin://wxpay/bizpayurl?'
export const PLAIN_SCHEME_PREFIX = 'weixin://dl/business/?'
const OA_QR = /^https?:\/\/weixin\.qq\.com\/q\//
const WECOM = /^https?:\/\/(work\.weixin\.qq\.com|p\.qpic\.cn\/wwhead)\//

/** What a scanned payload does, before anything is done. */
export type Resolution =
  | {
      action: 'open-miniprogram'
      via: 'wxacode' | 'qrcode' | 'url-scheme' | 'url-link' | 'plain-scheme'
      appid: string
      path: string
      query: Record<string, string>
      /** the scene the launch will carry */
      scene: number
      /** the launch that scanning performs */
      launch: LaunchSpec
      subject: Record<string, string>
    }
  | { action: 'pay'; codeUrl: string }
  | { action: 'follow-official-account'; appid: string; code: OaQrCode }
  | { action: 'add-wecom-contact'; corpid: string; way: ContactWay }

/** What WeChat's scanner says of a code it does not know: here a 422. */
export const notWeChatCode = (payload: string) =>
  new SandboxError(422, 'not_wechat_code', `not a WeChat code: ${payload.length > 120 ? `${payload.slice(0, 120)}…` : payload}`)

const notSupportedYet = (what: string) => new SandboxError(501, 'not_supported', `${what} are not emulated yet`)

/**
 * Resolves a QR payload the way WeChat's scanner does: our mini program codes, URL Schemes, URL
 * Links and plain-text schemes open the mini program; a Native pay `code_url` pays; an Official
 * Account parametric code follows (or SCANs) with its scene; a WeCom contact-me code shows the
 * consultant to add. Other WeCom codes (kf links) are recognised but not emulated yet (501);
 * anything else is not a WeChat code (422).
 */
export async function resolvePayload(platform: Platform, payload: string, method: ScanMethod = 'camera'): Promise<Resolution> {
  const text = payload.trim()
  const codeId = codeIdOf(text)
  if (codeId) {
    const code = await findCode(platform.db, codeId)
    if (!code) throw new SandboxError(404, 'unknown_code', `this mini program code is not one the platform made: ${text}`)
    const target = codeTarget(code)
    const via = code.kind === 'qrcode' ? 'qrcode' : 'wxacode'
    return {
      action: 'open-miniprogram',
      via,
      ...target,
      scene: SCAN_SCENES[via][method],
      launch: {
        entry: via,
        appid: code.appid,
        method,
        path: code.query ? `${code.page}?${code.query}` : code.page,
        ...(code.kind === 'unlimited' && { codeScene: code.scene }),
      },
      subject: { code: code.id },
    }
  }
  const link = linkTicketOf(text)
  if (link) {
    const { target } = await openLink(platform.db, platform.clock.now(), text)
    const via = link.kind === 'scheme' ? 'url-scheme' : 'url-link'
    return { action: 'open-miniprogram', via, ...target, scene: ENTRIES[via].scene, launch: { entry: via, url: text }, subject: {} }
  }
  if (text.startsWith(PLAIN_SCHEME_PREFIX)) {
    const params = new URLSearchParams(text.slice(PLAIN_SCHEME_PREFIX.length))
    const appid = params.get('appid')
    if (!appid) throw notWeChatCode(text)
    const { page } = splitPath(params.get('path') ?? '')
    return {
      action: 'open-miniprogram',
      via: 'plain-scheme',
      appid,
      path: page,
      query: parseQuery(params.get('query') ?? ''),
      scene: ENTRIES['plain-scheme'].scene,
      launch: { entry: 'plain-scheme', url: text },
      subject: {},
    }
  }
  if (text.startsWith(NATIVE_PAY_PREFIX) && new URLSearchParams(text.slice(NATIVE_PAY_PREFIX.length)).get('pr')) {
    return { action: 'pay', codeUrl: text }
  }
  if (OA_QR.test(text)) {
    const code = await findQrByUrl(platform, text)
    if (!code) throw new SandboxError(404, 'unknown_code', `this Official Account code is not one the platform made: ${text}`)
    return { action: 'follow-official-account', appid: code.appid, code }
  }
  if (text.startsWith(CONTACT_ME_PREFIX) || text.startsWith(CONTACT_ME_PREFIX.replace('https:', 'http:'))) {
    const way = await wayByPayload(platform, text)
    if (!way) throw new SandboxError(404, 'unknown_code', `this WeCom contact-me code is not one the platform made (or was deleted): ${text}`)
    return { action: 'add-wecom-contact', corpid: way.corpid, way }
  }
  if (WECOM.test(text)) throw notSupportedYet('WeCom customer-service codes')
  throw notWeChatCode(text)
}
