import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { api, type MiniProgramInfo } from '../api'
import { t, type Lang } from '../i18n'
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
  `
  @property({ attribute: false }) recent: string[] = []
  @property() lang: Lang = 'en'
  @state() private apps: MiniProgramInfo[] = []

  async connectedCallback() {
    super.connectedCallback()
    this.apps = await api.miniPrograms()
  }

  render() {
    const recent = this.recent.map((id) => this.apps.find((a) => a.appid === id)).filter((a) => a !== undefined)
    return html`<wx-nav-bar heading=${t(this.lang, 'miniPrograms')} back></wx-nav-bar>
      ${recent.length ? html`<h3>${t(this.lang, 'recentlyUsed')}</h3><div class="grid">${recent.map((a) => this.#app(a))}</div>` : null}
      <h3>${t(this.lang, 'miniPrograms')}</h3>
      <div class="grid">${this.apps.map((a) => this.#app(a))}</div>`
  }

  #app(a: MiniProgramInfo) {
    return html`<button aria-label=${`Open ${a.name}`} @click=${() => this.dispatchEvent(new CustomEvent('wx-mp-open', { detail: a.appid, bubbles: true, composed: true }))}>
      <span class="logo" style="background:${a.brandColor}">${a.name.slice(0, 1)}</span>${a.name}
    </button>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-mini-programs': WxMiniPrograms
  }
  interface GlobalEventHandlersEventMap {
    'wx-mp-open': CustomEvent<string>
  }
}
