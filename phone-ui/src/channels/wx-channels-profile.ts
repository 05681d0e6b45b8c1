import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { Lang } from '../i18n'
import { buttonReset } from '../phone/theme'
import { count, yuan, type Profile } from './api'
import { g } from './icons'

/** A Channels account's page: avatar (red ring when live), follow, the live banner, Videos and Shop tabs. */
@customElement('wx-channels-profile')
export class WxChannelsProfile extends LitElement {
  static styles = [
    buttonReset,
    css`
      :host {
        display: block;
        height: 100%;
        overflow-y: auto;
        background: #fff;
        color: #191919;
      }
      .banner {
        height: 150px;
        position: relative;
      }
      .banner .nav {
        position: absolute;
        top: 50px;
        left: 8px;
        right: 8px;
        display: flex;
        justify-content: space-between;
        color: #fff;
      }
      .card {
        position: relative;
        margin-top: -34px;
        padding: 0 16px;
      }
      .head {
        position: relative;
        width: 76px;
        height: 76px;
        display: block;
      }
      .head img {
        width: 76px;
        height: 76px;
        border-radius: 50%;
        border: 3px solid #fff;
        box-sizing: border-box;
      }
      .head.live img {
        border-color: #fa5151;
      }
      .head .tag {
        position: absolute;
        bottom: -4px;
        left: 50%;
        transform: translateX(-50%);
        background: #fa5151;
        color: #fff;
        font-size: 10px;
        padding: 0 6px;
        border-radius: 3px;
        line-height: 16px;
        white-space: nowrap;
      }
      h2 {
        margin: 10px 0 2px;
        font-size: 21px;
      }
      .id {
        color: #7f7f7f;
        font-size: 12px;
      }
      .sig {
        margin: 8px 0;
        font-size: 14px;
        line-height: 1.45;
      }
      .stats {
        color: #7f7f7f;
        font-size: 13px;
      }
      .stats b {
        color: #191919;
      }
      .actions {
        display: flex;
        gap: 10px;
        margin: 14px 0;
      }
      .actions button {
        flex: 1;
        height: 38px;
        border-radius: 6px;
        font-size: 15px;
        font-weight: 500;
      }
      .follow {
        background: #fa9d3b;
        color: #fff;
      }
      .follow.on {
        background: #f2f2f2;
        color: #7f7f7f;
      }
      .shopbtn {
        background: #f2f2f2;
      }
      .live {
        display: flex;
        align-items: center;
        gap: 10px;
        width: 100%;
        box-sizing: border-box;
        background: #fff3f3;
        border-radius: 8px;
        padding: 10px 12px;
        margin-bottom: 12px;
        text-align: left;
      }
      .live .dot {
        background: #fa5151;
        color: #fff;
        border-radius: 4px;
        padding: 2px 6px;
        font-size: 12px;
        font-weight: 600;
      }
      .live span {
        flex: 1;
        font-size: 14px;
      }
      .live .dot {
        flex: none;
      }
      .tabs {
        display: flex;
        gap: 28px;
        padding: 0 16px;
        border-bottom: 1px solid rgba(0, 0, 0, 0.06);
      }
      .tabs button {
        padding: 12px 0;
        font-size: 15px;
        color: #7f7f7f;
        border-bottom: 2px solid transparent;
      }
      .tabs button[aria-selected='true'] {
        color: #191919;
        font-weight: 600;
        border-color: #191919;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 2px;
      }
      .grid button {
        position: relative;
        aspect-ratio: 3 / 4;
        overflow: hidden;
        background: #222;
      }
      .grid img {
        width: 100%;
        height: 100%;
        object-fit: cover;
      }
      .grid small {
        position: absolute;
        left: 6px;
        bottom: 4px;
        color: #fff;
        font-size: 12px;
        display: flex;
        align-items: center;
        gap: 2px;
        text-shadow: 0 1px 2px rgba(0, 0, 0, 0.6);
      }
      .shop {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 10px;
        padding: 12px;
        background: #f7f7f7;
      }
      .shop button {
        background: #fff;
        border-radius: 8px;
        overflow: hidden;
        text-align: left;
      }
      .shop img {
        width: 100%;
        aspect-ratio: 1;
        object-fit: cover;
        background: #eee;
        display: block;
      }
      .shop div {
        padding: 8px 10px 10px;
        display: flex;
        flex-direction: column;
        gap: 4px;
      }
      .shop strong {
        font-size: 14px;
        font-weight: 500;
      }
      .shop .price {
        color: #fa5151;
        font-weight: 600;
      }
      .empty {
        padding: 40px;
        text-align: center;
        color: #b2b2b2;
      }
    `,
  ]

  @property({ attribute: false }) profile!: Profile
  @property() lang: Lang = 'en'
  @state() private tab: 'videos' | 'shop' = 'videos'

  render() {
    const p = this.profile
    const zh = this.lang === 'zh'
    const live = p.live?.status === 'live' ? p.live : null
    return html`
      <div class="banner" style=${`background: linear-gradient(160deg, ${p.color}, #1d1d1d)`}>
        <div class="nav">
          <button aria-label="Back" @click=${() => this.#emit('back')}>${g('back', 24)}</button>
          <button aria-label="Search">${g('search', 22)}</button>
        </div>
      </div>
      <div class="card">
        <button class="head ${live ? 'live' : ''}" aria-label=${live ? `${p.nickname} is live` : p.nickname} @click=${() => live && this.#emit('live')}>
          <img src=${p.headUrl} alt="" />${live ? html`<span class="tag">${zh ? '直播中' : 'LIVE'}</span>` : null}
        </button>
        <h2>${p.nickname}</h2>
        <div class="id">${zh ? '视频号' : 'Channels'}: ${p.finderUserName}</div>
        <div class="sig">${p.signature}</div>
        <div class="stats"><b>${count(p.followers, zh)}</b> ${zh ? '关注者' : 'followers'} · <b>${p.videos.length}</b> ${zh ? '个视频' : 'videos'}</div>
        <div class="actions">
          <button class="follow ${p.followed ? 'on' : ''}" @click=${() => this.#emit('follow')}>${p.followed ? (zh ? '已关注' : 'Following') : zh ? '关注' : 'Follow'}</button>
          ${p.appid ? html`<button class="shopbtn" @click=${() => this.#emit('shop')}>${zh ? '小程序商城' : 'Store'}</button>` : null}
        </div>
        ${live
          ? html`<button class="live" @click=${() => this.#emit('live')}><span class="dot">${zh ? '直播中' : 'LIVE'}</span><span>${live.title}</span>›</button>`
          : p.live?.status === 'scheduled'
            ? html`<div class="live"><span class="dot" style="background:#fa9d3b">${zh ? '预告' : 'Soon'}</span><span>${p.live.title}</span></div>`
            : null}
      </div>
      <div class="tabs" role="tablist">
        <button role="tab" aria-selected=${this.tab === 'videos'} @click=${() => (this.tab = 'videos')}>${zh ? '视频' : 'Videos'}</button>
        <button role="tab" aria-selected=${this.tab === 'shop'} @click=${() => (this.tab = 'shop')}>${zh ? '商品' : 'Shop'}</button>
      </div>
      ${this.tab === 'videos' ? this.#videos() : this.#shop()}
    `
  }

  #videos() {
    const p = this.profile
    if (!p.videos.length) return html`<div class="empty">${this.lang === 'zh' ? '暂无视频' : 'No videos yet'}</div>`
    return html`<div class="grid">
      ${p.videos.map(
        (v) => html`<button aria-label=${v.title} @click=${() => this.#emit('video', v.feedId)}><img src=${v.coverUrl} alt="" /><small>${g('heart', 12)} ${v.likes}</small></button>`,
      )}
    </div>`
  }

  #shop() {
    const p = this.profile
    if (!p.shop.length) return html`<div class="empty">${this.lang === 'zh' ? '暂无商品' : 'No products yet'}</div>`
    return html`<div class="shop">
      ${p.shop.map(
        (item) => html`<button aria-label=${`Shop ${item.title}`} @click=${() => this.#emit('goods', item.productId)}>
          ${item.imageUrl ? html`<img src=${item.imageUrl} alt="" />` : html`<img alt="" />`}
          <div><strong>${item.title}</strong><span class="price">${yuan(item.price)}</span></div>
        </button>`,
      )}
    </div>`
  }

  #emit(action: 'back' | 'follow' | 'shop' | 'live' | 'video' | 'goods', id?: string) {
    this.dispatchEvent(new CustomEvent('wx-profile-action', { detail: { action, id }, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-channels-profile': WxChannelsProfile
  }
  interface GlobalEventHandlersEventMap {
    'wx-profile-action': CustomEvent<{ action: 'back' | 'follow' | 'shop' | 'live' | 'video' | 'goods'; id?: string }>
  }
}
