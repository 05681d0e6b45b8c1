import { LitElement, css, html } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { api, brand, inChinese, kitName, kitText, pageQuery, rememberEntry, sharePath, t, yuan, type Product } from '../../lib/store'
import { base } from '../../lib/ui'
import { failureOf, unavailable, type Failure } from '../../lib/mp-unavailable'

/**
 * The product a page is for: its own `id` (a menu tap, a share), else its code's scene
 * (`scene=p%3Dlatte` from a product poster; `id=latte` from posters that name it so), which WeChat
 * hands over URL-encoded in `query.scene`.
 */
export function productIdOf(q: Record<string, string>): string | undefined {
  if (q.id) return q.id
  let scene: URLSearchParams
  try {
    scene = new URLSearchParams(q.scene ? decodeURIComponent(q.scene) : '')
  } catch {
    return undefined
  }
  return scene.get('p') ?? scene.get('id') ?? undefined
}

/** Product detail: picture, options as chips (size, temperature, sugar…), quantity, add to cart. */
@customElement('mp-product')
export class MpProduct extends LitElement {
  static styles = [
    base,
    css`
      .pic { width: 100%; aspect-ratio: 1; max-height: 300px; object-fit: contain; background: #fff; }
      fieldset { border: 0; margin: 0 0 12px; padding: 0; }
      legend { font-weight: 600; margin-bottom: 6px; }
      .chips { display: flex; flex-wrap: wrap; gap: 8px; }
      .chips button { background: #f4f4f4; border-radius: 16px; padding: 6px 14px; color: var(--text); border: 1px solid transparent; }
      .chips button[aria-pressed='true'] { background: #fff; color: var(--primary); border-color: var(--primary); font-weight: 600; }
      .qty { display: flex; align-items: center; gap: 12px; }
      .qty button { width: 28px; height: 28px; border-radius: 50%; background: #f4f4f4; }
    `,
  ]
  @state() product: Product | null = null
  @state() chosen: Record<string, string> = {}
  @state() quantity = 1
  @state() busy = false
  @state() failure: Failure | null = null

  connectedCallback() {
    super.connectedCallback()
    rememberEntry()
    this.#start()
  }

  #start() {
    this.failure = null
    const id = productIdOf(pageQuery())
    brand().then(
      (b) => {
        const p = b.products.find((p) => p.id === id) ?? null
        this.product = p
        if (!p) return void (this.failure = failureOf('item'))
        this.chosen = Object.fromEntries(p.options.map((o) => [o.id, o.default]))
        void wx.setNavigationBarTitle({ title: kitName(p) })
        wx.onShareAppMessage(() => ({ title: t('shareProduct', { product: kitName(p), brand: kitName(b) }), path: sharePath('pages/product/product', { id: p.id }), imageUrl: p.image }))
      },
      (err) => (this.failure = failureOf('item', err)),
    )
  }

  get #unitPrice() {
    const p = this.product!
    return p.price + p.options.reduce((n, o) => n + (o.choices.find((c) => c.id === this.chosen[o.id])?.priceDelta ?? 0), 0)
  }

  async #add() {
    this.busy = true
    try {
      await api('POST', '/api/cart/items', { productId: this.product!.id, options: this.chosen, quantity: this.quantity })
      await wx.showToast({ title: t('addedToCart'), icon: 'success' })
      // back to the menu; opened from a card or a poster this is the only page (navigateBack fails, as
      // in WeChat), so the menu replaces it, with the cart bar to check out from
      await wx.navigateBack().catch(() => wx.redirectTo({ url: '/pages/menu/menu' }))
    } catch (err) {
      await wx.showToast({ title: (err as Error).message, icon: 'none' })
    } finally {
      this.busy = false
    }
  }

  render() {
    if (this.failure) return unavailable(this.failure, () => this.#start())
    const p = this.product
    if (!p) return html`<p class="muted" style="padding:24px">${t('loading')}</p>`
    return html`
      <img class="pic" src=${p.image} alt=${kitName(p)} />
      <div class="card">
        <h2>${kitName(p)} <span class="muted">${inChinese() ? (p.nameZh ? p.name : '') : (p.nameZh ?? '')}</span></h2>
        <p class="muted">${kitText(p.description, p.descriptionZh)}</p>
        ${p.options.map(
          (o) => html`<fieldset>
            <legend>${kitName(o)}</legend>
            <div class="chips" role="group" aria-label=${kitName(o)}>
              ${o.choices.map(
                (c) => html`<button aria-pressed=${this.chosen[o.id] === c.id} @click=${() => (this.chosen = { ...this.chosen, [o.id]: c.id })}>
                  ${kitName(c)}${c.priceDelta ? ` +${yuan(c.priceDelta)}` : ''}
                </button>`,
              )}
            </div>
          </fieldset>`,
        )}
        <div class="qty">
          <button aria-label=${t('decrease')} @click=${() => (this.quantity = Math.max(1, this.quantity - 1))}>−</button>
          <span aria-label=${t('quantity')}>${this.quantity}</span>
          <button aria-label=${t('increase')} @click=${() => (this.quantity = Math.min(99, this.quantity + 1))}>+</button>
        </div>
      </div>
      <div class="bar">
        <span class="price" aria-label=${t('price')}>${yuan(this.#unitPrice * this.quantity)}</span>
        <button class="primary" ?disabled=${this.busy} @click=${this.#add}>${t('addToCart')}</button>
      </div>
    `
  }
}
