import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { admin, yuan, type OrderRow } from './api'
import { channelWord, dateTime, statusWord, t, type Lang } from './i18n'
import { base } from './ui'
import './bc-share-chain'

/** The orders, newest first, with their attribution chain and the staff's actions (ready, ship, refund). */
@customElement('bc-orders')
export class BcOrders extends LitElement {
  static styles = [
    base,
    css`
      table { width: 100%; border-collapse: collapse; }
      th { text-align: left; font-weight: 600; font-size: 12px; padding: 8px 10px; border-bottom: 1px solid #eee; white-space: nowrap; }
      td { padding: 10px; border-bottom: 1px solid #f1f1f1; vertical-align: top; }
      tr:last-child td { border-bottom: 0; }
      .no { font-weight: 600; }
      .actions { display: flex; gap: 6px; flex-wrap: wrap; }
      form { display: flex; gap: 6px; margin-top: 6px; }
      form input { width: 120px; }
    `,
  ]
  @property() lang: Lang = 'en'
  @state() orders: OrderRow[] | null = null
  @state() busy = ''
  @state() shipping = ''
  @state() error = ''

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  async load() {
    this.orders = (await admin<{ orders: OrderRow[] }>('GET', '/admin/orders')).orders
  }

  render() {
    const l = this.lang
    if (!this.orders) return html`<p class="muted">…</p>`
    if (!this.orders.length) return html`<div class="card"><p class="muted">${t(l, 'noOrders')}</p></div>`
    return html`<div class="card">
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <table aria-label=${t(l, 'orders')}>
        <thead><tr><th>${t(l, 'order')}</th><th>${t(l, 'items')}</th><th>${t(l, 'total')}</th><th>${t(l, 'status')}</th><th>${t(l, 'channel')}</th><th>${t(l, 'chain')}</th><th>${t(l, 'actions')}</th></tr></thead>
        <tbody>${this.orders.map((o) => this.#row(o))}</tbody>
      </table>
    </div>`
  }

  #row(o: OrderRow) {
    const l = this.lang
    return html`<tr aria-label=${`${t(l, 'order')} ${o.pickupNo}`}>
      <td><div class="no">${o.pickupNo}</div><div class="muted small">${dateTime(l, o.createdAt)}</div><div class="muted small">${o.store.name}${o.table ? ` · ${o.table}` : ''}</div></td>
      <td>${o.items.map((i) => html`<div>${i.quantity} × ${i.name}</div>`)}</td>
      <td>${yuan(o.total)}</td>
      <td><span class="badge ${o.status}">${statusWord(l, o.status)}</span></td>
      <td>${channelWord(l, o.attribution?.firstTouchChannel ?? o.entry.channel)}<div class="muted small">${t(l, 'scene')} ${o.entry.scene ?? '—'}</div></td>
      <td><bc-share-chain .chain=${o.attribution?.shareChain ?? []} channel=${o.entry.channel} lang=${l}></bc-share-chain></td>
      <td>${this.#actions(o)}</td>
    </tr>`
  }

  #actions(o: OrderRow) {
    const l = this.lang
    const busy = this.busy === o.id
    const canReady = o.status === 'paid' && !o.shipping && o.kind !== 'gift'
    const canShip = o.status === 'paid' && !!o.shipping
    const canRefund = ['paid', 'ready', 'collected'].includes(o.status)
    return html`<div class="actions">
        ${canReady ? html`<button ?disabled=${busy} @click=${() => this.#act(o, 'ready')}>${t(l, 'ready')}</button>` : ''}
        ${canShip ? html`<button ?disabled=${busy} @click=${() => (this.shipping = this.shipping === o.id ? '' : o.id)}>${t(l, 'ship')}</button>` : ''}
        ${canRefund ? html`<button class="danger" ?disabled=${busy} @click=${() => this.#act(o, 'refund', {})}>${t(l, 'refund')}</button>` : ''}
      </div>
      ${this.shipping === o.id
        ? html`<form @submit=${(e: Event) => this.#ship(e, o)}>
            <input name="carrier" aria-label=${t(l, 'carrier')} placeholder=${t(l, 'carrier')} required maxlength="20" />
            <input name="trackingNo" aria-label=${t(l, 'trackingNo')} placeholder=${t(l, 'trackingNo')} required pattern="[!-~]{4,32}" />
            <button type="submit">${t(l, 'ship')}</button>
          </form>`
        : ''}`
  }

  #ship(e: Event, o: OrderRow) {
    e.preventDefault()
    const data = new FormData(e.target as HTMLFormElement)
    void this.#act(o, 'ship', { carrier: String(data.get('carrier')), trackingNo: String(data.get('trackingNo')) })
  }

  async #act(o: OrderRow, action: 'ready' | 'ship' | 'refund', body?: unknown) {
    this.busy = o.id
    this.error = ''
    try {
      await admin('POST', `/admin/orders/${encodeURIComponent(o.id)}/${action}`, body)
      this.shipping = ''
      // a refund settles when WeChat Pay's notification comes: look again shortly
      if (action === 'refund') setTimeout(() => void this.load(), 1200)
      await this.load()
    } catch (err) {
      this.error = (err as Error).message
    } finally {
      this.busy = ''
    }
  }
}
declare global {
  interface HTMLElementTagNameMap {
    'bc-orders': BcOrders
  }
}
