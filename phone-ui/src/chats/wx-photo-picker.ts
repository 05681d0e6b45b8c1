import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { api, type AlbumPhoto } from '../api'
import type { Lang } from '../i18n'
import { noScrollbars } from '../phone/theme'

/** The album picker the input bar's Album opens: recent photos, tap to select (numbered), Send. */
@customElement('wx-photo-picker')
export class WxPhotoPicker extends LitElement {
  static styles = css`
    ${noScrollbars}
    :host {
      position: absolute;
      inset: 0;
      z-index: 20;
      display: flex;
      flex-direction: column;
      background: #111;
      color: #fff;
    }
    header,
    footer {
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: 12px 14px;
      background: #191919;
    }
    header strong {
      font-weight: 500;
    }
    footer {
      padding-bottom: 26px;
    }
    button {
      font: inherit;
      color: inherit;
      background: none;
      border: 0;
      cursor: pointer;
    }
    .grid {
      flex: 1;
      overflow-y: auto;
      display: grid;
      grid-template-columns: repeat(3, 1fr);
      gap: 2px;
      align-content: start;
    }
    .grid button {
      position: relative;
      aspect-ratio: 1;
      padding: 0;
      overflow: hidden;
    }
    .grid img {
      width: 100%;
      height: 100%;
      object-fit: cover;
      display: block;
    }
    .mark {
      position: absolute;
      top: 6px;
      right: 6px;
      width: 22px;
      height: 22px;
      border-radius: 50%;
      border: 1.5px solid #fff;
      background: rgba(0, 0, 0, 0.2);
      font-size: 13px;
      line-height: 20px;
      text-align: center;
    }
    [aria-selected='true'] .mark {
      background: #07c160;
      border-color: #07c160;
    }
    [aria-selected='true'] img {
      opacity: 0.7;
    }
    .send {
      background: #07c160;
      border-radius: 4px;
      padding: 6px 14px;
      font-size: 14px;
    }
    .send[disabled] {
      background: #2c2c2c;
      color: #777;
    }
  `
  @property() lang: Lang = 'en'
  @state() private photos: AlbumPhoto[] = []
  @state() private chosen: string[] = []

  async connectedCallback() {
    super.connectedCallback()
    this.photos = await api.album()
  }

  render() {
    const zh = this.lang === 'zh'
    const n = this.chosen.length
    return html`<header>
        <button @click=${() => this.#done([])}>${zh ? '取消' : 'Cancel'}</button>
        <strong>${zh ? '最近项目' : 'Recents'}</strong>
        <span style="width:44px"></span>
      </header>
      <div class="grid" role="listbox" aria-label=${zh ? '相册' : 'Album'} aria-multiselectable="true">
        ${this.photos.map((p) => {
          const at = this.chosen.indexOf(p.id)
          return html`<button role="option" aria-selected=${at >= 0 ? 'true' : 'false'} aria-label=${`Photo: ${zh ? p.titleZh : p.title}`} @click=${() => this.#toggle(p.id)}>
            <img alt="" src=${p.url} /><span class="mark">${at >= 0 ? at + 1 : ''}</span>
          </button>`
        })}
      </div>
      <footer>
        <span>${zh ? '原图' : 'Full image'}</span>
        <button class="send" ?disabled=${n === 0} @click=${() => this.#done(this.chosen)}>${zh ? '发送' : 'Send'}${n ? ` (${n})` : ''}</button>
      </footer>`
  }

  #toggle(id: string) {
    this.chosen = this.chosen.includes(id) ? this.chosen.filter((x) => x !== id) : [...this.chosen, id].slice(0, 9)
  }

  #done(ids: string[]) {
    const picked = ids.map((id) => this.photos.find((p) => p.id === id)!)
    this.dispatchEvent(new CustomEvent('wx-photos-pick', { detail: picked, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-photo-picker': WxPhotoPicker
  }
  interface GlobalEventHandlersEventMap {
    'wx-photos-pick': CustomEvent<AlbumPhoto[]>
  }
}
