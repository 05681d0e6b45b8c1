import type { AddContactWay, AddCorpTag, AddMsgTemplate, Attachment, CorpTagGroup, KfSendMsg, KfSyncMsg, MarkTag, SendWelcomeMsg } from '../../platform-mock/src/surfaces/wecom/wire'
import { WeChatApiError } from './errors'

/** What the brand copies from the WeCom admin console (我的企业 → 企业ID; 客户联系 → Secret). */
export interface WeComConfig {
  corpid: string
  /** the customer-contact secret (客户联系 → API → Secret): contact-me, welcome, tags, mass, kf */
  secret: string
  /** `https://qyapi.weixin.qq.com` in production; the sandbox's `…/wecom` here */
  baseUrl: string
}

export type { AddContactWay, AddMsgTemplate, Attachment, CorpTagGroup, KfSendMsg }

/** One `msg_list[]` item of kf/sync_msg. */
export interface KfMessage {
  msgid: string
  open_kfid: string
  external_userid: string
  send_time: number
  origin: number
  msgtype: string
  text?: { content: string }
  event?: { event_type: string; scene?: string; scene_param?: string }
}

/**
 * The WeCom server APIs (qyapi.weixin.qq.com) with the customer-contact secret's token: gettoken
 * cached until 5 min before `expires_in` and shared by concurrent callers, fetched again and the
 * call retried once on 40014/42001 (WeCom's invalid/expired token codes).
 */
export class WeComClient {
  #token: { value: string; until: number } | null = null
  #pending: Promise<string> | null = null

  constructor(readonly config: WeComConfig) {}

  async token(force = false): Promise<string> {
    if (!force && this.#token && Date.now() < this.#token.until) return this.#token.value
    this.#pending ??= (async () => {
      try {
        const { corpid, secret, baseUrl } = this.config
        const res = await fetch(`${baseUrl}/cgi-bin/gettoken?corpid=${encodeURIComponent(corpid)}&corpsecret=${encodeURIComponent(secret)}`)
        const body = (await res.json()) as { errcode: number; errmsg: string; access_token: string; expires_in: number }
        if (body.errcode !== 0) throw new WeChatApiError('cgi-bin/gettoken', body.errcode, body.errmsg)
        this.#token = { value: body.access_token, until: Date.now() + (body.expires_in - 300) * 1000 }
        return body.access_token
      } finally {
        this.#pending = null
      }
    })()
    return this.#pending
  }

  /** A WeCom API call; `body` undefined is a GET. Throws WeChatApiError for a non-zero errcode. */
  async api<T = Record<string, unknown>>(path: string, body?: unknown, query: Record<string, string> = {}, retried = false): Promise<T> {
    const url = new URL(`${this.config.baseUrl}/${path}`)
    url.searchParams.set('access_token', await this.token())
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v)
    const res = await fetch(url, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const json = (await res.json()) as { errcode: number; errmsg: string }
    if (json.errcode === 40014 || json.errcode === 42001) {
      if (!retried) {
        this.#token = null
        return this.api(path, body, query, true)
      }
    }
    if (json.errcode !== 0) throw new WeChatApiError(path, json.errcode, json.errmsg)
    return json as T
  }

  addContactWay(req: AddContactWay) {
    return this.api<{ config_id: string; qr_code: string }>('cgi-bin/externalcontact/add_contact_way', req)
  }
  sendWelcomeMsg(req: SendWelcomeMsg) {
    return this.api('cgi-bin/externalcontact/send_welcome_msg', req)
  }
  externalContact(externalUserid: string) {
    return this.api<{ external_contact: { external_userid: string; name: string; unionid?: string }; follow_user: { userid: string; state?: string; tags: { tag_id: string }[] }[] }>(
      'cgi-bin/externalcontact/get',
      undefined,
      { external_userid: externalUserid },
    )
  }
  corpTags() {
    return this.api<{ tag_group: CorpTagGroup[] }>('cgi-bin/externalcontact/get_corp_tag_list', {})
  }
  addCorpTag(req: AddCorpTag) {
    return this.api<{ tag_group: CorpTagGroup }>('cgi-bin/externalcontact/add_corp_tag', req)
  }
  markTag(req: MarkTag) {
    return this.api('cgi-bin/externalcontact/mark_tag', req)
  }
  addMsgTemplate(req: AddMsgTemplate) {
    return this.api<{ fail_list: string[]; msgid: string }>('cgi-bin/externalcontact/add_msg_template', req)
  }
  kfAccounts() {
    return this.api<{ account_list: { open_kfid: string; name: string }[] }>('cgi-bin/kf/account/list', { offset: 0, limit: 100 })
  }
  kfSyncMsg(req: KfSyncMsg) {
    return this.api<{ next_cursor: string; has_more: 0 | 1; msg_list: KfMessage[] }>('cgi-bin/kf/sync_msg', req)
  }
  kfSendMsg(req: KfSendMsg) {
    return this.api<{ msgid: string }>('cgi-bin/kf/send_msg', req)
  }
}
