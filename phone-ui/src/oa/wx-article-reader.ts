import { LitElement, css, html, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { api, type Conversation, type OaArticle, type OaProfile, type PersonView } from '../api'
import { chinaTime, type Lang } from '../i18n'
import { icon } from '../icons'
import '../miniprogram/wx-share-panel'
import '../phone/wx-nav-bar'
import { brandColour, brandLogo } from '../brand'
import { articleDocument, type ArticleTap } from './article-frame'

/** The account's round logo: its initial on the brand's colour, drawn here. */
export function accountAvatar(name: string) {
  const logo = brandLogo()
  if (logo) return logo
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" rx="20" fill="${brandColour()}"/><text x="20" y="26" text-anchor="middle" font-family="sans-serif" font-size="17" font-weight="600" fill="#fff">${name.slice(0, 1).replace(/[<&>"]/g, '')}</text></svg>`
  return `data:image/svg+xml,${encodeURIComponent(svg)}`
}

/**
 * An Official Account article in WeChat's reader: title, account and date, the (sanitized) body, and
 * embedded mini program cards that open the mini program with scene 1058. The article is merchant
 * HTML, so it shows in a sandboxed frame that runs no script and shares no origin with the phone; its
 * links reach the reader as `#wx-tap=<nonce>.<n>` fragments of the phone page (see article-frame.ts).
 */
@customElement('wx-article-reader')
export class WxArticleReader extends LitElement {
  static styles = css`
    :host {
      position: relative;
      display: flex;
      flex-direction: column;
      height: 100%;
      background: #fff;
    }
    .share {
      display: flex;
      color: #191919;
      background: none;
      border: 0;
      cursor: pointer;
    }
    article {
      flex: 1;
      min-height: 0;
      display: flex;
      flex-direction: column;
    }
    iframe {
      flex: 1;
      width: 100%;
      border: 0;
      display: block;
      background: #fff;
    }
    .account {
      display: flex;
      align-items: center;
      gap: 10px;
      /* clear of the home indicator, as the tab bar is */
      padding: 8px 16px 18px;
      border-top: 1px solid rgba(0, 0, 0, 0.08);
      background: #fff;
      line-height: 1.4;
    }
    .account img {
      width: 32px;
      height: 32px;
    }
    .account div {
      flex: 1;
      display: flex;
      flex-direction: column;
    }
    .account strong {
      font-size: 15px;
      font-weight: 500;
      color: #191919;
    }
    .account small {
      font-size: 12px;
      color: #7f7f7f;
    }
    .account button {
      font: inherit;
      font-size: 14px;
      border: 0;
      border-radius: 4px;
      padding: 6px 14px;
      background: #07c160;
      color: #fff;
      cursor: pointer;
    }
    .account .following {
      font-size: 14px;
      color: #7f7f7f;
    }
  `
  @property() person = ''
  @property() lang: Lang = 'en'
  @property({ attribute: false }) article!: OaArticle
  @state() private loaded?: OaArticle & { content: string }
  @state() private profile?: OaProfile
  /** ··· → Send to Chat: where the link can go */
  @state() private sharing: { conversations: Conversation[]; people: Map<string, PersonView> } | null = null
  /** the frame's document and what each of its links does */
  @state() private page?: { srcdoc: string; taps: ArticleTap[] }
  /** names this reader's taps, so another phone's reader on the page leaves them alone */
  readonly #nonce = crypto.randomUUID()

  /** the phone page's address the frame's links were made for (without the fragment) */
  #base = ''

  async connectedCallback() {
    super.connectedCallback()
    addEventListener('hashchange', this.#onHash)
    window.navigation?.addEventListener('currententrychange', this.#onAddress)
    ;[this.loaded, this.profile] = await Promise.all([api.oaReadArticle(this.person, this.article.articleId, this.article.idx), api.officialAccount(this.person)])
    this.#build()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    removeEventListener('hashchange', this.#onHash)
    window.navigation?.removeEventListener('currententrychange', this.#onAddress)
  }

  /** The frame's document. Its links name the page's current address, so a tap stays on the page. */
  #build() {
    const a = this.loaded
    if (!a) return
    this.#base = location.href.split('#')[0]!
    const page = { title: a.title, author: a.author, account: this.profile?.name ?? '', date: chinaTime(a.publishedAt, this.lang, { dateStyle: 'medium' }), content: a.content, lang: this.lang }
    this.page = articleDocument(page, (n) => `${this.#base}#wx-tap=${this.#nonce}.${n}`)
  }

  willUpdate(changed: PropertyValues<this>) {
    // the date and the card labels are in the phone's language
    if (changed.has('lang') && this.page) this.#build()
  }

  /** The phone page changed its address (a phone added, the language): a link made for the old one would reload the page. */
  #onAddress = () => {
    if (location.href.split('#')[0] !== this.#base) this.#build()
  }

  /** A link in the frame was tapped: it set the page's fragment, which is read and cleared here. */
  #onHash = () => {
    const m = /^#wx-tap=([\w-]+)\.(\d+)$/.exec(location.hash)
    if (!m || m[1] !== this.#nonce) return
    history.replaceState(history.state, '', location.href.split('#')[0])
    const tap = this.page?.taps[Number(m[2])]
    if (tap?.kind === 'card') void this.#open(tap.card)
    else if (tap?.kind === 'link') window.open(tap.url, '_blank', 'noopener,noreferrer')
  }

  render() {
    const a = this.loaded ?? this.article
    return html`<wx-nav-bar heading="" back>
        <button slot="action" class="share" aria-label=${this.lang === 'zh' ? '发送给朋友' : 'Send to Chat'} @click=${this.#openShare}>${icon('more', 22)}</button>
      </wx-nav-bar>
      <article aria-label=${a.title}>
        ${this.page ? html`<iframe title=${`Article: ${a.title}`} sandbox="allow-top-navigation-by-user-activation" referrerpolicy="no-referrer" .srcdoc=${this.page.srcdoc}></iframe>` : null}
        ${this.profile ? this.#account(this.profile) : null}
      </article>
      ${this.sharing
        ? html`<wx-share-panel
            .card=${{ title: a.title, path: a.url, imageUrl: '', appName: this.profile?.name ?? 'Link' }}
            .conversations=${this.sharing.conversations}
            .people=${this.sharing.people}
            .lang=${this.lang}
            @wx-share-done=${this.#shareTo}
          ></wx-share-panel>`
        : null}`
  }

  #openShare = async () => {
    const [conversations, people] = await Promise.all([api.conversations(this.person), api.people()])
    this.sharing = { conversations, people: new Map(people.map((p) => [p.id, p])) }
  }

  /** Sends the article's link: the platform starts its share chain at this read. */
  #shareTo = async (e: CustomEvent<Conversation | null>) => {
    e.stopPropagation()
    const to = e.detail
    this.sharing = null
    if (!to) return
    const a = this.loaded ?? this.article
    await api.sendLink(this.person, to.kind === 'group' ? to.groupId! : to.peer!, { title: a.title, description: a.digest, url: a.url })
  }

  /** The account card under the article, with WeChat's Follow button. */
  #account(p: OaProfile) {
    const zh = this.lang === 'zh'
    return html`<section class="account" aria-label=${zh ? '公众号' : 'Official Account'}>
      <img alt="" src=${accountAvatar(p.name)} />
      <div><strong>${p.name}</strong><small>${zh ? '公众号' : 'Official Account'}</small></div>
      ${p.following
        ? html`<span class="following">${zh ? '已关注' : 'Following'}</span>`
        : html`<button @click=${this.#follow}>${zh ? '关注' : 'Follow'}</button>`}
    </section>`
  }

  async #follow() {
    // 图文页内名称点击: the follow comes from the article
    await api.oaFollow(this.person, 'ADD_SCENE_PROFILE_ITEM')
    this.profile = await api.officialAccount(this.person)
  }

  async #open(card: number) {
    const launched = await api.oaOpenArticleCard(this.person, this.article.articleId, this.article.idx, card)
    this.dispatchEvent(new CustomEvent('wx-launched', { detail: launched, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-article-reader': WxArticleReader
  }
}
