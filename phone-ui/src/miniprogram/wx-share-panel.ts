import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { Conversation, PersonView } from '../api'
import type { Lang } from '../i18n'
import '../chats/wx-mini-card'
import { noScrollbars } from '../phone/theme'

export interface ShareCard {
  title: string
  path: string
  imageUrl: string
  appName: string
}

const L = {
  en: { heading: 'Select a Chat', send: 'Send', cancel: 'Cancel', to: 'Send to' },
  zh: { heading: '选择一个聊天', send: '发送', cancel: '取消', to: '发送给' },
}

/** "Send to Chat": pick a friend or group, confirm the card, send. */
@customElement('wx-share-panel')
export class WxSharePanel extends LitElement {
  static styles = css`
    ${noScrollbars}
    :host {
      position: absolute;
      inset: 0;
      z-index: 30;
      background: #ededed;
      display: flex;
      flex-direction: column;
      animation: up 0.2s ease-out;
      font-size: 16px;
      color: #191919;
    }
    @keyframes up {
      from {
        transform: translateY(100%);
      }
    }
    header {
      display: flex;
      align-items: center;
      height: 50px;
      padding: 0 14px;
    }
    header h2 {
      flex: 1;
      text-align: center;
      font-size: 17px;
      font-weight: 600;
      margin: 0 50px 0 0;
    }
    button {
      font: inherit;
      color: inherit;
      background: none;
      border: 0;
      cursor: pointer;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      background: #fff;
      overflow-y: auto;
    }
    li button {
      display: flex;
      align-items: center;
      gap: 12px;
      width: 100%;
      padding: 10px 16px;
      text-align: left;
    }
    li + li button {
      border-top: 1px solid rgba(0, 0, 0, 0.06);
    }
    img {
      width: 40px;
      height: 40px;
      border-radius: 5px;
    }
    .group-pic {
      width: 40px;
      height: 40px;
      border-radius: 5px;
      background: #07c160;
      color: #fff;
      display: grid;
      place-items: center;
      font-size: 13px;
    }
    .mask {
      position: absolute;
      inset: 0;
      background: rgba(0, 0, 0, 0.5);
      display: grid;
      place-items: center;
    }
    .confirm {
      width: 82%;
      background: #fff;
      border-radius: 12px;
      padding: 20px 20px 0;
      display: flex;
      flex-direction: column;
      gap: 14px;
    }
    .confirm h3 {
      margin: 0;
      font-size: 16px;
      font-weight: 600;
    }
    .confirm wx-mini-card {
      width: 100%;
      --brand: var(--wx-brand, #07c160);
      background: #f7f7f7;
      border-radius: 6px;
    }
    .actions {
      display: flex;
      margin: 0 -20px;
      border-top: 1px solid rgba(0, 0, 0, 0.08);
    }
    .actions button {
      flex: 1;
      height: 52px;
      font-weight: 600;
    }
    .actions button + button {
      border-left: 1px solid rgba(0, 0, 0, 0.08);
      color: #07c160;
    }
  `
  @property({ attribute: false }) card!: ShareCard
  @property({ attribute: false }) conversations: Conversation[] = []
  @property({ attribute: false }) people = new Map<string, PersonView>()
  @property() lang: Lang = 'en'
  @state() private picked: Conversation | null = null

  render() {
    const l = L[this.lang]
    return html`<header>
        <button @click=${() => this.#done(null)}>${l.cancel}</button>
        <h2>${l.heading}</h2>
      </header>
      <ul role="list" aria-label=${l.heading}>
        ${this.conversations.map((c) => {
          const title = this.lang === 'zh' ? c.titleZh : c.title
          return html`<li>
            <button aria-label=${`${l.to} ${title}`} @click=${() => (this.picked = c)}>
              ${c.kind === 'group' ? html`<span class="group-pic">${c.members.length}</span>` : html`<img alt="" src=${this.people.get(c.peer!)?.avatarUrl ?? ''} />`}
              <span>${title}</span>
            </button>
          </li>`
        })}
      </ul>
      ${this.picked
        ? html`<div class="mask">
            <div class="confirm" role="dialog" aria-label=${l.to}>
              <h3>${l.to} ${this.lang === 'zh' ? this.picked.titleZh : this.picked.title}</h3>
              <wx-mini-card appName=${this.card.appName} heading=${this.card.title} imageUrl=${this.card.imageUrl} lang=${this.lang}></wx-mini-card>
              <div class="actions">
                <button @click=${() => (this.picked = null)}>${l.cancel}</button>
                <button @click=${() => this.#done(this.picked)}>${l.send}</button>
              </div>
            </div>
          </div>`
        : null}`
  }

  #done(to: Conversation | null) {
    this.dispatchEvent(new CustomEvent('wx-share-done', { detail: to, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-share-panel': WxSharePanel
  }
  interface GlobalEventHandlersEventMap {
    'wx-share-done': CustomEvent<Conversation | null>
  }
}
