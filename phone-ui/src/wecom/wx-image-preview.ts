import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { Lang } from '../i18n'
import { photoScreen } from '../phone/photo-screen'
import { decodeImage } from '../scan/decode'

/**
 * wx.previewImage: the picture full screen on black. Tap closes it; a long press (or •••) opens
 * WeChat's sheet, whose "Identify QR Code" decodes the picture here and hands the payload up
 * (`wx-identify-code`), as a scan from an album picture — how a contact-me code in a mini
 * program is added.
 */
@customElement('wx-image-preview')
export class WxImagePreview extends LitElement {
  static styles = [
    photoScreen,
    css`
      :host {
        animation: fade 0.18s ease-out;
      }
      @keyframes fade {
        from {
          opacity: 0;
        }
      }
      img {
        max-width: 100%;
        max-height: 80%;
        user-select: none;
        -webkit-user-drag: none;
      }
      .more {
        position: absolute;
        right: 16px;
        bottom: 40px;
        width: 36px;
        height: 36px;
        border-radius: 50%;
        border: 0;
        background: rgba(255, 255, 255, 0.18);
        color: #fff;
        font-size: 18px;
        cursor: pointer;
      }
      .mask {
        position: absolute;
        inset: 0;
        background: rgba(0, 0, 0, 0.4);
      }
      .sheet {
        position: absolute;
        left: 0;
        right: 0;
        bottom: 0;
        background: #f7f7f7;
        border-radius: 12px 12px 0 0;
        overflow: hidden;
        animation: up 0.2s ease-out;
      }
      @keyframes up {
        from {
          transform: translateY(100%);
        }
      }
      .sheet button {
        display: block;
        width: 100%;
        height: 56px;
        border: 0;
        background: #fff;
        font: inherit;
        font-size: 17px;
        color: #191919;
        cursor: pointer;
      }
      .sheet button + button {
        border-top: 1px solid rgba(0, 0, 0, 0.06);
      }
      .sheet .cancel {
        margin-top: 8px;
        padding-bottom: 20px;
        height: 76px;
      }
      .toast {
        position: absolute;
        top: 45%;
        left: 50%;
        transform: translateX(-50%);
        background: rgba(17, 17, 17, 0.85);
        color: #fff;
        padding: 12px 16px;
        border-radius: 8px;
        font-size: 14px;
      }
    `,
  ]
  @property() src = ''
  @property() lang: Lang = 'en'
  @state() private sheet = false
  @state() private note = ''
  #press?: number

  render() {
    const zh = this.lang === 'zh'
    return html`<img
        src=${this.src}
        alt=${zh ? '图片预览' : 'Image preview'}
        @pointerdown=${() => (this.#press = window.setTimeout(() => ((this.#press = undefined), (this.sheet = true)), 500))}
        @pointerup=${this.#release}
        @contextmenu=${(e: Event) => (e.preventDefault(), (this.sheet = true))}
      />
      <button class="more" aria-label=${zh ? '图片选项' : 'Image options'} @click=${() => (this.sheet = true)}>•••</button>
      ${this.sheet
        ? html`<div class="mask" @click=${() => (this.sheet = false)}></div>
            <div class="sheet" role="menu">
              <button role="menuitem" @click=${this.#identify}>${zh ? '识别图中的二维码' : 'Identify QR Code'}</button>
              <button role="menuitem" @click=${() => this.#toast(zh ? '已保存到相册' : 'Saved to Album')}>${zh ? '保存图片' : 'Save Image'}</button>
              <button class="cancel" role="menuitem" @click=${() => (this.sheet = false)}>${zh ? '取消' : 'Cancel'}</button>
            </div>`
        : null}
      ${this.note ? html`<div class="toast" role="alert">${this.note}</div>` : null}`
  }

  #release() {
    // a short tap closes the preview, as in WeChat
    if (this.#press === undefined) return
    clearTimeout(this.#press)
    this.#press = undefined
    if (!this.sheet) this.dispatchEvent(new CustomEvent('wx-preview-close', { bubbles: true, composed: true }))
  }

  #toast(note: string) {
    this.sheet = false
    this.note = note
    setTimeout(() => (this.note = ''), 1500)
  }

  async #identify() {
    this.sheet = false
    const payload = await fetch(this.src)
      .then((r) => r.blob())
      .then(decodeImage)
      .catch(() => null)
    if (!payload) return this.#toast(this.lang === 'zh' ? '未发现二维码' : 'No QR code found')
    // the phone hears the code before the preview (and this element) goes away
    this.dispatchEvent(new CustomEvent('wx-identify-code', { detail: { payload, method: 'long-press' }, bubbles: true, composed: true }))
    this.dispatchEvent(new CustomEvent('wx-preview-close', { bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-image-preview': WxImagePreview
  }
  interface GlobalEventHandlersEventMap {
    'wx-preview-close': CustomEvent<void>
    'wx-identify-code': CustomEvent<{ payload: string; method: string }>
    'wx-open-service-chat': CustomEvent<string>
  }
}
