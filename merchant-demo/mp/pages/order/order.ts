import { LitElement, css, html } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { api, brand, choicesOf, go, kitName, pageQuery, productName, say, sharePath, slotName, statusOf, storeName, t, wordsOf, yuan, StoreError, type Brand, type Order, type Words } from '../../lib/store'
import { base } from '../../lib/ui'
import { failureOf, unavailable, type Failure } from '../../lib/mp-unavailable'
import '../../lib/mp-consultant'

/** The steps of an order of a mode: paid, being made or packed, then handed over (ready at the counter, or shipped). */
const steps = (o: Order, w: Words) =>
  [
    ['pending', t('awaitingPayment')],
    ['paid', say(w.preparing)],
    [o.mode === 'pickup' || o.mode === 'booking' ? 'ready' : 'shipped', say(w.ready)],
  ] as const

/**
 * Order detail: status, pickup number, where to collect it, lines and the points it earned; follows
 * the status live. An unpaid order has "Pay": the store signs its prepay afresh (pay again).
 */
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
      button.link { background: none; border: 0; padding: 4px 0; color: #888; font: inherit; font-size: 13px; text-decoration: underline; cursor: pointer; }
      ul li { display: flex; justify-content: space-between; padding: 6px 0; }
    `,
  ]
  @state() order: Order | null = null
  @state() brand: Brand | null = null
  @state() paying = false
  @state() failure: Failure | null = null
  #timer = 0
  /** refreshes in a row that failed (the store out of reach): after a few the page stops asking */
  #misses = 0
  #covered = false

  connectedCallback() {
    super.connectedCallback()
    void wx.setNavigationBarTitle({ title: t('orderTitle') })
    // an order is the buyer's own: what a friend gets is the store's menu, with the sharer's ref
    // (their first order rewards the sharer), and the picture of what was ordered
    wx.onShareAppMessage(() => {
      const b = this.brand
      const first = b?.products.find((p) => p.id === this.order?.items[0]?.productId)
      return { title: b ? t('shareMenu', { brand: kitName(b) }) : t('shareMenuNoBrand'), path: sharePath('pages/menu/menu'), imageUrl: first?.image ?? b?.menuImage ?? '' }
    })
    window.addEventListener('pagehide', this.#stop)
    // covered by another page (the member centre, the menu) it does not ask; on top again it catches up
    wx.onHide(() => (this.#covered = true))
    wx.onShow(() => {
      if (!this.#covered) return
      this.#covered = false
      if (this.#timer) void this.#refresh()
    })
    void this.#start()
  }

  /** The first load: the brand and the order, or the error page; then the status is followed. */
  async #start() {
    this.failure = null
    clearInterval(this.#timer)
    try {
      ;[this.brand] = await Promise.all([brand(), this.#load()])
      if (!this.order) return void (this.failure = failureOf('order'))
    } catch (err) {
      return void (this.failure = this.#failureOf(err))
    }
    if (this.#following()) this.#timer = window.setInterval(() => void this.#refresh(), 2000)
  }
  disconnectedCallback() {
    super.disconnectedCallback()
    window.removeEventListener('pagehide', this.#stop)
    this.#stop()
  }
  #stop = () => {
    clearInterval(this.#timer)
    this.#timer = 0
  }

  /** Someone else's order says so; a missing one is missing; anything else is the store out of reach. */
  #failureOf(err: unknown): Failure {
    if (err instanceof StoreError && err.code === 'not_your_order') return { heading: t('notYourOrder'), detail: t('notYourOrderDetail'), retry: false }
    return failureOf('order', err)
  }

  /** Whether the status can still change (an order that is done is not followed). */
  #following() {
    return !['ready', 'shipped', 'collected', 'closed', 'refunded'].includes(this.order?.status as string)
  }

  /** A refresh of the status: one the store refuses (the order gone, not theirs) ends the following, as do a few misses in a row. */
  async #refresh() {
    // a page the phone is not showing (WeChat hides it) does not ask
    if (this.#covered || document.hidden) return
    try {
      await this.#load()
      this.#misses = 0
    } catch (err) {
      if (err instanceof StoreError && err.status >= 400 && err.status < 500 && err.status !== 401) {
        this.#stop()
        return void (this.failure = this.#failureOf(err))
      }
      // a later refresh that fails keeps what is shown (the next one may work), up to a point
      if (++this.#misses >= 5) this.#stop()
    }
  }

  async #load() {
    const id = pageQuery().id
    if (!id) return
    this.order = (await api<{ order: Order }>('GET', `/api/orders/${encodeURIComponent(id)}`)).order
    if (!this.#following()) this.#stop()
  }

  /** Pay again: fresh wx.requestPayment parameters for the order's prepay; then the order-ready consent, as at checkout. */
  async #payAgain() {
    const o = this.order
    if (!o || this.paying) return
    this.paying = true
    try {
      const { payment } = await api<{ payment: Record<string, string> }>('POST', `/api/orders/${encodeURIComponent(o.id)}/payment`)
      try {
        await wx.requestPayment(payment)
      } catch {
        return void (await wx.showToast({ title: t('paymentCancelled'), icon: 'none' }))
      }
      const ids = await api<{ orderReady: string; orderShipped: string }>('GET', '/api/subscriptions')
      const tmpl = o.shipping ? ids.orderShipped : ids.orderReady
      const answer = await wx.requestSubscribeMessage({ tmplIds: [tmpl] }).catch(() => ({}) as Record<string, string>)
      await api('POST', `/api/orders/${encodeURIComponent(o.id)}/consent`, { accepted: answer[tmpl] === 'accept' })
    } catch (err) {
      const closed = err instanceof StoreError && err.code === 'order_closed'
      if (!(err instanceof StoreError && err.code === 'order_paid'))
        await wx.showModal({ title: closed ? t('orderClosed') : t('couldNotPay'), content: closed ? t('orderClosedDetail') : (err as Error).message, showCancel: false })
    } finally {
      this.paying = false
      await this.#load().catch(() => undefined)
    }
  }

  /** Cancel: confirmed in a modal; an unpaid order closes, a paid one is refunded in full. */
  async #cancel() {
    const o = this.order
    if (!o) return
    const { confirm } = await wx.showModal({ title: t('cancelThisOrder'), content: o.status === 'paid' ? t('refundGoesBack', { amount: yuan(o.total) }) : t('notPaidYet') })
    if (!confirm) return
    try {
      await api('POST', `/api/orders/${encodeURIComponent(o.id)}/cancel`)
      await wx.showToast({ title: o.status === 'paid' ? t('refundRequested') : t('orderCancelled'), icon: 'success' })
    } catch (err) {
      await wx.showModal({ title: t('couldNotCancel'), content: (err as Error).message, showCancel: false })
    }
    await this.#load().catch(() => undefined)
  }

  render() {
    if (this.failure) return unavailable(this.failure, () => void this.#start())
    const o = this.order
    const b = this.brand
    if (!o || !b) return html`<p class="muted" style="padding:24px">${t('loading')}</p>`
    const w = wordsOf(b, o.mode)
    const STEPS = steps(o, w)
    const reached = STEPS.findIndex(([s]) => s === o.status)
    const refunds = (o as Order & { refunds?: { amount: number; status: string }[] }).refunds ?? []
    const refunded = (o.status as string) === 'refunded'
    const refunding = refunds.some((r) => r.status === 'PROCESSING')
    // a café order can be cancelled until it is made: unpaid → closed, paid → refunded in full
    const cancellable = o.pickupNo !== 'GIFT' && (o.status === 'pending' || (o.status === 'paid' && refunds.length === 0))
    const label = refunding && !refunded ? t('cancelling') : statusOf(b, o, true)
    const shop = b.stores.find((s) => s.id === o.store.id)
    return html`
      <div class="card">
        <div class="muted">${say(w.orderNumber)}</div>
        <div class="no" aria-label=${say(w.orderNumber)}>${o.pickupNo}</div>
        <h3 role="status" aria-label=${t('orderStatus')}>${label}</h3>
        <ol>${STEPS.map(([, name], i) => html`<li class=${i <= reached ? 'done' : ''}>${name}</li>`)}</ol>
      </div>
      <div class="card">
        <div aria-label=${t('store')}><strong>${o.table ? t('table', { table: o.table }) : say(w.where)}</strong> ${o.shipping ? o.shipping.address.address : storeName(b, o.store.id, o.store.name)}</div>
        ${shop && !o.shipping ? html`<div class="muted">${shop.address}</div>` : o.shipping ? html`<div class="muted">${o.shipping.address.name} · ${o.shipping.address.phone} · ${t('fromStore', { store: storeName(b, o.store.id, o.store.name) })}</div>` : null}
        ${o.slot ? html`<div aria-label=${t('slotWhen')}><strong>${t('slotWhen')}</strong> ${slotName(o.slot)}</div>` : null}
        <ul aria-label=${t('itemsLabel')}>
          ${o.items.map((i) => html`<li><span>${productName(b, i.productId, i.name)} ×${i.quantity}<div class="muted">${choicesOf(b, i.productId, i.options)}</div></span><span>${yuan(i.unitPrice * i.quantity)}</span></li>`)}
        </ul>
        <p><strong>${t('totalOf', { amount: yuan(o.total) })}</strong>${(o as Order & { pointsUsed?: number }).pointsUsed ? html` <span class="muted">· ${t('pointsUsed', { n: (o as Order & { pointsUsed?: number }).pointsUsed! })}</span>` : null}</p>
        ${o.pointsAwarded && !refunded ? html`<p class="price" aria-label=${t('pointsEarned')}>${t('plusPoints', { n: o.pointsAwarded })}</p>` : null}
        ${refunds.map((r) => html`<p class="muted" aria-label=${t('refund')}>${t('refundOf', { amount: yuan(r.amount), state: r.status === 'SUCCESS' ? t('refundDone') : r.status === 'PROCESSING' ? t('refundProcessing') : r.status.toLowerCase() })}</p>`)}
        <p class="muted">${t('orderId', { id: o.id })}</p>
        ${cancellable ? html`<button class="link" @click=${this.#cancel}>${t('cancelOrder')}</button>` : null}
      </div>
      ${['paid', 'ready', 'shipped', 'collected'].includes(o.status) ? html`<mp-consultant .orderId=${o.id}></mp-consultant>` : null}
      ${o.status === 'pending'
        ? html`<div class="bar"><span>${t('toPay')} <span class="price">${yuan(o.total)}</span></span><button class="primary" ?disabled=${this.paying} @click=${this.#payAgain}>${t('pay', { amount: yuan(o.total) })}</button></div>`
        : html`<div class="bar"><button class="primary" @click=${() => go('/pages/member/member')}>${t('memberCentre')}</button><button class="primary" @click=${() => wx.redirectTo({ url: '/pages/menu/menu' })}>${o.status === 'closed' ? t('orderAgain') : t('orderMore')}</button></div>`}
    `
  }
}
