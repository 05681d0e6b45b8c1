import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { Lang } from '../i18n'
import { buttonReset } from '../phone/theme'
import { count, yuan, type Live, type MountedProduct } from './api'
import { g } from './icons'
import { bottomSheet, darkScreen } from './styles'

/**
 * The live room: the presenter (a generated looping studio scene), the host pill with the viewer
 * count, comments drifting up, and the shopping bag with the shelf; a product opens the mini program.
 */
@customElement('wx-channels-live')
export class WxChannelsLive extends LitElement {
  static styles = [
    buttonReset,
    darkScreen,
    bottomSheet,
    css`
      .stage {
        position: absolute;
        inset: 0;
        width: 100%;
        height: 100%;
        object-fit: cover;
      }
      .top {
        position: absolute;
        top: 54px;
        left: 10px;
        right: 10px;
        display: flex;
        align-items: center;
        gap: 8px;
      }
      .host {
        display: flex;
        align-items: center;
        gap: 6px;
        background: rgba(0, 0, 0, 0.35);
        border-radius: 20px;
        padding: 3px 10px 3px 3px;
        min-width: 0;
      }
      .host img {
        width: 32px;
        height: 32px;
        border-radius: 50%;
      }
      .host div {
        display: flex;
        flex-direction: column;
        min-width: 0;
      }
      .host strong {
        font-size: 13px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        max-width: 96px;
      }
      .host small {
        font-size: 11px;
        opacity: 0.85;
      }
      .badge {
        background: #fa5151;
        border-radius: 3px;
        padding: 1px 5px;
        font-size: 11px;
        font-weight: 600;
        display: inline-flex;
        align-items: center;
        gap: 3px;
      }
      .badge i {
        width: 6px;
        height: 6px;
        border-radius: 50%;
        background: #fff;
        animation: pulse 1s infinite alternate;
      }
      @keyframes pulse {
        to {
          opacity: 0.2;
        }
      }
      .spacer {
        flex: 1;
      }
      .viewers {
        background: rgba(0, 0, 0, 0.35);
        border-radius: 14px;
        padding: 4px 8px;
        font-size: 11px;
        white-space: nowrap;
      }
      .x {
        width: 32px;
        height: 32px;
        border-radius: 50%;
        background: rgba(0, 0, 0, 0.35);
        display: grid;
        place-items: center;
      }
      .titlebar {
        position: absolute;
        top: 96px;
        left: 12px;
        font-size: 12px;
        background: rgba(0, 0, 0, 0.25);
        border-radius: 10px;
        padding: 2px 8px;
      }
      .chat {
        position: absolute;
        left: 12px;
        bottom: 74px;
        width: 70%;
        display: flex;
        flex-direction: column;
        gap: 6px;
        font-size: 13px;
      }
      .chat span {
        align-self: flex-start;
        background: rgba(0, 0, 0, 0.3);
        border-radius: 12px;
        padding: 4px 10px;
        animation: rise 0.4s ease-out;
      }
      .chat b {
        color: #ffd79a;
        font-weight: 500;
      }
      @keyframes rise {
        from {
          transform: translateY(12px);
          opacity: 0;
        }
      }
      .bar {
        position: absolute;
        left: 10px;
        right: 10px;
        bottom: 22px;
        display: flex;
        align-items: center;
        gap: 10px;
      }
      .bag {
        position: relative;
        width: 44px;
        height: 44px;
        border-radius: 50%;
        background: #fa9d3b;
        display: grid;
        place-items: center;
      }
      .bag em {
        position: absolute;
        top: -4px;
        right: -4px;
        min-width: 18px;
        height: 18px;
        border-radius: 9px;
        background: #fa5151;
        font-size: 11px;
        font-style: normal;
        display: grid;
        place-items: center;
      }
      .say {
        flex: 1;
        height: 38px;
        border-radius: 19px;
        background: rgba(0, 0, 0, 0.35);
        display: flex;
        align-items: center;
        padding: 0 14px;
        font-size: 14px;
        opacity: 0.85;
      }
      .round {
        width: 38px;
        height: 38px;
        border-radius: 50%;
        background: rgba(0, 0, 0, 0.35);
        display: grid;
        place-items: center;
      }
      .follow {
        background: #fa9d3b;
        border-radius: 14px;
        padding: 4px 10px;
        font-size: 12px;
        font-weight: 600;
        margin-left: 4px;
      }
      .pinned {
        position: absolute;
        left: 12px;
        bottom: 180px;
        width: 132px;
        background: #fff;
        color: #191919;
        border-radius: 8px;
        overflow: hidden;
        text-align: left;
        box-shadow: 0 4px 14px rgba(0, 0, 0, 0.25);
        animation: rise 0.4s ease-out;
      }
      .pinned .label {
        position: absolute;
        top: 6px;
        left: 6px;
        background: rgba(250, 81, 81, 0.92);
        color: #fff;
        font-size: 10px;
        padding: 1px 5px;
        border-radius: 3px;
      }
      .pinned img {
        display: block;
        width: 100%;
        height: 96px;
        object-fit: cover;
        background: #f3f3f3;
      }
      .pinned div {
        padding: 6px 8px 8px;
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      .pinned strong {
        font-size: 13px;
        font-weight: 500;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .pinned span {
        display: flex;
        align-items: center;
        justify-content: space-between;
        color: #fa5151;
        font-weight: 600;
        font-size: 14px;
      }
      .pinned em {
        font-style: normal;
        background: #fa5151;
        color: #fff;
        border-radius: 10px;
        padding: 2px 8px;
        font-size: 12px;
        font-weight: 500;
      }
      .ended {
        position: absolute;
        inset: 0;
        background: rgba(0, 0, 0, 0.7);
        display: grid;
        place-items: center;
        text-align: center;
        font-size: 17px;
      }
      .sheet-bg {
        position: absolute;
        inset: 0;
        background: rgba(0, 0, 0, 0.35);
      }
      .sheet {
        max-height: 62%;
        animation: up 0.22s ease-out;
      }
      .sheet h3 {
        margin: 0;
        padding: 14px 16px;
        font-size: 16px;
        border-bottom: 1px solid rgba(0, 0, 0, 0.06);
        display: flex;
        align-items: center;
        justify-content: space-between;
      }
      .sheet h3 small {
        font-weight: 400;
        color: #7f7f7f;
        font-size: 13px;
      }
      .items {
        overflow-y: auto;
        padding: 6px 0 20px;
      }
      .item {
        display: flex;
        gap: 12px;
        padding: 10px 16px;
        align-items: center;
        width: 100%;
        text-align: left;
      }
      .item .n {
        position: absolute;
        background: rgba(0, 0, 0, 0.55);
        color: #fff;
        font-size: 11px;
        padding: 0 5px;
        border-radius: 4px 0 4px 0;
      }
      .pic {
        position: relative;
        width: 84px;
        height: 84px;
        border-radius: 6px;
        background: #f3f3f3;
        flex: none;
        overflow: hidden;
      }
      .pic img {
        width: 100%;
        height: 100%;
        object-fit: cover;
      }
      .info {
        flex: 1;
        display: flex;
        flex-direction: column;
        gap: 6px;
        min-width: 0;
      }
      .info strong {
        font-size: 15px;
        font-weight: 500;
      }
      .info .price {
        color: #fa5151;
        font-size: 17px;
        font-weight: 600;
      }
      .buy {
        align-self: flex-end;
        background: #fa5151;
        color: #fff;
        border-radius: 15px;
        padding: 6px 14px;
        font-size: 14px;
      }
    `,
  ]

  @property({ attribute: false }) live!: Live
  @property() lang: Lang = 'en'
  @property({ attribute: false }) chat: { name: string; text: string }[] = []
  @property({ type: Boolean }) followed = false
  @state() private shelfOpen = false

  render() {
    const l = this.live
    const zh = this.lang === 'zh'
    return html`
      <img class="stage" src=${l.presenterUrl} alt=${zh ? '主播' : 'Presenter'} />
      <div class="top">
        <div class="host">
          <img src=${l.headUrl} alt="" />
          <div>
            <strong>${l.nickname}</strong>
            <small>${l.status === 'live' ? html`<span class="badge"><i></i>${zh ? '直播' : 'LIVE'}</span>` : html`<span class="badge" style="background:#7f7f7f">${zh ? '已结束' : 'Ended'}</span>`}</small>
          </div>
          ${this.followed ? null : html`<button class="follow" @click=${() => this.#emit('wx-live-follow')}>${zh ? '关注' : 'Follow'}</button>`}
        </div>
        <span class="spacer"></span>
        <span class="viewers" aria-label="Watching">${g('eye', 12)} ${count(l.watching, zh)} ${zh ? '人在看' : 'watching'}</span>
        <button class="x" aria-label="Leave live" @click=${() => this.#emit('wx-live-leave')}>${g('close', 18)}</button>
      </div>
      <div class="titlebar">${l.title}</div>
      ${l.shelf[0] && l.status === 'live' && !this.shelfOpen ? this.#pinned(l.shelf[0]) : null}
      <div class="chat" aria-live="polite">${this.chat.slice(-5).map((c) => html`<span><b>${c.name}</b> ${c.text}</span>`)}</div>
      <div class="bar">
        <button class="bag" aria-label=${zh ? '购物袋' : 'Shopping bag'} @click=${() => (this.shelfOpen = true)}>${g('bag', 24)}<em>${l.shelf.length}</em></button>
        <span class="say">${zh ? '说点什么…' : 'Say something…'}</span>
        <button class="round" aria-label="Share">${g('share', 20)}</button>
        <button class="round" aria-label="Like live">${g('heart', 20)}</button>
      </div>
      ${l.status === 'ended' ? html`<div class="ended">${zh ? '直播已结束' : 'The live stream has ended'}</div>` : null}
      ${this.shelfOpen ? this.#shelf() : null}
    `
  }

  #shelf() {
    const zh = this.lang === 'zh'
    return html`<div class="sheet-bg" @click=${() => (this.shelfOpen = false)}></div>
      <div class="sheet" role="dialog" aria-label=${zh ? '直播商品' : 'Live products'}>
        <h3>${zh ? '直播商品' : 'Products'} <small>${zh ? `共 ${this.live.shelf.length} 件` : `${this.live.shelf.length} items`}</small></h3>
        <div class="items">${this.live.shelf.map((p, i) => this.#item(p, i + 1))}</div>
      </div>`
  }

  #item(p: MountedProduct, n: number) {
    const zh = this.lang === 'zh'
    return html`<button class="item" aria-label=${`Buy ${p.title}`} @click=${() => this.#tap(p)}>
      <span class="pic"><span class="n">${n}</span>${p.imageUrl ? html`<img src=${p.imageUrl} alt="" />` : null}</span>
      <span class="info">
        <strong>${p.title}</strong>
        <span class="price">${yuan(p.price)}</span>
        <span class="buy">${zh ? '去购买' : 'Buy'}</span>
      </span>
    </button>`
  }

  /** The product the host is presenting (讲解中), pinned over the stream. */
  #pinned(p: MountedProduct) {
    const zh = this.lang === 'zh'
    return html`<button class="pinned" aria-label=${`Featured ${p.title}`} @click=${() => this.#tap(p)}>
      <span class="label">${zh ? '讲解中' : 'Featuring'}</span>
      ${p.imageUrl ? html`<img src=${p.imageUrl} alt="" />` : html`<img alt="" />`}
      <div><strong>${p.title}</strong><span>${yuan(p.price)}<em>${zh ? '抢购' : 'Buy'}</em></span></div>
    </button>`
  }

  #tap(p: MountedProduct) {
    this.shelfOpen = false
    this.dispatchEvent(new CustomEvent('wx-live-product', { detail: p, bubbles: true, composed: true }))
  }

  #emit(name: 'wx-live-leave' | 'wx-live-follow') {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-channels-live': WxChannelsLive
  }
  interface GlobalEventHandlersEventMap {
    'wx-live-product': CustomEvent<MountedProduct>
    'wx-live-leave': CustomEvent<void>
    'wx-live-follow': CustomEvent<void>
  }
}
