import { LitElement, css, html, svg } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { API, api, brand, go, inChinese, kitName, kitText, kitTitle, levelName, rememberEntry, say, sharePath, t, type Brand, type Member } from '../../lib/store'
import { base } from '../../lib/ui'
import { failureOf, unavailable, type Failure } from '../../lib/mp-unavailable'

/**
 * The campaign's hero in Chinese, drawn in the page as the store's /img/hero.svg is (an SVG picture
 * cannot use the page's bundled CJK font, and a machine without CJK fonts would show boxes).
 */
const hero = (b: Brand, title: string, subtitle: string) =>
  html`<svg class="hero" viewBox="0 0 750 360" role="img" aria-label=${title}>
    ${svg`<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color=${b.colours.primary} /><stop offset="1" stop-color=${b.colours.accent} /></linearGradient></defs>
      <rect width="750" height="360" fill="url(#g)" /><circle cx="620" cy="90" r="150" fill="#fff" fill-opacity=".08" /><circle cx="680" cy="300" r="90" fill="#fff" fill-opacity=".08" />
      <text x="48" y="170" font-family="'WX CJK', serif" font-size="56" fill="#fff">${title}</text>
      <text x="50" y="222" font-family="'WX CJK', sans-serif" font-size="26" fill="#fff" fill-opacity=".85">${subtitle}</text>`}
  </svg>`

/** Home: brand hero, campaign, categories, the member's points. */
@customElement('mp-index')
export class MpIndex extends LitElement {
  static styles = [
    base,
    css`
      .hero { width: 100%; aspect-ratio: 750 / 360; }
      svg.hero { display: block; height: auto; }
      .brand { display: flex; gap: 12px; align-items: center; }
      .brand img { width: 44px; height: 44px; }
      .cats { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; }
      .cats button { background: var(--bg); border-radius: 10px; padding: 14px 4px; color: var(--text); }
      .member { display: flex; justify-content: space-between; align-items: center; width: calc(100% - 24px); text-align: left; color: inherit; }
    `,
  ]
  @state() brand: Brand | null = null
  @state() member: Member | null = null
  @state() failure: Failure | null = null

  connectedCallback() {
    super.connectedCallback()
    rememberEntry()
    this.#start()
  }

  #start() {
    this.failure = null
    brand().then(
      (b) => {
        this.brand = b
        void wx.setNavigationBarTitle({ title: kitName(b) })
        wx.onShareAppMessage(() => ({ title: t('shareHome', { brand: kitName(b), tagline: kitText(b.tagline, b.taglineZh) }), path: sharePath('pages/index/index'), imageUrl: b.menuImage }))
      },
      (err) => (this.failure = failureOf('page', err)),
    )
    void api<{ member: Member }>('GET', '/api/me').then((r) => (this.member = r.member), () => undefined)
  }

  render() {
    if (this.failure) return unavailable(this.failure, () => this.#start())
    const b = this.brand
    if (!b) return html`<p class="muted" style="padding:24px">${t('loading')}</p>`
    const campaign = b.campaigns[0]
    const zh = inChinese()
    return html`
      ${zh && campaign?.titleZh ? hero(b, campaign.titleZh, campaign.subtitleZh ?? '') : html`<img class="hero" src="${API}/img/hero.svg" alt=${campaign ? kitTitle(campaign) : kitName(b)} />`}
      <div class="card brand">
        <img src=${b.logo} alt="" />
        <div><h2>${kitName(b)}</h2><div class="muted">${zh ? b.name : (b.nameZh ?? '')} · ${kitText(b.tagline, b.taglineZh)}</div></div>
      </div>
      <div class="card">
        <h3 style="margin-bottom:10px">${say(b.fulfilment.catalog)}</h3>
        <div class="cats">${b.categories.map((c) => html`<button @click=${() => go(`/pages/menu/menu?category=${c.id}`)}>${kitName(c)}${zh ? null : html`<div class="muted">${c.nameZh ?? ''}</div>`}</button>`)}</div>
      </div>
      <button class="card member" @click=${() => go('/pages/member/member')}>
        <span><strong>${this.member ? t('levelMember', { level: levelName(b, this.member.level.name) }) : t('memberCentre')}</strong><div class="muted">${this.member ? t('points', { n: this.member.points }) : t('logInForPoints')}</div></span>
        <span aria-hidden="true">›</span>
      </button>
      ${b.gifts?.length
        ? html`<button class="card member" @click=${() => go('/pages/gift/gift')}><span><strong>${t('sendAGift')}</strong><div class="muted">${t('sendAGiftHint')}</div></span><span aria-hidden="true">›</span></button>`
        : null}
      <div class="bar"><span class="muted">${kitName(b.stores[0])}</span><button class="primary" @click=${() => go('/pages/menu/menu')}>${t(b.fulfilment.modes[0] === 'shipping' ? 'shopNow' : 'orderNow')}</button></div>
    `
  }
}
