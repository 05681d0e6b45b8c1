import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { Lang } from '../i18n'
import { g } from './icons'

/** A Channels video as a chat shows it (视频号动态 card): portrait cover with a play mark, the account below. */
@customElement('wx-channels-card')
export class WxChannelsCard extends LitElement {
  static styles = css`
    :host {
      display: block;
      width: 150px;
    }
    button {
      display: block;
      width: 100%;
      padding: 0;
      border: 0;
      background: #fff;
      border-radius: 6px;
      overflow: hidden;
      text-align: left;
      font: inherit;
      color: #191919;
      cursor: pointer;
    }
    .cover {
      position: relative;
      aspect-ratio: 3 / 4;
      background: #222;
    }
    .cover img {
      width: 100%;
      height: 100%;
      object-fit: cover;
      display: block;
    }
    .play {
      position: absolute;
      left: 50%;
      top: 50%;
      width: 38px;
      height: 38px;
      margin: -19px 0 0 -19px;
      border-radius: 50%;
      background: rgba(0, 0, 0, 0.4);
      color: #fff;
      display: grid;
      place-items: center;
    }
    .title {
      position: absolute;
      left: 8px;
      right: 8px;
      bottom: 6px;
      color: #fff;
      font-size: 12px;
      line-height: 1.3;
      text-shadow: 0 1px 2px rgba(0, 0, 0, 0.6);
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    .who {
      display: flex;
      align-items: center;
      gap: 5px;
      padding: 6px 8px;
      font-size: 12px;
      color: #7f7f7f;
    }
    .who img {
      width: 16px;
      height: 16px;
      border-radius: 50%;
    }
    .who span {
      flex: 1;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .who i {
      color: #fa9d3b;
      display: flex;
    }
  `
  @property() heading = ''
  @property() nickname = ''
  @property() coverUrl = ''
  @property() headUrl = ''
  @property() lang: Lang = 'en'

  render() {
    return html`<button aria-label=${`Channels video ${this.heading}`} @click=${this.#tap}>
      <div class="cover">
        <img src=${this.coverUrl} alt="" />
        <span class="play">${g('play', 22)}</span>
        <span class="title">${this.heading}</span>
      </div>
      <div class="who"><img src=${this.headUrl} alt="" /><span>${this.nickname}</span><i>${g('channels', 14)}</i></div>
    </button>`
  }

  #tap() {
    this.dispatchEvent(new CustomEvent('wx-card-tap', { bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-channels-card': WxChannelsCard
  }
}
