/**
 * The wire between a mini program page (in a sandboxed iframe) and the phone around it, over
 * postMessage. Every call has an id and gets exactly one reply; results and errors carry WeChat's
 * `errMsg` (`login:ok`, `requestPayment:fail cancel`). The phone only accepts messages from its own
 * iframe's window; the page only from its parent at the phone's origin.
 */
export const BRIDGE = 'wx-bridge/1'

export interface CallMessage {
  bridge: typeof BRIDGE
  kind: 'call'
  id: number
  api: string
  params: Record<string, unknown>
}

export interface ReplyMessage {
  bridge: typeof BRIDGE
  kind: 'reply'
  id: number
  ok: boolean
  result: Record<string, unknown> & { errMsg: string }
}

/** Something the phone tells the page: `show` (launch options), `share` (the capsule's Share). */
export interface PushMessage {
  bridge: typeof BRIDGE
  kind: 'push'
  name: 'show' | 'hide' | 'share'
  data: Record<string, unknown>
}

export type BridgeMessage = CallMessage | ReplyMessage | PushMessage

export function isBridgeMessage(data: unknown): data is BridgeMessage {
  return typeof data === 'object' && data !== null && (data as { bridge?: unknown }).bridge === BRIDGE
}

/** What the page knows from the moment it loads (so the *Sync APIs can answer at once). */
export interface InitData {
  appid: string
  launch: LaunchOptions
  system: Record<string, unknown>
  storage: Record<string, unknown>
}

/** `wx.getLaunchOptionsSync()` as the real client returns it. */
export interface LaunchOptions {
  path: string
  query: Record<string, string>
  scene: number
  shareTicket?: string
  referrerInfo: { appId?: string; extraData?: Record<string, unknown> }
}

export const INIT_PARAM = 'wx'

export function encodeInit(init: InitData) {
  return `${INIT_PARAM}=${encodeURIComponent(JSON.stringify(init))}`
}

export function decodeInit(hash: string): InitData | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const raw = params.get(INIT_PARAM)
  if (!raw) return null
  try {
    return JSON.parse(raw) as InitData
  } catch {
    return null
  }
}

/** The platform-side handler of one API: resolves with the result, or throws the reason. */
export type ApiHandler = (params: Record<string, unknown>) => Promise<Record<string, unknown> | void>

export class ApiFail extends Error {}

/**
 * The phone's end: answers calls from one frame. Unknown APIs and failing handlers answer
 * `{errMsg: 'api:fail …'}`; messages from any other window are ignored.
 */
export class BridgeHost {
  constructor(
    private readonly frame: () => MessageEventSource | null,
    private readonly handlers: Record<string, ApiHandler>,
  ) {}

  /** Returns true when the message was a call from our frame (and is being answered). */
  handle(event: MessageEvent): boolean {
    const source = this.frame()
    if (!source || event.source !== source || !isBridgeMessage(event.data) || event.data.kind !== 'call') return false
    const { id, api, params } = event.data
    const reply = (ok: boolean, result: Record<string, unknown> & { errMsg: string }) =>
      (source as Window).postMessage({ bridge: BRIDGE, kind: 'reply', id, ok, result } satisfies ReplyMessage, '*')
    const handler = Object.hasOwn(this.handlers, api) ? this.handlers[api] : undefined
    if (!handler) {
      reply(false, { errMsg: `${api}:fail api not supported` })
      return true
    }
    handler(params ?? {}).then(
      (result) => reply(true, { ...(result ?? {}), errMsg: `${api}:ok` }),
      (err: unknown) => reply(false, { errMsg: `${api}:fail ${err instanceof Error ? err.message : String(err)}` }),
    )
    return true
  }

  push(name: PushMessage['name'], data: Record<string, unknown>) {
    ;(this.frame() as Window | null)?.postMessage({ bridge: BRIDGE, kind: 'push', name, data } satisfies PushMessage, '*')
  }
}

/** Calls that wait on the person (a sheet, a dialog, the camera) have no timeout. */
const WAITS_FOR_PERSON = new Set(['requestPayment', 'showModal', 'scanCode', 'requestSubscribeMessage', 'showActionSheet', 'chooseAddress', '__share'])

/**
 * The page's end: sends calls to the phone and settles each with its reply, or with
 * `api:fail timeout` when the phone does not answer in time.
 */
export class BridgeClient {
  #next = 1
  readonly #pending = new Map<number, { resolve: (r: any) => void; reject: (r: any) => void; timer?: ReturnType<typeof setTimeout> }>()
  readonly #listeners = new Map<string, ((data: Record<string, unknown>) => void)[]>()

  constructor(
    private readonly parent: { postMessage(message: unknown, targetOrigin: string): void },
    private readonly phoneOrigin: string,
    private readonly timeoutMs = 10_000,
  ) {}

  call(api: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown> & { errMsg: string }> {
    const id = this.#next++
    return new Promise((resolve, reject) => {
      const entry: { resolve: (r: any) => void; reject: (r: any) => void; timer?: ReturnType<typeof setTimeout> } = { resolve, reject }
      if (!WAITS_FOR_PERSON.has(api)) {
        entry.timer = setTimeout(() => {
          this.#pending.delete(id)
          reject({ errMsg: `${api}:fail timeout` })
        }, this.timeoutMs)
      }
      this.#pending.set(id, entry)
      this.parent.postMessage({ bridge: BRIDGE, kind: 'call', id, api, params: JSON.parse(JSON.stringify(params)) } satisfies CallMessage, this.phoneOrigin)
    })
  }

  on(name: string, listener: (data: Record<string, unknown>) => void) {
    this.#listeners.set(name, [...(this.#listeners.get(name) ?? []), listener])
  }

  /** Returns true when the message was from the phone and was ours to handle. */
  handle(event: { source: unknown; origin: string; data: unknown }): boolean {
    if (event.source !== this.parent || event.origin !== this.phoneOrigin || !isBridgeMessage(event.data)) return false
    const msg = event.data
    if (msg.kind === 'reply') {
      const entry = this.#pending.get(msg.id)
      if (!entry) return false
      this.#pending.delete(msg.id)
      clearTimeout(entry.timer)
      ;(msg.ok ? entry.resolve : entry.reject)(msg.result)
      return true
    }
    if (msg.kind === 'push') {
      for (const l of this.#listeners.get(msg.name) ?? []) l(msg.data)
      return true
    }
    return false
  }
}
