/**
 * The sandbox's mini program base library. A page includes it with
 *   <script src="http://localhost:4000/runtime/wx.js"></script>
 * and gets a global `wx` with WeChat's names, parameters, callbacks and promise forms, talking to
 * the phone around it. It knows the phone's origin from its own script URL.
 */
import { BridgeClient, decodeInit, type InitData, type LaunchOptions } from '../src/miniprogram/protocol'

type Result = Record<string, unknown> & { errMsg: string }
interface Callbacks {
  success?: (res: Result) => void
  fail?: (res: Result) => void
  complete?: (res: Result) => void
  [param: string]: unknown
}
interface ShareContent {
  title?: string
  path?: string
  imageUrl?: string
}
type ShareHandler = (res: { from: 'menu' | 'button'; target?: unknown }) => ShareContent | void

const script = document.currentScript as HTMLScriptElement | null
const phoneOrigin = script ? new URL(script.src).origin : location.origin
const init: InitData = decodeInit(location.hash) ?? {
  appid: '',
  launch: { path: '', query: {}, scene: 1001, referrerInfo: {} },
  system: {},
  storage: {},
}
const client = new BridgeClient(window.parent, phoneOrigin)
window.addEventListener('message', (e) => client.handle(e))

// a phone draws no scrollbars: the page still scrolls by wheel, touch and keys, without the desktop's
// gutter. A constructed sheet (no inline style for a page's CSP to refuse), :where() so that a page's
// own scrollbar rules win.
try {
  const phoneLook = new CSSStyleSheet()
  phoneLook.replaceSync(':where(html, body, *) { scrollbar-width: none }')
  document.adoptedStyleSheets = [phoneLook, ...document.adoptedStyleSheets]
} catch {
  // an old engine: its scrollbars stay
}

/** WeChat's two forms of an async API: callbacks when any is given (returns nothing), else the promise. */
function settle(promise: Promise<Result>, { success, fail, complete }: Callbacks) {
  if (!success && !fail && !complete) return promise
  promise.then(
    (res) => {
      success?.(res)
      complete?.(res)
    },
    (res: Result) => {
      fail?.(res)
      complete?.(res)
    },
  )
  return undefined
}

/** An API answered by the phone over the bridge. */
function api(name: string, shape: (params: Record<string, unknown>) => Record<string, unknown> = (p) => p) {
  return (options: Callbacks = {}) => {
    const { success, fail, complete, ...params } = options
    return settle(client.call(name, shape(params)), { success, fail, complete })
  }
}

const storage = new Map(Object.entries(init.storage))
let shareHandler: ShareHandler | null = null
const showListeners: ((options: LaunchOptions) => void)[] = []
const hideListeners: (() => void)[] = []

async function share(from: 'menu' | 'button', target?: unknown) {
  const content = shareHandler?.({ from, target }) ?? {}
  const path = content.path ?? `${init.launch.path}${Object.keys(init.launch.query).length ? `?${new URLSearchParams(init.launch.query)}` : ''}`
  await client.call('__share', { title: content.title ?? document.title, path, imageUrl: content.imageUrl ?? '' }).catch(() => undefined)
}
client.on('share', () => void share('menu'))
// the phone says `hide` when another page covers this one and `show` when it is on top again
client.on('show', (data) => showListeners.forEach((l) => l((Object.keys(data).length ? data : structuredClone(init.launch)) as unknown as LaunchOptions)))
client.on('hide', () => hideListeners.forEach((l) => l()))
// <button open-type="share"> anywhere, shadow DOM included (pages written with web components)
document.addEventListener('click', (e) => {
  const button = e.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && n.getAttribute('open-type') === 'share')
  if (button) void share('button', { id: button.id, dataset: { ...button.dataset } })
})

/**
 * wx.request: the page's HTTPS call to its own backend. Made from the page itself (the server must
 * allow CORS, as the page runs in a sandboxed frame with an opaque origin), shaped like WeChat's:
 * `{data, statusCode, header}`; only network failures fail.
 */
function request(options: Callbacks & { url: string; method?: string; data?: unknown; header?: Record<string, string>; dataType?: string; timeout?: number }) {
  const { success, fail, complete, url, method = 'GET', data, header = {}, dataType = 'json', timeout = 60_000 } = options
  const upper = method.toUpperCase()
  let target = url
  let body: string | undefined
  if (data !== undefined && (upper === 'GET' || upper === 'HEAD')) {
    const params = new URLSearchParams(Object.entries(data as Record<string, unknown>).map(([k, v]) => [k, String(v)]))
    target += (url.includes('?') ? '&' : '?') + params
  } else if (data !== undefined) body = typeof data === 'string' ? data : JSON.stringify(data)
  const headers = { 'content-type': 'application/json', ...header }
  const promise = fetch(target, { method: upper, headers, body, signal: AbortSignal.timeout(timeout) }).then(
    async (res) => {
      const text = await res.text()
      let parsed: unknown = text
      if (dataType === 'json') {
        try {
          parsed = JSON.parse(text)
        } catch {
          parsed = text
        }
      }
      return { data: parsed, statusCode: res.status, header: Object.fromEntries(res.headers), errMsg: 'request:ok' } as Result
    },
    (err: Error) => Promise.reject({ errMsg: `request:fail ${err.name === 'TimeoutError' ? 'timeout' : err.message}` }),
  )
  return settle(promise, { success, fail, complete })
}

const wx = {
  request,
  // lifecycle and launch
  getLaunchOptionsSync: () => structuredClone(init.launch),
  getEnterOptionsSync: () => structuredClone(init.launch),
  onShow: (listener: (options: LaunchOptions) => void) => {
    showListeners.push(listener)
    queueMicrotask(() => listener(structuredClone(init.launch)))
  },
  /** the page is covered (another page opened over it) or the mini program went away: stop what only matters on screen */
  onHide: (listener: () => void) => {
    hideListeners.push(listener)
  },
  onShareAppMessage: (handler: ShareHandler) => {
    shareHandler = handler
  },
  showShareMenu: api('showShareMenu'),
  // open interfaces
  login: api('login'),
  checkSession: api('checkSession'),
  requestPayment: api('requestPayment'),
  requestSubscribeMessage: api('requestSubscribeMessage'),
  scanCode: api('scanCode'),
  addCard: api('addCard'),
  openCustomerServiceChat: api('openCustomerServiceChat'),
  chooseAddress: api('chooseAddress'),
  getShareInfo: api('getShareInfo'),
  // Channels
  getChannelsLiveInfo: api('getChannelsLiveInfo'),
  openChannelsLive: api('openChannelsLive'),
  openChannelsActivity: api('openChannelsActivity'),
  openChannelsUserProfile: api('openChannelsUserProfile'),
  // navigation
  navigateTo: api('navigateTo'),
  redirectTo: api('redirectTo'),
  navigateBack: api('navigateBack', (p) => ({ delta: 1, ...p })),
  switchTab: api('switchTab'),
  reLaunch: api('reLaunch'),
  setNavigationBarTitle: api('setNavigationBarTitle'),
  previewImage: api('previewImage'),
  // interface
  showToast: api('showToast', (p) => ({ icon: 'success', duration: 1500, ...p })),
  hideToast: api('hideToast'),
  showLoading: api('showLoading'),
  hideLoading: api('hideLoading'),
  // default button texts come from the phone, in the person's language
  showModal: api('showModal', (p) => ({ showCancel: true, ...p })),
  showActionSheet: api('showActionSheet'),
  // storage: kept per person and app by the phone; the Sync forms read the copy loaded with the page
  setStorage: (options: Callbacks & { key: string; data: unknown }) => {
    storage.set(options.key, options.data)
    return api('setStorage')(options)
  },
  getStorage: api('getStorage'),
  removeStorage: (options: Callbacks & { key: string }) => {
    storage.delete(options.key)
    return api('removeStorage')(options)
  },
  setStorageSync: (key: string, data: unknown) => {
    storage.set(key, data)
    void client.call('setStorage', { key, data }).catch(() => undefined)
  },
  getStorageSync: (key: string) => (storage.has(key) ? structuredClone(storage.get(key)) : ''),
  removeStorageSync: (key: string) => {
    storage.delete(key)
    void client.call('removeStorage', { key }).catch(() => undefined)
  },
  clearStorageSync: () => {
    storage.clear()
    void client.call('clearStorage', {}).catch(() => undefined)
  },
  // device
  getSystemInfoSync: () => structuredClone(init.system),
  getSystemInfo: api('getSystemInfo'),
  makePhoneCall: api('makePhoneCall'),
  setClipboardData: api('setClipboardData'),
  openLocation: api('openLocation'),
  vibrateShort: api('vibrateShort'),
}

export type Wx = typeof wx
declare global {
  interface Window {
    wx: Wx
  }
}
window.wx = wx
