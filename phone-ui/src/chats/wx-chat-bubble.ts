import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'

/** One chat message row: avatar, optional sender name (groups), and the bubble or card. */
@customElement('wx-chat-bubble')
export class WxChatBubble extends LitElement {
  static styles = css`
    :host {
      display: flex;
      gap: 10px;
      padding: 8px 12px;
      align-items: flex-start;
    }
    :host([from='me']) {
      flex-direction: row-reverse;
    }
    img {
      width: 40px;
      height: 40px;
      border-radius: 5px;
      flex: none;
    }
    .body {
      display: flex;
      flex-direction: column;
      gap: 3px;
      max-width: 70%;
    }
    :host([from='me']) .body {
      align-items: flex-end;
    }
    .who {
      font-size: 12px;
      color: #7f7f7f;
    }
    p {
      margin: 0;
      position: relative;
      background: var(--wx-bubble-them, #fff);
      padding: 9px 12px;
      border-radius: 5px;
      font-size: 16px;
      line-height: 1.45;
      white-space: pre-wrap;
      word-break: break-word;
    }
    p::before {
      content: '';
      position: absolute;
      top: 13px;
      left: -5px;
      border: 5px solid transparent;
      border-left: 0;
      border-right-color: var(--wx-bubble-them, #fff);
    }
    :host([from='me']) p {
      background: var(--wx-bubble-me, #95ec69);
    }
    :host([from='me']) p::before {
      left: auto;
      right: -5px;
      border-right: 0;
      border-left: 5px solid var(--wx-bubble-me, #95ec69);
    }
  `
  @property({ reflect: true }) from: 'me' | 'them' = 'them'
  @property() avatar = ''
  @property() sender = ''
  @property() text = ''

  render() {
    return html`<img alt="" src=${this.avatar} />
      <div class="body">
        ${this.sender ? html`<span class="who">${this.sender}</span>` : null}
        <slot>${this.text ? html`<p>${this.text}</p>` : null}</slot>
      </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-chat-bubble': WxChatBubble
  }
}
