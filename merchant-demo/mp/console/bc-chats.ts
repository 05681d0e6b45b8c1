import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { admin, personName, type Chat, type ChatMessage } from './api'
import { dateTime, statusWord, t, type Lang } from './i18n'
import { base } from './ui'

/**
 * The consultant's side of the customer-service (微信客服) chats: what kf/sync_msg brought, what
 * the store sent, and a box to answer as the consultant (kf/send_msg).
 */
@customElement('bc-chats')
export class BcChats extends LitElement {
  static styles = [
    base,
    css`
      .layout { display: grid; grid-template-columns: 300px 1fr; gap: 16px; min-height: 420px; }
      .list { padding: 6px; }
      .list button { display: block; width: 100%; text-align: left; background: none; color: inherit; padding: 10px 12px; border-radius: 8px; }
      .list button[aria-current='true'] { background: color-mix(in srgb, var(--primary, #333) 10%, #fff); }
      .name { font-weight: 600; }
      .preview { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
      .thread { display: flex; flex-direction: column; }
      .messages { flex: 1; display: flex; flex-direction: column; gap: 8px; padding: 8px 0 12px; overflow-y: auto; max-height: 52vh; }
      .bubble { max-width: 70%; padding: 8px 12px; border-radius: 12px; background: #f1f1f1; white-space: pre-wrap; word-break: break-word; }
      .bubble.customer { align-self: flex-start; }
      .bubble.auto, .bubble.consultant { align-self: flex-end; background: color-mix(in srgb, var(--primary, #333) 14%, #fff); }
      .bubble.consultant { background: var(--primary, #333); color: #fff; }
      .who { font-size: 11px; opacity: 0.7; margin-bottom: 2px; }
      form { display: flex; gap: 8px; border-top: 1px solid #f1f1f1; padding-top: 12px; }
      form textarea { flex: 1; resize: vertical; min-height: 40px; }
    `,
  ]
  @property() lang: Lang = 'en'
  @state() chats: Chat[] | null = null
  @state() open: Chat | null = null
  @state() draft = ''
  @state() error = ''

  #poll = 0

  connectedCallback() {
    super.connectedCallback()
    void this.load()
    // customers write while the trainer watches: look again every few seconds
    this.#poll = window.setInterval(() => void this.load().catch(() => undefined), 3000)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    clearInterval(this.#poll)
  }

  async load() {
    this.chats = (await admin<{ chats: Chat[] }>('GET', '/admin/wecom/chats')).chats
    if (this.open) await this.#open(this.open.externalUserid)
  }

  render() {
    const l = this.lang
    if (!this.chats) return html`<p class="muted">…</p>`
    if (!this.chats.length) return html`<div class="card"><p class="muted">${t(l, 'noChats')}</p></div>`
    return html`<div class="layout">
      <nav class="card list" aria-label=${t(l, 'chats')}>
        ${this.chats.map(
          (c) => html`<button aria-current=${String(this.open?.externalUserid === c.externalUserid)} @click=${() => this.#open(c.externalUserid)}>
            <div class="name">${this.#title(c)}</div>
            <div class="muted small preview">${c.lastMessage?.content ?? ''}</div>
          </button>`,
        )}
      </nav>
      <section class="card thread" aria-label=${this.open ? this.#title(this.open) : t(l, 'chats')}>
        ${this.open ? this.#thread(this.open) : html`<p class="muted">${t(l, 'pickChat')}</p>`}
      </section>
    </div>`
  }

  #title(c: Chat) {
    const who = c.person ? personName(c.person) : `${t(this.lang, 'customer')} ${c.externalUserid.slice(0, 8)}…`
    return c.order ? `${who} · ${c.order.pickupNo}` : who
  }

  #thread(c: Chat) {
    const l = this.lang
    const messages = Array.isArray(c.messages) ? c.messages : []
    return html`<h2>${this.#title(c)} ${c.order ? html`<span class="badge ${c.order.status}">${statusWord(l, c.order.status)}</span>` : ''}</h2>
      <div class="messages">${messages.map((m) => this.#bubble(m))}</div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <form @submit=${this.#send}>
        <textarea aria-label=${t(l, 'answerAs')} placeholder=${t(l, 'answerAs')} .value=${this.draft} @input=${(e: Event) => (this.draft = (e.target as HTMLTextAreaElement).value)} maxlength="2048"></textarea>
        <button type="submit" ?disabled=${!this.draft.trim()}>${t(l, 'send')}</button>
      </form>`
  }

  #bubble(m: ChatMessage) {
    return html`<div class="bubble ${m.from}"><div class="who">${t(this.lang, m.from)} · ${dateTime(this.lang, m.sentAt)}</div>${m.content}</div>`
  }

  async #open(externalUserid: string) {
    this.error = ''
    this.open = await admin<Chat>('GET', `/admin/wecom/chats/${encodeURIComponent(externalUserid)}`)
  }

  async #send(e: Event) {
    e.preventDefault()
    const text = this.draft.trim()
    if (!text || !this.open) return
    try {
      await admin('POST', `/admin/wecom/chats/${encodeURIComponent(this.open.externalUserid)}/messages`, { text })
      this.draft = ''
      await this.load()
    } catch (err) {
      this.error = (err as Error).message
    }
  }
}
declare global {
  interface HTMLElementTagNameMap {
    'bc-chats': BcChats
  }
}
