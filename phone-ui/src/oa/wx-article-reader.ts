import { LitElement, css, html } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { api, type Conversation, type OaArticle, type OaProfile, type PersonView } from '../api'
import { chinaTime, type Lang } from '../i18n'
import { icon } from '../icons'
import '../miniprogram/wx-share-panel'
import '../phone/wx-nav-bar'
import { sanitizeArticle } from './sanitize'

/** The account's round logo: its initial on the brand green, drawn here. */
export function accountAvatar(name: string) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" rx="20" fill="#0B7A5A"/><text x="20" y="26" text-anchor="middle" font-family="sans-serif" font-size="17" font-weight="600" fill="#fff">${name.slice(0, 1).replace(/[<&>"]/g, '')}</text></svg>`
  return `data:image/svg+xml,${encodeURIComponent(svg)}`
}

/**
 * An Official Account article in WeChat's reader: title, account and date, the (sanitized) body, and
 * embedded mini program cards that open the mini program with scene 1058.
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
      overflow-y: auto;
      padding: 18px 18px 40px;
      font-size: 16px;
      line-height: 1.75;
      color: #333;
    }
    h1 {
      font-size: 22px;
      line-height: 1.4;
      margin: 0 0 12px;
      color: #191919;
    }
    .meta {
      font-size: 14px;
      color: #7f7f7f;
      margin-bottom: 20px;
    }
    .meta b {
      color: #576b95;
      font-weight: 400;
    }
    .body img {
      max-width: 100%;
    }
    .body mp-miniprogram,
    .body a[data-miniprogram-appid] {
      display: block;
      margin: 14px 0;
      padding: 12px 14px;
      border: 1px solid rgba(0, 0, 0, 0.1);
      border-radius: 8px;
      color: #191919;
      cursor: pointer;
      text-decoration: none;
    }
    .body mp-miniprogram::before {
      content: attr(data-miniprogram-title);
      display: block;
      font-weight: 500;
    }
    .body mp-miniprogram::after,
    .body a[data-miniprogram-appid]::after {
      content: 'Mini Program ›';
      display: block;
      font-size: 12px;
      color: #7f7f7f;
      margin-top: 6px;
    }
    .account {
      display: flex;
      align-items: center;
      gap: 12px;
      margin: 28px 0 0;
      padding: 14px;
      border-radius: 8px;
      background: #f7f7f7;
      line-height: 1.4;
    }
    .account img {
      width: 44px;
      height: 44px;
    }
    .account div {
      flex: 1;
      display: flex;
      flex-direction: column;
    }
    .account strong {
      font-size: 16px;
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
  @query('.body') private body?: HTMLElement

  async connectedCallback() {
    super.connectedCallback()
    ;[this.loaded, this.profile] = await Promise.all([api.oaReadArticle(this.person, this.article.articleId, this.article.idx), api.officialAccount(this.person)])
  }

  updated() {
    if (!this.loaded || !this.body || this.body.dataset.filled) return
    this.body.dataset.filled = '1'
    this.body.replaceChildren(sanitizeArticle(this.loaded.content))
    const cards = [...this.body.querySelectorAll<HTMLElement>('mp-miniprogram[data-miniprogram-appid], a[data-miniprogram-appid]')]
    cards.forEach((card, i) => {
      card.setAttribute('role', 'button')
      card.setAttribute('aria-label', `Mini Program: ${card.dataset.miniprogramTitle ?? card.textContent?.trim() ?? ''}`)
      card.addEventListener('click', (e) => {
        e.preventDefault()
        void this.#open(i)
      })
    })
  }

  render() {
    const a = this.loaded ?? this.article
    return html`<wx-nav-bar heading="" back>
        <button slot="action" class="share" aria-label=${this.lang === 'zh' ? '发送给朋友' : 'Send to Chat'} @click=${this.#openShare}>${icon('more', 22)}</button>
      </wx-nav-bar>
      <article aria-label=${a.title}>
        <h1>${a.title}</h1>
        <div class="meta">${a.author ? html`${a.author} ` : null}<b>${this.profile?.name ?? ''}</b> ${chinaTime(a.publishedAt, this.lang, { dateStyle: 'medium' })}</div>
        <div class="body"></div>
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
