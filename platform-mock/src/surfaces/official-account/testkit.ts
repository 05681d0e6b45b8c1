import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { PNG } from 'pngjs'
import WXBizMsgCrypt from 'wechat-crypto'
import type { TestPlatform } from '../../testing'
import { sha1Signature } from './crypto'
import { parseXml, textOf, toXml, type XmlFields } from './xml'

export interface Received {
  method: string
  query: URLSearchParams
  body: string
  /** the plain message: decrypted from Encrypt when the push is encrypted */
  message: Record<string, string>
  signatureOk: boolean
  msgSignatureOk: boolean | null
}

type Answer = { status?: number; body?: string; delayMs?: number } | string
export type Handler = (m: Record<string, string>, n: number, r: Received) => Answer | Promise<Answer>

/**
 * A brand's message server (not a test file): a real node:http server on port 0 that checks
 * signatures and opens encrypted pushes with the wechat-crypto library, as a brand would.
 */
export async function brandServer(opts: { token: string; encodingAESKey: string; appid: string; handler?: Handler; echo?: (echostr: string) => string }) {
  const crypt = new WXBizMsgCrypt(opts.token, opts.encodingAESKey, opts.appid)
  const received: Received[] = []
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let s = ''
      req.setEncoding('utf8')
      req.on('data', (c) => (s += c))
      req.on('end', () => resolve(s))
    })
  const server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://localhost')
    const q = url.searchParams
    const signatureOk = sha1Signature(opts.token, q.get('timestamp') ?? '', q.get('nonce') ?? '') === q.get('signature')
    if (req.method === 'GET') {
      res.end(signatureOk ? (opts.echo ?? ((e) => e))(q.get('echostr') ?? '') : 'bad signature')
      return
    }
    const body = await read(req)
    const outer = parseXml(body)!
    let tree = outer.tree
    let msgSignatureOk: boolean | null = null
    const enc = textOf(tree, 'Encrypt')
    if (enc !== undefined && q.get('encrypt_type') === 'aes') {
      msgSignatureOk = crypt.getSignature(q.get('timestamp')!, q.get('nonce')!, enc) === q.get('msg_signature')
      try {
        tree = parseXml(crypt.decrypt(enc).message)!.tree
      } catch {
        tree = {}
      }
    }
    const message = Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, typeof v[0] === 'string' ? v[0] : JSON.stringify(v[0])]))
    const r: Received = { method: req.method!, query: q, body, message, signatureOk, msgSignatureOk }
    received.push(r)
    const answer = opts.handler ? await opts.handler(message, received.length, r) : 'success'
    const a = typeof answer === 'string' ? { body: answer } : answer
    if (a.delayMs) await new Promise((resolve) => setTimeout(resolve, a.delayMs))
    if (res.destroyed) return
    res.writeHead(a.status ?? 200, { 'Content-Type': 'text/xml' })
    res.end(a.body ?? '')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`
  return {
    url,
    received,
    crypt,
    /** A passive reply to `m`: plain XML, or encrypted with this server's key and token. */
    reply(m: Record<string, string>, fields: XmlFields, encrypted = false) {
      const xml = toXml({ ToUserName: m.FromUserName!, FromUserName: m.ToUserName!, CreateTime: 1700000001, ...fields })
      if (!encrypted) return xml
      const e = crypt.encrypt(xml)
      const ts = '1700000001'
      const nonce = '1320562132'
      return toXml({ Encrypt: e, MsgSignature: crypt.getSignature(ts, nonce, e), TimeStamp: Number(ts), Nonce: nonce })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A real PNG of `width` × `height` in one colour (a cover to upload). */
export function pngOf(width: number, height: number, rgb: [number, number, number] = [11, 122, 90]) {
  const png = new PNG({ width, height })
  for (let i = 0; i < width * height; i++) png.data.set([...rgb, 255], i * 4)
  return new Uint8Array(PNG.sync.write(png))
}

/** Helpers the Official Account tests share. */
export function oaKit(p: TestPlatform) {
  const oa = p.platform.credentials.officialAccount
  const mp = p.platform.credentials.miniProgram
  const send = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(p.url + path, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as any }
  }
  return {
    oa,
    mp,
    send,
    async token(app: { appid: string; secret: string } = oa) {
      return (await p.json(`/cgi-bin/token?grant_type=client_credential&appid=${app.appid}&secret=${app.secret}`)).access_token as string
    },
    async openid(person: string, appid = oa.appid) {
      const body = await p.json(`/_sandbox/people/${person}`)
      return (body.identities as { appid: string; openid: string; unionid: string }[]).find((i) => i.appid === appid)!
    },
    configure: (body: Record<string, unknown>) => send('PUT', '/_sandbox/official-account/server', body),
    person: (id: string, path: string, body?: unknown) => send(body === undefined ? 'GET' : 'POST', `/_sandbox/people/${id}/official-account${path}`, body),
    async api(path: string, body?: unknown, token?: string) {
      const t = token ?? (await this.token())
      const sep = path.includes('?') ? '&' : '?'
      const res = await fetch(`${p.url}${path}${sep}access_token=${t}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) })
      return (await res.json()) as any
    },
    /** A multipart upload with the picture in the `media` field, as WeChat's SDKs send it. */
    async upload(path: string, media: Uint8Array<ArrayBuffer> | null, opts: { filename?: string; token?: string } = {}) {
      const t = opts.token ?? (await this.token())
      const form = new FormData()
      if (media) form.append('media', new Blob([media]), opts.filename ?? 'cover.png')
      const sep = path.includes('?') ? '&' : '?'
      const res = await fetch(`${p.url}${path}${sep}access_token=${t}`, { method: 'POST', body: form })
      return (await res.json()) as any
    },
    async events(type: string) {
      return (await p.json(`/_sandbox/events?type=${type}`)).events as any[]
    },
  }
}
