import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { t, type Lang } from '../i18n'
import { icon } from '../icons'

/** A mini program card as WeChat draws it in a chat: app line, title, cover, "Mini Program" footer. */
@customElement('wx-mini-card')
export class WxMiniCard extends LitElement {
  static styles = css`
    /* never wider than the bubble column it sits in (a sent card is right-aligned: an overflow ran off the left edge) */
    :host {
      display: block;
      width: 220px;
      max-width: 100%;
      min-width: 0;
    }
    button {
      display: block;
      box-sizing: border-box;
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
      min-width: 0;
    }
    .app span + span {
      min-width: 0;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .logo {
      flex: none;
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
      overflow-wrap: anywhere;
    }
    /* WeChat draws a card's picture at 5 : 4 */
    .cover {
      aspect-ratio: 5 / 4;
      position: relative;
      border-radius: 2px;
      background: linear-gradient(135deg, var(--brand, var(--wx-brand, #07c160)), color-mix(in srgb, var(--brand, var(--wx-brand, #07c160)) 55%, white));
      display: grid;
      place-items: center;
      color: rgba(255, 255, 255, 0.92);
      font-size: 20px;
      font-weight: 600;
      overflow: hidden;
    }
    /* no picture given: the app's name on its colour, wrapped inside the cover (a long name ran off both edges) */
    .cover .name {
      box-sizing: border-box;
      max-width: 100%;
      padding: 0 14px;
      text-align: center;
      line-height: 1.3;
      overflow-wrap: anywhere;
    }
    .cover img {
      position: absolute;
      inset: 0;
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
      <div class="app"><span class="logo">${this.appName.slice(0, 1)}</span><span>${this.appName}</span></div>
      <div class="title">${this.heading}</div>
      <div class="cover">${this.imageUrl ? html`<img alt="" src=${this.imageUrl} />` : html`<span class="name">${this.appName}</span>`}</div>
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
