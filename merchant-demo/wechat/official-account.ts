import { WeChatClient } from './client'
import { WeChatApiError } from './errors'

/** What the brand copies from 公众平台 → 设置与开发 → 基本配置. */
export interface OfficialAccountConfig {
  appid: string
  secret: string
  /** `https://api.weixin.qq.com` in production; the sandbox's URL here */
  baseUrl: string
  /** where `showqrcode` lives (`https://mp.weixin.qq.com` in production) */
  mpBaseUrl: string
}

export type MenuButton =
  | { type: 'click'; name: string; key: string }
  | { type: 'view'; name: string; url: string }
  | { type: 'miniprogram'; name: string; url: string; appid: string; pagepath: string }
  | { name: string; sub_button: MenuButton[] }

export type CustomMessage =
  | { touser: string; msgtype: 'text'; text: { content: string } }
  | { touser: string; msgtype: 'miniprogrampage'; miniprogrampage: { title: string; appid: string; pagepath: string; thumb_media_id?: string } }
  | { touser: string; msgtype: 'news'; news: { articles: { title: string; description?: string; url?: string; picurl?: string }[] } }

export interface TemplateMessage {
  touser: string
  template_id: string
  url?: string
  miniprogram?: { appid: string; pagepath?: string }
  client_msg_id?: string
  data: Record<string, { value: string }>
}

export interface DraftArticle {
  title: string
  author?: string
  digest?: string
  content: string
  content_source_url?: string
  thumb_media_id?: string
}

export interface OaUser {
  subscribe: 0 | 1
  openid: string
  unionid?: string
  subscribe_time?: number
  subscribe_scene?: string
  qr_scene?: number
  qr_scene_str?: string
}

/**
 * The Official Account's server APIs (api.weixin.qq.com with the OA's own access token): menu,
 * customer-service and template messages, parametric codes, drafts and publishing, user info.
 * Token caching and the 40001/42001 retry are the mini program client's.
 */
export class OfficialAccountClient {
  readonly wx: WeChatClient

  constructor(readonly config: OfficialAccountConfig) {
    this.wx = new WeChatClient({ appid: config.appid, secret: config.secret, baseUrl: config.baseUrl })
  }

  createMenu(button: MenuButton[]) {
    return this.wx.api('cgi-bin/menu/create', { button })
  }

  async menu(): Promise<{ menu: { button: MenuButton[]; menuid?: number } } | null> {
    try {
      return await this.wx.api('cgi-bin/menu/get')
    } catch (err) {
      if (err instanceof WeChatApiError && err.errcode === 46003) return null
      throw err
    }
  }

  sendCustom(message: CustomMessage) {
    return this.wx.api('cgi-bin/message/custom/send', message)
  }

  async sendTemplate(message: TemplateMessage): Promise<{ msgid: string }> {
    const body = await this.wx.api('cgi-bin/message/template/send', message)
    return { msgid: String(body.msgid) }
  }

  /** The templates the account picked (get_all_private_template). */
  async templates(): Promise<{ template_id: string; title: string; content: string }[]> {
    return (await this.wx.api('cgi-bin/template/get_all_private_template')).template_list
  }

  /** Picks a template from the library (api_add_template): a category template by the keywords wanted. */
  async addTemplate(templateIdShort: string, keywordNames?: string[]): Promise<string> {
    return (await this.wx.api('cgi-bin/template/api_add_template', { template_id_short: templateIdShort, ...(keywordNames && { keyword_name_list: keywordNames }) })).template_id
  }

  /** A parametric code: `QR_LIMIT_STR_SCENE` (permanent) or `QR_STR_SCENE` with `expireSeconds`. */
  async createQrCode(sceneStr: string, expireSeconds?: number): Promise<{ ticket: string; url: string; expire_seconds?: number }> {
    const body = expireSeconds
      ? { action_name: 'QR_STR_SCENE', expire_seconds: expireSeconds, action_info: { scene: { scene_str: sceneStr } } }
      : { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: sceneStr } } }
    return this.wx.api('cgi-bin/qrcode/create', body)
  }

  /** The code's picture from mp.weixin.qq.com (no token needed). */
  async qrImage(ticket: string): Promise<{ bytes: Uint8Array; type: string }> {
    const res = await fetch(`${this.config.mpBaseUrl}/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`)
    if (!res.ok) throw new WeChatApiError('showqrcode', res.status, `HTTP ${res.status}`)
    return { bytes: new Uint8Array(await res.arrayBuffer()), type: res.headers.get('content-type') ?? 'image/jpeg' }
  }

  /**
   * 新增永久素材 (material/add_material): a picture as permanent material, e.g. an article's cover
   * (`thumb_media_id`). `type` image takes bmp/png/jpeg/gif up to 10 MB, thumb a JPEG up to 64 KB.
   */
  addMaterial(type: 'image' | 'thumb', picture: { bytes: Uint8Array<ArrayBuffer>; filename: string; contentType: string }): Promise<{ media_id: string; url: string }> {
    const form = new FormData()
    form.append('media', new Blob([picture.bytes], { type: picture.contentType }), picture.filename)
    return this.wx.upload('cgi-bin/material/add_material', form, { type })
  }

  async addDraft(articles: DraftArticle[]): Promise<string> {
    return (await this.wx.api('cgi-bin/draft/add', { articles })).media_id
  }

  async publish(mediaId: string): Promise<string> {
    return String((await this.wx.api('cgi-bin/freepublish/submit', { media_id: mediaId })).publish_id)
  }

  /** The publish job: `publish_status` 0 is done, with `article_id` and each article's URL. */
  publishStatus(publishId: string): Promise<{ publish_status: number; article_id?: string; article_detail?: { count: number; item: { idx: number; article_url: string }[] } }> {
    return this.wx.api('cgi-bin/freepublish/get', { publish_id: publishId })
  }

  /** `/cgi-bin/user/get`: up to 10 000 follower openids after `next`. */
  followers(next = ''): Promise<{ total: number; count: number; data?: { openid: string[] }; next_openid: string }> {
    return this.wx.api('cgi-bin/user/get', undefined, next ? { next_openid: next } : {})
  }

  async users(openids: string[]): Promise<OaUser[]> {
    return (await this.wx.api('cgi-bin/user/info/batchget', { user_list: openids.map((openid) => ({ openid, lang: 'zh_CN' })) })).user_info_list
  }

  user(openid: string): Promise<OaUser> {
    return this.wx.api('cgi-bin/user/info', undefined, { openid, lang: 'zh_CN' })
  }
}
