import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { api, type MiniProgramInfo } from '../api'
import { named, t, type Lang } from '../i18n'
import '../phone/wx-nav-bar'

/** Discover → Mini Programs: recently used first, then every mini program of the world. */
@customElement('wx-mini-programs')
export class WxMiniPrograms extends LitElement {
  static styles = css`
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
      background: #ededed;
    }
    .search {
      padding: 8px 12px 0;
    }
    .search input {
      width: 100%;
      box-sizing: border-box;
      height: 36px;
      border: 0;
      border-radius: 6px;
      padding: 0 12px;
      font: inherit;
      font-size: 15px;
      background: #fff;
      outline: none;
    }
    .none {
      grid-column: span 4;
      text-align: center;
      color: #b2b2b2;
    }
    h3 {
      margin: 16px 16px 8px;
      font-size: 13px;
      font-weight: 400;
      color: #7f7f7f;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(4, 1fr);
      gap: 14px 6px;
      background: #fff;
      padding: 16px 8px;
    }
    button {
      font: inherit;
      background: none;
      border: 0;
      cursor: pointer;
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 6px;
      font-size: 12px;
      color: #191919;
      text-align: center;
    }
    .logo {
      width: 52px;
      height: 52px;
      border-radius: 50%;
      display: grid;
      place-items: center;
      color: #fff;
      font-size: 22px;
      font-weight: 600;
    }
    img.logo {
      object-fit: cover;
    }
  `
  @property({ attribute: false }) recent: string[] = []
  @property() lang: Lang = 'en'
  @state() private apps: MiniProgramInfo[] = []
  @state() private query = ''

  async connectedCallback() {
    super.connectedCallback()
    this.apps = await api.miniPrograms()
  }

  render() {
    const recent = this.recent.map((id) => this.apps.find((a) => a.appid === id)).filter((a) => a !== undefined)
    const q = this.query.trim().toLowerCase()
    const found = q ? this.apps.filter((a) => [a.name, a.nameZh ?? ''].some((n) => n.toLowerCase().includes(q))) : []
    return html`<wx-nav-bar heading=${t(this.lang, 'miniPrograms')} back></wx-nav-bar>
      <div class="search">
        <input
          type="search"
          aria-label=${`${t(this.lang, 'search')} ${t(this.lang, 'miniPrograms')}`}
          placeholder=${t(this.lang, 'search')}
          .value=${this.query}
          @input=${(e: InputEvent) => (this.query = (e.target as HTMLInputElement).value)}
        />
      </div>
      ${q
        ? html`<h3>${t(this.lang, 'search')}</h3>
            <div class="grid">${found.length ? found.map((a) => this.#app(a, 'search-mini-programs')) : html`<span class="none">—</span>`}</div>`
        : html`${recent.length ? html`<h3>${t(this.lang, 'recentlyUsed')}</h3><div class="grid">${recent.map((a) => this.#app(a, 'recent'))}</div>` : null}
            <h3>${t(this.lang, 'miniPrograms')}</h3>
            <div class="grid">${this.apps.map((a) => this.#app(a, 'recent'))}</div>`}`
  }

  #app(a: MiniProgramInfo, entry: 'recent' | 'search-mini-programs') {
    const detail = { appid: a.appid, entry }
    return html`<button aria-label=${this.lang === 'zh' ? `打开${named(a, 'zh')}` : `Open ${a.name}`} @click=${() => this.dispatchEvent(new CustomEvent('wx-mp-open', { detail, bubbles: true, composed: true }))}>
      ${a.icon ? html`<img class="logo" alt="" src=${a.icon} />` : html`<span class="logo" style="background:${a.brandColor}">${a.name.slice(0, 1)}</span>`}${named(a, this.lang)}
    </button>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-mini-programs': WxMiniPrograms
  }
  interface GlobalEventHandlersEventMap {
    'wx-mp-open': CustomEvent<{ appid: string; entry: 'recent' | 'search-mini-programs' }>
  }
}
