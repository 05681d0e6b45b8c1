import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'

/**
 * Where the phone loads a picture of WeChat's picture host from: the platform serves
 * mmbiz.qpic.cn by path on its own origin, so `http://mmbiz.qpic.cn/mmbiz_png/…` is read as
 * `/mmbiz_png/…`. Any other address is used as it is.
 */
export function pictureSrc(url: string | undefined) {
  if (!url) return ''
  try {
    const u = new URL(url)
    return u.hostname === 'mmbiz.qpic.cn' ? u.pathname + u.search : url
  } catch {
    return ''
  }
}

/**
 * An article's cover as WeChat lays it out: the picture (2.35 : 1) with the title over its foot
 * (`layout="wide"`, the feed and a news message), or a small square beside the title
 * (`layout="thumb"`, the account's article list). Without a picture, or when it fails to load,
 * a coloured box with the title, as before covers existed.
 */
@customElement('wx-article-cover')
export class WxArticleCover extends LitElement {
  static styles = css`
    :host {
      display: block;
      position: relative;
      overflow: hidden;
      border-radius: var(--wx-cover-radius, 6px);
      background: linear-gradient(135deg, var(--wx-brand, #07c160), color-mix(in srgb, var(--wx-brand, #07c160) 55%, white));
      aspect-ratio: 2.35 / 1;
      color: #fff;
    }
    :host([layout='thumb']) {
      width: 60px;
      height: 60px;
      aspect-ratio: auto;
      border-radius: 4px;
      flex: none;
    }
    img {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .title {
      position: absolute;
      left: 0;
      right: 0;
      bottom: 0;
      padding: 24px 12px 10px;
      font-size: var(--wx-cover-title-size, 17px);
      font-weight: 600;
      line-height: 1.35;
      background: linear-gradient(transparent, rgba(0, 0, 0, 0.45));
    }
    :host([layout='thumb']) .title {
      display: none;
    }
  `
  @property({ reflect: true }) layout: 'wide' | 'thumb' = 'wide'
  /** the cover's address (`thumb_url` / `picurl`), '' for none */
  @property() src = ''
  @property() heading = ''
  @state() private failed = false

  willUpdate(changed: Map<string, unknown>) {
    if (changed.has('src')) this.failed = false
  }

  render() {
    const src = pictureSrc(this.src)
    return html`${src && !this.failed ? html`<img alt=${`Cover: ${this.heading}`} src=${src} @error=${() => (this.failed = true)} />` : null}
      <div class="title">${this.heading}</div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-article-cover': WxArticleCover
  }
}
