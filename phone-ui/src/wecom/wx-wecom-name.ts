import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'

/** A WeCom contact's name as WeChat writes it: the name, then the corp tag "@Corp" in orange. */
@customElement('wx-wecom-name')
export class WxWecomName extends LitElement {
  static styles = css`
    :host {
      display: inline;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    span {
      color: var(--wx-wecom-tag, #fa9d3b);
      font-size: 0.82em;
      font-weight: 400;
      margin-left: 2px;
    }
  `
  @property() name = ''
  @property() corpTag = ''

  render() {
    return html`${this.name}${this.corpTag ? html`<span>${this.corpTag}</span>` : null}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-wecom-name': WxWecomName
  }
}
