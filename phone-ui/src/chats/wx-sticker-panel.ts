import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { api, type Sticker } from '../api'
import type { Lang } from '../i18n'

/** The input bar's sticker panel (表情): the sticker set in a grid; a tap sends one. */
@customElement('wx-sticker-panel')
export class WxStickerPanel extends LitElement {
  static styles = css`
    :host {
      display: block;
      background: #f7f7f7;
      border-top: 1px solid rgba(0, 0, 0, 0.06);
      padding: 10px 8px 26px;
    }
    h4 {
      margin: 2px 10px 8px;
      font-size: 12px;
      font-weight: 400;
      color: #7f7f7f;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(4, 1fr);
      gap: 6px;
    }
    button {
      border: 0;
      background: none;
      border-radius: 8px;
      padding: 6px;
      cursor: pointer;
    }
    button:active {
      background: rgba(0, 0, 0, 0.06);
    }
    img {
      width: 64px;
      height: 64px;
      display: block;
      margin: 0 auto;
    }
  `
  @property() lang: Lang = 'en'
  @state() private stickers: Sticker[] = []

  async connectedCallback() {
    super.connectedCallback()
    this.stickers = await api.stickers()
  }

  render() {
    return html`<h4>${this.lang === 'zh' ? '表情' : 'Stickers'}</h4>
      <div class="grid" role="listbox" aria-label=${this.lang === 'zh' ? '表情' : 'Stickers'}>
        ${this.stickers.map(
          (s) => html`<button role="option" aria-label=${`Sticker: ${this.lang === 'zh' ? s.nameZh : s.name}`} @click=${() => this.#pick(s)}>
            <img alt="" src=${s.url} />
          </button>`,
        )}
      </div>`
  }

  #pick(s: Sticker) {
    this.dispatchEvent(new CustomEvent('wx-sticker-pick', { detail: s, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-sticker-panel': WxStickerPanel
  }
  interface GlobalEventHandlersEventMap {
    'wx-sticker-pick': CustomEvent<Sticker>
  }
}
