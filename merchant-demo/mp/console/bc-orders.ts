import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { admin, yuan, type ConsoleInfo, type OrderRow } from './api'
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
      .stats { display: grid; grid-template-columns: repeat(4, 1fr); gap: 16px; margin-bottom: 16px; }
      .stat b { display: block; font-size: 24px; color: var(--primary, #333); }
      .stat span { font-size: 12px; }
    `,
  ]
  @property() lang: Lang = 'en'
  @property({ attribute: false }) info: ConsoleInfo | null = null
  @state() orders: OrderRow[] | null = null
  @state() busy = ''
  @state() shipping = ''
  @state() error = ''

  #poll = 0

  connectedCallback() {
    super.connectedCallback()
    void this.load()
    // payments and refunds land while the trainer watches: look again every few seconds
    this.#poll = window.setInterval(() => void this.load().catch(() => undefined), 4000)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    clearInterval(this.#poll)
  }

  async load() {
    this.orders = (await admin<{ orders: OrderRow[] }>('GET', '/admin/orders')).orders
  }

  render() {
    const l = this.lang
    if (!this.orders) return html`<p class="muted">…</p>`
    if (!this.orders.length) return html`<div class="card"><p class="muted">${t(l, 'noOrders')}</p></div>`
    return html`${this.#stats(this.orders)}<div class="card">
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <table aria-label=${t(l, 'orders')}>
        <thead><tr><th>${t(l, 'order')}</th><th>${t(l, 'items')}</th><th>${t(l, 'total')}</th><th>${t(l, 'status')}</th><th>${t(l, 'channel')}</th><th>${t(l, 'chain')}</th><th>${t(l, 'actions')}</th></tr></thead>
        <tbody>${this.orders.map((o) => this.#row(o))}</tbody>
      </table>
    </div>`
  }

  #stats(orders: OrderRow[]) {
    const l = this.lang
    const paid = orders.filter((o) => o.paidAt && o.status !== 'refunded')
    const byChannel = new Map<string, number>()
    for (const o of paid) {
      const c = o.attribution?.firstTouchChannel ?? o.entry.channel
      byChannel.set(c, (byChannel.get(c) ?? 0) + 1)
    }
    const top = [...byChannel].sort((a, b) => b[1] - a[1])[0]
    const shared = paid.filter((o) => (o.attribution?.people.length ?? 0) > 1).length
    return html`<div class="stats">
      <div class="card stat"><b>${orders.length}</b><span class="muted">${t(l, 'orders')}</span></div>
      <div class="card stat"><b>${yuan(paid.reduce((n, o) => n + o.total, 0))}</b><span class="muted">${t(l, 'revenue')}</span></div>
      <div class="card stat"><b>${top ? channelWord(l, top[0]) : '—'}</b><span class="muted">${t(l, 'topChannel')}</span></div>
      <div class="card stat"><b>${shared}</b><span class="muted">${t(l, 'viaShares')}</span></div>
    </div>`
  }

  #name(i: OrderRow['items'][number]) {
    const p = this.lang === 'zh' ? this.info?.products.find((x) => x.id === i.productId) : undefined
    return p?.nameZh ?? i.name
  }

  #row(o: OrderRow) {
    const l = this.lang
    return html`<tr aria-label=${`${t(l, 'order')} ${o.pickupNo}`}>
      <td><div class="no">${o.pickupNo}</div><div class="muted small">${dateTime(l, o.createdAt)}</div><div class="muted small">${o.store.name}${o.table ? ` · ${o.table}` : ''}</div></td>
      <td>${o.items.map((i) => html`<div>${i.quantity} × ${this.#name(i)}</div>`)}</td>
      <td>${yuan(o.total)}</td>
      <td><span class="badge ${o.status}">${statusWord(l, o.status)}</span>${refunding(o) ? html`<div class="muted small">${t(l, 'refundProcessing')}</div>` : ''}</td>
      <td>${channelWord(l, o.attribution?.firstTouchChannel ?? o.entry.channel)}<div class="muted small">${t(l, 'entry')} ${channelWord(l, o.entry.channel)} · ${t(l, 'scene')} ${o.entry.scene ?? '—'}</div></td>
      <td><bc-share-chain .chain=${o.attribution?.shareChain ?? []} channel=${o.entry.channel} lang=${l}></bc-share-chain></td>
      <td>${this.#actions(o)}</td>
    </tr>`
  }

  #actions(o: OrderRow) {
    const l = this.lang
    const busy = this.busy === o.id
    const canReady = o.status === 'paid' && !o.shipping && o.kind !== 'gift'
    const canShip = o.status === 'paid' && !!o.shipping
    const refunded = o.refunds.filter((r) => r.status === 'PROCESSING' || r.status === 'SUCCESS').reduce((n, r) => n + r.amount, 0)
    const canRefund = ['paid', 'ready', 'collected'].includes(o.status) && refunded < o.total
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
/** A refund asked for and not settled yet (WeChat Pay settles it on its clock, then notifies). */
const refunding = (o: OrderRow) => o.refunds.some((r) => r.status === 'PROCESSING')

declare global {
  interface HTMLElementTagNameMap {
    'bc-orders': BcOrders
  }
}
