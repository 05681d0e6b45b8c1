import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { t, type Lang } from '../i18n'
import { icon } from '../icons'

export type Tab = 'chats' | 'contacts' | 'discover' | 'me'
const TABS: Tab[] = ['chats', 'contacts', 'discover', 'me']

/** The four tabs at the bottom, with the unread badge on Chats. */
@customElement('wx-tab-bar')
export class WxTabBar extends LitElement {
  static styles = css`
    :host {
      display: block;
      background: #f7f7f7;
      border-top: 1px solid rgba(0, 0, 0, 0.08);
      padding-bottom: 14px;
      flex: none;
    }
    nav {
      display: flex;
    }
    button {
      flex: 1;
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 2px;
      padding: 6px 0 2px;
      background: none;
      border: 0;
      font: inherit;
      font-size: 10.5px;
      color: #191919;
      cursor: pointer;
      position: relative;
    }
    button[aria-selected='true'] {
      color: #07c160;
    }
    .badge {
      position: absolute;
      top: 2px;
      left: calc(50% + 6px);
      min-width: 18px;
      height: 18px;
      padding: 0 5px;
      box-sizing: border-box;
      border-radius: 9px;
      background: #fa5151;
      color: #fff;
      font-size: 11px;
      line-height: 18px;
      text-align: center;
    }
  `
  @property() active: Tab = 'chats'
  @property({ type: Number }) unread = 0
  @property() lang: Lang = 'en'

  render() {
    return html`<nav role="tablist">
      ${TABS.map(
        (tab) => html`<button role="tab" aria-selected=${tab === this.active} @click=${() => this.#pick(tab)}>
          ${icon(tab === this.active ? `${tab}On` : tab, 26)}
          <span>${t(this.lang, tab)}</span>
          ${tab === 'chats' && this.unread > 0 ? html`<span class="badge" aria-label="${this.unread} unread">${this.unread > 99 ? '99+' : this.unread}</span>` : null}
        </button>`,
      )}
    </nav>`
  }

  #pick(tab: Tab) {
    this.dispatchEvent(new CustomEvent('wx-tab', { detail: tab, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-tab-bar': WxTabBar
  }
  interface GlobalEventHandlersEventMap {
    'wx-tab': CustomEvent<Tab>
  }
}
