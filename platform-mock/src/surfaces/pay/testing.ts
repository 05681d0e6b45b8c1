import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TestPlatform } from '../../testing'
import { aesGcmDecrypt, jsapiPayMessage, requestMessage, responseMessage, rsaSign, rsaVerify } from './crypto'
import type { NotificationEnvelope, RequestPayment } from './wire'

// Test helpers for the pay surface: a hand-rolled v3 merchant client (what any SDK does, in a few
// lines) and a notification receiver on a real local HTTP port.

export interface PayCredentials {
  mchid: string
  appids: string[]
  apiV3Key: string
  merchantSerialNo: string
  merchantPrivateKey: string
  merchantCertificate: string
  platformPublicKeyId: string
  platformPublicKey: string
  platformCertificateSerialNo: string
  platformCertificate: string
}

export interface PayAnswer {
  status: number
  headers: Headers
  text: string
  body: any
}

/** A merchant calling api.mch.weixin.qq.com on a test platform, signing like every v3 SDK. */
export function merchantClient(p: TestPlatform, cred: PayCredentials, opts: { privateKey?: KeyObject; serial?: string } = {}) {
  const key = opts.privateKey ?? createPrivateKey(cred.merchantPrivateKey)
  const serial = opts.serial ?? cred.merchantSerialNo
  const verifiers: Record<string, KeyObject> = {
    [cred.platformPublicKeyId]: createPublicKey(cred.platformPublicKey),
    [cred.platformCertificateSerialNo]: createPublicKey(cred.platformCertificate),
  }
  async function call(method: string, target: string, body?: unknown, extra: { authorization?: string; timestamp?: number; rawBody?: string } = {}): Promise<PayAnswer> {
    const text = extra.rawBody ?? (body === undefined ? '' : JSON.stringify(body))
    const timestamp = String(extra.timestamp ?? Math.floor(Date.now() / 1000))
    const nonce = randomBytes(16).toString('hex').toUpperCase()
    const signature = rsaSign(key, requestMessage(method, target, timestamp, nonce, text))
    const authorization =
      extra.authorization ??
      `WECHATPAY2-SHA256-RSA2048 mchid="${cred.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${serial}"`
    const res = await fetch(p.url + target, {
      method,
      headers: { Authorization: authorization, Accept: 'application/json', ...(text && { 'Content-Type': 'application/json' }) },
      body: text || undefined,
    })
    const answer = await res.text()
    return { status: res.status, headers: res.headers, text: answer, body: answer ? JSON.parse(answer) : undefined }
  }
  return {
    call,
    post: (target: string, body: unknown) => call('POST', target, body),
    get: (target: string) => call('GET', target),
    /** Verifies a response's (or notification's) signature the way SDKs do. */
    verify(headers: Headers | Record<string, string>, text: string) {
      const h = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name.toLowerCase()]) ?? ''
      const verifier = verifiers[h('Wechatpay-Serial')]
      if (!verifier) return false
      return rsaVerify(verifier, responseMessage(h('Wechatpay-Timestamp'), h('Wechatpay-Nonce'), text), h('Wechatpay-Signature'))
    },
    decrypt(envelope: NotificationEnvelope) {
      const r = envelope.resource
      return JSON.parse(aesGcmDecrypt(cred.apiV3Key, r.nonce, r.associated_data, r.ciphertext))
    },
    /** What a merchant backend hands wx.requestPayment for a prepay_id. */
    requestPayment(appId: string, prepayId: string): RequestPayment {
      const timeStamp = String(Math.floor(Date.now() / 1000))
      const nonceStr = randomBytes(8).toString('hex')
      const pkg = `prepay_id=${prepayId}`
      return { appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign: rsaSign(key, jsapiPayMessage(appId, timeStamp, nonceStr, pkg)) }
    },
  }
}

export type MerchantClient = ReturnType<typeof merchantClient>

export interface Received {
  headers: Record<string, string>
  body: string
  /** real time of arrival */
  at: number
}

/**
 * A merchant's notify_url on a local port: records every POST and answers with what `answer`
 * returns for the n-th one (default: 204).
 */
export async function notificationReceiver(answer: (n: number, req: IncomingMessage) => { status: number; body?: string; delayMs?: number } = () => ({ status: 204 })) {
  const received: Received[] = []
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body, at: Date.now() })
      const a = answer(received.length, req)
      const send = () => {
        if (res.destroyed) return
        res.writeHead(a.status, a.body ? { 'Content-Type': 'application/json' } : {})
        res.end(a.body)
      }
      if (a.delayMs) setTimeout(send, a.delayMs).unref()
      else send()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/wxpay/notify`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** A seeded test platform (clock frozen at the seeded epoch) with the brand's pay credentials and a JSAPI order builder. */
export async function payWorld(opts: { seed?: string } = {}) {
  const { testPlatform } = await import('../../testing')
  const p = await testPlatform({ seed: opts.seed ?? 'pay' })
  // orders notify a local merchant that acknowledges everything, unless a test says otherwise
  const sink = await notificationReceiver()
  const closePlatform = p.close.bind(p)
  p.close = async () => {
    await sink.close()
    await closePlatform()
  }
  const doc = await p.json('/_sandbox/credentials')
  const cred = doc.pay as PayCredentials
  const mpAppid: string = doc.miniProgram.appid
  const oaAppid: string = doc.officialAccount.appid
  const openid = async (person: string, appid = mpAppid): Promise<string> => {
    const { identities } = await p.json(`/_sandbox/people/${person}`)
    return identities.find((i: { appid: string }) => i.appid === appid).openid
  }
  const merchant = merchantClient(p, cred)
  let n = 0
  /** A valid JSAPI order body for alice (or `payer`), with overrides. */
  const jsapiOrder = async (overrides: Record<string, unknown> = {}, payer = 'alice') => ({
    appid: mpAppid,
    mchid: cred.mchid,
    description: 'Lumen Coffee - Oat Latte',
    out_trade_no: `LUMEN${Date.now()}${++n}`,
    notify_url: sink.url,
    amount: { total: 3200, currency: 'CNY' },
    payer: { openid: await openid(payer) },
    ...overrides,
  })
  /** Places a JSAPI order and returns its body and prepay_id. */
  const placeJsapi = async (overrides: Record<string, unknown> = {}, payer = 'alice') => {
    const body = await jsapiOrder(overrides, payer)
    const res = await merchant.post('/v3/pay/transactions/jsapi', body)
    if (res.status !== 200) throw new Error(`order refused: ${res.text}`)
    return { body, prepayId: res.body.prepay_id as string }
  }
  /** A person acts on the pay sheet (control API); the password is the default unless given. */
  const pay = async (person: string, target: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const res = await p.post(`/_sandbox/pay/people/${person}/pay`, { target, password: '123456', ...extra })
    return res.json() as Promise<any>
  }
  /** A person pays a prepay_id with the wx.requestPayment parameters the merchant signed. */
  const payPrepay = (person: string, prepayId: string, extra: Record<string, unknown> = {}) =>
    pay(person, { requestPayment: merchant.requestPayment(mpAppid, prepayId) }, extra)
  const wallet = async (person: string) => (await p.json(`/_sandbox/pay/people/${person}/wallet`)) as { balance: number; card: { name: string } }
  return { p, cred, doc, mpAppid, oaAppid, openid, merchant, sink, jsapiOrder, placeJsapi, pay, payPrepay, wallet }
}

export type PayWorld = Awaited<ReturnType<typeof payWorld>>
