import { LitElement, css, html } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { api, go, pageQuery, yuan, type Order } from '../../lib/store'
import { base } from '../../lib/ui'

const STEPS = [
  ['pending', 'Awaiting payment'],
  ['paid', 'Preparing'],
  ['ready', 'Ready'],
] as const

/** Order detail: status, pickup number, lines and the points it earned; follows the status live. */
@customElement('mp-order')
export class MpOrder extends LitElement {
  static styles = [
    base,
    css`
      .no { font-size: 40px; font-weight: 700; color: var(--primary); }
      ol { display: flex; list-style: none; padding: 0; margin: 12px 0 0; gap: 6px; }
      ol li { flex: 1; text-align: center; padding: 6px 0; border-top: 3px solid #ddd; color: #999; font-size: 13px; }
      ol li.done { border-color: var(--primary); color: var(--text); }
      ul { list-style: none; margin: 0; padding: 0; }
      ul li { display: flex; justify-content: space-between; padding: 6px 0; }
    `,
  ]
  @state() order: Order | null = null
  #timer = 0

  connectedCallback() {
    super.connectedCallback()
    void wx.setNavigationBarTitle({ title: 'Order' })
    void this.#load()
    this.#timer = window.setInterval(() => void this.#load(), 2000)
  }
  disconnectedCallback() {
    super.disconnectedCallback()
    clearInterval(this.#timer)
  }

  async #load() {
    const id = pageQuery().id
    if (!id) return
    this.order = (await api<{ order: Order }>('GET', `/api/orders/${encodeURIComponent(id)}`)).order
    if (['ready', 'shipped', 'closed'].includes(this.order.status)) clearInterval(this.#timer)
  }

  render() {
    const o = this.order
    if (!o) return html`<p class="muted" style="padding:24px">Loading…</p>`
    const reached = STEPS.findIndex(([s]) => s === o.status)
    const label = o.status === 'ready' ? 'Your order is ready' : o.status === 'shipped' ? `Shipped · ${o.shipping?.carrier} ${o.shipping?.trackingNo}` : o.status === 'paid' ? 'Paid · being prepared' : o.status === 'pending' ? 'Awaiting payment' : o.status
    return html`
      <div class="card">
        <div class="muted">Pickup number</div>
        <div class="no" aria-label="Pickup number">${o.pickupNo}</div>
        <h3 role="status" aria-label="Order status">${label}</h3>
        <ol>${STEPS.map(([, name], i) => html`<li class=${i <= reached ? 'done' : ''}>${name}</li>`)}</ol>
      </div>
      <div class="card">
        <div class="muted">${o.store.name}${o.table ? ` · Table ${o.table}` : ''}</div>
        <ul aria-label="Items">
          ${o.items.map((i) => html`<li><span>${i.name} ×${i.quantity}<div class="muted">${i.options.map((x) => x.choice).join(' · ')}</div></span><span>${yuan(i.unitPrice * i.quantity)}</span></li>`)}
        </ul>
        <p><strong>Total ${yuan(o.total)}</strong></p>
        ${o.pointsAwarded ? html`<p class="price" aria-label="Points earned">+${o.pointsAwarded} points</p>` : null}
        <p class="muted">Order ${o.id}</p>
      </div>
      <div class="bar"><button class="primary" @click=${() => go('/pages/member/member')}>Member centre</button><button class="primary" @click=${() => wx.redirectTo({ url: '/pages/menu/menu' })}>Order more</button></div>
    `
  }
}
