import { serve, type ServerType } from '@hono/node-server'
import { createHash, createPrivateKey, randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Client } from '@libsql/client'
import { startMerchant, type RunningMerchant } from '../../../merchant-demo/src/server'
import { createPlatform } from '../app'
import { Platform } from '../platform'
import { memoryDb } from '../shared/db'
import { requestMessage, rsaSign } from '../surfaces/pay/crypto'
import { rng } from './rng'

/**
 * The fuzz of every host: malformed requests (wrong types, huge and deep JSON, bad XML, missing
 * fields, bad signatures, odd methods, bad query strings, invalid UTF-8, wrong content types) to
 * the routes below, from a seeded RNG. Each answer is checked for a 5xx WeChat would not give, for
 * a stack trace, and, when it refused the request, for any change to the platform's world or the
 * store's database (every table, hashed before and after).
 */

export type HostName = 'pay' | 'oa' | 'miniprogram' | 'wecom' | 'mp' | 'control' | 'store'

interface Route {
  host: HostName
  method: string
  path: string
  body?: unknown
  /** the body is XML (a WeChat push to the store) */
  xml?: boolean
  /** sign it as the merchant (WeChat Pay), or sign it as WeChat (the store's callbacks) */
  sign?: boolean
  /** the store's member session or staff token */
  auth?: 'member' | 'staff'
  headers?: Record<string, string>
}

export interface Finding {
  kind: '5xx' | 'stack trace' | 'state change'
  host: HostName
  request: string
  status: number
  body: string
  tables?: string[]
}

export interface FuzzReport {
  seed: number
  routes: number
  requests: number
  refused: number
  byHost: Record<string, number>
  unexpected5xx: number
  stackTraces: number
  stateChanges: number
  findings: Finding[]
}

type Rng = ReturnType<typeof rng>

/** A digest of every table of a database, so a refused request can be shown to have written nothing. */
async function tableDigests(client: Client, skip: ReadonlySet<string>) {
  const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
  const out = new Map<string, string>()
  for (const row of tables.rows) {
    const name = String(row.name)
    if (skip.has(name)) continue
    const rows = await client.execute(`SELECT * FROM "${name}"`)
    const hash = createHash('sha1')
    for (const r of rows.rows) hash.update(JSON.stringify(Array.from(r as ArrayLike<unknown>), (_k, v) => (typeof v === 'bigint' ? String(v) : v instanceof ArrayBuffer ? Buffer.from(v).toString('hex') : v)))
    out.set(name, `${rows.rows.length}:${hash.digest('hex')}`)
  }
  return out
}

const OUTSIDE = new Set(['sandbox_keys', 'sandbox_snapshots', '__drizzle_migrations'])

const STACK = /\n\s+at\s|\bat\s+\S+\s+\(|\.(ts|js|mjs):\d+:\d+|node_modules|\b(TypeError|RangeError|ReferenceError|SyntaxError)\b/

/** The 5xx answers WeChat itself gives, and the store's "WeChat refused" relay: not findings. */
function expected5xx(host: HostName, status: number, body: string) {
  if (host === 'pay' && status === 500 && body.includes('"OPENID_MISMATCH"')) return true
  if (host === 'store' && status === 502 && body.includes('"wechat_error"')) return true
  return false
}

/** An answer that refused the request: a 4xx, an errcode other than 0, or a wx `:fail`. */
function refusedAnswer(status: number, body: string) {
  if (status >= 400) return true
  try {
    const json = JSON.parse(body) as { errcode?: number; errMsg?: string } | null
    if (json && typeof json.errcode === 'number' && json.errcode !== 0) return true
    if (json && typeof json.errMsg === 'string' && json.errMsg.includes(':fail')) return true
  } catch {
    // not JSON: XML, an image, text
  }
  return false
}

/** A world to fuzz: the platform (no job ticking, so nothing changes between requests) and the store. */
export async function fuzzWorld() {
  const platform = await Platform.open(await memoryDb(), { seed: 'fuzz' })
  const app = createPlatform(platform)
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', overrideGlobalObjects: false }, () => resolve(s))
  })
  const url = `http://localhost:${(server.address() as AddressInfo).port}`
  const pagesDir = mkdtempSync(join(tmpdir(), 'fuzz-pages-'))
  mkdirSync(join(pagesDir, 'pages/index'), { recursive: true })
  writeFileSync(join(pagesDir, 'pages/index/index.html'), '<p>home</p>')
  const merchant: RunningMerchant = await startMerchant({ platformUrl: url, port: 0, memory: true, reconcileEveryMs: 0, pagesDir, channels: false, officialAccount: true })
  await merchant.sandboxWatch?.idle()
  return {
    platform,
    url,
    merchant,
    async close() {
      await merchant.close()
      await new Promise<void>((r) => {
        server.close(() => r())
        ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      })
      await platform.close()
      rmSync(pagesDir, { recursive: true, force: true })
    },
  }
}
export type FuzzWorld = Awaited<ReturnType<typeof fuzzWorld>>

async function get(url: string, init?: RequestInit) {
  const res = await fetch(url, init)
  return (await res.json()) as any
}

/** The routes, with a well-formed body each that the fuzz then breaks. */
async function routesOf(w: FuzzWorld) {
  const cred = await get(`${w.url}/_sandbox/credentials`)
  const oa = cred.officialAccount
  const mp = cred.miniProgram
  const wc = cred.wecom
  const mchid = cred.pay.mchid as string
  const oaToken = (await get(`${w.url}/cgi-bin/token?grant_type=client_credential&appid=${oa.appid}&secret=${oa.secret}`)).access_token
  const mpToken = (await get(`${w.url}/cgi-bin/token?grant_type=client_credential&appid=${mp.appid}&secret=${mp.secret}`)).access_token
  const wcToken = (await get(`${w.url}/wecom/cgi-bin/gettoken?corpid=${wc.corpid}&corpsecret=${wc.agentSecret ?? wc.secret}`)).access_token
  const openid = (await get(`${w.url}/_sandbox/people/alice`)).identities?.find?.((i: { appid: string }) => i.appid === mp.appid)?.openid ?? 'oAlice'
  const json = { 'content-type': 'application/json' }
  const login = await get(`${w.url}/_sandbox/people/alice/miniprogram/login`, { method: 'POST', headers: json, body: '{}' })
  const member = await get(`${w.merchant.url}/api/login`, { method: 'POST', headers: json, body: JSON.stringify({ code: login.code }) })
  const order = { appid: mp.appid, mchid, description: 'fuzz', out_trade_no: 'FUZZ0001', notify_url: 'https://example.com/notify', amount: { total: 100, currency: 'CNY' } }
  const routes: Route[] = [
    // WeChat Pay v3 (api.mch.weixin.qq.com), signed as the merchant so the body is read
    { host: 'pay', method: 'POST', path: '/v3/pay/transactions/jsapi', body: { ...order, payer: { openid } }, sign: true },
    { host: 'pay', method: 'POST', path: '/v3/pay/transactions/native', body: order, sign: true },
    { host: 'pay', method: 'POST', path: '/v3/pay/transactions/h5', body: { ...order, scene_info: { payer_client_ip: '1.2.3.4', h5_info: { type: 'Wap' } } }, sign: true },
    { host: 'pay', method: 'POST', path: '/v3/pay/transactions/app', body: order, sign: true },
    { host: 'pay', method: 'GET', path: `/v3/pay/transactions/out-trade-no/FUZZ0001?mchid=${mchid}`, sign: true },
    { host: 'pay', method: 'GET', path: `/v3/pay/transactions/id/4200000000000000000000000000?mchid=${mchid}`, sign: true },
    { host: 'pay', method: 'POST', path: '/v3/pay/transactions/out-trade-no/FUZZ0001/close', body: { mchid }, sign: true },
    { host: 'pay', method: 'POST', path: '/v3/refund/domestic/refunds', body: { out_trade_no: 'FUZZ0001', out_refund_no: 'R1', amount: { refund: 1, total: 100, currency: 'CNY' } }, sign: true },
    { host: 'pay', method: 'GET', path: '/v3/refund/domestic/refunds/R1', sign: true },
    { host: 'pay', method: 'GET', path: '/v3/certificates', sign: true },
    // api.weixin.qq.com: Official Account
    { host: 'oa', method: 'GET', path: `/cgi-bin/token?grant_type=client_credential&appid=${oa.appid}&secret=${oa.secret}` },
    { host: 'oa', method: 'POST', path: '/cgi-bin/stable_token', body: { grant_type: 'client_credential', appid: oa.appid, secret: 'wrong' } },
    { host: 'oa', method: 'POST', path: `/cgi-bin/message/custom/send?access_token=${oaToken}`, body: { touser: 'oNobody', msgtype: 'text', text: { content: 'hi' } } },
    { host: 'oa', method: 'POST', path: `/cgi-bin/message/template/send?access_token=${oaToken}`, body: { touser: 'oNobody', template_id: 'T', data: { first: { value: 'x' } } } },
    { host: 'oa', method: 'POST', path: `/cgi-bin/menu/create?access_token=${oaToken}`, body: { button: [{ type: 'click', name: 'A', key: 'K' }] } },
    { host: 'oa', method: 'GET', path: `/cgi-bin/user/info?access_token=${oaToken}&openid=oNobody&lang=zh_CN` },
    { host: 'oa', method: 'POST', path: `/cgi-bin/user/info/batchget?access_token=${oaToken}`, body: { user_list: [{ openid: 'oNobody' }] } },
    { host: 'oa', method: 'POST', path: `/cgi-bin/qrcode/create?access_token=${oaToken}`, body: { action_name: 'QR_SCENE', expire_seconds: 60, action_info: { scene: { scene_id: 1 } } } },
    { host: 'oa', method: 'POST', path: `/cgi-bin/draft/add?access_token=${oaToken}`, body: { articles: [{ title: 'T', content: '<p>x</p>', thumb_media_id: 'nope' }] } },
    { host: 'oa', method: 'POST', path: `/cgi-bin/freepublish/submit?access_token=${oaToken}`, body: { media_id: 'nope' } },
    { host: 'oa', method: 'POST', path: `/cgi-bin/draft/get?access_token=${oaToken}`, body: { media_id: 'nope' } },
    { host: 'oa', method: 'GET', path: `/sns/oauth2/access_token?appid=${oa.appid}&secret=${oa.secret}&code=nope&grant_type=authorization_code` },
    { host: 'oa', method: 'POST', path: `/card/code/get?access_token=${oaToken}`, body: { code: '123', card_id: 'nope' } },
    // api.weixin.qq.com: mini program
    { host: 'miniprogram', method: 'GET', path: `/sns/jscode2session?appid=${mp.appid}&secret=${mp.secret}&js_code=nope&grant_type=authorization_code` },
    { host: 'miniprogram', method: 'POST', path: `/wxa/getwxacodeunlimit?access_token=${mpToken}`, body: { scene: 'a=1', page: 'pages/index/index', width: 430 } },
    { host: 'miniprogram', method: 'POST', path: `/wxa/generatescheme?access_token=${mpToken}`, body: { jump_wxa: { path: 'pages/nope/nope', query: 'a=1' }, is_expire: true, expire_type: 1, expire_interval: 1 } },
    { host: 'miniprogram', method: 'POST', path: `/wxa/generate_urllink?access_token=${mpToken}`, body: { path: 'pages/nope/nope', expire_type: 1, expire_interval: 1 } },
    { host: 'miniprogram', method: 'POST', path: `/cgi-bin/message/subscribe/send?access_token=${mpToken}`, body: { touser: openid, template_id: 'nope', data: { thing1: { value: 'x' } } } },
    { host: 'miniprogram', method: 'GET', path: `/wxaapi/newtmpl/gettemplate?access_token=${mpToken}` },
    // qyapi.weixin.qq.com: WeCom
    { host: 'wecom', method: 'GET', path: `/wecom/cgi-bin/gettoken?corpid=${wc.corpid}&corpsecret=wrong` },
    { host: 'wecom', method: 'POST', path: `/wecom/cgi-bin/message/send?access_token=${wcToken}`, body: { touser: 'nobody', msgtype: 'text', agentid: wc.agentId ?? 1000002, text: { content: 'x' } } },
    { host: 'wecom', method: 'POST', path: `/wecom/cgi-bin/externalcontact/add_contact_way?access_token=${wcToken}`, body: { type: 1, scene: 2, user: ['nobody'] } },
    { host: 'wecom', method: 'POST', path: `/wecom/cgi-bin/externalcontact/mark_tag?access_token=${wcToken}`, body: { userid: 'nobody', external_userid: 'wmNobody', add_tag: ['nope'] } },
    { host: 'wecom', method: 'POST', path: `/wecom/cgi-bin/kf/send_msg?access_token=${wcToken}`, body: { touser: 'wmNobody', open_kfid: 'wkNope', msgtype: 'text', text: { content: 'x' } } },
    { host: 'wecom', method: 'GET', path: `/wecom/cgi-bin/externalcontact/list?access_token=${wcToken}&userid=nobody` },
    // mp.weixin.qq.com
    { host: 'mp', method: 'GET', path: '/mp/cgi-bin/showqrcode?ticket=nope' },
    { host: 'mp', method: 'POST', path: '/cgi-bin/showqrcode?ticket=nope', headers: { host: 'mp.weixin.qq.com' }, body: { ticket: 'x' } },
    // the control API
    { host: 'control', method: 'POST', path: '/_sandbox/people', body: { id: 'alice', name: 'Alice again' } },
    { host: 'control', method: 'POST', path: '/_sandbox/people/alice/friends', body: { with: 'nobody' } },
    { host: 'control', method: 'POST', path: '/_sandbox/people/alice/messages', body: { to: 'nobody', type: 'text', text: 'hi' } },
    { host: 'control', method: 'POST', path: '/_sandbox/clock/advance', body: { by: 'soon' } },
    { host: 'control', method: 'POST', path: '/_sandbox/people/alice/miniprogram/launch', body: { entry: 'nope' } },
    { host: 'control', method: 'POST', path: '/_sandbox/people/alice/miniprogram/subscribe', body: { tmplIds: ['nope'] } },
    { host: 'control', method: 'PATCH', path: `/_sandbox/pay/merchants/${mchid}`, body: { mode: 'sm2' } },
    { host: 'control', method: 'PATCH', path: '/_sandbox/pay/people/alice/wallet', body: { password: '12ab' } },
    { host: 'control', method: 'POST', path: '/_sandbox/pay/people/alice/pay', body: { target: { prepayId: 'wx_nope' }, password: '000000' } },
    { host: 'control', method: 'POST', path: '/_sandbox/people/alice/scan', body: { payload: 'https://nope.example/' } },
    { host: 'control', method: 'POST', path: '/_sandbox/snapshots', body: { name: '../etc' } },
    { host: 'control', method: 'PUT', path: `/_sandbox/miniprogram/apps/${mp.appid}`, body: { pagesUrl: 'not a url' } },
    { host: 'control', method: 'POST', path: '/_sandbox/people/alice/official-account/messages', body: { text: '' } },
    { host: 'control', method: 'POST', path: '/_sandbox/people/alice/channels/videos/nope/comments', body: { text: '' } },
    { host: 'control', method: 'POST', path: '/_sandbox/people/alice/wecom/contacts', body: { configId: 'nope' } },
    { host: 'control', method: 'GET', path: '/_sandbox/events?after=-3&limit=x' },
    // the demo store
    { host: 'store', method: 'POST', path: '/api/login', body: { code: 'nope' } },
    { host: 'store', method: 'POST', path: '/api/cart/items', body: { productId: 'nope', options: {} }, auth: 'member' },
    { host: 'store', method: 'PATCH', path: '/api/cart/items/999', body: { quantity: -1 }, auth: 'member' },
    { host: 'store', method: 'POST', path: '/api/orders', body: { fulfilment: 'nope' }, auth: 'member' },
    { host: 'store', method: 'POST', path: '/api/coupons/nope/claim', body: {}, auth: 'member' },
    { host: 'store', method: 'GET', path: '/api/products/nope' },
    { host: 'store', method: 'POST', path: '/pay/notify', body: { id: 'x', resource: { algorithm: 'AEAD_AES_256_GCM', ciphertext: 'AAAA', nonce: 'n', associated_data: 'transaction' } }, sign: true },
    { host: 'store', method: 'POST', path: '/wechat/oa', body: '<xml><ToUserName><![CDATA[gh_x]]></ToUserName><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content></xml>', xml: true, sign: true },
    { host: 'store', method: 'POST', path: '/wechat/wecom', body: '<xml><ToUserName><![CDATA[ww]]></ToUserName><Encrypt><![CDATA[AAAA]]></Encrypt></xml>', xml: true, sign: true },
    { host: 'store', method: 'POST', path: '/admin/orders/nope/refund', body: { reason: 'x' }, auth: 'staff' },
    { host: 'store', method: 'POST', path: '/admin/gifts/nope/redeem', body: {}, auth: 'staff' },
  ]
  const signer = { key: createPrivateKey(cred.pay.merchantPrivateKey), serial: cred.pay.merchantSerialNo as string, mchid }
  return { routes, signer, oaToken: oa.token as string, member: member.token as string, staff: w.merchant.staffToken as string }
}

type Setup = Awaited<ReturnType<typeof routesOf>>

const ODD_VALUES: unknown[] = [0, -1, 1e308, -1e308, 2 ** 63, 0.5, '', ' ', 'x'.repeat(20_000), '\u0000', '\ud800', '<script>alert(1)</script>', "'; DROP TABLE people; --", '../../etc/passwd', [], [[]], {}, { $gt: '' }, null, true, false, '1e999', '%s%s%n', '\u202e', '🙂'.repeat(500)]

function mutateValue(value: unknown, r: Rng, depth = 0): unknown {
  if (value && typeof value === 'object' && depth < 6 && r.next() < 0.7) {
    const copy: any = Array.isArray(value) ? [...value] : { ...value }
    const keys = Object.keys(copy)
    if (keys.length === 0) return r.pick(ODD_VALUES)
    const key = r.pick(keys)
    const roll = r.next()
    if (roll < 0.2) delete copy[key]
    else if (roll < 0.3) copy[r.pick(['__proto__', 'constructor', 'toString', ''])] = r.pick(ODD_VALUES)
    else copy[key] = mutateValue(copy[key], r, depth + 1)
    return copy
  }
  return r.pick(ODD_VALUES)
}

const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)
const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n)

interface Attempt {
  method: string
  path: string
  headers: Record<string, string>
  body?: Buffer
  label: string
}

const MUTATIONS = ['wrong type', 'wrong type', 'wrong type', 'missing fields', 'huge json', 'deep json', 'bad json', 'bad xml', 'invalid utf-8', 'odd method', 'bad query', 'bad signature', 'content type', 'empty body'] as const

function breakQuery(path: string, r: Rng) {
  const [base, query = ''] = path.split('?') as [string, string?]
  const bad = r.pick(['%', '%E0%A4%A', 'a=%ZZ', 'access_token=', 'access_token[]=1&access_token[]=2', `x=${'y'.repeat(6000)}`, '&&&==&', 'mchid=%00', 'openid=%F0%9F%98', 'limit=-1&after=1e99', 'appid=../../'])
  const keep = r.next() < 0.5 ? query : query.split('&').filter(() => r.next() < 0.5).join('&')
  return `${base}?${[keep, bad].filter(Boolean).join('&')}`
}

function attemptFor(route: Route, r: Rng): Attempt {
  const mutation = r.pick(MUTATIONS)
  let method = route.method
  let path = route.path
  let text: string | Buffer | undefined = route.body === undefined ? undefined : typeof route.body === 'string' ? route.body : JSON.stringify(route.body)
  const headers: Record<string, string> = { ...(route.headers ?? {}) }
  let type = route.xml ? 'text/xml' : 'application/json'
  let signed = route.sign ?? false
  switch (mutation) {
    case 'wrong type':
      if (route.xml) text = String(text).replace(/CDATA\[[^\]]*\]/, `CDATA[${String(r.pick(ODD_VALUES))}]`)
      else text = JSON.stringify(mutateValue(route.body ?? {}, r)) ?? 'null'
      break
    case 'missing fields':
      text = r.pick(['{}', '[]', 'null', '""', '0', '{"":""}'])
      break
    case 'huge json':
      text = r.next() < 0.5 ? JSON.stringify({ ...(route.body as object), filler: 'x'.repeat(1_500_000) }) : `[${'1,'.repeat(200_000)}1]`
      break
    case 'deep json':
      text = r.next() < 0.5 ? deep(r.pick([100, 5_000, 50_000])) : deepArray(r.pick([100, 5_000, 50_000]))
      break
    case 'bad json':
      text = r.pick(['{', '{"a":', '{"a":1,}', "{'a':1}", 'NaN', '{"a":1}{"b":2}', '\u0000', '{"a":"\\u00"}', String(text ?? '{}').slice(0, Math.max(1, Math.floor(String(text ?? '{}').length / 2)))])
      break
    case 'bad xml':
      type = r.pick(['text/xml', 'application/xml', 'application/json'])
      text = r.pick([
        '<xml><ToUserName><![CDATA[x',
        '<xml><a>1</b></xml>',
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><xml>&c;</xml>',
        '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Content>&e;</Content></xml>',
        '<xml>' + '<a>'.repeat(5000) + '</xml>',
        '<xml><Encrypt></Encrypt></xml>',
      ])
      break
    case 'invalid utf-8': {
      const head = Buffer.from(String(text ?? '{"a":"').slice(0, 40))
      text = Buffer.concat([head, Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0xf0, 0x28, 0x8c, 0x28]), Buffer.from('"}')])
      break
    }
    case 'odd method':
      method = r.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'POST', 'PROPFIND'].filter((m) => m !== route.method))
      if (method === 'GET' || method === 'HEAD') text = undefined
      break
    case 'bad query':
      path = breakQuery(path, r)
      break
    case 'bad signature':
      signed = false
      headers.authorization = r.pick([
        'WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="n",signature="s",timestamp="1",serial_no="x"',
        `WECHATPAY2-SHA256-RSA2048 mchid="${randomBytes(r.int(3000) + 1).toString('hex')}",nonce_str="n",signature="${randomBytes(256).toString('base64')}",timestamp="${Math.floor(Date.now() / 1000)}",serial_no="x"`,
        'Bearer nope',
        'WECHATPAY2-SHA256-RSA2048 ' + 'k="v",'.repeat(2000),
        '',
      ])
      headers['wechatpay-signature'] = randomBytes(256).toString('base64')
      headers['wechatpay-timestamp'] = String(r.pick([0, -1, Math.floor(Date.now() / 1000), 99999999999]))
      headers['wechatpay-nonce'] = 'n'
      headers['wechatpay-serial'] = r.pick(['PUB_KEY_ID_nope', '', 'x'.repeat(500)])
      path = path.includes('?') ? `${path}&signature=nope&msg_signature=nope&timestamp=1&nonce=n` : `${path}?signature=nope&msg_signature=nope&timestamp=1&nonce=n`
      break
    case 'content type':
      type = r.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=x', 'image/png', 'application/octet-stream', '', 'application/json; charset=gbk'])
      break
    case 'empty body':
      text = undefined
      break
  }
  const body = text === undefined ? undefined : Buffer.isBuffer(text) ? text : Buffer.from(text)
  if (body && type) headers['content-type'] = type
  // as clients send bodies (Node itself answers a chunked GET with a bare 400 once the handler ran)
  if (body) headers['content-length'] = String(body.length)
  return { method, path, headers, body, label: `${mutation}${signed ? ' (signed)' : ''}`, ...(signed && { signed: true }) } as Attempt & { signed?: boolean }
}

function signAttempt(a: Attempt & { signed?: boolean }, route: Route, s: Setup) {
  if (!a.signed) return
  if (route.host === 'pay') {
    const timestamp = String(Math.floor(Date.now() / 1000))
    const nonce = randomBytes(16).toString('hex')
    const signature = rsaSign(s.signer.key, requestMessage(a.method, a.path, timestamp, nonce, a.body ?? Buffer.alloc(0)))
    a.headers.authorization = `WECHATPAY2-SHA256-RSA2048 mchid="${s.signer.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${s.signer.serial}"`
  } else if (route.path === '/wechat/oa') {
    const timestamp = String(Math.floor(Date.now() / 1000))
    const nonce = 'fuzz'
    const signature = createHash('sha1').update([s.oaToken, timestamp, nonce].sort().join('')).digest('hex')
    a.path = `${a.path.split('?')[0]}?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&openid=oNobody`
  }
}

function send(base: string, a: Attempt) {
  return new Promise<{ status: number; body: string }>((resolve) => {
    const req = request(base + a.path, { method: a.method, headers: a.headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
    })
    // Node refuses some requests itself (a bad header): that is not the sandbox answering
    req.on('error', (err) => resolve({ status: 0, body: `client: ${err.message}` }))
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')))
    req.end(a.body)
  })
}

/** Runs `requests` malformed requests over every route, from `seed`. */
export async function fuzz(w: FuzzWorld, opts: { seed: number; requests: number }): Promise<FuzzReport> {
  const r = rng(opts.seed)
  const setup = await routesOf(w)
  const platformClient = w.platform.db.$client
  const storeClient = (w.merchant.store.db as unknown as { $client: Client }).$client
  const digest = async () => {
    const [a, b] = await Promise.all([tableDigests(platformClient, OUTSIDE), tableDigests(storeClient, OUTSIDE)])
    return new Map([...[...a].map(([k, v]) => [`platform.${k}`, v] as const), ...[...b].map(([k, v]) => [`store.${k}`, v] as const)])
  }
  const report: FuzzReport = { seed: opts.seed, routes: setup.routes.length, requests: 0, refused: 0, byHost: {}, unexpected5xx: 0, stackTraces: 0, stateChanges: 0, findings: [] }
  let before = await digest()
  for (let i = 0; i < opts.requests; i++) {
    // every route in turn, then at random: each route gets its share whatever the count
    const route = i < setup.routes.length ? setup.routes[i]! : r.pick(setup.routes)
    const a = attemptFor(route, r)
    signAttempt(a, route, setup)
    if (route.auth === 'member') a.headers.authorization ??= `Bearer ${setup.member}`
    if (route.auth === 'staff') a.headers.authorization ??= `Bearer ${setup.staff}`
    const base = route.host === 'store' ? w.merchant.url : w.url
    const res = await send(base, a)
    report.requests++
    report.byHost[route.host] = (report.byHost[route.host] ?? 0) + 1
    const what = `${a.method} ${a.path.slice(0, 160)} [${a.label}]`
    if (res.status >= 500 && !expected5xx(route.host, res.status, res.body)) {
      report.unexpected5xx++
      report.findings.push({ kind: '5xx', host: route.host, request: what, status: res.status, body: res.body.slice(0, 400) })
    } else if (/"errcode":-1\b/.test(res.body)) {
      report.unexpected5xx++
      report.findings.push({ kind: '5xx', host: route.host, request: what, status: res.status, body: res.body.slice(0, 400) })
    }
    if (STACK.test(res.body)) {
      report.stackTraces++
      report.findings.push({ kind: 'stack trace', host: route.host, request: what, status: res.status, body: res.body.slice(0, 400) })
    }
    const after = await digest()
    if (refusedAnswer(res.status, res.body) || res.status === 0) {
      report.refused++
      const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k))
      if (changed.length > 0) {
        report.stateChanges++
        report.findings.push({ kind: 'state change', host: route.host, request: what, status: res.status, body: res.body.slice(0, 400), tables: changed })
      }
    }
    before = after
  }
  return report
}
