import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { icon } from '../icons'

/** WeChat's top bar: optional back chevron, centred title, optional action on the right. */
@customElement('wx-nav-bar')
export class WxNavBar extends LitElement {
  static styles = css`
    :host {
      display: flex;
      align-items: center;
      height: 44px;
      padding: 0 6px;
      background: var(--wx-nav-bg, #ededed);
      color: var(--wx-nav-fg, #191919);
      position: relative;
      flex: none;
    }
    h1 {
      position: absolute;
      left: 60px;
      right: 60px;
      margin: 0;
      text-align: center;
      font-size: 17px;
      font-weight: 600;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    button {
      background: none;
      border: 0;
      color: inherit;
      cursor: pointer;
      display: flex;
      align-items: center;
      padding: 8px;
    }
    .right {
      margin-left: auto;
    }
  `
  @property() heading = ''
  @property({ type: Boolean }) back = false
  @property() backLabel = 'Back'

  render() {
    return html`
      ${this.back ? html`<button aria-label=${this.backLabel} @click=${this.#back}>${icon('back', 22)}</button>` : null}
      <h1>${this.heading}</h1>
      <div class="right"><slot name="action"></slot></div>
    `
  }

  #back() {
    this.dispatchEvent(new CustomEvent('wx-back', { bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-nav-bar': WxNavBar
  }
  interface GlobalEventHandlersEventMap {
    'wx-back': CustomEvent<void>
  }
}
