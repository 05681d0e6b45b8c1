import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { icon } from '../icons'
import './wx-nav-bar'

/** A screen whose feature arrives with a later part of the sandbox: says so plainly. */
@customElement('wx-placeholder')
export class WxPlaceholder extends LitElement {
  static styles = css`
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
      background: #ededed;
    }
    div {
      flex: 1;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 14px;
      color: #b2b2b2;
      text-align: center;
      padding: 0 40px;
    }
  `
  @property() heading = ''
  @property() iconName = 'more'
  @property() note = ''

  render() {
    return html`<wx-nav-bar heading=${this.heading} back></wx-nav-bar>
      <div>${icon(this.iconName, 56)}<span>${this.note}</span></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-placeholder': WxPlaceholder
  }
}
