import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { t, type Lang } from '../i18n'
import { icon } from '../icons'

/** A mini program card as WeChat draws it in a chat: app line, title, cover, "Mini Program" footer. */
@customElement('wx-mini-card')
export class WxMiniCard extends LitElement {
  static styles = css`
    :host {
      display: block;
      width: 220px;
    }
    button {
      display: block;
      width: 100%;
      text-align: left;
      background: #fff;
      border: 0;
      border-radius: 6px;
      padding: 10px 12px 0;
      font: inherit;
      color: #191919;
      cursor: pointer;
    }
    .app {
      display: flex;
      align-items: center;
      gap: 6px;
      font-size: 12px;
      color: #7f7f7f;
    }
    .logo {
      width: 18px;
      height: 18px;
      border-radius: 50%;
      background: var(--brand, var(--wx-brand, #07c160));
      color: #fff;
      font-size: 10px;
      display: grid;
      place-items: center;
    }
    .title {
      margin: 6px 0 8px;
      font-size: 15px;
      line-height: 1.35;
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    .cover {
      height: 150px;
      border-radius: 2px;
      background: linear-gradient(135deg, var(--brand, var(--wx-brand, #07c160)), color-mix(in srgb, var(--brand, var(--wx-brand, #07c160)) 55%, white));
      display: grid;
      place-items: center;
      color: rgba(255, 255, 255, 0.92);
      font-size: 22px;
      font-weight: 600;
      overflow: hidden;
    }
    .cover img {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .foot {
      display: flex;
      align-items: center;
      gap: 4px;
      border-top: 1px solid rgba(0, 0, 0, 0.06);
      margin-top: 10px;
      padding: 6px 0;
      font-size: 11px;
      color: #7f7f7f;
    }
    .foot svg {
      color: #6467f0;
    }
  `
  @property() appName = ''
  @property() heading = ''
  @property() imageUrl = ''
  @property() lang: Lang = 'en'

  render() {
    return html`<button aria-label=${`${t(this.lang, 'miniProgram')}: ${this.heading}`} @click=${this.#tap}>
      <div class="app"><span class="logo">${this.appName.slice(0, 1)}</span>${this.appName}</div>
      <div class="title">${this.heading}</div>
      <div class="cover">${this.imageUrl ? html`<img alt="" src=${this.imageUrl} />` : this.appName}</div>
      <div class="foot">${icon('miniPrograms', 13)} ${t(this.lang, 'miniProgram')}</div>
    </button>`
  }

  #tap() {
    this.dispatchEvent(new CustomEvent('wx-card-tap', { bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-mini-card': WxMiniCard
  }
  interface GlobalEventHandlersEventMap {
    'wx-card-tap': CustomEvent<void>
  }
}
