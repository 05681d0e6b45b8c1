import { WeChatApiError } from './errors'

/** What a mini program backend is configured with (mp.weixin.qq.com → Development → Settings). */
export interface MiniProgramConfig {
  appid: string
  secret: string
  /** `https://api.weixin.qq.com` in production; the sandbox's URL here */
  baseUrl: string
}

/** jscode2session's answer: who the person is in this app (and across the brand's apps). */
export interface Session {
  openid: string
  unionid?: string
  session_key: string
}

/** One keyword of a subscription message: `{thing2: {value: 'Latte'}}`. */
export type TemplateData = Record<string, { value: string }>

export interface SubscribeMessage {
  touser: string
  template_id: string
  page?: string
  data: TemplateData
  miniprogram_state?: 'developer' | 'trial' | 'formal'
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW'
}

export interface Template {
  priTmplId: string
  title: string
  content: string
  example: string
  type: number
}

/** 40001 invalid credential / 42001 expired: the token must be fetched again. */
const TOKEN_ERRORS = new Set([40001, 42001])
/** Renew this long before WeChat's `expires_in` runs out. */
const EARLY_MS = 5 * 60_000

/**
 * A small server-side client for the mini program APIs of api.weixin.qq.com: an access token
 * cached until shortly before it expires and fetched again when WeChat says it is invalid or
 * expired (40001 / 42001), login (jscode2session), mini program codes and subscription messages.
 */
export class WeChatClient {
  #token: { value: string; expiresAt: number } | null = null
  #fetching: Promise<string> | null = null

  constructor(
    readonly config: MiniProgramConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** GET /cgi-bin/token, cached; concurrent callers share one fetch. */
  async accessToken(force = false): Promise<string> {
    if (!force && this.#token && this.#token.expiresAt > this.now()) return this.#token.value
    this.#fetching ??= (async () => {
      try {
        const { appid, secret } = this.config
        const q = new URLSearchParams({ grant_type: 'client_credential', appid, secret })
        const body = await this.#json('cgi-bin/token', await fetch(`${this.config.baseUrl}/cgi-bin/token?${q}`))
        const value = String(body.access_token)
        this.#token = { value, expiresAt: this.now() + Number(body.expires_in) * 1000 - EARLY_MS }
        return value
      } finally {
        this.#fetching = null
      }
    })()
    return this.#fetching
  }

  /** Forget the cached token (tests, or after rotating the secret). */
  dropToken() {
    this.#token = null
  }

  /** GET /sns/jscode2session: trades the page's `wx.login` code for the person's openid. */
  async code2Session(code: string): Promise<Session> {
    const { appid, secret } = this.config
    const q = new URLSearchParams({ appid, secret, js_code: code, grant_type: 'authorization_code' })
    const body = await this.#json('sns/jscode2session', await fetch(`${this.config.baseUrl}/sns/jscode2session?${q}`))
    return { openid: body.openid, unionid: body.unionid, session_key: body.session_key }
  }

  /** POST /wxa/getwxacodeunlimit: a mini program code for `page` carrying `scene`; PNG bytes. */
  async unlimitedCode(opts: { scene: string; page?: string; width?: number; check_path?: boolean; env_version?: 'release' | 'trial' | 'develop' }): Promise<Uint8Array> {
    const res = await this.#call('wxa/getwxacodeunlimit', 'POST', opts)
    if (!res.headers.get('content-type')?.startsWith('image/')) await this.#json('wxa/getwxacodeunlimit', res)
    return new Uint8Array(await res.arrayBuffer())
  }

  /** POST /cgi-bin/message/subscribe/send: one message per consent the person gave. */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<{ msgid: string }> {
    const res = await this.#call('cgi-bin/message/subscribe/send', 'POST', message)
    const body = await this.#json('cgi-bin/message/subscribe/send', res)
    return { msgid: String(body.msgid) }
  }

  /** GET /wxaapi/newtmpl/gettemplate: the subscription templates added to this app. */
  async templates(): Promise<Template[]> {
    const res = await this.#call('wxaapi/newtmpl/gettemplate', 'GET')
    return (await this.#json('wxaapi/newtmpl/gettemplate', res)).data as Template[]
  }

  /** Any JSON access-token API of api.weixin.qq.com (the Official Account client builds on it); errcode ≠ 0 throws. */
  async api<T = any>(path: string, body?: unknown, query: Record<string, string> = {}): Promise<T> {
    const res = await this.#call(path, body === undefined ? 'GET' : 'POST', body, query)
    return this.#json(path, res) as Promise<T>
  }

  /** A multipart upload of an access-token API (material/add_material, media/uploadimg); errcode ≠ 0 throws. */
  async upload<T = any>(path: string, form: FormData, query: Record<string, string> = {}): Promise<T> {
    return this.#json(path, await this.#call(path, 'POST', form, query)) as Promise<T>
  }

  /** Calls an access-token API; on 40001/42001 fetches a fresh token and tries once more. */
  async #call(path: string, method: 'GET' | 'POST', body?: unknown, query: Record<string, string> = {}): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(attempt > 0)
      const q = new URLSearchParams({ ...query, access_token: token })
      // a form is sent as multipart (fetch writes the boundary), anything else as JSON
      const form = body instanceof FormData
      const res = await fetch(`${this.config.baseUrl}/${path}?${q}`, {
        method,
        headers: body === undefined || form ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      })
      if (attempt > 0 || !res.headers.get('content-type')?.includes('json')) return res
      const peek = (await res.clone().json().catch(() => ({}))) as { errcode?: number }
      if (!TOKEN_ERRORS.has(peek.errcode ?? 0)) return res
      this.#token = null
    }
  }

  /** Reads a JSON answer; a non-zero errcode becomes a WeChatApiError. */
  async #json(api: string, res: Response): Promise<any> {
    const body = (await res.json().catch(() => ({ errcode: -1, errmsg: `HTTP ${res.status}, not JSON` }))) as { errcode?: number; errmsg?: string }
    if (body.errcode) throw new WeChatApiError(api, body.errcode, body.errmsg ?? '')
    return body
  }
}
