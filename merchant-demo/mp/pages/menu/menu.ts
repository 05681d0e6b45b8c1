import { LitElement, css, html } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { api, brand, entry, go, kitName, kitText, pageQuery, rememberEntry, say, sharePath, t, tableOf, yuan, type Brand } from '../../lib/store'
import { base } from '../../lib/ui'
import { failureOf, unavailable, type Failure } from '../../lib/mp-unavailable'

/** The catalog ("Menu", "Shop", "Order": the kit's word): categories on the left, products on the right, the cart bar below; a table code lands here. */
@customElement('mp-menu')
export class MpMenu extends LitElement {
  static styles = [
    base,
    css`
      .table { background: var(--accent); color: var(--text); padding: 8px 16px; font-weight: 600; }
      .layout { display: grid; grid-template-columns: 88px 1fr; }
      nav button { display: block; width: 100%; padding: 14px 8px; background: none; color: #666; text-align: left; }
      nav button[aria-current='true'] { background: #fff; color: var(--primary); font-weight: 600; border-left: 3px solid var(--primary); }
      ul { list-style: none; margin: 0; padding: 0 12px; background: #fff; min-height: 70vh; }
      li button { display: flex; gap: 12px; width: 100%; padding: 12px 0; background: none; text-align: left; color: inherit; border-bottom: 1px solid #f2f2f2; }
      li img { width: 72px; height: 72px; border-radius: 8px; }
    `,
  ]
  @state() brand: Brand | null = null
  @state() category = pageQuery().category ?? ''
  @state() cart = { count: 0, total: 0 }
  @state() failure: Failure | null = null

  connectedCallback() {
    super.connectedCallback()
    rememberEntry()
    wx.onShareAppMessage(() => ({ title: this.brand ? t('shareMenu', { brand: kitName(this.brand) }) : t('shareMenuNoBrand'), path: sharePath('pages/menu/menu'), imageUrl: this.brand?.menuImage ?? '' }))
    this.#start()
    void this.#refreshCart()
    // the menu stays under the product page: while covered it does not ask, and its cart bar catches
    // up when the person returns (WeChat's onShow); a refresh every 2 s while it is on screen
    wx.onHide(() => (this.#covered = true))
    wx.onShow(() => {
      if (!this.#covered) return
      this.#covered = false
      void this.#refreshCart()
    })
    this.#timer = window.setInterval(() => !this.#covered && !document.hidden && void this.#refreshCart(), 2000)
    window.addEventListener('pagehide', () => clearInterval(this.#timer))
  }
  #covered = false
  #timer = 0
  disconnectedCallback() {
    super.disconnectedCallback()
    clearInterval(this.#timer)
  }

  #start() {
    this.failure = null
    brand().then(
      (b) => {
        this.brand = b
        this.category ||= b.categories[0].id
        void wx.setNavigationBarTitle({ title: say(b.fulfilment.catalog) })
      },
      (err) => (this.failure = failureOf('page', err)),
    )
  }

  async #refreshCart() {
    this.cart = await api<{ count: number; total: number }>('GET', '/api/cart').catch(() => this.cart)
  }

  render() {
    if (this.failure) return unavailable(this.failure, () => this.#start())
    const b = this.brand
    if (!b) return html`<p class="muted" style="padding:24px">${t('loading')}</p>`
    const table = tableOf(entry().query)
    return html`
      ${table ? html`<div class="table" role="status">${t('table', { table })} · ${kitName(b.stores[0])}</div>` : null}
      <div class="layout">
        <nav aria-label=${t('categories')}>
          ${b.categories.map((c) => html`<button aria-current=${c.id === this.category} @click=${() => (this.category = c.id)}>${kitName(c)}</button>`)}
        </nav>
        <ul aria-label=${t('products')}>
          ${b.products
            .filter((p) => p.category === this.category)
            .map(
              (p) => html`<li>
                <button aria-label=${`${kitName(p)} ${yuan(p.price)}`} ?disabled=${p.stock === 0} @click=${() => go(`/pages/product/product?id=${p.id}`)}>
                  <img src=${p.image} alt="" />
                  <span><strong>${kitName(p)}</strong> <span class="muted">${p.nameZh && kitName(p) !== p.nameZh ? p.nameZh : ''}</span><div class="muted">${kitText(p.description, p.descriptionZh)}</div><div class="price">${yuan(p.price)}${p.stock === 0 ? html` <span class="muted">· ${t('soldOut')}</span>` : p.stock !== null && p.stock <= 5 ? html` <span class="muted">· ${t('left', { n: p.stock })}</span>` : null}</div></span>
                </button>
              </li>`,
            )}
        </ul>
      </div>
      <div class="bar">
        <span aria-label=${t('cartTotal')}>${this.cart.count === 1 ? t('oneItem') : t('items', { n: this.cart.count })} · <span class="price">${yuan(this.cart.total)}</span></span>
        <button class="primary" ?disabled=${this.cart.count === 0} @click=${() => go('/pages/cart/cart')}>${t('checkout')}</button>
      </div>
    `
  }
}
