import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { PersonView } from '../api'
import { t, type Lang, type LabelKey } from '../i18n'
import { icon } from '../icons'
import { cells, theme } from '../phone/theme'

export type MeItem = 'pay' | 'favorites' | 'cardsOffers' | 'settings' | 'language'

/** The Me tab: profile header, Pay (Services), Favorites, Cards & Offers, Settings and language. */
@customElement('wx-me')
export class WxMe extends LitElement {
  static styles = [
    theme,
    cells,
    css`
      :host {
        display: block;
        background: var(--wx-bg);
        min-height: 100%;
      }
      header {
        display: flex;
        align-items: center;
        gap: 16px;
        background: #fff;
        padding: 36px 20px 30px;
        margin-bottom: 8px;
      }
      header img {
        width: 64px;
        height: 64px;
        border-radius: 8px;
      }
      h2 {
        margin: 0 0 6px;
        font-size: 21px;
        font-weight: 600;
      }
      .id {
        font-size: 14px;
        color: var(--wx-text-2);
      }
    `,
  ]
  @property({ attribute: false }) person?: PersonView
  @property() lang: Lang = 'en'

  render() {
    const p = this.person
    const row = (item: MeItem, name: string, color: string, value = '') =>
      html`<button class="cell" @click=${() => this.#open(item)}>
        <span style="color:${color};display:flex">${icon(name, 24)}</span>
        <span class="label">${t(this.lang, (item === 'pay' ? 'services' : item) as LabelKey)}</span>
        ${value ? html`<span class="value">${value}</span>` : null}<span class="chev">${icon('chevron', 18)}</span>
      </button>`
    return html`
      <header>
        ${p ? html`<img alt="" src=${p.avatarUrl} />` : null}
        <div>
          <h2>${p ? (this.lang === 'zh' ? p.nameZh : p.name) : ''}</h2>
          <div class="id">${t(this.lang, 'weixinId')}: ${p ? `wxid_${p.id}` : ''}</div>
        </div>
      </header>
      <div class="group">${row('pay', 'pay', '#07c160')}</div>
      <div class="group">
        ${row('favorites', 'favorites', '#fa9d3b')} ${row('cardsOffers', 'cards', '#2782d7')}
      </div>
      <div class="group">
        ${row('language', 'language', '#2782d7', this.lang === 'zh' ? '简体中文' : 'English')} ${row('settings', 'settings', '#2782d7')}
      </div>
    `
  }

  #open(item: MeItem) {
    this.dispatchEvent(new CustomEvent('wx-me-open', { detail: item, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-me': WxMe
  }
  interface GlobalEventHandlersEventMap {
    'wx-me-open': CustomEvent<MeItem>
  }
}
