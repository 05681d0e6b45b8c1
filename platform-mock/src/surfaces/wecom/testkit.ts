import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decrypt, getSignature } from '@wecom/crypto'
import type { TestPlatform } from '../../testing'
import { parseXml } from '../official-account/xml'

export interface Received {
  query: URLSearchParams
  body: string
  /** the outer XML's fields (ToUserName, AgentID, Encrypt) */
  outer: Record<string, string>
  /** the decrypted event */
  message: Record<string, string>
  receiveId: string
  msgSignatureOk: boolean
}

type Handler = (m: Record<string, string>, r: Received) => void | { status?: number; body?: string } | Promise<void | { status?: number; body?: string }>

const flat = (tree: Record<string, unknown[]>) => Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, typeof v[0] === 'string' ? v[0] : JSON.stringify(v[0])]))

/**
 * A brand's WeCom callback server (not a test file): a real node:http server on port 0 that
 * verifies the URL and opens pushes with the @wecom/crypto library, as a brand would.
 */
export async function wecomBrandServer(opts: { token: string; encodingAESKey: string; corpid: string; handler?: Handler; echo?: (plain: string, echostr: string) => string }) {
  const received: Received[] = []
  const verifications: URLSearchParams[] = []
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let s = ''
      req.setEncoding('utf8')
      req.on('data', (c) => (s += c))
      req.on('end', () => resolve(s))
    })
  const server = createServer(async (req, res) => {
    const q = new URL(req.url!, 'http://localhost').searchParams
    if (req.method === 'GET') {
      verifications.push(q)
      const echostr = q.get('echostr') ?? ''
      if (getSignature(opts.token, q.get('timestamp')!, q.get('nonce')!, echostr) !== q.get('msg_signature')) return void res.end('bad signature')
      const { message, id } = decrypt(opts.encodingAESKey, echostr)
      if (id !== opts.corpid) return void res.end('wrong corp')
      return void res.end((opts.echo ?? ((p) => p))(message, echostr))
    }
    const body = await read(req)
    const outer = flat(parseXml(body)!.tree)
    const enc = outer.Encrypt ?? ''
    const msgSignatureOk = getSignature(opts.token, q.get('timestamp')!, q.get('nonce')!, enc) === q.get('msg_signature')
    const opened = decrypt(opts.encodingAESKey, enc)
    const r: Received = { query: q, body, outer, message: flat(parseXml(opened.message)!.tree), receiveId: opened.id, msgSignatureOk }
    received.push(r)
    const a = (await opts.handler?.(r.message, r)) ?? {}
    res.writeHead(a.status ?? 200)
    res.end(a.body ?? '')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom/callback`,
    received,
    verifications,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Helpers the WeCom tests share. */
export function wecomKit(p: TestPlatform) {
  const cred = p.platform.credentials.wecom
  const send = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(p.url + path, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
    const type = res.headers.get('content-type') ?? ''
    return { status: res.status, body: (type.includes('json') ? await res.json() : await res.text()) as any }
  }
  const tokens = new Map<string, string>()
  return {
    cred,
    /** the corp's name, as the world declares it */
    corpName: p.platform.world.wecom.corpName,
    send,
    async token(secret: 'agent' | 'contact' = 'contact') {
      const s = secret === 'agent' ? cred.agentSecret : cred.contactSecret
      if (!tokens.has(s)) tokens.set(s, (await p.json(`/wecom/cgi-bin/gettoken?corpid=${cred.corpid}&corpsecret=${s}`)).access_token)
      return tokens.get(s)!
    },
    /** A WeCom API call with a token of the contact secret (or `agent`, or a literal token). */
    async api(path: string, body?: unknown, secret: 'agent' | 'contact' | { token: string } = 'contact') {
      const t = typeof secret === 'object' ? secret.token : await this.token(secret)
      const sep = path.includes('?') ? '&' : '?'
      const res = await fetch(`${p.url}/wecom${path}${sep}access_token=${t}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) })
      return (await res.json()) as any
    },
    configure: (body: Record<string, unknown>) => send('PUT', '/_sandbox/wecom/callback', body),
    advance: (by: string) => send('POST', '/_sandbox/clock/advance', { by }),
    async events(type: string) {
      return (await p.json(`/_sandbox/events?type=${type}`)).events as any[]
    },
    /** The brand's callback server, configured and verified. */
    async brand(handler?: Handler) {
      const s = await wecomBrandServer({ token: cred.token, encodingAESKey: cred.encodingAESKey, corpid: cred.corpid, handler })
      const res = await send('PUT', '/_sandbox/wecom/callback', { url: s.url })
      if (res.status !== 200) throw new Error(JSON.stringify(res.body))
      return s
    },
    /** A contact-me code of one consultant, scanned and added by a person: the add answer. */
    async addsConsultant(person: string, way: Record<string, unknown> = {}) {
      const made = await this.api('/cgi-bin/externalcontact/add_contact_way', { type: 1, scene: 2, user: ['LilyChen'], ...way })
      const added = await send('POST', `/_sandbox/people/${person}/wecom/contacts`, { configId: made.config_id })
      return { ...added.body, configId: made.config_id as string }
    },
  }
}

