import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { Lang } from '../i18n'

/** One message the mini program asks to send: its template's title in the phone's language. */
export interface SubscribeItem {
  tmplId: string
  title: string
}

const L = {
  en: { asks: 'wants to send you the following messages', allow: 'Allow', cancel: 'Cancel', note: 'You can change this in the mini program’s Settings → Notifications.' },
  zh: { asks: '申请发送以下订阅消息', allow: '允许', cancel: '取消', note: '可在小程序“设置 → 订阅消息”中更改。' },
}

/**
 * wx.requestSubscribeMessage: WeChat's sheet naming each message the mini program asks for, each
 * with its own switch (on by default); Allow answers accept for those left on, Cancel rejects all.
 */
@customElement('wx-subscribe-sheet')
export class WxSubscribeSheet extends LitElement {
  static styles = css`
    :host {
      position: absolute;
      inset: 0;
      z-index: 30;
      display: flex;
      flex-direction: column;
      justify-content: flex-end;
      background: rgba(0, 0, 0, 0.5);
      color: #191919;
      font-size: 16px;
    }
    section {
      background: #fff;
      border-radius: 12px 12px 0 0;
      padding: 20px 20px 24px;
      animation: up 0.2s ease-out;
    }
    @keyframes up {
      from {
        transform: translateY(100%);
      }
    }
    .app {
      display: flex;
      align-items: center;
      gap: 8px;
      font-size: 14px;
      color: #4c4c4c;
    }
    .logo {
      width: 22px;
      height: 22px;
      border-radius: 50%;
      background: var(--wx-brand, #07c160);
      color: #fff;
      font-size: 12px;
      display: grid;
      place-items: center;
      overflow: hidden;
    }
    .logo img {
      width: 100%;
      height: 100%;
    }
    h2 {
      margin: 14px 0 10px;
      font-size: 18px;
      font-weight: 600;
      line-height: 1.35;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      border-top: 1px solid rgba(0, 0, 0, 0.06);
    }
    li {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 12px;
      padding: 14px 0;
      border-bottom: 1px solid rgba(0, 0, 0, 0.06);
    }
    [role='switch'] {
      flex: none;
      width: 50px;
      height: 30px;
      border-radius: 15px;
      border: 0;
      padding: 0;
      background: #e5e5e5;
      position: relative;
      cursor: pointer;
      transition: background 0.15s;
    }
    [role='switch']::after {
      content: '';
      position: absolute;
      top: 2px;
      left: 2px;
      width: 26px;
      height: 26px;
      border-radius: 50%;
      background: #fff;
      box-shadow: 0 1px 3px rgba(0, 0, 0, 0.25);
      transition: transform 0.15s;
    }
    [role='switch'][aria-checked='true'] {
      background: #07c160;
    }
    [role='switch'][aria-checked='true']::after {
      transform: translateX(20px);
    }
    .note {
      margin: 12px 0 20px;
      font-size: 12px;
      color: #7f7f7f;
    }
    .actions {
      display: flex;
      gap: 16px;
      justify-content: center;
    }
    .actions button {
      width: 128px;
      height: 40px;
      border-radius: 6px;
      border: 0;
      font: inherit;
      font-weight: 600;
      cursor: pointer;
      background: #f2f2f2;
      color: #07c160;
    }
    .actions .allow {
      background: #07c160;
      color: #fff;
    }
  `
  @property() appName = ''
  @property() icon = ''
  @property({ attribute: false }) items: SubscribeItem[] = []
  @property() lang: Lang = 'en'
  /** the messages switched off (all are on to begin with, as in WeChat) */
  @state() private off: ReadonlySet<string> = new Set()

  render() {
    const l = L[this.lang]
    return html`<section role="dialog" aria-label=${`${this.appName} ${l.asks}`}>
      <div class="app"><span class="logo">${this.icon ? html`<img alt="" src=${this.icon} />` : this.appName.slice(0, 1)}</span>${this.appName}</div>
      <h2>${l.asks}</h2>
      <ul aria-label=${l.asks}>
        ${this.items.map(
          (item) => html`<li>
            <span>${item.title}</span>
            <button role="switch" aria-label=${item.title} aria-checked=${this.off.has(item.tmplId) ? 'false' : 'true'} @click=${() => this.#toggle(item.tmplId)}></button>
          </li>`,
        )}
      </ul>
      <p class="note">${l.note}</p>
      <div class="actions">
        <button @click=${() => this.#done(false)}>${l.cancel}</button>
        <button class="allow" @click=${() => this.#done(true)}>${l.allow}</button>
      </div>
    </section>`
  }

  #toggle(id: string) {
    const off = new Set(this.off)
    if (!off.delete(id)) off.add(id)
    this.off = off
  }

  #done(allow: boolean) {
    const decisions = Object.fromEntries(this.items.map((i) => [i.tmplId, allow && !this.off.has(i.tmplId) ? 'accept' : 'reject'])) as Record<string, 'accept' | 'reject'>
    this.dispatchEvent(new CustomEvent('wx-subscribe-done', { detail: decisions, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-subscribe-sheet': WxSubscribeSheet
  }
  interface GlobalEventHandlersEventMap {
    'wx-subscribe-done': CustomEvent<Record<string, 'accept' | 'reject'>>
  }
}
