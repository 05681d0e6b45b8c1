import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { Conversation, OaMessage, PersonView, ServiceNotification } from '../api'
import { shortTime, t, type Lang } from '../i18n'
import { icon } from '../icons'
import { theme } from '../phone/theme'
import { avatarSrc, wecomPreview, type WecomConversation } from '../wecom/api'
import '../wecom/wx-wecom-name'

/** The Chats tab: conversations newest first, with previews, times and unread badges. */
@customElement('wx-chat-list')
export class WxChatList extends LitElement {
  static styles = [
    theme,
    css`
      :host {
        display: block;
        background: var(--wx-cell);
        min-height: 100%;
      }
      .search {
        background: var(--wx-bg);
        padding: 0 8px 8px;
      }
      .search div {
        display: flex;
        align-items: center;
        justify-content: center;
        gap: 6px;
        height: 36px;
        border-radius: 6px;
        background: #fff;
        color: var(--wx-text-3);
        font-size: 15px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li button {
        display: flex;
        gap: 12px;
        width: 100%;
        padding: 12px 16px;
        text-align: left;
        position: relative;
      }
      li button:active {
        background: #ececec;
      }
      li + li button::before {
        content: '';
        position: absolute;
        top: 0;
        left: 72px;
        right: 0;
        border-top: 1px solid var(--wx-line);
      }
      .pic {
        position: relative;
      }
      .badge {
        position: absolute;
        top: -6px;
        right: -6px;
        min-width: 18px;
        height: 18px;
        padding: 0 5px;
        box-sizing: border-box;
        border-radius: 9px;
        background: var(--wx-red);
        color: #fff;
        font-size: 11px;
        line-height: 18px;
        text-align: center;
      }
      .service {
        display: grid;
        place-items: center;
        background: #fa9d3b;
        color: #fff;
      }
      .kf {
        background: #2782d7;
      }
      .feed {
        background: #1485ee;
      }
      .oa {
        background: var(--wx-brand, #07c160);
        border-radius: 50%;
        font-size: 20px;
        font-weight: 600;
      }
      .group-pic {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 1px;
        padding: 2px;
        box-sizing: border-box;
        background: #dcdcdc;
      }
      .group-pic img {
        width: 100%;
        height: 100%;
        border-radius: 2px;
      }
      .text {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
        justify-content: center;
        gap: 4px;
      }
      .row {
        display: flex;
        justify-content: space-between;
        gap: 8px;
      }
      .name {
        font-size: 16px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .time {
        font-size: 12px;
        color: var(--wx-text-3);
        flex: none;
      }
      .preview {
        font-size: 14px;
        color: var(--wx-text-2);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .empty {
        padding: 60px 0;
        text-align: center;
        color: var(--wx-text-3);
      }
    `,
  ]
  @property({ attribute: false }) conversations: Conversation[] = []
  @property({ attribute: false }) notifications: ServiceNotification[] = []
  @property({ attribute: false }) officialAccount: { name: string; message: OaMessage | null; unread: number } | null = null
  /** 订阅号消息: the newest article of the followed accounts */
  @property({ attribute: false }) subscriptions: { account: string; title: string; at: string } | null = null
  @property({ attribute: false }) people = new Map<string, PersonView>()
  /** WeCom chats: consultants the person added and customer-service chats */
  @property({ attribute: false }) wecom: WecomConversation[] = []
  @property() me = ''
  @property() lang: Lang = 'en'

  render() {
    const shown = this.conversations.filter((c) => c.lastMessage)
    return html`
      <div class="search"><div>${icon('search', 16)} ${t(this.lang, 'search')}</div></div>
      ${shown.length === 0 && this.notifications.length === 0 && this.wecom.length === 0 && !this.officialAccount && !this.subscriptions ? html`<p class="empty">${t(this.lang, 'noMessages')}</p>` : null}
      <ul>
        ${this.notifications.length ? this.#serviceRow() : null} ${this.officialAccount ? this.#oaRow(this.officialAccount) : null}
        ${this.subscriptions ? this.#feedRow(this.subscriptions) : null}
        ${[...shown.map((c) => ({ at: Date.parse(c.lastMessage!.sentAt), row: () => this.#row(c) })), ...this.wecom.map((c) => ({ at: c.lastMessage ? Date.parse(c.lastMessage.sentAt) : 0, row: () => this.#wecomRow(c) }))]
          .sort((a, b) => b.at - a.at)
          .map((r) => r.row())}
      </ul>
    `
  }

  #row(c: Conversation) {
    const title = this.lang === 'zh' ? c.titleZh : c.title
    const m = c.lastMessage!
    const sender = c.kind === 'group' && m.sender !== this.me ? `${this.#name(m.sender)}: ` : ''
    return html`<li>
      <button aria-label=${`${title}${c.unread ? `, ${c.unread} unread` : ''}`} @click=${() => this.#open(c)}>
        <span class="pic">
          ${c.kind === 'group' ? this.#groupPic(c) : html`<img class="avatar" alt="" src=${this.people.get(c.peer!)?.avatarUrl ?? ''} />`}
          ${c.unread ? html`<span class="badge">${c.unread > 99 ? '99+' : c.unread}</span>` : null}
        </span>
        <span class="text">
          <span class="row"><span class="name">${title}</span><span class="time">${shortTime(m.sentAt, this.lang)}</span></span>
          <span class="preview">${sender}${this.#preview(m)}</span>
        </span>
      </button>
    </li>`
  }

  /** A WeCom chat: the consultant's name with the corp tag, or the customer-service account. */
  #wecomRow(c: WecomConversation) {
    const m = c.lastMessage
    const consultant = c.kind === 'consultant'
    return html`<li>
      <button aria-label=${`${consultant ? `${c.name}${c.corpTag}` : c.name}${c.unread ? `, ${c.unread} unread` : ''}`} @click=${() => this.dispatchEvent(new CustomEvent('wx-open-wecom', { detail: c.conversation, bubbles: true, composed: true }))}>
        <span class="pic"
          >${consultant ? html`<img class="avatar" alt="" src=${avatarSrc(c.avatar)} />` : html`<span class="avatar service kf">${icon('chats', 24)}</span>`}
          ${c.unread ? html`<span class="badge">${c.unread > 99 ? '99+' : c.unread}</span>` : null}</span
        >
        <span class="text">
          <span class="row"><span class="name">${consultant ? html`<wx-wecom-name name=${c.name} corpTag=${c.corpTag}></wx-wecom-name>` : c.name}</span><span class="time">${m ? shortTime(m.sentAt, this.lang) : ''}</span></span>
          <span class="preview">${wecomPreview(m, this.lang === 'zh')}</span>
        </span>
      </button>
    </li>`
  }

  #serviceRow() {
    const [latest] = this.notifications
    const unread = this.notifications.filter((n) => !n.openedAt).length
    const title = t(this.lang, 'serviceNotifications')
    return html`<li>
      <button aria-label=${`${title}${unread ? `, ${unread} unread` : ''}`} @click=${() => this.dispatchEvent(new CustomEvent('wx-open-notifications', { bubbles: true, composed: true }))}>
        <span class="pic">
          <span class="avatar service">${icon('bell', 26)}</span>
          ${unread ? html`<span class="badge">${unread}</span>` : null}
        </span>
        <span class="text">
          <span class="row"><span class="name">${title}</span><span class="time">${shortTime(latest!.sentAt, this.lang)}</span></span>
          <span class="preview">${latest!.appName}: ${this.lang === 'zh' ? latest!.title : latest!.titleEn || latest!.title}</span>
        </span>
      </button>
    </li>`
  }

  /** What the account's last message reads as in the list. */
  #oaPreview(m: OaMessage) {
    if (m.kind === 'text') return String(m.body.content ?? m.body.text ?? '')
    if (m.kind === 'news') return `[${t(this.lang, 'link')}] ${m.body.articles?.[0]?.title ?? ''}`
    if (m.kind === 'miniprogrampage') return `[${t(this.lang, 'miniProgram')}] ${m.body.title ?? ''}`
    if (m.kind === 'template') return String(m.body.title ?? '')
    if (m.kind === 'image') return `[${t(this.lang, 'photo')}]`
    return `[${m.kind}]`
  }

  /** 订阅号消息: folded articles of the followed accounts, one row. */
  #feedRow(feed: { account: string; title: string; at: string }) {
    const title = this.lang === 'zh' ? '订阅号消息' : 'Subscriptions'
    return html`<li>
      <button aria-label=${title} @click=${() => this.dispatchEvent(new CustomEvent('wx-open-subscriptions', { bubbles: true, composed: true }))}>
        <span class="pic"><span class="avatar service feed">${icon('discover', 24)}</span></span>
        <span class="text">
          <span class="row"><span class="name">${title}</span><span class="time">${shortTime(feed.at, this.lang)}</span></span>
          <span class="preview">${feed.account}: ${feed.title}</span>
        </span>
      </button>
    </li>`
  }

  #oaRow(oa: { name: string; message: OaMessage | null; unread: number }) {
    const m = oa.message
    const text = m ? this.#oaPreview(m) : ''
    return html`<li>
      <button aria-label=${`${oa.name}${oa.unread ? `, ${oa.unread} unread` : ''}`} @click=${() => this.dispatchEvent(new CustomEvent('wx-open-official-account', { bubbles: true, composed: true }))}>
        <span class="pic">
          <span class="avatar service oa">${oa.name.slice(0, 1)}</span>
          ${oa.unread ? html`<span class="badge">${oa.unread}</span>` : null}
        </span>
        <span class="text">
          <span class="row"><span class="name">${oa.name}</span><span class="time">${m ? shortTime(m.sentAt, this.lang) : ''}</span></span>
          <span class="preview">${text}</span>
        </span>
      </button>
    </li>`
  }

  #groupPic(c: Conversation) {
    const faces = c.members.slice(0, 4).map((id) => this.people.get(id)).filter((p) => p !== undefined)
    return html`<span class="avatar group-pic">${faces.map((p) => html`<img alt="" src=${p.avatarUrl} />`)}</span>`
  }

  #name(id: string) {
    const p = this.people.get(id)
    return p ? (this.lang === 'zh' ? p.nameZh : p.name.split(' ')[0]) : id
  }

  #preview(m: Conversation['lastMessage'] & object) {
    switch (m.kind) {
      case 'text':
        return m.body.text
      case 'miniprogram':
        return `[${t(this.lang, 'miniProgram')}] ${m.body.title}`
      case 'link':
        return `[${t(this.lang, 'link')}] ${m.body.title}`
      case 'image':
        return `[${t(this.lang, 'photo')}]`
      case 'emoji':
        return this.lang === 'zh' ? '[动画表情]' : '[Sticker]'
      case 'video':
        return `[${t(this.lang, 'video')}] ${m.body.title ?? ''}`
      case 'channels_video':
        return `[${t(this.lang, 'channels')}] ${m.body.title}`
    }
  }

  #open(c: Conversation) {
    this.dispatchEvent(new CustomEvent('wx-open-conversation', { detail: c, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-chat-list': WxChatList
  }
  interface GlobalEventHandlersEventMap {
    'wx-open-conversation': CustomEvent<Conversation>
    'wx-open-notifications': CustomEvent<void>
    'wx-open-official-account': CustomEvent<void>
    'wx-open-wecom': CustomEvent<string>
  }
}
