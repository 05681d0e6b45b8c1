import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { admin, personName, type Chat, type ChatMessage, type ClientMessage, type ConsultantChat } from './api'
import { dateTime, statusWord, t, type Lang } from './i18n'
import { base } from './ui'

/** One chat of either kind, as the list and the thread show it. */
interface Item {
  key: string
  kind: 'service' | 'consultant'
  who: string
  via: string
  order: Chat['order']
  preview: string
  at: string
  /** where its messages are read and its answers go */
  path: string
}
interface Bubble {
  from: 'customer' | 'auto' | 'consultant' | 'system'
  text: string
  sentAt: string
}

/**
 * The consultant's side of every chat: customer service (微信客服; kf/sync_msg in, kf/send_msg out)
 * and each consultant's 1:1 chats with the brand's WeCom customers (the WeCom client's side).
 */
@customElement('bc-chats')
export class BcChats extends LitElement {
  static styles = [
    base,
    css`
      .layout { display: grid; grid-template-columns: 320px 1fr; gap: 16px; min-height: 440px; }
      .list { padding: 6px; overflow-y: auto; max-height: 70vh; }
      .list button { display: block; width: 100%; text-align: left; background: none; color: inherit; padding: 10px 12px; border-radius: 8px; }
      .list button[aria-current='true'] { background: color-mix(in srgb, var(--primary, #333) 10%, #fff); }
      .name { font-weight: 600; }
      .via { font-size: 11px; color: var(--primary, #333); }
      .preview { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
      .thread { display: flex; flex-direction: column; }
      .messages { flex: 1; display: flex; flex-direction: column; gap: 8px; padding: 8px 0 12px; overflow-y: auto; max-height: 56vh; }
      .bubble { max-width: 70%; padding: 8px 12px; border-radius: 12px; background: #f1f1f1; white-space: pre-wrap; word-break: break-word; align-self: flex-start; }
      .bubble.auto, .bubble.consultant { align-self: flex-end; background: color-mix(in srgb, var(--primary, #333) 14%, #fff); }
      .bubble.consultant { background: var(--primary, #333); color: #fff; }
      .bubble.system { align-self: center; background: none; font-size: 12px; color: #888; }
      .who { font-size: 11px; opacity: 0.7; margin-bottom: 2px; }
      form { display: flex; gap: 8px; border-top: 1px solid #f1f1f1; padding-top: 12px; }
      form textarea { flex: 1; resize: vertical; min-height: 40px; }
    `,
  ]
  @property() lang: Lang = 'en'
  @state() items: Item[] | null = null
  @state() open: Item | null = null
  @state() bubbles: Bubble[] = []
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
    const [service, consultant] = await Promise.all([
      admin<{ chats: Chat[] }>('GET', '/admin/wecom/chats').then((r) => r.chats),
      admin<{ chats: ConsultantChat[] }>('GET', '/admin/wecom/consultant-chats').then((r) => r.chats, () => [] as ConsultantChat[]),
    ])
    const items = [...service.map((c) => this.#serviceItem(c)), ...consultant.map((c) => this.#consultantItem(c))]
    this.items = items.sort((a, b) => b.at.localeCompare(a.at))
    if (this.open) await this.#show(this.items.find((i) => i.key === this.open!.key) ?? this.open)
  }

  #serviceItem(c: Chat): Item {
    const who = c.person ? personName(c.person) : `${t(this.lang, 'customer')} ${c.externalUserid.slice(0, 8)}…`
    return { key: `kf:${c.externalUserid}`, kind: 'service', who, via: t(this.lang, 'customerService'), order: c.order, preview: c.lastMessage?.content ?? '', at: c.lastMessage?.sentAt ?? '', path: `/admin/wecom/chats/${encodeURIComponent(c.externalUserid)}` }
  }

  #consultantItem(c: ConsultantChat): Item {
    const who = this.lang === 'zh' && c.nameZh ? c.nameZh : c.name
    const path = `/admin/wecom/consultant-chats/${encodeURIComponent(c.consultant.userid)}/${encodeURIComponent(c.externalUserid)}`
    return { key: `wecom:${c.consultant.userid}:${c.externalUserid}`, kind: 'consultant', who, via: `${t(this.lang, 'consultant')} ${c.consultant.name}`, order: c.order, preview: c.lastMessage ? this.#clientText(c.lastMessage) : '', at: c.lastMessage?.sentAt ?? '', path }
  }

  render() {
    const l = this.lang
    if (!this.items) return html`<p class="muted">…</p>`
    if (!this.items.length) return html`<div class="card"><p class="muted">${t(l, 'noChats')}</p></div>`
    return html`<div class="layout">
      <nav class="card list" aria-label=${t(l, 'chats')}>
        ${this.items.map(
          (i) => html`<button aria-current=${String(this.open?.key === i.key)} @click=${() => this.#show(i)}>
            <div class="name">${this.#title(i)}</div>
            <div class="via">${i.via}</div>
            <div class="muted small preview">${i.preview}</div>
          </button>`,
        )}
      </nav>
      <section class="card thread" aria-label=${this.open ? this.#title(this.open) : t(l, 'chats')}>
        ${this.open ? this.#thread(this.open) : html`<p class="muted">${t(l, 'pickChat')}</p>`}
      </section>
    </div>`
  }

  #title(i: Item) {
    return i.order ? `${i.who} · ${i.order.pickupNo}` : i.who
  }

  #thread(i: Item) {
    const l = this.lang
    return html`<h2>${this.#title(i)} ${i.order ? html`<span class="badge ${i.order.status}">${statusWord(l, i.order.status)}</span>` : ''}</h2>
      <div class="muted small">${i.via}</div>
      <div class="messages">${this.bubbles.map((b) => html`<div class="bubble ${b.from}">${b.from === 'system' ? '' : html`<div class="who">${t(l, b.from)} · ${dateTime(l, b.sentAt)}</div>`}${b.text}</div>`)}</div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <form @submit=${this.#send}>
        <textarea aria-label=${t(l, 'answerAs')} placeholder=${t(l, 'answerAs')} .value=${this.draft} @input=${(e: Event) => (this.draft = (e.target as HTMLTextAreaElement).value)} maxlength="2000"></textarea>
        <button type="submit" ?disabled=${!this.draft.trim()}>${t(l, 'send')}</button>
      </form>`
  }

  async #show(i: Item) {
    const switched = this.open?.key !== i.key
    this.open = i
    if (switched) this.error = ''
    if (i.kind === 'service') {
      const chat = await admin<{ messages: ChatMessage[] }>('GET', i.path)
      this.bubbles = chat.messages.map((m) => ({ from: m.from, text: m.content, sentAt: m.sentAt }))
    } else {
      const chat = await admin<{ messages: ClientMessage[] }>('GET', i.path)
      this.bubbles = chat.messages.map((m) => ({ from: m.from === 'staff' ? 'consultant' : m.from, text: this.#clientText(m), sentAt: m.sentAt }))
    }
  }

  /** A WeCom client message as text: texts as written, cards and events by their title. */
  #clientText(m: ClientMessage) {
    const zh = this.lang === 'zh'
    if (m.kind === 'text') return String(m.body.content ?? '')
    if (m.kind === 'miniprogram') return `[${zh ? '小程序' : 'Mini Program'}] ${String(m.body.title ?? '')}`
    if (m.kind === 'link') return `[${zh ? '链接' : 'Link'}] ${String(m.body.title ?? '')}`
    if (m.kind === 'image') return zh ? '[图片]' : '[Image]'
    return `[${m.kind}]`
  }

  async #send(e: Event) {
    e.preventDefault()
    const text = this.draft.trim()
    if (!text || !this.open) return
    try {
      await admin('POST', `${this.open.path}/messages`, { text })
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
