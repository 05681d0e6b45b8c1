import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { photoScreen } from '../phone/photo-screen'

/** A photo full screen on black, as WeChat opens a tapped image; a tap closes it. */
@customElement('wx-photo-viewer')
export class WxPhotoViewer extends LitElement {
  static styles = [
    photoScreen,
    css`
      :host {
        cursor: zoom-out;
      }
      img {
        max-width: 100%;
        max-height: 100%;
        object-fit: contain;
      }
    `,
  ]
  @property() src = ''
  @property() label = ''

  render() {
    return html`<img alt=${this.label} src=${this.src} />`
  }

  connectedCallback() {
    super.connectedCallback()
    this.setAttribute('role', 'dialog')
    this.setAttribute('aria-label', 'Photo')
    this.addEventListener('click', this.#close)
  }

  #close = () => {
    this.dispatchEvent(new CustomEvent('wx-close', { bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-photo-viewer': WxPhotoViewer
  }
  interface GlobalEventHandlersEventMap {
    'wx-close': CustomEvent<void>
  }
}
