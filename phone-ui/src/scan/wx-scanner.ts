import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { api, type WorldView } from '../api'
import type { Lang } from '../i18n'
import { decodeImage } from './decode'
import '../phone/wx-status-bar'
import { noScrollbars } from '../phone/theme'

const L = {
  en: { title: 'Scan', hint: 'Point the camera at a code', album: 'Album', paste: 'Paste a code’s text', go: 'Recognize', none: 'No QR code found in this picture', close: 'Close scanner', noPosters: 'The world’s posters could not be loaded' },
  zh: { title: '扫一扫', hint: '将二维码放入框内', album: '相册', paste: '粘贴二维码内容', go: '识别', none: '未发现二维码', close: '关闭', noPosters: '无法加载海报' },
}

/**
 * The scanner: a dark camera view with the world's posters to point at, plus Album (upload) and
 * paste. Every picture is decoded here, in the browser; the payload goes up in `wx-scan`. It covers
 * the whole screen, black under its own white status bar, as WeChat's 扫一扫 does.
 */
@customElement('wx-scanner')
export class WxScanner extends LitElement {
  static styles = css`
    ${noScrollbars}
    :host {
      position: absolute;
      inset: 0;
      z-index: 40;
      background: #111;
      color: #fff;
      display: flex;
      flex-direction: column;
      font-size: 15px;
    }
    wx-status-bar {
      --wx-status-bg: transparent;
      --wx-status-fg: #fff;
    }
    header {
      display: flex;
      align-items: center;
      height: 44px;
      padding: 0 12px;
    }
    header h2 {
      flex: 1;
      text-align: center;
      margin: 0 36px 0 0;
      font-size: 17px;
      font-weight: 500;
    }
    button {
      font: inherit;
      color: inherit;
      background: none;
      border: 0;
      cursor: pointer;
    }
    .frame {
      margin: 18px auto 8px;
      width: 250px;
      height: 250px;
      position: relative;
      border: 2px solid rgba(255, 255, 255, 0.2);
      overflow: hidden;
    }
    .frame::after {
      content: '';
      position: absolute;
      left: 0;
      right: 0;
      height: 2px;
      background: linear-gradient(90deg, transparent, #07c160, transparent);
      animation: sweep 2s linear infinite;
    }
    @keyframes sweep {
      from {
        top: 0;
      }
      to {
        top: 100%;
      }
    }
    .frame img {
      width: 100%;
      height: 100%;
      object-fit: contain;
      background: #fff;
    }
    .hint {
      text-align: center;
      color: rgba(255, 255, 255, 0.7);
      font-size: 13px;
      min-height: 20px;
    }
    .posters {
      list-style: none;
      margin: 0;
      display: flex;
      gap: 10px;
      padding: 16px 14px 8px;
      overflow-x: auto;
    }
    .posters button {
      flex: none;
      width: 96px;
      display: flex;
      flex-direction: column;
      gap: 6px;
      align-items: center;
      font-size: 12px;
      color: rgba(255, 255, 255, 0.85);
    }
    .posters img {
      width: 96px;
      height: 128px;
      object-fit: cover;
      border-radius: 6px;
      background: #fff;
    }
    form {
      display: flex;
      gap: 8px;
      padding: 10px 14px;
    }
    input[type='text'] {
      flex: 1;
      border-radius: 6px;
      border: 0;
      padding: 8px 10px;
      font: inherit;
      font-size: 13px;
    }
    form button,
    label.album {
      background: rgba(255, 255, 255, 0.15);
      border-radius: 6px;
      padding: 8px 12px;
      font-size: 13px;
      cursor: pointer;
    }
    .bottom {
      margin-top: auto;
      display: flex;
      justify-content: center;
      padding: 14px 0 30px;
    }
    input[type='file'] {
      display: none;
    }
  `
  @property() lang: Lang = 'en'
  /** the phone's clock, for the status bar drawn over the camera */
  @property() time = ''
  @state() private pointed = ''
  @state() private message = ''
  /** the world's posters (GET /_sandbox/world): what the kit put on its tables, walls and shelves */
  @state() private posters: WorldView['posters'] = []
  @state() private draft = ''

  render() {
    const l = L[this.lang]
    return html`<wx-status-bar time=${this.time}></wx-status-bar>
      <header>
        <button aria-label=${l.close} @click=${() => this.#emit(null)}>✕</button>
        <h2>${l.title}</h2>
      </header>
      <div class="frame" aria-hidden="true">${this.pointed ? html`<img alt="" src=${this.pointed} />` : null}</div>
      <div class="hint" role="status">${this.message || l.hint}</div>
      <ul class="posters" aria-label="Posters">
        ${this.posters.map((p) => {
          const src = p.url
          return html`<li>
            <button aria-label=${`Point at ${p.label.en}`} @click=${() => this.#point(src)}>
              <img alt="" src=${src} loading="lazy" />${p.label[this.lang]}
            </button>
          </li>`
        })}
      </ul>
      <form @submit=${this.#pasted}>
        <input type="text" aria-label=${l.paste} placeholder=${l.paste} .value=${this.draft} @input=${(e: InputEvent) => (this.draft = (e.target as HTMLInputElement).value)} />
        <button type="submit">${l.go}</button>
      </form>
      <div class="bottom">
        <label class="album">${l.album}<input type="file" accept="image/*" aria-label=${l.album} @change=${this.#upload} /></label>
      </div>`
  }

  connectedCallback() {
    super.connectedCallback()
    this.setAttribute('role', 'dialog')
    this.setAttribute('aria-label', L[this.lang].title)
    window.addEventListener('paste', this.#onPaste)
    api
      .world()
      .then((w) => (this.posters = w.posters))
      .catch(() => (this.message = L[this.lang].noPosters))
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    window.removeEventListener('paste', this.#onPaste)
  }

  /** Pointing at a poster: its printed image (PNG) is what the camera sees and decodes. */
  async #point(svgUrl: string) {
    this.pointed = svgUrl
    const png = await fetch(`${svgUrl}&format=png`).then((r) => r.blob())
    await this.#decode(png, 'camera')
  }

  async #upload(e: Event) {
    const file = (e.target as HTMLInputElement).files?.[0]
    if (file) await this.#decode(file, 'album')
  }

  #onPaste = (e: ClipboardEvent) => {
    const image = [...(e.clipboardData?.items ?? [])].find((i) => i.type.startsWith('image/'))?.getAsFile()
    if (image) void this.#decode(image, 'album')
  }

  #pasted(e: Event) {
    e.preventDefault()
    if (this.draft.trim()) this.#emit({ payload: this.draft.trim(), method: 'long-press' })
  }

  async #decode(blob: Blob, method: 'camera' | 'album') {
    const payload = await decodeImage(blob).catch(() => null)
    if (!payload) {
      this.message = L[this.lang].none
      return
    }
    this.#emit({ payload, method })
  }

  #emit(detail: { payload: string; method: string } | null) {
    this.dispatchEvent(new CustomEvent('wx-scan', { detail, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-scanner': WxScanner
  }
  interface GlobalEventHandlersEventMap {
    'wx-scan': CustomEvent<{ payload: string; method: string } | null>
  }
}
