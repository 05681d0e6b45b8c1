import { LitElement, css, html } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { admin, ConsoleError, forgetToken, keepToken, staffToken, type ConsoleInfo } from './api'
import { t, type Lang, type Word } from './i18n'
import { base } from './ui'
import './bc-sign-in'
import './bc-orders'
import './bc-members'
import './bc-content'
import './bc-chats'

const TABS = ['orders', 'members', 'content', 'chats'] as const satisfies readonly Word[]
type Tab = (typeof TABS)[number]
const LANG_KEY = 'brand-console:lang'

/**
 * The brand console (`/admin`): signs in with the staff token, then orders, members, content and
 * customer chats in the kit's look and names, in English or 中文.
 */
@customElement('bc-app')
export class BcApp extends LitElement {
  static styles = [
    base,
    css`
      :host { display: block; min-height: 100vh; background: var(--bg, #f6f6f6); }
      header { background: var(--primary, #333); color: #fff; }
      .bar { display: flex; align-items: center; gap: 14px; max-width: 1600px; margin: 0 auto; padding: 12px 28px; }
      .bar img { width: 36px; height: 36px; border-radius: 8px; background: #fff; }
      .name { font-size: 18px; font-weight: 700; }
      .tagline { font-size: 12px; opacity: 0.8; }
      .spacer { flex: 1; }
      .lang { display: flex; background: rgb(255 255 255 / 0.16); border-radius: 8px; padding: 2px; }
      .lang button, header .out { background: none; color: #fff; padding: 4px 10px; }
      .lang button[aria-pressed='true'] { background: #fff; color: var(--primary, #333); }
      nav { display: flex; gap: 4px; max-width: 1600px; margin: 0 auto; padding: 0 22px; }
      nav button { background: none; color: rgb(255 255 255 / 0.78); border-radius: 0; padding: 10px 14px; border-bottom: 3px solid transparent; }
      nav button[aria-selected='true'] { color: #fff; border-bottom-color: var(--accent, #fff); font-weight: 600; }
      main { max-width: 1600px; margin: 0 auto; padding: 22px 28px 40px; }
      .head { display: flex; align-items: center; justify-content: space-between; margin-bottom: 14px; }
      .head h1 { font-size: 20px; margin: 0; }
    `,
  ]
  @state() lang: Lang = localStorage.getItem(LANG_KEY) === 'zh' ? 'zh' : 'en'
  @state() token = staffToken()
  @state() info: ConsoleInfo | null = null
  /** the brand as its public catalog gives it (`/api/brand`), for the sign-in page's look */
  @state() brand: ConsoleInfo['brand'] | null = null
  @state() tab: Tab = 'orders'
  @state() error = ''

  connectedCallback() {
    super.connectedCallback()
    if (this.token) void this.#load()
    void fetch('/api/brand').then(
      async (r) => r.ok && (this.brand = (await r.json()) as ConsoleInfo['brand']),
      () => undefined,
    )
  }

  render() {
    const l = this.lang
    if (!this.info && this.token && !this.error) return html`${this.#header()}<main class="muted">…</main>`
    if (!this.info) return html`${this.#header()}<bc-sign-in lang=${l} brandName=${this.#name() ?? ''} logo=${this.brand?.logo ?? ''} .error=${this.error} @bc-sign-in=${this.#signIn}></bc-sign-in>`
    return html`${this.#header()}
      <main>
        <div class="head">
          <h1>${t(l, this.tab)}</h1>
          <button class="secondary" @click=${this.#refresh}>${t(l, 'refresh')}</button>
        </div>
        ${this.#panel()}
      </main>`
  }

  updated() {
    this.#theme()
  }

  #header() {
    const l = this.lang
    const b = this.info?.brand ?? this.brand
    const name = this.#name() ?? t(l, 'console')
    return html`<header>
      <div class="bar">
        ${b ? html`<img src=${b.logo} alt="" />` : ''}
        <div>
          <div class="name">${name}</div>
          <div class="tagline">${b ? `${t(l, 'console')}${l === 'en' && b.nameZh ? ` · ${b.nameZh}` : l === 'zh' ? ` · ${b.name}` : ''}` : ''}</div>
        </div>
        <span class="spacer"></span>
        <div class="lang" role="group" aria-label="Language">
          <button aria-pressed=${String(l === 'en')} @click=${() => this.#setLang('en')}>EN</button>
          <button aria-pressed=${String(l === 'zh')} @click=${() => this.#setLang('zh')}>中文</button>
        </div>
        ${this.info ? html`<button class="out" @click=${this.#signOut}>${t(l, 'signOut')}</button>` : ''}
      </div>
      ${this.info
        ? html`<nav role="tablist">
            ${TABS.map((tab) => html`<button role="tab" aria-selected=${String(this.tab === tab)} @click=${() => (this.tab = tab)}>${t(l, tab)}</button>`)}
          </nav>`
        : ''}
    </header>`
  }

  #panel() {
    const l = this.lang
    switch (this.tab) {
      case 'orders':
        return html`<bc-orders lang=${l} .info=${this.info}></bc-orders>`
      case 'members':
        return html`<bc-members lang=${l}></bc-members>`
      case 'content':
        return html`<bc-content lang=${l} .info=${this.info}></bc-content>`
      case 'chats':
        return html`<bc-chats lang=${l}></bc-chats>`
    }
  }

  /** The kit's colours for everything in the console (custom properties inherit through shadow roots). */
  #theme() {
    const b = this.info?.brand ?? this.brand
    const c = b?.colours
    if (!b || !c) return
    this.style.setProperty('--primary', c.primary)
    this.style.setProperty('--accent', c.accent)
    this.style.setProperty('--bg', c.background)
    this.style.setProperty('--text', c.text)
    document.title = `${this.#name()} · ${t(this.lang, 'console')}`
    document.documentElement.lang = this.lang === 'zh' ? 'zh-CN' : 'en'
  }

  /** The brand's name in the console's language (Chinese where the kit gives it). */
  #name() {
    const b = this.info?.brand ?? this.brand
    return b ? (this.lang === 'zh' && b.nameZh ? b.nameZh : b.name) : null
  }

  async #load() {
    try {
      this.info = await admin<ConsoleInfo>('GET', '/admin/console')
      this.error = ''
    } catch (err) {
      if (err instanceof ConsoleError && err.status === 401) {
        forgetToken()
        this.token = null
        this.error = t(this.lang, 'wrongToken')
      } else this.error = (err as Error).message
    }
  }

  #signIn(e: CustomEvent<{ token: string }>) {
    keepToken(e.detail.token)
    this.token = e.detail.token
    void this.#load()
  }

  #signOut() {
    forgetToken()
    this.token = null
    this.info = null
  }

  #setLang(lang: Lang) {
    this.lang = lang
    localStorage.setItem(LANG_KEY, lang)
  }

  #refresh() {
    const panel = this.renderRoot.querySelector('bc-orders, bc-members, bc-chats') as { load(): Promise<void> } | null
    void panel?.load()
    void this.#load()
  }
}
declare global {
  interface HTMLElementTagNameMap {
    'bc-app': BcApp
  }
}
