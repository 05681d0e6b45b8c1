import { LitElement, css, html } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { api, type OaArticle, type OaButton, type OaMessage, type OaProfile } from '../api'
import '../chats/wx-chat-bubble'
import '../chats/wx-mini-card'
import { chinaTime, named, type Lang } from '../i18n'
import '../phone/wx-nav-bar'
import { accountAvatar } from './wx-article-reader'
import './wx-article-cover'
import { StickToBottom } from '../chats/chat-view'
import { noScrollbars } from '../phone/theme'

const L = {
  en: { follow: 'Follow', unfollow: 'Unfollow', following: 'Following', notFollowing: 'Follow the account to get its messages and menu.', send: 'Send', message: 'Message', keyboard: 'Keyboard', menu: 'Menu', viewInMiniProgram: 'View in Mini Program' },
  zh: { follow: '关注公众号', unfollow: '不再关注', following: '已关注', notFollowing: '关注后可接收消息并使用菜单', send: '发送', message: '发消息', keyboard: '键盘', menu: '菜单', viewInMiniProgram: '进入小程序查看' },
}

/**
 * A person's conversation with an Official Account: its replies, articles, template and
 * customer-service messages, the follow button, and the custom menu bar at the bottom.
 */
@customElement('wx-oa-chat')
export class WxOaChat extends LitElement {
  static styles = css`
    ${noScrollbars}
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
      background: #ededed;
    }
    button {
      font: inherit;
      color: inherit;
      background: none;
      border: 0;
      cursor: pointer;
    }
    .log {
      flex: 1;
      overflow-y: auto;
      padding: 6px 0 12px;
    }
    .time {
      text-align: center;
      font-size: 12px;
      color: #b2b2b2;
      margin: 10px 0 4px;
    }
    .articles {
      display: block;
      width: 100%;
      padding: 10px 16px;
      background: #fff;
      text-align: left;
      font-size: 14px;
      color: #576b95;
    }
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
      background: #fff;
      overflow-y: auto;
    }
    .list button {
      display: flex;
      align-items: center;
      gap: 12px;
      width: 100%;
      padding: 14px 16px;
      text-align: left;
      border-bottom: 1px solid rgba(0, 0, 0, 0.06);
    }
    .list button div {
      flex: 1;
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .list span {
      font-size: 13px;
      color: #7f7f7f;
    }
    .follow {
      margin: 14px;
      padding: 16px;
      background: #fff;
      border-radius: 8px;
      text-align: center;
      color: #7f7f7f;
      font-size: 14px;
    }
    .follow button {
      display: block;
      margin: 12px auto 0;
      padding: 8px 24px;
      border-radius: 6px;
      background: #07c160;
      color: #fff;
      font-weight: 600;
    }
    .article {
      display: block;
      width: 240px;
      background: #fff;
      border-radius: 6px;
      overflow: hidden;
      text-align: left;
    }
    .article wx-article-cover {
      --wx-cover-radius: 0;
      --wx-cover-title-size: 15px;
    }
    .article p {
      margin: 8px 12px 10px;
      font-size: 13px;
      color: #7f7f7f;
    }
    .template {
      width: 250px;
      background: #fff;
      border-radius: 6px;
      padding: 12px 14px;
      font-size: 14px;
    }
    .template h4 {
      margin: 0 0 8px;
      font-size: 16px;
      font-weight: 500;
    }
    .template .jump {
      display: flex;
      justify-content: space-between;
      width: 100%;
      margin-top: 10px;
      padding-top: 9px;
      border-top: 1px solid rgba(0, 0, 0, 0.06);
      font-size: 14px;
      color: #191919;
      text-align: left;
    }
    .template .jump span {
      color: #b2b2b2;
    }
    .bar {
      display: flex;
      align-items: stretch;
      background: #f7f7f7;
      border-top: 1px solid rgba(0, 0, 0, 0.08);
      min-height: 50px;
      padding-bottom: 14px;
      position: relative;
    }
    .bar > button {
      flex: 1;
      font-size: 15px;
      border-left: 1px solid rgba(0, 0, 0, 0.08);
    }
    .bar .toggle {
      flex: none;
      width: 48px;
      border-left: 0;
    }
    .sub {
      position: absolute;
      bottom: 62px;
      background: #fff;
      border-radius: 6px;
      box-shadow: 0 4px 16px rgba(0, 0, 0, 0.15);
      display: flex;
      flex-direction: column;
      min-width: 120px;
      z-index: 2;
    }
    .sub button {
      padding: 12px 16px;
      font-size: 15px;
    }
    .sub button + button {
      border-top: 1px solid rgba(0, 0, 0, 0.06);
    }
    form {
      flex: 1;
      display: flex;
      gap: 8px;
      padding: 8px 10px 0;
    }
    .toggle + form {
      padding-left: 0;
    }
    .intro {
      margin: 24px 14px 8px;
      padding: 22px 16px;
      background: #fff;
      border-radius: 8px;
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 8px;
      color: #7f7f7f;
      font-size: 13px;
    }
    .intro img {
      width: 56px;
      height: 56px;
    }
    .intro strong {
      color: #191919;
      font-size: 17px;
      font-weight: 600;
    }
    input {
      flex: 1;
      height: 36px;
      border: 0;
      border-radius: 5px;
      padding: 0 10px;
      font: inherit;
      background: #fff;
    }
    .send {
      background: #07c160;
      color: #fff;
      border-radius: 5px;
      padding: 0 12px;
    }
  `
  @property() person = ''
  @property() lang: Lang = 'en'
  /** bump to reload (the phone does on the account's events) */
  @property({ type: Number }) version = 0
  @state() private profile?: OaProfile
  @state() private messages: OaMessage[] = []
  @state() private typing = false
  @state() private draft = ''
  @state() private open: number | null = null
  @state() private articles: OaArticle[] = []
  @state() private reading: OaArticle | null = null
  @state() private listing = false
  @query('.log') private log?: HTMLElement

  willUpdate(changed: Map<string, unknown>) {
    if (changed.has('person') || changed.has('version')) void this.#load()
  }

  readonly #bottom = new StickToBottom()

  updated(changed: Map<string, unknown>) {
    // the log is drawn again after an article or the list closes: back to the newest message
    if (changed.has('messages') || changed.has('reading') || changed.has('listing')) this.#bottom.follow(this.log)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.#bottom.stop()
  }

  async #load() {
    ;[this.profile, this.messages, this.articles] = await Promise.all([
      api.officialAccount(this.person),
      api.oaMessages(this.person),
      api.oaArticles(this.person).catch(() => []),
    ])
  }

  render() {
    const l = L[this.lang]
    const p = this.profile
    if (!p) return html`<wx-nav-bar back></wx-nav-bar>`
    if (this.reading)
      return html`<wx-article-reader .person=${this.person} .lang=${this.lang} .article=${this.reading} @wx-back=${this.#closeReader}></wx-article-reader>`
    if (this.listing) return this.#articleList()
    return html`<wx-nav-bar heading=${named(p, this.lang)} back>
        ${p.following ? html`<button slot="action" @click=${this.#unfollow}>${l.unfollow}</button>` : null}
      </wx-nav-bar>
      ${this.articles.length
        ? html`<button class="articles" @click=${() => (this.listing = true)}>${this.lang === 'zh' ? '历史文章' : 'Articles'} (${this.articles.length}) ›</button>`
        : null}
      <div class="log" role="log" aria-label=${p.name}>
        ${this.messages.length === 0 ? this.#intro(p) : null} ${this.messages.map((m) => this.#message(m))}
        ${p.following ? null : html`<div class="follow">${l.notFollowing}<button @click=${this.#follow}>${l.follow}</button></div>`}
      </div>
      ${p.following ? this.#bar(p.menu) : null}`
  }

  #bar(menu: OaButton[]) {
    const l = L[this.lang]
    if (this.typing || menu.length === 0)
      return html`<div class="bar">
        ${menu.length ? html`<button class="toggle" aria-label=${l.menu} @click=${() => (this.typing = false)}>☰</button>` : null}
        <form @submit=${this.#send}>
          <input aria-label=${l.message} .value=${this.draft} @input=${(e: InputEvent) => (this.draft = (e.target as HTMLInputElement).value)} />
          <button class="send" type="submit">${l.send}</button>
        </form>
      </div>`
    return html`<div class="bar" role="menubar" aria-label=${l.menu}>
      <button class="toggle" aria-label=${l.keyboard} @click=${() => (this.typing = true)}>⌨</button>
      ${menu.map(
        (b, i) => html`<button role="menuitem" @click=${() => (b.sub_button?.length ? (this.open = this.open === i ? null : i) : this.#tap(i))}>${b.name}</button>`,
      )}
      ${this.open !== null
        ? html`<div class="sub" style="left:${48 + this.open * ((366 - 48) / menu.length)}px">
            ${menu[this.open]!.sub_button!.map((s, j) => html`<button role="menuitem" @click=${() => this.#tap(this.open!, j)}>${s.name}</button>`)}
          </div>`
        : null}
    </div>`
  }

  #message(m: OaMessage) {
    const stamp = html`<div class="time">${chinaTime(m.sentAt, this.lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })}</div>`
    const from = m.from === 'person' ? 'me' : 'them'
    const avatar = m.from === 'person' ? `/_sandbox/people/${this.person}/avatar.svg` : accountAvatar(this.profile!.name)
    const b = m.body
    if (m.kind === 'text') return html`${stamp}<wx-chat-bubble from=${from} avatar=${avatar} text=${b.content ?? b.text ?? ''}></wx-chat-bubble>`
    let content
    if (m.kind === 'news')
      content = html`${(b.articles ?? []).map(
        (a: { title: string; description?: string; picurl?: string }) =>
          html`<div class="article"><wx-article-cover heading=${a.title} src=${a.picurl ?? ''}></wx-article-cover><p>${a.description ?? ''}</p></div>`,
      )}`
    else if (m.kind === 'miniprogrampage')
      content = html`<wx-mini-card appName=${named(this.profile!, this.lang)} heading=${b.title ?? ''} lang=${this.lang} @wx-card-tap=${() => this.#openMessage(m)}></wx-mini-card>`
    else
      content = html`<div class="template"><h4>${b.title ?? b.template_id ?? m.kind}</h4>${Object.entries(b.data ?? {}).map(
        ([k, v]) => html`<div>${k}: ${(v as { value?: string }).value ?? String(v)}</div>`,
      )}${b.miniprogram
        ? html`<button class="jump" aria-label=${`${b.title ?? ''}: ${L[this.lang].viewInMiniProgram}`} @click=${() => this.#openMessage(m)}>${L[this.lang].viewInMiniProgram}<span>›</span></button>`
        : null}</div>`
    return html`${stamp}<wx-chat-bubble from=${from} avatar=${avatar}>${content}</wx-chat-bubble>`
  }

  #intro(p: OaProfile) {
    const since = p.subscribeTime ? chinaTime(p.subscribeTime, this.lang, { dateStyle: 'medium' }) : ''
    return html`<div class="intro">
      <img alt="" src=${accountAvatar(p.name)} />
      <strong>${p.name}</strong>
      <span>${this.lang === 'zh' ? '公众号' : 'Official Account'}${p.following && since ? ` · ${this.lang === 'zh' ? `关注于 ${since}` : `following since ${since}`}` : ''}</span>
    </div>`
  }

  #closeReader = (e: Event) => {
    e.stopPropagation()
    this.reading = null
    // the reader's Follow button may have changed the account and its conversation
    void this.#load()
  }

  async #openMessage(m: OaMessage) {
    const launched = await api.oaOpenMessage(this.person, m.seq)
    this.dispatchEvent(new CustomEvent('wx-launched', { detail: launched, bubbles: true, composed: true }))
  }

  #articleList() {
    return html`<wx-nav-bar heading=${this.lang === 'zh' ? '历史文章' : 'Articles'} back @wx-back=${(e: Event) => (e.stopPropagation(), (this.listing = false))}></wx-nav-bar>
      <ul class="list" aria-label="Articles">
        ${this.articles.map(
          (a) =>
            html`<li>
              <button @click=${() => (this.reading = a)}>
                <div><strong>${a.title}</strong><span>${a.digest ?? ''}</span></div>
                <wx-article-cover layout="thumb" heading=${a.title} src=${a.thumbUrl ?? ''}></wx-article-cover>
              </button>
            </li>`,
        )}
      </ul>`
  }

  async #follow() {
    await api.oaFollow(this.person)
    await this.#load()
  }

  async #unfollow() {
    await api.oaUnfollow(this.person)
    await this.#load()
  }

  async #send(e: Event) {
    e.preventDefault()
    const text = this.draft.trim()
    if (!text) return
    this.draft = ''
    await api.oaSend(this.person, text)
    await this.#load()
  }

  async #tap(top: number, sub?: number) {
    this.open = null
    const result = await api.oaTap(this.person, top, sub)
    if (result.launch) this.dispatchEvent(new CustomEvent('wx-launched', { detail: result.launch, bubbles: true, composed: true }))
    await this.#load()
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-oa-chat': WxOaChat
  }
  interface GlobalEventHandlersEventMap {
    'wx-launched': CustomEvent<import('../api').LaunchResult>
  }
}
