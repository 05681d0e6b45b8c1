import { AsyncLocalStorage } from 'node:async_hooks'
import type { Platform } from '../platform'
import { journeyContext } from '../shared/events'

/** The three lanes of the presenter's sequence diagram. */
export type Lane = 'phone' | 'wechat' | 'merchant'

/** How a message is signed, in the words a trainer reads out, with the values that carry it. */
export interface WireSignature {
  scheme: string
  explains: string
  fields: { name: string; value: string }[]
}

/** One side of an exchange: the request, or its answer. */
export interface WireMessage {
  headers: Record<string, string>
  /** the body as sent (cut at BODY_LIMIT); null when there was none or nobody was watching */
  body: string | null
  truncated: boolean
  /** the body opened, when it travels encrypted (a pay notification's resource, OA safe mode, WeCom) */
  plaintext: string | null
  signature: WireSignature | null
}

/** One HTTP exchange between the phone, WeChat and the brand's server, as it went over the wire. */
export interface WireExchange {
  id: number
  /** virtual time the request was made */
  at: string
  /** the order of the request and of its answer among every message, so nested calls draw inside their caller */
  seq: [number, number]
  from: Lane
  to: Lane
  method: string
  url: string
  /** null when no answer came back (timeout, refused) */
  status: number | null
  latencyMs: number
  /** the request in a few words: `code2session`, `JSAPI prepay`, `payment notification` */
  label: string
  /** the answer in a few words: `200 ok`, `acknowledged 200`, `no answer: timeout` */
  answer: string
  person: string | null
  journey: string | null
  /** a phone action that begins a step of the story (opening the mini program, a message to the account) */
  starts: boolean
  /** whether headers and bodies were kept (only while someone watches the log) */
  captured: boolean
  request: WireMessage
  response: WireMessage
}

export interface WireFilter {
  after?: number
  limit?: number
  person?: string
  journey?: string
}

/** How many exchanges the log keeps: a teaching aid, the last few steps, not a record of the world. */
export const WIRE_RING = 400
/** How much of a body is kept. */
export const BODY_LIMIT = 8 * 1024
/** After a read of the log, it keeps capturing bodies this long (real time) without a live subscriber. */
export const WATCH_MS = 10 * 60_000

/** The person a phone route acts as, for the callouts made while serving it. */
export const wireContext = new AsyncLocalStorage<{ person: string }>()

/** A message as the log keeps it: headers copied, the body cut to BODY_LIMIT. */
export function message(headers: Record<string, string> | Headers | null, body: string | null, extra: Partial<Pick<WireMessage, 'plaintext' | 'signature'>> = {}): WireMessage {
  const h: Record<string, string> = {}
  if (headers instanceof Headers) headers.forEach((v, k) => (h[k] = v))
  else if (headers) for (const [k, v] of Object.entries(headers)) h[k.toLowerCase()] = v
  const cut = (s: string | null) => (s !== null && s.length > BODY_LIMIT ? s.slice(0, BODY_LIMIT) : s)
  return {
    headers: h,
    body: cut(body),
    truncated: body !== null && body.length > BODY_LIMIT,
    plaintext: cut(extra.plaintext ?? null),
    signature: extra.signature ?? null,
  }
}

export const EMPTY: WireMessage = { headers: {}, body: null, truncated: false, plaintext: null, signature: null }

/** Ids a person is known by on the wire: openids, a wx.login code, a WeCom external userid. */
const ID_PATTERNS = [
  /"(?:openid|touser|external_userid|code)"\s*:\s*"([A-Za-z0-9_-]{6,64})"/g,
  /[?&](?:openid|js_code|code)=([A-Za-z0-9_-]{6,64})/g,
  /<(?:FromUserName|ToUserName|ExternalUserID)><!\[CDATA\[([A-Za-z0-9_-]{6,64})\]\]>/g,
]
/** An account's own ids (gh_…, wx…, ww…) and answer codes (SUCCESS, PARAM_ERROR) never stand for a person. */
const ACCOUNT_ID = /^(gh_|wx|ww)|^[A-Z_]+$/

function idsIn(x: WireExchange) {
  const found = new Set<string>()
  for (const text of [x.url, x.request.body, x.request.plaintext, x.response.body, x.response.plaintext]) {
    if (!text) continue
    for (const re of ID_PATTERNS) for (const m of text.matchAll(re)) if (!ACCOUNT_ID.test(m[1]!)) found.add(m[1]!)
  }
  return found
}

export type NewExchange = Omit<WireExchange, 'id' | 'person' | 'journey' | 'at'> & { atMs: number; person?: string | null; journey?: string | null }

/**
 * The wire log: the last WIRE_RING exchanges, in memory only. It costs next to nothing while
 * nobody looks: the lanes, labels and statuses are kept, but headers and bodies are captured and
 * encrypted bodies opened only while a live feed is open or the log was read in the last
 * WATCH_MS. A reset or a restore empties it with the world.
 */
export class WireLog {
  #ring: WireExchange[] = []
  #next = 1
  #seq = 0
  #listeners = new Set<(x: WireExchange) => void>()
  #lookedAt = -Infinity
  /** who is behind an id seen on the wire (an openid, a wx.login code), learnt from exchanges whose person is known */
  #people = new Map<string, string>()

  /** whether bodies are worth capturing now */
  get watching() {
    return this.#listeners.size > 0 || Date.now() - this.#lookedAt < WATCH_MS
  }

  /** A read of the log: bodies are captured from now on, for WATCH_MS. */
  look() {
    this.#lookedAt = Date.now()
  }

  /** A place in the order of messages (a request sent, an answer back). */
  tick() {
    return ++this.#seq
  }

  add(x: NewExchange): WireExchange {
    const { atMs, ...rest } = x
    const exchange: WireExchange = {
      ...rest,
      id: this.#next++,
      at: new Date(atMs).toISOString(),
      person: x.person ?? wireContext.getStore()?.person ?? null,
      journey: x.journey ?? journeyContext.getStore()?.journeyId ?? null,
    }
    if (exchange.captured) this.#learn(exchange)
    this.#ring.push(exchange)
    if (this.#ring.length > WIRE_RING) this.#ring.splice(0, this.#ring.length - WIRE_RING)
    for (const listener of this.#listeners) listener(exchange)
    return exchange
  }

  /** An exchange of a known person teaches its ids; one of an unknown person is theirs when it carries one. */
  #learn(x: WireExchange) {
    const ids = [...idsIn(x)]
    x.person ??= ids.map((id) => this.#people.get(id)).find(Boolean) ?? null
    if (!x.person) return
    if (this.#people.size > 20_000) this.#people.clear()
    for (const id of ids) this.#people.set(id, x.person)
  }

  list(f: WireFilter = {}): WireExchange[] {
    const limit = Math.min(f.limit ?? 200, WIRE_RING)
    const shown = this.#ring.filter((x) => matches(x, f))
    return shown.slice(-limit)
  }

  get latest() {
    return this.#next - 1
  }

  subscribe(listener: (x: WireExchange) => void) {
    this.#listeners.add(listener)
    return () => void this.#listeners.delete(listener)
  }

  clear() {
    this.#ring = []
    this.#people.clear()
  }
}

export function matches(x: WireExchange, f: WireFilter) {
  if (f.after !== undefined && x.id <= f.after) return false
  if (f.person !== undefined && x.person !== f.person) return false
  if (f.journey !== undefined && x.journey !== f.journey) return false
  return true
}

const logs = new WeakMap<Platform, WireLog>()

/** The platform's wire log, made on first use; it is emptied whenever the world is replaced. */
export function wireLogOf(platform: Platform): WireLog {
  let log = logs.get(platform)
  if (!log) {
    const made = new WireLog()
    platform.events.onReplaced(() => made.clear())
    logs.set(platform, made)
    log = made
  }
  return log
}
