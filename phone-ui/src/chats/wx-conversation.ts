import { LitElement, css, html } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { api, type AlbumPhoto, type Conversation, type Message, type OaArticle, type PersonView, type Sticker } from '../api'
import { t, type Lang } from '../i18n'
import { icon } from '../icons'
import '../phone/wx-nav-bar'
import { theme } from '../phone/theme'
import { chatViewStyles, StickToBottom, withTimes } from './chat-view'
import './wx-chat-bubble'
import './wx-mini-card'
import '../channels/wx-channels-card'
import '../miniprogram/wx-share-panel'
import '../oa/wx-article-reader'
import './wx-photo-picker'
import './wx-photo-viewer'
import './wx-sticker-panel'

/** A photo's size in the chat: its longer side 150 px at most, its shorter 60 px at least. */
function thumbSize(w = 150, h = 150) {
  const scale = Math.min(150 / Math.max(w, h), 1)
  return { width: Math.max(60, Math.round(w * scale)), height: Math.max(60, Math.round(h * scale)) }
}

/** One conversation: messages, cards, and the input bar that sends text. */
/** What the forward panel's preview names a message by, when it is not a mini program card. */
const FORWARD_LABELS: Record<string, (body: Record<string, any>) => string> = {
  channels_video: (body) => `Channels · ${body.nickname}`,
  image: (body) => (body.title ? `Photo · ${body.title}` : 'Photo'),
}

@customElement('wx-conversation')
export class WxConversation extends LitElement {
  static styles = [
    theme,
    chatViewStyles,
    css`
      :host {
        position: relative;
        display: flex;
        flex-direction: column;
        height: 100%;
        background: var(--wx-bg);
      }
      form {
        color: #191919;
      }
      form.open {
        padding-bottom: 8px;
      }
      .send[disabled] {
        background: #c4c4c4;
      }
      .photo {
        display: block;
        padding: 0;
        border-radius: 4px;
        overflow: hidden;
        background: #ddd;
      }
      .photo img {
        display: block;
        width: 100%;
        height: 100%;
        object-fit: cover;
      }
      .sticker {
        display: block;
        width: 110px;
        height: 110px;
      }
      .icon {
        display: flex;
        color: #191919;
      }
      .more {
        display: grid;
        grid-template-columns: repeat(4, 1fr);
        gap: 18px 8px;
        padding: 20px 16px 30px;
        background: #f7f7f7;
        border-top: 1px solid rgba(0, 0, 0, 0.06);
      }
      .more button {
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 6px;
        font-size: 12px;
        color: #7f7f7f;
      }
      .more span {
        width: 58px;
        height: 58px;
        border-radius: 14px;
        background: #fff;
        display: flex;
        align-items: center;
        justify-content: center;
        color: #191919;
      }
      .overlay {
        position: absolute;
        inset: 0;
        z-index: 20;
      }
      .forward {
        display: block;
        margin-top: 4px;
        font-size: 12px;
        color: var(--wx-text-3);
      }
    `,
  ]
  @property() me = ''
  @property({ attribute: false }) conversation!: Conversation
  @property({ attribute: false }) people = new Map<string, PersonView>()
  @property() lang: Lang = 'en'
  @property({ attribute: false }) messages: Message[] = []
  /** where a card can be forwarded to */
  @property({ attribute: false }) conversations: Conversation[] = []
  @state() private draft = ''
  @state() private forwarding: Message | null = null
  /** the panel under the input bar: stickers (the emoji button) or more (the plus button) */
  @state() private panel: 'stickers' | 'more' | null = null
  @state() private picking = false
  @state() private viewing: Message | null = null
  @state() private reading: OaArticle | null = null
  @query('.messages') private list!: HTMLElement

  readonly #bottom = new StickToBottom()

  updated(changed: Map<string, unknown>) {
    if (changed.has('messages')) this.#bottom.follow(this.list)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.#bottom.stop()
  }

  render() {
    const c = this.conversation
    const title = this.lang === 'zh' ? c.titleZh : c.title
    const heading = c.kind === 'group' ? `${title} (${c.members.length})` : title
    return html`
      <wx-nav-bar heading=${heading} back>
        <button slot="action" aria-label="Chat info">${icon('more', 22)}</button>
      </wx-nav-bar>
      <div class="messages" role="log" aria-label=${title}>${withTimes(this.messages, this.lang, (m) => this.#message(m))}</div>
      <form class=${this.panel ? 'open' : ''} @submit=${this.#send}>
        <span>${icon('voice', 28)}</span>
        <input
          aria-label=${t(this.lang, 'messagePlaceholder')}
          .value=${this.draft}
          @input=${(e: InputEvent) => (this.draft = (e.target as HTMLInputElement).value)}
        />
        <button class="icon" type="button" aria-label=${this.lang === 'zh' ? '表情' : 'Stickers'} aria-expanded=${this.panel === 'stickers'} @click=${() => this.#toggle('stickers')}>
          ${icon('emoji', 28)}
        </button>
        ${this.draft.trim()
          ? html`<button class="send" type="submit">${t(this.lang, 'send')}</button>`
          : html`<button class="icon" type="button" aria-label=${this.lang === 'zh' ? '更多功能' : 'Attachments'} aria-expanded=${this.panel === 'more'} @click=${() => this.#toggle('more')}>
              ${icon('plus', 28)}
            </button>`}
      </form>
      ${this.panel === 'stickers' ? html`<wx-sticker-panel .lang=${this.lang} @wx-sticker-pick=${(e: CustomEvent<Sticker>) => this.#sendSticker(e.detail)}></wx-sticker-panel>` : null}
      ${this.panel === 'more' ? this.#more() : null}
      ${this.picking ? html`<wx-photo-picker .lang=${this.lang} @wx-photos-pick=${(e: CustomEvent<AlbumPhoto[]>) => this.#sendPhotos(e.detail)}></wx-photo-picker>` : null}
      ${this.viewing ? html`<wx-photo-viewer src=${this.viewing.body.url} label=${this.viewing.body.title ?? 'Photo'} @wx-close=${() => (this.viewing = null)}></wx-photo-viewer>` : null}
      ${this.reading
        ? html`<wx-article-reader class="overlay" .person=${this.me} .lang=${this.lang} .article=${this.reading} @wx-back=${this.#closeReader}></wx-article-reader>`
        : null}
      ${this.forwarding
        ? html`<wx-share-panel
            .card=${{ title: this.forwarding.body.title ?? '', path: this.forwarding.body.path ?? this.forwarding.body.url ?? '', imageUrl: this.forwarding.body.imageUrl ?? this.forwarding.body.coverUrl ?? (this.forwarding.kind === 'image' ? this.forwarding.body.url : ''), appName: this.forwarding.body.appName ?? FORWARD_LABELS[this.forwarding.kind]?.(this.forwarding.body) ?? 'Link' }}
            .conversations=${this.conversations}
            .people=${this.people}
            .lang=${this.lang}
            @wx-share-done=${(e: CustomEvent<Conversation | null>) => this.#forwardTo(e.detail)}
          ></wx-share-panel>`
        : null}
    `
  }

  #message(m: Message) {
    const mine = m.sender === this.me
    const who = this.people.get(m.sender)
    const sender = this.conversation.kind === 'group' && !mine ? (this.lang === 'zh' ? who?.nameZh : who?.name) ?? m.sender : ''
    const common = { from: mine ? 'me' : 'them', avatar: who?.avatarUrl ?? '' }
    if (m.kind === 'text') return html`<wx-chat-bubble from=${common.from} avatar=${common.avatar} sender=${sender} text=${m.body.text}></wx-chat-bubble>`
    if (m.kind === 'image') {
      const size = thumbSize(m.body.width, m.body.height)
      return html`<wx-chat-bubble from=${common.from} avatar=${common.avatar} sender=${sender}>
        <button class="photo" style="width:${size.width}px;height:${size.height}px" aria-label=${`Photo${m.body.title ? `: ${m.body.title}` : ''}`} @click=${() => (this.viewing = m)}>
          <img alt="" src=${m.body.url} />
        </button>
        ${this.#forwardButton(m)}
      </wx-chat-bubble>`
    }
    if (m.kind === 'emoji')
      return html`<wx-chat-bubble from=${common.from} avatar=${common.avatar} sender=${sender}>
        <img class="sticker" src=${m.body.url} alt=${`Sticker: ${this.lang === 'zh' ? m.body.nameZh : m.body.name}`} />
      </wx-chat-bubble>`
    if (m.kind === 'channels_video')
      return html`<wx-chat-bubble from=${common.from} avatar=${common.avatar} sender=${sender}>
        <wx-channels-card
          heading=${m.body.title}
          nickname=${m.body.nickname}
          coverUrl=${m.body.coverUrl}
          headUrl=${m.body.headUrl}
          lang=${this.lang}
          @wx-card-tap=${() => this.#openCard(m)}
        ></wx-channels-card>
        ${this.#forwardButton(m)}
      </wx-chat-bubble>`
    if (m.kind === 'miniprogram')
      return html`<wx-chat-bubble from=${common.from} avatar=${common.avatar} sender=${sender}>
        <wx-mini-card
          appName=${m.body.appName ?? 'Mini Program'}
          heading=${m.body.title}
          imageUrl=${m.body.imageUrl ?? ''}
          lang=${this.lang}
          @wx-card-tap=${() => this.#openCard(m)}
        ></wx-mini-card>
        ${this.#forwardButton(m)}
      </wx-chat-bubble>`
    return html`<wx-chat-bubble from=${common.from} avatar=${common.avatar} sender=${sender}>
      <button class="link" aria-label=${`Link: ${m.body.title}`} @click=${() => this.#openLink(m)}><strong>${m.body.title}</strong><span>${m.body.description ?? m.body.url ?? ''}</span></button>
      ${this.#forwardButton(m)}
    </wx-chat-bubble>`
  }

  async #send(e: Event) {
    e.preventDefault()
    const text = this.draft.trim()
    if (!text) return
    this.draft = ''
    const to = this.conversation.kind === 'group' ? this.conversation.groupId! : this.conversation.peer!
    const sent = await api.sendText(this.me, to, text)
    if (!this.messages.some((m) => m.seq === sent.seq)) this.messages = [...this.messages, sent]
  }

  #toggle(panel: 'stickers' | 'more') {
    this.panel = this.panel === panel ? null : panel
  }

  #more() {
    const zh = this.lang === 'zh'
    const album = html`<svg width="28" height="28" viewBox="0 0 24 24" aria-hidden="true"><rect x="3" y="5" width="18" height="14" rx="2" fill="none" stroke="currentColor" stroke-width="1.6"/><circle cx="9" cy="10" r="1.6" fill="currentColor"/><path d="M4 17l5-5 4 4 3-3 4 4" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/></svg>`
    return html`<div class="more">
      <button aria-label=${zh ? '相册' : 'Album'} @click=${() => ((this.picking = true), (this.panel = null))}><span>${album}</span>${zh ? '相册' : 'Album'}</button>
    </div>`
  }

  get #to() {
    return this.conversation.kind === 'group' ? this.conversation.groupId! : this.conversation.peer!
  }

  #append(sent: Message) {
    if (!this.messages.some((m) => m.seq === sent.seq)) this.messages = [...this.messages, sent]
  }

  async #sendSticker(s: Sticker) {
    this.#append(await api.sendSticker(this.me, this.#to, s.id))
  }

  async #sendPhotos(photos: AlbumPhoto[]) {
    this.picking = false
    for (const p of photos) this.#append(await api.sendImage(this.me, this.#to, p.url))
  }

  /** An article link opens in the reader (a read through the friend's link, for the share chain). */
  async #openLink(m: Message) {
    const articles = await api.oaArticles(this.me).catch(() => [])
    this.reading = articles.find((a) => a.url === m.body.url) ?? null
  }

  #closeReader = (e: Event) => {
    e.stopPropagation()
    this.reading = null
  }

  #forwardButton(m: Message) {
    const what = m.kind === 'image' ? `this photo${m.body.title ? ` (${m.body.title})` : ''}` : m.body.title
    return html`<button class="forward" aria-label=${`Forward ${what}`} @click=${() => (this.forwarding = m)}>${this.lang === 'zh' ? '转发' : 'Forward'}</button>`
  }

  async #forwardTo(to: Conversation | null) {
    const m = this.forwarding
    this.forwarding = null
    if (!m || !to) return
    const sent = await api.forward(this.me, to.kind === 'group' ? to.groupId! : to.peer!, m.seq)
    if (sent.conversation === this.conversation.id && !this.messages.some((x) => x.seq === sent.seq)) this.messages = [...this.messages, sent]
  }

  #openCard(m: Message) {
    const detail = { message: m, conversation: this.conversation }
    this.dispatchEvent(new CustomEvent('wx-open-card', { detail, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-conversation': WxConversation
  }
  interface GlobalEventHandlersEventMap {
    'wx-open-card': CustomEvent<{ message: Message; conversation: Conversation }>
  }
}
