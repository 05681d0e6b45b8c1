import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { Lang } from '../i18n'
import { buttonReset } from '../phone/theme'
import { count, yuan, type MountedProduct, type Video } from './api'
import { g } from './icons'
import { darkScreen } from './styles'

export type VideoAction = 'like' | 'comment' | 'share' | 'profile' | 'follow' | 'live'

/** One video of the feed, full screen: the looping poster, actions on the right, title and links at the bottom. */
@customElement('wx-channels-video')
export class WxChannelsVideo extends LitElement {
  static styles = [
    buttonReset,
    darkScreen,
    css`
      .poster {
        position: absolute;
        inset: 0;
        width: 100%;
        height: 100%;
        object-fit: cover;
      }
      .shade {
        position: absolute;
        inset: auto 0 0 0;
        height: 55%;
        background: linear-gradient(to top, rgba(0, 0, 0, 0.72), rgba(0, 0, 0, 0));
        pointer-events: none;
      }
      .side {
        position: absolute;
        right: 8px;
        bottom: 120px;
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 18px;
        width: 56px;
      }
      .side button {
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 2px;
        font-size: 12px;
        text-shadow: 0 1px 2px rgba(0, 0, 0, 0.5);
        filter: drop-shadow(0 1px 2px rgba(0, 0, 0, 0.35));
      }
      .head {
        position: relative;
        margin-bottom: 6px;
      }
      .head img {
        width: 44px;
        height: 44px;
        border-radius: 50%;
        border: 2px solid #fff;
        display: block;
      }
      .head.live img {
        border-color: #fa5151;
      }
      .head .plus {
        position: absolute;
        left: 50%;
        bottom: -9px;
        margin-left: -9px;
        width: 18px;
        height: 18px;
        border-radius: 50%;
        background: #fa9d3b;
        display: grid;
        place-items: center;
      }
      .head .on-air {
        position: absolute;
        left: 50%;
        bottom: -8px;
        transform: translateX(-50%);
        background: #fa5151;
        border-radius: 3px;
        font-size: 9px;
        padding: 0 4px;
        line-height: 14px;
        font-weight: 600;
      }
      .bottom {
        position: absolute;
        left: 14px;
        right: 76px;
        bottom: 28px;
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      .who {
        font-weight: 600;
        font-size: 16px;
        text-align: left;
      }
      .title {
        font-size: 15px;
        line-height: 1.4;
      }
      .desc {
        font-size: 13px;
        opacity: 0.8;
        line-height: 1.35;
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .liked {
        font-size: 12px;
        opacity: 0.85;
        display: flex;
        align-items: center;
        gap: 4px;
      }
      .chip {
        align-self: flex-start;
        display: flex;
        align-items: center;
        gap: 6px;
        max-width: 100%;
        background: rgba(255, 255, 255, 0.18);
        backdrop-filter: blur(8px);
        border-radius: 4px;
        padding: 5px 8px;
        font-size: 13px;
      }
      .chip.product {
        background: rgba(250, 157, 59, 0.92);
      }
      .chip img {
        width: 22px;
        height: 22px;
        border-radius: 3px;
        background: #fff;
      }
      .chip span {
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .chip b {
        font-weight: 600;
      }
    `,
  ]

  @property({ attribute: false }) video!: Video
  @property() lang: Lang = 'en'

  render() {
    const v = this.video
    const zh = this.lang === 'zh'
    const first = v.products[0]
    return html`
      <img class="poster" src=${v.coverUrl} alt=${v.title} />
      <div class="shade"></div>
      <div class="side">
        <button class="head ${v.live ? 'live' : ''}" aria-label=${`${v.nickname} profile`} @click=${() => this.#act(v.live ? 'live' : 'profile')}>
          <img src=${v.headUrl} alt="" />
          ${v.live
            ? html`<span class="on-air">${zh ? '直播中' : 'LIVE'}</span>`
            : v.followed
              ? null
              : html`<span class="plus" role="button" aria-label=${`Follow ${v.nickname}`} @click=${(e: Event) => (e.stopPropagation(), this.#act('follow'))}>${g('plus', 14)}</span>`}
        </button>
        <button aria-label=${v.liked ? 'Unlike' : 'Like'} aria-pressed=${v.liked} @click=${() => this.#act('like')}>${g(v.liked ? 'heartOn' : 'heart', 32)}<span>${v.likes ? count(v.likes, zh) : zh ? '赞' : 'Like'}</span></button>
        <button aria-label="Comments" @click=${() => this.#act('comment')}>${g('comment', 32)}<span>${v.comments ? count(v.comments, zh) : zh ? '评论' : 'Comment'}</span></button>
        <button aria-label="Share to chat" @click=${() => this.#act('share')}>${g('share', 32)}<span>${zh ? '转发' : 'Share'}</span></button>
      </div>
      <div class="bottom">
        <button class="who" @click=${() => this.#act('profile')}>@${v.nickname}</button>
        <div class="title">${v.title}</div>
        ${v.description ? html`<div class="desc">${v.description}</div>` : null}
        ${v.likedBy.length ? html`<div class="liked">${g('heart', 14)} ${v.likedBy.map((l) => l.name.split(' ')[0]).join(', ')} ${zh ? '赞过' : 'liked this'}</div>` : null}
        ${first ? this.#productChip(first, v.products.length) : null}
        ${v.miniProgram
          ? html`<button class="chip" aria-label=${`Mini program link ${v.miniProgram.title}`} @click=${() => this.#open()}>${g('mini', 16)}<span>${v.miniProgram.title}</span></button>`
          : null}
      </div>
    `
  }

  #productChip(p: MountedProduct, n: number) {
    const zh = this.lang === 'zh'
    return html`<button class="chip product" aria-label=${`Product ${p.title}`} @click=${() => this.#open(p.productId)}>
      ${g('bag', 16)}${p.imageUrl ? html`<img src=${p.imageUrl} alt="" />` : null}
      <span><b>${p.title}</b> ${yuan(p.price)}${n > 1 ? ` · ${zh ? `共${n}件` : `${n} items`}` : ''}</span>
    </button>`
  }

  #act(action: VideoAction) {
    this.dispatchEvent(new CustomEvent('wx-video-action', { detail: { action, video: this.video }, bubbles: true, composed: true }))
  }

  #open(productId?: string) {
    this.dispatchEvent(new CustomEvent('wx-video-open', { detail: { video: this.video, productId }, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-channels-video': WxChannelsVideo
  }
  interface GlobalEventHandlersEventMap {
    'wx-video-action': CustomEvent<{ action: VideoAction; video: Video }>
    'wx-video-open': CustomEvent<{ video: Video; productId?: string }>
  }
}
