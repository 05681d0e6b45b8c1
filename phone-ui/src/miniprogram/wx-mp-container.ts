import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { api, call, type Conversation, type PersonView } from '../api'
import type { Lang } from '../i18n'
import '../pay/wx-pay-sheet'
import type { PaySubmit, PaySummary } from '../pay/wx-pay-sheet'
import { channels } from '../channels/api'
import { ApiFail, BridgeHost, encodeInit, type ApiHandler, type LaunchOptions } from './protocol'
import './wx-mp-overlays'
import type { ModalState, ToastState } from './wx-mp-overlays'
import '../scan/wx-scanner'
import '../wecom/wx-image-preview'
import { wecomApi } from '../wecom/api'
import './wx-share-panel'
import type { ShareCard } from './wx-share-panel'
import './wx-subscribe-sheet'
import type { SubscribeItem } from './wx-subscribe-sheet'
import './wx-address-sheet'
import { savedAddresses, type WxAddress } from './addresses'

/** A running mini program: which app, where its pages live, and how it was launched. */
export interface MpSession {
  appid: string
  appName: string
  brandColor: string
  /** the brand's logo (data: URL), the splash's icon */
  icon?: string
  pagesUrl: string
  launch: LaunchOptions
}

interface Page {
  key: number
  path: string
  query: Record<string, string>
  title: string
}

const SYSTEM = (lang: Lang) => ({
  brand: 'Sandbox',
  model: 'iPhone 15',
  pixelRatio: 3,
  screenWidth: 390,
  screenHeight: 844,
  windowWidth: 366,
  windowHeight: 732,
  statusBarHeight: 44,
  language: lang === 'zh' ? 'zh_CN' : 'en',
  version: '8.0.50',
  system: 'iOS 17.5',
  platform: 'ios',
  SDKVersion: '3.5.0',
})

function parseUrl(url: string): { path: string; query: Record<string, string> } {
  const [path, search = ''] = url.replace(/^\//, '').split('?')
  return { path: path!.replace(/\.html$/, ''), query: Object.fromEntries(new URLSearchParams(search)) }
}

/**
 * WeChat's mini program container: brand splash, navigation bar with the capsule (••• / close), and
 * the merchant's pages in sandboxed iframes (a page stack), each talking to the phone through the
 * `wx` bridge. Toasts, dialogs, the pay sheet and the share panel are drawn here, as WeChat does.
 */
@customElement('wx-mp-container')
export class WxMpContainer extends LitElement {
  static styles = css`
    :host {
      position: absolute;
      inset: 0;
      z-index: 10;
      display: flex;
      flex-direction: column;
      background: #fff;
      animation: up 0.25s ease-out;
    }
    @keyframes up {
      from {
        transform: translateY(100%);
      }
    }
    nav {
      height: 44px;
      flex: none;
      display: flex;
      align-items: center;
      justify-content: center;
      position: relative;
      background: #fff;
      font-size: 17px;
      font-weight: 600;
    }
    nav .back {
      position: absolute;
      left: 6px;
      padding: 8px;
      font-size: 22px;
      line-height: 1;
    }
    nav h1 {
      font-size: 17px;
      margin: 0;
      max-width: calc(100% - 210px);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    button {
      font: inherit;
      color: inherit;
      background: none;
      border: 0;
      cursor: pointer;
    }
    .capsule {
      position: absolute;
      right: 8px;
      display: flex;
      align-items: center;
      height: 32px;
      border: 1px solid rgba(0, 0, 0, 0.12);
      border-radius: 16px;
      background: rgba(255, 255, 255, 0.75);
    }
    .capsule button {
      width: 43px;
      height: 30px;
      display: grid;
      place-items: center;
    }
    .capsule i {
      width: 1px;
      height: 18px;
      background: rgba(0, 0, 0, 0.12);
    }
    .pages {
      flex: 1;
      position: relative;
    }
    iframe {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      border: 0;
      background: #f7f7f7;
    }
    iframe[hidden] {
      display: none;
    }
    /* a page shows once it has loaded (its script has run): until then nobody can tap it */
    iframe.loading {
      visibility: hidden;
    }
    .splash {
      position: absolute;
      inset: 0;
      background: #fff;
      display: flex;
      flex-direction: column;
      align-items: center;
      padding-top: 200px;
      gap: 16px;
      z-index: 5;
    }
    .logo {
      width: 72px;
      height: 72px;
      border-radius: 50%;
      display: grid;
      place-items: center;
      color: #fff;
      font-size: 30px;
      font-weight: 600;
    }
    img.logo {
      object-fit: cover;
    }
    .dots {
      display: flex;
      gap: 6px;
      margin-top: 24px;
    }
    .dots span {
      width: 7px;
      height: 7px;
      border-radius: 50%;
      background: #07c160;
      animation: blink 1s infinite;
    }
    .dots span:nth-child(2) {
      animation-delay: 0.2s;
    }
    .dots span:nth-child(3) {
      animation-delay: 0.4s;
    }
    @keyframes blink {
      50% {
        opacity: 0.2;
      }
    }
    .menu-mask {
      position: absolute;
      inset: 0;
      background: rgba(0, 0, 0, 0.45);
      z-index: 25;
      display: flex;
      align-items: flex-end;
    }
    .menu {
      width: 100%;
      background: #f7f7f7;
      border-radius: 12px 12px 0 0;
      padding: 18px 0 0;
    }
    .menu .app {
      font-size: 14px;
      color: #7f7f7f;
      padding: 0 20px 14px;
    }
    .menu .items {
      display: flex;
      gap: 22px;
      padding: 0 20px 18px;
    }
    .menu .items button {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 8px;
      font-size: 11px;
      color: #4c4c4c;
    }
    .menu .items span {
      width: 52px;
      height: 52px;
      border-radius: 12px;
      background: #fff;
      display: grid;
      place-items: center;
    }
    .menu .cancel {
      width: 100%;
      height: 56px;
      background: #fff;
      font-size: 17px;
    }
  `
  @property() person = ''
  @property() lang: Lang = 'en'
  /** the phone's clock: wx.scanCode's scanner covers the phone's status bar with its own */
  @property() time = ''
  @property({ attribute: false }) session!: MpSession
  @property({ attribute: false }) conversations: Conversation[] = []
  @property({ attribute: false }) people = new Map<string, PersonView>()
  @state() private pages: Page[] = []
  /** the app's home page: WeChat shows a home button when the only page open is another one */
  @state() private home: string | null = null
  /** WeChat's launch screen: up until the first page has loaded, and for at least a moment */
  @state() private splash = true
  /** pages whose frame has loaded (keys) */
  @state() private loaded: ReadonlySet<number> = new Set()
  #minSplash = false
  @state() private toast: ToastState | null = null
  @state() private modal: ModalState | null = null
  @state() private menu = false
  @state() private pay: { summary: PaySummary; submit: PaySubmit; done: (r: { outcome: string; message: string }) => void } | null = null
  @state() private share: { card: ShareCard; done: (sent: boolean) => void } | null = null
  /** wx.previewImage: the picture shown full screen */
  @state() private preview: string | null = null
  @state() private scanner: ((scanned: { payload: string; method: string } | null) => void) | null = null
  /** wx.requestSubscribeMessage: the messages asked for, until the person answers */
  @state() private subscribing: { items: SubscribeItem[]; done: (d: Record<string, 'accept' | 'reject'>) => void } | null = null
  /** wx.chooseAddress: the person's address book, until they pick one or cancel */
  @state() private choosingAddress: ((a: WxAddress | null) => void) | null = null
  /** the page on top, told `hide` when another covers it and `show` when it is on top again (Page onHide / onShow) */
  #shownTop = 0
  #key = 0
  #hosts = new Map<number, BridgeHost>()
  #toastTimer?: number

  connectedCallback() {
    super.connectedCallback()
    window.addEventListener('message', this.#onMessage)
    const { path, query } = this.session.launch
    this.pages = [{ key: ++this.#key, path, query, title: this.session.appName }]
    setTimeout(() => {
      this.#minSplash = true
      this.#endSplash()
    }, 700)
    void api.homePage(this.session.appid).then(
      (home) => (this.home = home),
      () => undefined,
    )
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    window.removeEventListener('message', this.#onMessage)
  }

  updated(changed: Map<string, unknown>) {
    if (!changed.has('pages')) return
    const top = this.pages.at(-1)?.key ?? 0
    if (top === this.#shownTop) return
    // the page that was on top and is still open is covered; the one on top again is shown (a new page starts shown)
    const before = changed.get('pages') as Page[] | undefined
    if (this.pages.some((p) => p.key === this.#shownTop)) this.#host(this.#shownTop).push('hide', {})
    if (before?.some((p) => p.key === top)) this.#host(top).push('show', {})
    this.#shownTop = top
  }

  // A page may call wx before its frame's load event, so every page of the stack has a host from
  // the start, finding its frame by key.
  #onMessage = (e: MessageEvent) => {
    for (const p of this.pages) if (this.#host(p.key).handle(e)) return
  }

  #host(key: number) {
    let host = this.#hosts.get(key)
    if (!host) {
      const frame = () => this.renderRoot.querySelector<HTMLIFrameElement>(`iframe[data-key="${key}"]`)?.contentWindow ?? null
      host = new BridgeHost(frame, this.#handlers)
      this.#hosts.set(key, host)
    }
    return host
  }

  render() {
    const top = this.pages.at(-1)
    return html`
      <nav>
        ${this.pages.length > 1
          ? html`<button class="back" aria-label="Back" @click=${() => this.#back(1)}>‹</button>`
          : this.home && top && top.path !== this.home
            ? html`<button class="back" aria-label="Home" @click=${() => this.#navigate('reset', `/${this.home}`)}>
                <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true"><path d="M4 11l8-7 8 7v9h-5v-6H9v6H4z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/></svg>
              </button>`
            : null}
        <h1>${top?.title ?? ''}</h1>
        <div class="capsule">
          <button aria-label="More" @click=${() => (this.menu = true)}>
            <svg width="20" height="6" viewBox="0 0 20 6" aria-hidden="true"><circle cx="3" cy="3" r="2.2"/><circle cx="10" cy="3" r="3"/><circle cx="17" cy="3" r="2.2"/></svg>
          </button>
          <i></i>
          <button aria-label="Close mini program" @click=${this.#close}>
            <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true"><circle cx="10" cy="10" r="7.5" fill="none" stroke="#000" stroke-width="1.8"/><circle cx="10" cy="10" r="2.8"/></svg>
          </button>
        </div>
      </nav>
      <div class="pages">
        ${repeat(
          this.pages,
          (p) => p.key,
          // the frame is named after the mini program (stable), the nav bar shows the page title
          (p, i) => html`<iframe
            title=${this.session.appName}
            data-key=${p.key}
            sandbox="allow-scripts allow-forms"
            class=${this.#showing(p.key) ? '' : 'loading'}
            ?hidden=${!this.#visible(i)}
            src=${this.#pageUrl(p)}
            @load=${() => this.#pageLoaded(p.key)}
          ></iframe>`,
        )}
        ${this.splash ? this.#splash() : null}
      </div>
      <wx-mp-overlays .toast=${this.toast} .modal=${this.modal}></wx-mp-overlays>
      ${this.menu ? this.#menu() : null}
      ${this.pay
        ? html`<wx-pay-sheet .summary=${this.pay.summary} .submit=${this.pay.submit} .lang=${this.lang} @wx-pay-done=${(e: CustomEvent) => this.pay?.done(e.detail)}></wx-pay-sheet>`
        : null}
      ${this.preview ? html`<wx-image-preview .src=${this.preview} .lang=${this.lang} @wx-preview-close=${() => (this.preview = null)}></wx-image-preview>` : null}
      ${this.subscribing
        ? html`<wx-subscribe-sheet
            .appName=${this.session.appName}
            .icon=${this.session.icon ?? ''}
            .items=${this.subscribing.items}
            .lang=${this.lang}
            @wx-subscribe-done=${(e: CustomEvent<Record<string, 'accept' | 'reject'>>) => this.subscribing?.done(e.detail)}
          ></wx-subscribe-sheet>`
        : null}
      ${this.choosingAddress
        ? html`<wx-address-sheet .addresses=${savedAddresses(this.people.get(this.person), this.lang)} .lang=${this.lang} @wx-address-done=${(e: CustomEvent<WxAddress | null>) => this.choosingAddress?.(e.detail)}></wx-address-sheet>`
        : null}
      ${this.scanner ? html`<wx-scanner style="top:-44px" .time=${this.time} .lang=${this.lang} @wx-scan=${(e: CustomEvent<{ payload: string; method: string } | null>) => this.scanner?.(e.detail)}></wx-scanner>` : null}
      ${this.share
        ? html`<wx-share-panel
            .card=${this.share.card}
            .conversations=${this.conversations}
            .people=${this.people}
            .lang=${this.lang}
            @wx-share-done=${(e: CustomEvent<Conversation | null>) => this.#shareTo(e.detail)}
          ></wx-share-panel>`
        : null}
    `
  }

  #pageLoaded(key: number) {
    if (this.loaded.has(key)) return
    this.loaded = new Set([...this.loaded, key])
    this.#endSplash()
  }

  #endSplash() {
    if (this.splash && this.#minSplash && this.pages[0] && this.loaded.has(this.pages[0].key)) this.splash = false
  }

  /** A page can be seen (and tapped) once it has loaded and the launch screen is gone. */
  #showing(key: number) {
    return this.loaded.has(key) && !this.splash
  }

  /** The top page, and while it is still loading the page under it (WeChat keeps it until the new one draws). */
  #visible(i: number) {
    const top = this.pages.length - 1
    if (i === top) return true
    return i === top - 1 && !this.loaded.has(this.pages[top]!.key)
  }

  #splash() {
    const s = this.session
    return html`<div class="splash" role="status" aria-label=${`Opening ${s.appName}`}>
      ${s.icon ? html`<img class="logo" alt="" src=${s.icon} />` : html`<div class="logo" style="background:${s.brandColor}">${s.appName.slice(0, 1)}</div>`}
      <div>${s.appName}</div>
      <div class="dots"><span></span><span></span><span></span></div>
    </div>`
  }

  #menu() {
    return html`<div class="menu-mask" @click=${(e: Event) => e.target === e.currentTarget && (this.menu = false)}>
      <div class="menu" role="menu" aria-label="Mini program menu">
        <div class="app">${this.session.appName}</div>
        <div class="items">
          <button role="menuitem" @click=${this.#menuShare}>
            <span><svg width="26" height="26" viewBox="0 0 24 24"><path d="M4 5.5h16v10H9l-4 3.5v-3.5H4z" fill="none" stroke="#07c160" stroke-width="1.6"/></svg></span>Send to Chat
          </button>
          <button role="menuitem" @click=${this.#reload}>
            <span><svg width="26" height="26" viewBox="0 0 24 24"><path d="M19 12a7 7 0 11-2-4.9M19 4v4h-4" fill="none" stroke="#191919" stroke-width="1.6" stroke-linecap="round"/></svg></span>Reload
          </button>
        </div>
        <button class="cancel" @click=${() => (this.menu = false)}>Cancel</button>
      </div>
    </div>`
  }

  #pageUrl(p: Page) {
    const s = this.session
    const first = this.pages[0]?.key === p.key
    const launch: LaunchOptions = first ? s.launch : { ...s.launch, path: p.path, query: p.query }
    const init = { appid: s.appid, launch, system: SYSTEM(this.lang), storage: this.#storage() }
    const search = new URLSearchParams(p.query).toString()
    return `${s.pagesUrl.replace(/\/$/, '')}/${p.path}.html${search ? `?${search}` : ''}#${encodeInit(init)}`
  }

  // ---- storage, per person and app (wx.setStorage)
  get #storageKey() {
    return `wx-storage:${this.person}:${this.session.appid}`
  }
  #storage(): Record<string, unknown> {
    try {
      return JSON.parse(localStorage.getItem(this.#storageKey) ?? '{}')
    } catch {
      return {}
    }
  }
  #saveStorage(next: Record<string, unknown>) {
    localStorage.setItem(this.#storageKey, JSON.stringify(next))
  }

  /** WeChat asks before leaving for Channels; the platform checks the account and the same-subject rule (errno 100008). */
  async #openChannels(name: string, p: Record<string, unknown>) {
    const target = await channels
      .open(this.person, { appid: this.session.appid, api: name, finderUserName: String(p.finderUserName ?? ''), ...(p.feedId !== undefined && { feedId: String(p.feedId) }), ...(p.nonceId !== undefined && { nonceId: String(p.nonceId) }) })
      .catch((err: Error) => {
        throw new ApiFail(err.message)
      })
    const zh = this.lang === 'zh'
    const go = await this.#ask({ title: '', content: zh ? '即将打开视频号' : 'Open Channels?', showCancel: true, cancelText: zh ? '取消' : 'Cancel', confirmText: zh ? '允许' : 'Allow' })
    if (!go) throw new ApiFail('cancel')
    this.dispatchEvent(new CustomEvent('wx-open-channels', { detail: target, bubbles: true, composed: true }))
    return {}
  }

  #showToast(toast: ToastState | null, duration = 1500) {
    clearTimeout(this.#toastTimer)
    this.toast = toast
    if (toast && toast.icon !== 'loading') this.#toastTimer = window.setTimeout(() => (this.toast = null), duration)
  }

  #ask(m: Omit<ModalState, 'resolve'>) {
    return new Promise<boolean>((resolve) => {
      this.modal = {
        ...m,
        resolve: (confirm) => {
          this.modal = null
          resolve(confirm)
        },
      }
    })
  }

  #navigate(mode: 'push' | 'replace' | 'reset', url: unknown) {
    if (typeof url !== 'string' || !url) throw new ApiFail('url is required')
    const { path, query } = parseUrl(url)
    const page = { key: ++this.#key, path, query, title: this.session.appName }
    if (mode === 'push') {
      if (this.pages.length >= 10) throw new ApiFail('webview count limit exceed')
      this.pages = [...this.pages, page]
    } else if (mode === 'replace') this.pages = [...this.pages.slice(0, -1), page]
    else this.pages = [page]
  }

  #back(delta: number) {
    if (this.pages.length <= 1) return this.#close()
    const keep = Math.max(1, this.pages.length - delta)
    for (const p of this.pages.slice(keep)) this.#hosts.delete(p.key)
    this.pages = this.pages.slice(0, keep)
  }

  #handlers: Record<string, ApiHandler> = {
    login: async () => {
      const { code } = await api.login(this.person, this.session.appid)
      return { code }
    },
    checkSession: async () => ({}),
    getShareInfo: async (p) => {
      if (typeof p.shareTicket !== 'string' || !p.shareTicket) throw new ApiFail('invalid shareTicket')
      const { errMsg: _ok, ...data } = await api.shareInfo(this.person, this.session.appid, p.shareTicket).catch((err: Error) => {
        throw new ApiFail(err.message.replace(/^getShareInfo:fail /, ''))
      })
      return data
    },
    requestPayment: (params) => this.#requestPayment(params),
    requestSubscribeMessage: (params) => this.#requestSubscribe(params),
    chooseAddress: async () => {
      const picked = await new Promise<WxAddress | null>((done) => (this.choosingAddress = done))
      this.choosingAddress = null
      if (!picked) throw new ApiFail('cancel')
      return { ...picked }
    },
    scanCode: async () => {
      const scanned = await new Promise<{ payload: string; method: string } | null>((done) => (this.scanner = done))
      this.scanner = null
      if (!scanned) throw new ApiFail('cancel')
      const { errMsg: _ok, ...result } = await api.scanInMiniProgram(this.person, { ...scanned, appid: this.session.appid })
      return result
    },
    previewImage: async (p) => {
      const urls = Array.isArray(p.urls) ? p.urls.map(String) : []
      if (!urls.length) throw new ApiFail('parameter error: parameter.urls should be Array')
      this.preview = typeof p.current === 'string' && urls.includes(p.current) ? p.current : urls[0]!
    },
    /** opens the corp's WeChat Customer Service chat (the kf link in extInfo.url) over the mini program */
    openCustomerServiceChat: async (p) => {
      const url = (p.extInfo as { url?: unknown } | undefined)?.url
      if (typeof url !== 'string' || typeof p.corpId !== 'string') throw new ApiFail('invalid extInfo.url or corpId')
      const { conversation } = await wecomApi.openService(this.person, url, p.corpId).catch((err: Error) => {
        throw new ApiFail(err.message.replace(/^openCustomerServiceChat:fail /, ''))
      })
      this.dispatchEvent(new CustomEvent('wx-open-service-chat', { detail: conversation, bubbles: true, composed: true }))
    },
    addCard: async (p) => {
      const { errMsg: _ok, ...result } = (await api.addCards(this.person, { appid: this.session.appid, cardList: p.cardList }).catch((err: Error) => {
        throw new ApiFail(err.message.replace(/^addCard:fail /, ''))
      })) as Record<string, unknown>
      this.#showToast({ title: this.lang === 'zh' ? '已添加到卡包' : 'Added to Cards & Offers', icon: 'success' })
      return result
    },
    navigateTo: async (p) => this.#navigate('push', p.url),
    redirectTo: async (p) => this.#navigate('replace', p.url),
    switchTab: async (p) => this.#navigate('reset', p.url),
    reLaunch: async (p) => this.#navigate('reset', p.url),
    navigateBack: async (p) => {
      // as in WeChat: the first page has nowhere to go back to (the capsule closes the mini program)
      if (this.pages.length <= 1) throw new ApiFail('cannot navigate back at first page.')
      this.#back(Number(p.delta ?? 1))
    },
    setNavigationBarTitle: async (p) => {
      const title = String(p.title ?? '')
      this.pages = this.pages.map((page, i) => (i === this.pages.length - 1 ? { ...page, title } : page))
    },
    showToast: async (p) => this.#showToast({ title: String(p.title ?? ''), icon: (p.icon as ToastState['icon']) ?? 'success' }, Number(p.duration ?? 1500)),
    hideToast: async () => this.#showToast(null),
    showLoading: async (p) => this.#showToast({ title: String(p.title ?? ''), icon: 'loading' }),
    hideLoading: async () => this.#showToast(null),
    showModal: async (p) => {
      const confirm = await this.#ask({
        title: String(p.title ?? ''),
        content: String(p.content ?? ''),
        showCancel: p.showCancel !== false,
        cancelText: String(p.cancelText ?? (this.lang === 'zh' ? '取消' : 'Cancel')),
        confirmText: String(p.confirmText ?? (this.lang === 'zh' ? '确定' : 'OK')),
      })
      return { confirm, cancel: !confirm }
    },
    showActionSheet: async () => {
      throw new ApiFail('cancel')
    },
    setStorage: async (p) => this.#saveStorage({ ...this.#storage(), [String(p.key)]: p.data }),
    getStorage: async (p) => {
      const all = this.#storage()
      if (!Object.hasOwn(all, String(p.key))) throw new ApiFail('data not found')
      return { data: all[String(p.key)] }
    },
    removeStorage: async (p) => {
      const all = this.#storage()
      delete all[String(p.key)]
      this.#saveStorage(all)
    },
    clearStorage: async () => this.#saveStorage({}),
    getSystemInfo: async () => SYSTEM(this.lang),
    // Channels (reference/channels.md §3): live status, and opening a live, a video or a profile over the mini program
    getChannelsLiveInfo: async (p) => {
      const q: Record<string, string> = { appid: this.session.appid, finderUserName: String(p.finderUserName ?? '') }
      if (p.startTime !== undefined) q.startTime = String(p.startTime)
      if (p.endTime !== undefined) q.endTime = String(p.endTime)
      return channels.liveInfo(this.person, q).catch((err: Error) => {
        throw new ApiFail(err.message)
      })
    },
    openChannelsLive: (p) => this.#openChannels('openChannelsLive', p),
    openChannelsActivity: (p) => this.#openChannels('openChannelsActivity', p),
    openChannelsUserProfile: (p) => this.#openChannels('openChannelsUserProfile', p),
    makePhoneCall: async (p) => {
      const call = await this.#ask({ title: '', content: `Call ${String(p.phoneNumber ?? '')}?\n(The sandbox does not place calls.)`, showCancel: true, cancelText: 'Cancel', confirmText: 'Call' })
      if (!call) throw new ApiFail('cancel')
    },
    setClipboardData: async (p) => {
      await navigator.clipboard?.writeText(String(p.data ?? '')).catch(() => undefined)
      this.#showToast({ title: this.lang === 'zh' ? '内容已复制' : 'Copied', icon: 'none' })
    },
    openLocation: async (p) => {
      await this.#ask({ title: String(p.name ?? 'Location'), content: `${String(p.address ?? '')}\n${p.latitude}, ${p.longitude}\n(The sandbox shows no map.)`, showCancel: false, cancelText: '', confirmText: 'OK' })
    },
    vibrateShort: async () => ({}),
    showShareMenu: async () => ({}),
    __share: async (p) => {
      const card: ShareCard = { title: String(p.title ?? ''), path: String(p.path ?? ''), imageUrl: String(p.imageUrl ?? ''), appName: this.session.appName }
      const sent = await new Promise<boolean>((done) => (this.share = { card, done }))
      if (!sent) throw new ApiFail('cancel')
    },
  }

  async #requestPayment(params: Record<string, unknown>) {
    const order = await api.payPreview(this.person, { requestPayment: params }).catch((err: Error) => {
      throw new ApiFail(err.message)
    })
    const result = await new Promise<{ outcome: string; message: string }>((resolve) => {
      this.pay = {
        summary: { merchantName: order.merchantName, description: order.description, total: order.total },
        submit: (input) => api.pay(this.person, { requestPayment: params, ...input }),
        done: resolve,
      }
    })
    this.pay = null
    if (result.outcome !== 'success') throw new ApiFail(result.outcome === 'cancel' ? 'cancel' : result.message)
  }

  async #requestSubscribe(params: Record<string, unknown>) {
    const tmplIds = Array.isArray(params.tmplIds) ? (params.tmplIds as unknown[]).map(String) : []
    // each message by its template's title, as WeChat's sheet names them (an unknown id is refused by the platform below)
    const { templates } = await call<{ templates: { templateId: string; title: string; titleEn: string }[] }>(`/_sandbox/miniprogram/templates?appid=${encodeURIComponent(this.session.appid)}`).catch((err: Error) => {
      throw new ApiFail(err.message)
    })
    const known = tmplIds.map((id) => templates.find((t) => t.templateId === id))
    let decisions: Record<string, 'accept' | 'reject'> = {}
    if (tmplIds.length > 0 && tmplIds.length <= 5 && known.every(Boolean)) {
      const items = [...new Set(tmplIds)].map((id) => {
        const t = templates.find((t) => t.templateId === id)!
        return { tmplId: id, title: this.lang === 'zh' ? t.title : t.titleEn || t.title }
      })
      decisions = await new Promise((done) => (this.subscribing = { items, done }))
      this.subscribing = null
    }
    const result = await api.subscribe(this.person, { appid: this.session.appid, tmplIds, decisions })
    const { errMsg: _ignored, ...perTemplate } = result
    return perTemplate
  }

  async #shareTo(to: Conversation | null) {
    const pending = this.share
    this.share = null
    if (!pending) return
    if (!to) return pending.done(false)
    const target = to.kind === 'group' ? to.groupId! : to.peer!
    await api.shareCard(this.person, target, { appid: this.session.appid, title: pending.card.title, path: pending.card.path, imageUrl: pending.card.imageUrl || undefined })
    this.#showToast({ title: this.lang === 'zh' ? '已发送' : 'Sent', icon: 'success' })
    pending.done(true)
  }

  #menuShare = () => {
    this.menu = false
    this.#host(this.pages.at(-1)!.key).push('share', { from: 'menu' })
  }

  #reload = () => {
    this.menu = false
    this.pages = this.pages.map((p, i) => (i === this.pages.length - 1 ? { ...p, key: ++this.#key } : p))
  }

  #close = () => {
    this.dispatchEvent(new CustomEvent('wx-mp-close', { bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-mp-container': WxMpContainer
  }
  interface GlobalEventHandlersEventMap {
    'wx-mp-close': CustomEvent<void>
  }
}
