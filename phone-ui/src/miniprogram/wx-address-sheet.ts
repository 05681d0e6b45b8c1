import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { Lang } from '../i18n'
import { addressLine, type WxAddress } from './addresses'

const L = {
  en: { heading: 'Choose Shipping Address', use: 'Use this address', cancel: 'Cancel', none: 'No saved addresses', mine: 'My Addresses', from: 'From your WeChat address book' },
  zh: { heading: '选择收货地址', use: '使用该地址', cancel: '取消', none: '暂无收货地址', mine: '我的地址', from: '来自微信收货地址' },
}

/** wx.chooseAddress: WeChat's sheet of the person's saved addresses; tapping one hands it to the mini program. */
@customElement('wx-address-sheet')
export class WxAddressSheet extends LitElement {
  static styles = css`
    :host {
      position: absolute;
      inset: 0;
      z-index: 30;
      display: flex;
      flex-direction: column;
      justify-content: flex-end;
      background: rgba(0, 0, 0, 0.5);
      font-size: 16px;
      color: #191919;
    }
    section {
      background: #ededed;
      border-radius: 12px 12px 0 0;
      animation: up 0.2s ease-out;
      overflow: hidden;
    }
    @keyframes up {
      from {
        transform: translateY(100%);
      }
    }
    header {
      position: relative;
      text-align: center;
      padding: 16px 48px 8px;
      background: #fff;
    }
    header h2 {
      margin: 0;
      font-size: 17px;
      font-weight: 600;
    }
    header p {
      margin: 4px 0 0;
      font-size: 12px;
      color: #7f7f7f;
    }
    button {
      font: inherit;
      color: inherit;
      background: none;
      border: 0;
      cursor: pointer;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      background: #fff;
    }
    li + li {
      border-top: 1px solid rgba(0, 0, 0, 0.06);
    }
    li button {
      display: flex;
      align-items: center;
      gap: 12px;
      width: 100%;
      padding: 14px 16px;
      text-align: left;
    }
    .who {
      font-size: 16px;
      font-weight: 600;
    }
    .who span {
      margin-left: 10px;
      font-weight: 400;
      color: #7f7f7f;
      font-size: 14px;
    }
    .where {
      margin-top: 4px;
      font-size: 14px;
      color: #4c4c4c;
      line-height: 1.4;
    }
    .text {
      flex: 1;
      min-width: 0;
    }
    .pick {
      width: 22px;
      height: 22px;
      border-radius: 50%;
      background: #07c160;
      display: grid;
      place-items: center;
      flex: none;
    }
    .none {
      padding: 28px 16px;
      text-align: center;
      color: #7f7f7f;
      background: #fff;
    }
    .cancel {
      display: block;
      width: 100%;
      height: 56px;
      margin-top: 8px;
      background: #fff;
      font-size: 17px;
    }
  `
  @property({ attribute: false }) addresses: WxAddress[] = []
  @property() lang: Lang = 'en'
  /** the address ticked: the first (the default one) */
  @state() private picked = 0

  render() {
    const l = L[this.lang]
    return html`<section role="dialog" aria-label=${l.heading}>
      <header>
        <h2>${l.heading}</h2>
        <p>${l.from}</p>
      </header>
      ${this.addresses.length
        ? html`<ul aria-label=${l.mine}>
            ${this.addresses.map(
              (a, i) => html`<li>
                <button aria-label=${`${a.userName} ${a.telNumber} ${addressLine(a, this.lang)}`} aria-pressed=${i === this.picked ? 'true' : 'false'} @click=${() => this.#done(a)}>
                  <span class="text">
                    <div class="who">${a.userName}<span>${a.telNumber.replace(/^(\d{3})(\d{4})(\d{4})$/, '$1 $2 $3')}</span></div>
                    <div class="where">${addressLine(a, this.lang)}</div>
                  </span>
                  ${i === this.picked ? html`<span class="pick" aria-hidden="true"><svg width="14" height="14" viewBox="0 0 24 24"><path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" /></svg></span>` : null}
                </button>
              </li>`,
            )}
          </ul>`
        : html`<p class="none">${l.none}</p>`}
      <button class="cancel" @click=${() => this.#done(null)}>${l.cancel}</button>
    </section>`
  }

  #done(address: WxAddress | null) {
    this.dispatchEvent(new CustomEvent('wx-address-done', { detail: address, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-address-sheet': WxAddressSheet
  }
  interface GlobalEventHandlersEventMap {
    'wx-address-done': CustomEvent<WxAddress | null>
  }
}
