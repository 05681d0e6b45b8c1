import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { ServiceNotification } from '../api'
import { chinaTime, t, type Lang } from '../i18n'
import '../phone/wx-nav-bar'
import { noScrollbars } from '../phone/theme'

/** "Service Notifications": subscription messages from mini programs, each a card that opens the page. */
@customElement('wx-service-notifications')
export class WxServiceNotifications extends LitElement {
  static styles = css`
    ${noScrollbars}
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
      background: #ededed;
    }
    .list {
      flex: 1;
      overflow-y: auto;
      padding: 6px 12px 20px;
    }
    .time {
      text-align: center;
      font-size: 12px;
      color: #b2b2b2;
      margin: 14px 0 8px;
    }
    article {
      background: #fff;
      border-radius: 8px;
      overflow: hidden;
    }
    .app {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 12px 14px 0;
      font-size: 13px;
      color: #7f7f7f;
    }
    .logo {
      width: 20px;
      height: 20px;
      border-radius: 50%;
      background: var(--wx-brand, #07c160);
      color: #fff;
      font-size: 11px;
      display: grid;
      place-items: center;
    }
    h3 {
      margin: 10px 14px 10px;
      font-size: 17px;
      font-weight: 500;
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 6px 14px;
      margin: 0 14px 14px;
      font-size: 14px;
    }
    dt {
      color: #7f7f7f;
    }
    dd {
      margin: 0;
    }
    button {
      display: flex;
      justify-content: space-between;
      width: 100%;
      padding: 12px 14px;
      border: 0;
      border-top: 1px solid rgba(0, 0, 0, 0.06);
      background: none;
      font: inherit;
      font-size: 14px;
      cursor: pointer;
      color: #191919;
    }
  `
  @property({ attribute: false }) notifications: ServiceNotification[] = []
  @property() lang: Lang = 'en'

  render() {
    const zh = this.lang === 'zh'
    return html`<wx-nav-bar heading=${t(this.lang, 'serviceNotifications')} back></wx-nav-bar>
      <div class="list" role="log" aria-label=${t(this.lang, 'serviceNotifications')}>
        ${[...this.notifications].reverse().map(
          (n) => html`<div class="time">${chinaTime(n.sentAt, this.lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })}</div>
            <article aria-label=${zh ? n.title : n.titleEn || n.title}>
              <div class="app"><span class="logo">${n.appName.slice(0, 1)}</span>${n.appName}</div>
              <h3>${zh ? n.title : n.titleEn || n.title}</h3>
              <dl>${n.keywords.map((k) => html`<dt>${zh ? k.name : k.nameEn || k.name}</dt><dd>${k.value}</dd>`)}</dl>
              ${n.clickable
                ? html`<button @click=${() => this.dispatchEvent(new CustomEvent('wx-open-notification', { detail: n.id, bubbles: true, composed: true }))}>
                    <span>${zh ? '进入小程序查看' : 'Open Mini Program'}</span><span>›</span>
                  </button>`
                : null}
            </article>`,
        )}
      </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-service-notifications': WxServiceNotifications
  }
  interface GlobalEventHandlersEventMap {
    'wx-open-notification': CustomEvent<string>
  }
}
