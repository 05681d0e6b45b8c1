import type { WeChatHost } from '../hosts'
import type { WireSignature } from './wire-log'

// What each exchange is called on the presenter's diagram, and how its signature is explained.

type Rule = [method: string, path: RegExp, label: string]

/** The calls a brand's server makes to WeChat, by host, method and path (the first match names it). */
const HOST_CALLS: Partial<Record<WeChatHost, Rule[]>> = {
  'api.weixin.qq.com': [
    ['*', /^\/sns\/jscode2session$/, 'code2session'],
    ['*', /^\/cgi-bin\/(stable_)?token$/, 'get access_token'],
    ['*', /^\/wxa\/business\/getuserphonenumber$/, 'get phone number'],
    ['*', /^\/cgi-bin\/message\/subscribe\/send$/, 'subscription message'],
    ['*', /^\/cgi-bin\/message\/custom\/send$/, 'customer-service message'],
    ['*', /^\/cgi-bin\/message\/template\/send$/, 'template message'],
    ['*', /^\/cgi-bin\/message\/mass\//, 'mass message'],
    ['*', /^\/wxa\/(getwxacodeunlimit|getwxacode|createwxaqrcode)$/, 'mini program code'],
    ['*', /^\/wxa\/generate_urllink$/, 'URL link'],
    ['*', /^\/wxa\/generatescheme$/, 'URL scheme'],
    ['*', /^\/cgi-bin\/qrcode\/create$/, 'account QR code'],
    ['*', /^\/cgi-bin\/user\/info/, 'user info'],
    ['*', /^\/cgi-bin\/menu\//, 'account menu'],
    ['*', /^\/sns\/oauth2\/access_token$/, 'OAuth access_token'],
    ['*', /^\/sns\/userinfo$/, 'OAuth user info'],
    ['*', /^\/cgi-bin\/(draft|freepublish|material|media)\//, 'account material'],
    ['*', /^\/card\//, 'card coupons'],
  ],
  'api.mch.weixin.qq.com': [
    ['POST', /^\/v3\/pay\/transactions\/jsapi$/, 'JSAPI prepay'],
    ['POST', /^\/v3\/pay\/transactions\/native$/, 'Native prepay'],
    ['POST', /^\/v3\/pay\/transactions\/app$/, 'App prepay'],
    ['POST', /^\/v3\/pay\/transactions\/h5$/, 'H5 prepay'],
    ['POST', /\/close$/, 'close the order'],
    ['GET', /^\/v3\/pay\/transactions\//, 'query the order'],
    ['POST', /^\/v3\/refund\/domestic\/refunds$/, 'refund'],
    ['GET', /^\/v3\/refund\/domestic\/refunds\//, 'query the refund'],
    ['GET', /^\/v3\/certificates$/, 'platform certificates'],
    ['*', /^\/v3\/bill\//, 'bill'],
  ],
  'qyapi.weixin.qq.com': [
    ['*', /^\/cgi-bin\/gettoken$/, 'WeCom access_token'],
    ['*', /^\/cgi-bin\/message\/send$/, 'WeCom app message'],
    ['*', /^\/cgi-bin\/kf\/send_msg$/, 'customer service reply'],
    ['*', /^\/cgi-bin\/kf\/sync_msg$/, 'customer service sync'],
    ['*', /^\/cgi-bin\/externalcontact\/get$/, 'external contact'],
    ['*', /^\/cgi-bin\/externalcontact\/add_msg_template$/, 'mass message to customers'],
    ['*', /^\/cgi-bin\/externalcontact\/(\w+)$/, 'external contact: $1'],
  ],
}

/** The words for a brand server's call to WeChat: its rule's label, else its method and the path's last part. */
export function hostCallLabel(host: WeChatHost, method: string, path: string) {
  for (const [m, re, label] of HOST_CALLS[host] ?? []) {
    if (m !== '*' && m !== method) continue
    const match = re.exec(path)
    if (match) return label.replace('$1', (match[1] ?? '').replace(/_/g, ' '))
  }
  return `${method} ${path.split('/').filter(Boolean).slice(-2).join('/')}`
}

/** A WeChat answer in a few words: `200 ok`, `200 errcode 40029`, `401 SIGN_ERROR`, `200 prepay_id`. */
export function answerLabel(status: number | null, body: string | null) {
  if (status === null) return 'no answer'
  if (!body) return String(status)
  try {
    const json = JSON.parse(body) as Record<string, unknown>
    if (typeof json.errcode === 'number') return json.errcode === 0 ? `${status} ok` : `${status} errcode ${json.errcode}`
    if (typeof json.code === 'string' && status >= 400) return `${status} ${json.code}`
    if (typeof json.prepay_id === 'string') return `${status} prepay_id`
    if (typeof json.code_url === 'string') return `${status} code_url`
    if (typeof json.trade_state === 'string') return `${status} ${json.trade_state}`
    if (typeof json.openid === 'string') return `${status} openid`
  } catch {
    // not JSON: XML or text, said by its status alone
  }
  return String(status)
}

/** A phone's call to the platform that belongs to the story, found by its control-API path. */
export interface PhoneCall {
  person: string
  label: string
  starts: boolean
  /** names the answer from its JSON (the pay sheet's outcome) */
  answer?: (json: Record<string, unknown>) => string | undefined
}

const PHONE_CALLS: [RegExp, string, boolean, PhoneCall['answer']?][] = [
  [/^\/_sandbox\/people\/([^/]+)\/miniprogram\/launch$/, 'open the mini program', true, (j) => (typeof j.scene === 'number' ? `scene ${j.scene}` : undefined)],
  [/^\/_sandbox\/people\/([^/]+)\/miniprogram\/login$/, 'wx.login', false, (j) => (j.code ? 'code' : undefined)],
  [/^\/_sandbox\/people\/([^/]+)\/miniprogram\/subscribe$/, 'wx.requestSubscribeMessage', false],
  [/^\/_sandbox\/people\/([^/]+)\/scan$/, 'scan a code', true],
  [/^\/_sandbox\/pay\/people\/([^/]+)\/preview$/, 'wx.requestPayment', false, () => 'the pay sheet opens'],
  [/^\/_sandbox\/pay\/people\/([^/]+)\/pay$/, 'pay on the pay sheet', false, (j) => (typeof j.outcome === 'string' ? j.outcome.replace(/_/g, ' ') : undefined)],
  [/^\/_sandbox\/people\/([^/]+)\/official-account\/follow$/, 'follow the account', true],
  [/^\/_sandbox\/people\/([^/]+)\/official-account\/unfollow$/, 'unfollow the account', true],
  [/^\/_sandbox\/people\/([^/]+)\/official-account\/messages$/, 'message the account', true],
  [/^\/_sandbox\/people\/([^/]+)\/official-account\/menu\/tap$/, 'tap the account menu', true],
  [/^\/_sandbox\/people\/([^/]+)\/official-account\/articles\/[^/]+\/open-miniprogram$/, 'open the mini program from an article', true],
  [/^\/_sandbox\/people\/([^/]+)\/wecom\/conversations\/[^/]+\/messages$/, 'message the consultant', true],
  [/^\/_sandbox\/people\/([^/]+)\/wecom\/contacts$/, 'add the consultant', true],
  [/^\/_sandbox\/people\/([^/]+)\/kf\/[^/]+\/enter$/, 'open customer service', true],
]

/** The phone call a POST to `path` is, or null for the phone's other calls (lists, reads, polls). */
export function phoneCall(method: string, path: string): PhoneCall | null {
  if (method !== 'POST') return null
  for (const [re, label, starts, answer] of PHONE_CALLS) {
    const m = re.exec(path)
    if (m) return { person: decodeURIComponent(m[1]!), label, starts, answer }
  }
  return null
}

/** Values never shown on the wire view: what the person types and the apps' secrets. */
const SECRET_KEYS = ['password', 'secret', 'corpsecret', 'appsecret', 'component_appsecret']
const HIDDEN = '•••• (not shown)'

/** The URL with its secret query values hidden (code2session and the token call send the AppSecret). */
export function redactUrl(url: string) {
  const u = new URL(url)
  for (const key of SECRET_KEYS) if (u.searchParams.has(key)) u.searchParams.set(key, HIDDEN)
  return u.toString()
}

/** A JSON body with its secret values hidden; other bodies as they are. */
export function redactBody(body: string | null) {
  if (!body || !/"(password|secret|corpsecret|appsecret|component_appsecret)"/.test(body)) return body
  try {
    return JSON.stringify(JSON.parse(body, (k, v) => (SECRET_KEYS.includes(k) && typeof v === 'string' ? HIDDEN : v)))
  } catch {
    return body
  }
}

const PAY_AUTH = /^WECHATPAY2-SHA256-RSA2048\s+(.*)$/s

/** A WeChat Pay request's Authorization header, explained. */
export function merchantSignature(method: string, url: string, headers: Record<string, string>): WireSignature | null {
  const m = PAY_AUTH.exec(headers.authorization ?? '')
  if (!m) return null
  const fields = [...m[1]!.matchAll(/([a-z_]+)="([^"]*)"/g)].map(([, name, value]) => ({ name: name!, value: value! }))
  const u = new URL(url)
  return {
    scheme: 'WECHATPAY2-SHA256-RSA2048',
    explains: `The merchant signs "${method}\\n${u.pathname}${u.search}\\n<timestamp>\\n<nonce_str>\\n<body>\\n" with its API private key (SHA256 with RSA); WeChat Pay checks it with the merchant certificate serial_no names.`,
    fields,
  }
}

/** The Wechatpay-* headers of a pay answer or notification, explained. */
export function platformSignature(headers: Record<string, string>): WireSignature | null {
  if (!headers['wechatpay-signature']) return null
  const names = ['Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Serial', 'Wechatpay-Signature']
  return {
    scheme: headers['wechatpay-signature-type'] ?? 'WECHATPAY2-SHA256-RSA2048',
    explains: 'WeChat Pay signs "<Wechatpay-Timestamp>\\n<Wechatpay-Nonce>\\n<body>\\n" with its platform key; the merchant checks it with the WeChat Pay public key (or platform certificate) Wechatpay-Serial names before trusting the body.',
    fields: names.map((name) => ({ name, value: headers[name.toLowerCase()] ?? '' })),
  }
}

/** An Official Account or WeCom push's query signature, explained. */
export function querySignature(url: string, wecom: boolean): WireSignature | null {
  const q = new URL(url).searchParams
  const fields = ['signature', 'msg_signature', 'timestamp', 'nonce', 'encrypt_type'].filter((n) => q.has(n)).map((name) => ({ name, value: q.get(name)! }))
  if (!fields.some((f) => f.name.endsWith('signature'))) return null
  return wecom
    ? { scheme: 'msg_signature (SHA1)', explains: 'WeCom signs sha1(sort(Token, timestamp, nonce, Encrypt)); the server checks msg_signature, then opens Encrypt with its EncodingAESKey (AES-256-CBC, receiveid = corpid).', fields }
    : {
        scheme: q.has('msg_signature') ? 'signature + msg_signature (SHA1)' : 'signature (SHA1)',
        explains: q.has('msg_signature')
          ? 'signature = sha1(sort(Token, timestamp, nonce)); in safe mode msg_signature also covers Encrypt, which the server opens with its EncodingAESKey (AES-256-CBC, appid inside).'
          : 'signature = sha1(sort(Token, timestamp, nonce)): the server recomputes it with its Token to know the push comes from WeChat.',
        fields,
      }
}

/** An encrypted passive reply's signature (in its XML), explained. */
export function replySignature(body: string | null): WireSignature | null {
  if (!body || !body.includes('<Encrypt>')) return null
  const field = (name: string) => /<(\w+)>(?:<!\[CDATA\[)?([^<\]]*)/.exec(body.slice(body.indexOf(`<${name}>`)))?.[2] ?? ''
  const fields = ['MsgSignature', 'TimeStamp', 'Nonce'].map((name) => ({ name, value: field(name) }))
  return { scheme: 'MsgSignature (SHA1)', explains: 'The server encrypts its reply with the EncodingAESKey and signs sha1(sort(Token, TimeStamp, Nonce, Encrypt)); WeChat checks it before opening the reply.', fields }
}

/** wx.requestPayment's paySign (in the phone's pay call), explained. */
export function paySignature(body: string | null): WireSignature | null {
  if (!body) return null
  try {
    type Call = { requestPayment?: Record<string, unknown>; target?: { requestPayment?: Record<string, unknown> } }
    const call = JSON.parse(body) as Call
    const p = call.requestPayment ?? call.target?.requestPayment
    if (!p || typeof p.paySign !== 'string') return null
    const fields = ['appId', 'timeStamp', 'nonceStr', 'package', 'signType', 'paySign'].map((name) => ({ name, value: String(p[name] ?? '') }))
    return { scheme: `paySign (${String(p.signType ?? 'RSA')})`, explains: 'The brand\u2019s server signs "appId\\ntimeStamp\\nnonceStr\\npackage\\n" with its API private key; WeChat checks paySign before the pay sheet shows the order.', fields }
  } catch {
    return null
  }
}
