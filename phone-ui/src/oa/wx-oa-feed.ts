import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { api, type OaArticle, type OaProfile } from '../api'
import { chinaTime, named, type Lang } from '../i18n'
import '../phone/wx-nav-bar'
import { accountAvatar } from './wx-article-reader'
import './wx-article-cover'
import { noScrollbars } from '../phone/theme'

/**
 * 订阅号消息 — the subscription feed: the articles of the accounts the person follows, newest
 * first, each under its account; a tap opens the reader.
 */
@customElement('wx-oa-feed')
export class WxOaFeed extends LitElement {
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
      padding: 4px 0 24px;
    }
    .time {
      text-align: center;
      font-size: 12px;
      color: #7f7f7f;
      margin: 14px 0 8px;
    }
    section {
      margin: 0 10px;
      background: #fff;
      border-radius: 8px;
      overflow: hidden;
    }
    header {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 12px 14px 8px;
      font-size: 14px;
      color: #191919;
    }
    header img {
      width: 24px;
      height: 24px;
    }
    button {
      display: block;
      width: 100%;
      font: inherit;
      text-align: left;
      background: none;
      border: 0;
      padding: 0;
      cursor: pointer;
      color: inherit;
    }
    wx-article-cover {
      margin: 0 14px;
      --wx-cover-title-size: 18px;
    }
    .digest {
      margin: 10px 14px 14px;
      font-size: 14px;
      color: #7f7f7f;
      line-height: 1.5;
    }
    .empty {
      text-align: center;
      color: #7f7f7f;
      margin-top: 60px;
      font-size: 14px;
    }
  `
  @property() person = ''
  @property() lang: Lang = 'en'
  @state() private profile?: OaProfile
  @state() private articles: OaArticle[] = []
  @state() private reading: OaArticle | null = null

  async connectedCallback() {
    super.connectedCallback()
    ;[this.profile, this.articles] = await Promise.all([api.officialAccount(this.person), api.oaArticles(this.person).catch(() => [])])
  }

  render() {
    const zh = this.lang === 'zh'
    if (this.reading)
      return html`<wx-article-reader .person=${this.person} .lang=${this.lang} .article=${this.reading} @wx-back=${(e: Event) => (e.stopPropagation(), (this.reading = null))}></wx-article-reader>`
    const p = this.profile
    const shown = p?.following ? this.articles : []
    return html`<wx-nav-bar heading=${zh ? '订阅号消息' : 'Subscriptions'} back></wx-nav-bar>
      <div class="list" role="feed" aria-label=${zh ? '订阅号消息' : 'Subscriptions'}>
        ${p && shown.length === 0 ? html`<p class="empty">${zh ? '暂无订阅号消息' : 'No articles from the accounts you follow yet.'}</p>` : null}
        ${shown.map(
          (a) => html`<div class="time">${chinaTime(a.publishedAt, this.lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })}</div>
            <section>
              <header><img alt="" src=${accountAvatar(p!.name)} />${named(p!, this.lang)}</header>
              <button aria-label=${`Article: ${a.title}`} @click=${() => (this.reading = a)}>
                <wx-article-cover heading=${a.title} src=${a.thumbUrl ?? ''}></wx-article-cover>
                ${a.digest ? html`<div class="digest">${a.digest}</div>` : html`<div class="digest"></div>`}
              </button>
            </section>`,
        )}
      </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-oa-feed': WxOaFeed
  }
}
