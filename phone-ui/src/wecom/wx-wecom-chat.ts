import { LitElement, css, html } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { api } from '../api'
import { named, t, type Lang } from '../i18n'
import { icon } from '../icons'
import { theme } from '../phone/theme'
import { chatViewStyles, StickToBottom, withTimes } from '../chats/chat-view'
import '../chats/wx-chat-bubble'
import '../chats/wx-mini-card'
import { avatarSrc, markSeen, wecomApi, type WecomConversation, type WecomMessage } from './api'
import './wx-wecom-name'

/** What tapping a mini program card in a WeCom chat asks the phone to open. */
export interface WecomCardTap {
  appid: string
  path: string
  pageNotFound: boolean
  kind: WecomConversation['kind']
}

/** A letter tile for an account without a picture (the kf account). */
const tile = (letter: string, colour: string) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><rect width="96" height="96" rx="10" fill="${colour}"/><text x="48" y="62" font-size="44" font-family="sans-serif" fill="#fff" text-anchor="middle">${letter}</text></svg>`)}`

/**
 * A chat with a WeCom contact (a consultant) or with the brand's WeChat Customer Service, as
 * WeChat shows it: the corp tag after the name in the title, welcome and mass messages with their
 * mini program cards, the service account's answers, and the input bar.
 */
@customElement('wx-wecom-chat')
export class WxWecomChat extends LitElement {
  static styles = [
    theme,
    chatViewStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100%;
        background: var(--wx-bg);
      }
      header {
        display: flex;
        align-items: center;
        height: 44px;
        padding: 0 6px;
        background: #ededed;
        position: relative;
        flex: none;
      }
      header button {
        display: flex;
        align-items: center;
        padding: 8px;
      }
      h1 {
        position: absolute;
        left: 56px;
        right: 56px;
        margin: 0;
        text-align: center;
        font-size: 17px;
        font-weight: 600;
        overflow: hidden;
        white-space: nowrap;
        text-overflow: ellipsis;
      }
      .more {
        margin-left: auto;
      }
      .time,
      .tip {
        text-align: center;
        font-size: 12px;
        color: var(--wx-text-3);
        margin: 10px 24px 4px;
      }
      .tip span {
        display: inline-block;
        background: rgba(0, 0, 0, 0.06);
        color: #888;
        border-radius: 4px;
        padding: 4px 8px;
      }
      .photo {
        max-width: 160px;
        border-radius: 5px;
      }
    `,
  ]
  @property() person = ''
  @property({ attribute: false }) conversation!: WecomConversation
  @property() lang: Lang = 'en'
  /** bumped by the phone when the platform says something changed in the person's WeCom chats */
  @property({ type: Number }) version = 0
  @state() private messages: WecomMessage[] = []
  @state() private draft = ''
  @state() private apps = new Map<string, string>()
  @query('.messages') private list!: HTMLElement

  willUpdate(changed: Map<string, unknown>) {
    if (changed.has('conversation') || changed.has('version') || changed.has('person')) void this.#load()
  }

  readonly #bottom = new StickToBottom()

  updated(changed: Map<string, unknown>) {
    if (changed.has('messages')) this.#bottom.follow(this.list)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.#bottom.stop()
  }

  async #load() {
    if (!this.person || !this.conversation) return
    this.messages = await wecomApi.messages(this.person, this.conversation.conversation)
    const last = this.messages.at(-1)
    if (last) {
      markSeen(this.person, this.conversation.conversation, last.seq)
      this.dispatchEvent(new CustomEvent('wx-wecom-read', { detail: this.conversation.conversation, bubbles: true, composed: true }))
    }
    for (const m of this.messages) {
      const appid = m.kind === 'miniprogram' ? String(m.body.appid ?? '') : ''
      if (appid && !this.apps.has(appid)) {
        this.apps = new Map(this.apps).set(appid, '')
        void api.miniProgram(appid).then((a) => (this.apps = new Map(this.apps).set(appid, a.name)))
      }
    }
  }

  render() {
    const c = this.conversation
    const zh = this.lang === 'zh'
    const consultant = c.kind === 'consultant'
    return html`
      <header>
        <button aria-label="Back" @click=${() => this.dispatchEvent(new CustomEvent('wx-back', { bubbles: true, composed: true }))}>${icon('back', 22)}</button>
        <h1 aria-label=${`${c.name}${consultant ? c.corpTag : ''}`}>${consultant ? html`<wx-wecom-name name=${zh ? named(c, 'zh') : c.name} corpTag=${c.corpTag}></wx-wecom-name>` : zh ? named(c, 'zh') : c.name}</h1>
        <button class="more" aria-label="Chat info">${icon('more', 22)}</button>
      </header>
      <div class="messages" role="log" aria-label=${c.name}>
        ${consultant
          ? html`<p class="tip"><span>${zh ? `你已添加了${named(c, 'zh')}，${named(c, 'zh')}是${c.corpName}的企业微信用户` : `You added ${c.name}, a WeCom user at ${c.corpName}. You can start chatting now.`}</span></p>`
          : null}
        ${withTimes(this.messages, this.lang, (m) => this.#message(m))}
      </div>
      <form @submit=${this.#send}>
        <span>${icon('voice', 28)}</span>
        <input aria-label=${t(this.lang, 'messagePlaceholder')} .value=${this.draft} @input=${(e: InputEvent) => (this.draft = (e.target as HTMLInputElement).value)} />
        <span>${icon('emoji', 28)}</span>
        ${this.draft.trim() ? html`<button class="send" type="submit">${t(this.lang, 'send')}</button>` : html`<span>${icon('plus', 28)}</span>`}
      </form>
    `
  }

  #theirAvatar() {
    const c = this.conversation
    return c.kind === 'consultant' ? avatarSrc(c.avatar) : tile(c.corpName.slice(0, 1), '#2782d7')
  }

  #message(m: WecomMessage) {
    const zh = this.lang === 'zh'
    if (m.kind === 'event') return html`<p class="tip"><span>${zh ? `你已进入与${named(this.conversation, 'zh')}的会话` : `You started a chat with ${this.conversation.name}`}</span></p>`
    const from = m.from === 'customer' ? 'me' : 'them'
    const avatar = from === 'me' ? `/_sandbox/people/${encodeURIComponent(this.person)}/avatar.svg` : this.#theirAvatar()
    if (m.kind === 'text') return html`<wx-chat-bubble from=${from} avatar=${avatar} text=${m.body.content}></wx-chat-bubble>`
    if (m.kind === 'miniprogram') {
      const appid = String(m.body.appid ?? '')
      return html`<wx-chat-bubble from=${from} avatar=${avatar}>
        <wx-mini-card appName=${this.apps.get(appid) || (zh ? '小程序' : 'Mini Program')} heading=${m.body.title ?? ''} lang=${this.lang} @wx-card-tap=${() => this.#openCard(m)}></wx-mini-card>
      </wx-chat-bubble>`
    }
    if (m.kind === 'link')
      return html`<wx-chat-bubble from=${from} avatar=${avatar}>
        <button class="link"><strong>${m.body.title}</strong><span>${m.body.desc ?? m.body.url ?? ''}</span></button>
      </wx-chat-bubble>`
    if (m.kind === 'image' && m.body.pic_url) return html`<wx-chat-bubble from=${from} avatar=${avatar}><img class="photo" alt="" src=${m.body.pic_url} /></wx-chat-bubble>`
    return html`<wx-chat-bubble from=${from} avatar=${avatar} text=${`[${m.kind}]`}></wx-chat-bubble>`
  }

  async #send(e: Event) {
    e.preventDefault()
    const text = this.draft.trim()
    if (!text) return
    this.draft = ''
    await wecomApi.send(this.person, this.conversation.conversation, text)
    await this.#load()
  }

  #openCard(m: WecomMessage) {
    // a kf answer names its page `pagepath`; a welcome or mass card `path` (page without .html)
    const path = String(m.body.path ?? m.body.pagepath ?? '').replace(/\.html(?=\?|$)/, '')
    const detail: WecomCardTap = { appid: String(m.body.appid), path, pageNotFound: m.body.pageNotFound === true, kind: this.conversation.kind }
    this.dispatchEvent(new CustomEvent('wx-wecom-card', { detail, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-wecom-chat': WxWecomChat
  }
  interface GlobalEventHandlersEventMap {
    'wx-wecom-card': CustomEvent<WecomCardTap>
    'wx-wecom-read': CustomEvent<string>
  }
}
