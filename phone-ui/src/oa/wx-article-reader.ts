import { LitElement, css, html } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { api, type OaArticle } from '../api'
import { chinaTime, type Lang } from '../i18n'
import '../phone/wx-nav-bar'
import { sanitizeArticle } from './sanitize'

/**
 * An Official Account article in WeChat's reader: title, account and date, the (sanitized) body, and
 * embedded mini program cards that open the mini program with scene 1058.
 */
@customElement('wx-article-reader')
export class WxArticleReader extends LitElement {
  static styles = css`
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
      background: #fff;
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
  `
  @property() person = ''
  @property() lang: Lang = 'en'
  @property({ attribute: false }) article!: OaArticle
  @state() private loaded?: OaArticle & { content: string }
  @query('.body') private body?: HTMLElement

  async connectedCallback() {
    super.connectedCallback()
    this.loaded = await api.oaReadArticle(this.person, this.article.articleId, this.article.idx)
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
    return html`<wx-nav-bar heading="" back></wx-nav-bar>
      <article aria-label=${a.title}>
        <h1>${a.title}</h1>
        <div class="meta">${a.author ? html`${a.author} ` : null}<b>Lumen Coffee</b> ${chinaTime(a.publishedAt, this.lang, { dateStyle: 'medium' })}</div>
        <div class="body"></div>
      </article>`
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
