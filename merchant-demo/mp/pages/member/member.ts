import { LitElement, css, html } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { api, brand, chinaDate, chinaDateTime, couponTitle, giftTitle, go, kitName, kitTitle, levelName, productName, statusOf, t, yuan, type Brand, type Coupon, type CouponKind, type Gift, type Member, type Order, type PointsEntry } from '../../lib/store'
import { base } from '../../lib/ui'
import { failureOf, unavailable, type Failure } from '../../lib/mp-unavailable'

/** A gift's state in the store's words. */
const giftState = (s: Gift['state']) => t(({ pending: 'giftPending', paid: 'giftPaid', claimed: 'giftClaimed', redeemed: 'giftRedeemed', closed: 'giftClosed', expired: 'giftExpired' } as const)[s])
/** A coupon's state in the store's words. */
const couponState = (s: Coupon['state']) => t(({ usable: 'couponUsable', used: 'couponUsed', expired: 'couponExpired' } as const)[s])

/** A line of the points history in the store's words: why the points changed, naming the order. */
function pointsReason(e: PointsEntry) {
  const no = e.order?.pickupNo ?? ''
  if (e.reason === 'purchase') return t('pointsForOrder', { no })
  if (e.reason === 'referral') return t('pointsReferral')
  if (e.reason === 'redeemed') return t('pointsRedeemed', { no })
  if (e.reason === 'redeem-returned') return t('pointsReturned', { no })
  if (e.reason === 'refund') return t('pointsRefund', { no })
  return t('pointsExpired')
}

/** Member centre: the card with level and points, progress to the next level, the points history, past orders. */
@customElement('mp-member')
export class MpMember extends LitElement {
  static styles = [
    base,
    css`
      .member-card { background: linear-gradient(135deg, var(--primary), var(--accent)); color: #fff; border-radius: 14px; margin: 12px; padding: 18px; min-height: 120px; }
      .points { font-size: 34px; font-weight: 700; }
      ul { list-style: none; margin: 0; padding: 0; }
      li.coupon { display: flex; justify-content: space-between; align-items: center; padding: 8px 0; border-bottom: 1px solid #f2f2f2; }
      li.coupon .primary { padding: 4px 14px; width: auto; background: var(--primary); color: #fff; }
      li button { display: flex; justify-content: space-between; width: 100%; padding: 10px 0; background: none; color: inherit; border-bottom: 1px solid #f2f2f2; text-align: left; }
      li.points-line { display: flex; justify-content: space-between; align-items: center; gap: 12px; padding: 10px 0; border-bottom: 1px solid #f2f2f2; }
      li.points-line:last-child { border-bottom: 0; }
      li.points-line .delta { font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; }
      li.points-line .delta.up { color: var(--primary); }
      li.points-line .delta.down { color: #999; }
      button.more { background: none; border: 0; color: #576b95; font: inherit; font-size: 14px; padding: 8px 0 0; cursor: pointer; }
    `,
  ]
  @state() brand: Brand | null = null
  @state() member: Member | null = null
  @state() orders: Order[] = []
  @state() coupons: { available: CouponKind[]; mine: Coupon[] } = { available: [], mine: [] }
  @state() gifts: { sent: Gift[]; received: Gift[] } = { sent: [], received: [] }
  @state() failure: Failure | null = null
  @state() points: PointsEntry[] = []
  /** the whole history shown, not only its latest lines */
  @state() allPoints = false

  connectedCallback() {
    super.connectedCallback()
    void wx.setNavigationBarTitle({ title: t('memberCentreTitle') })
    this.#start()
  }

  #start() {
    this.failure = null
    const failed = (err: unknown) => (this.failure = failureOf('page', err))
    brand().then((b) => (this.brand = b), failed)
    api<{ member: Member }>('GET', '/api/me').then((r) => (this.member = r.member), failed)
    api<{ orders: Order[] }>('GET', '/api/orders').then((r) => (this.orders = r.orders), failed)
    api<{ history: PointsEntry[] }>('GET', '/api/points').then((r) => (this.points = r.history), failed)
    this.#loadCoupons().catch(failed)
    api<{ sent: Gift[]; received: Gift[] }>('GET', '/api/gifts').then((r) => (this.gifts = r), failed)
  }

  /** One points-changed and one coupon-expiring message, if the person agrees (WeChat asks). */
  async #remindMe() {
    const ids = await api<{ pointsChanged: string; couponExpiring: string }>('GET', '/api/subscriptions')
    const answer = await wx.requestSubscribeMessage({ tmplIds: [ids.pointsChanged, ids.couponExpiring] }).catch(() => ({}) as Record<string, string>)
    const accepted = (['pointsChanged', 'couponExpiring'] as const).filter((k) => answer[ids[k]] === 'accept')
    await api('POST', '/api/consents', { accepted })
    if (accepted.length) await wx.showToast({ title: t('willLetYouKnow'), icon: 'success' })
  }

  /** The points history from the store's ledger: what each change was for, when, and when earned points lapse. */
  #pointsHistory() {
    const shown = this.allPoints ? this.points : this.points.slice(0, 5)
    return html`<div class="card">
      <h3>${t('pointsHistory')}</h3>
      ${this.points.length === 0
        ? html`<p class="muted">${t('noPointsYet')}</p>`
        : html`<ul aria-label=${t('pointsLedger')}>
            ${shown.map(
              (e) => html`<li class="points-line">
                <span><strong>${pointsReason(e)}</strong><div class="muted">${chinaDateTime(e.at)}${e.expiresAt ? ` · ${t('pointsExpire', { date: chinaDate(e.expiresAt) })}` : ''}</div></span>
                <span class="delta ${e.delta > 0 ? 'up' : 'down'}">${e.delta > 0 ? `+${e.delta}` : `−${-e.delta}`}</span>
              </li>`,
            )}
          </ul>`}
      ${!this.allPoints && this.points.length > 5 ? html`<button class="more" @click=${() => (this.allPoints = true)}>${t('showAllPoints', { n: this.points.length })}</button>` : null}
    </div>`
  }

  #gifts() {
    const { sent, received } = this.gifts
    const state = (g: Gift) => (g.state === 'claimed' ? t(g.role === 'received' ? 'giftReady' : 'giftClaimed') : g.state === 'paid' ? t('giftNotSent') : giftState(g.state))
    return html`<div class="card">
      <h3>${t('gifts')}</h3>
      <ul aria-label=${t('gifts')}>
        ${received.map((g) => html`<li class="coupon"><span><strong>${this.#giftTitle(g)}</strong><div class="muted">${g.message ? `“${g.message}” · ` : ''}${t('until', { date: g.expiresAt.slice(0, 10) })}</div></span><span class="muted">${state(g)}</span></li>`)}
        ${sent.map((g) => html`<li class="coupon"><span><strong>${this.#giftTitle(g)}</strong><div class="muted">${t('sentByYou')}</div></span>${g.state === 'paid' ? html`<button class="primary" aria-label=${t('sendNamed', { name: this.#giftTitle(g) })} @click=${() => go(`/pages/gift/gift?id=${g.id}`)}>${t('send')}</button>` : html`<span class="muted">${state(g)}</span>`}</li>`)}
      </ul>
      ${received.length + sent.length === 0 ? html`<p class="muted">${t('noGifts')}</p>` : null}
      ${this.brand?.gifts?.length ? html`<p><button class="primary" @click=${() => go('/pages/gift/gift')}>${t('sendAGift')}</button></p>` : null}
    </div>`
  }

  #giftTitle(g: Gift) {
    return this.brand ? giftTitle(this.brand, g) : g.title
  }

  async #loadCoupons() {
    this.coupons = await api('GET', '/api/coupons')
  }

  async #claim(c: CouponKind) {
    await api('POST', `/api/coupons/${c.id}/claim`)
    await wx.showToast({ title: t('couponClaimed'), icon: 'success' })
    await this.#loadCoupons()
  }

  #coupons() {
    const { available, mine } = this.coupons
    if (!available.length && !mine.length) return null
    return html`<div class="card">
      <h3>${t('coupons')}</h3>
      <ul aria-label=${t('coupons')}>
        ${mine.map((c) => html`<li class="coupon"><span><strong>${this.brand ? couponTitle(this.brand, c) : c.title}</strong><div class="muted">${c.minSpend ? t('ordersFrom', { amount: yuan(c.minSpend) }) : ''}${t('until', { date: c.expiresAt.slice(0, 10) })}</div></span><span class="muted">${couponState(c.state)}</span></li>`)}
        ${available.map((c) => html`<li class="coupon"><span><strong>${kitTitle(c)}</strong><div class="muted">${c.minSpend ? t('ordersFrom', { amount: yuan(c.minSpend) }) : ''}${t('days', { n: c.validDays })}</div></span><button class="primary" aria-label=${t('claimNamed', { name: kitTitle(c) })} @click=${() => this.#claim(c)}>${t('claim')}</button></li>`)}
      </ul>
    </div>`
  }

  render() {
    if (this.failure) return unavailable(this.failure, () => this.#start())
    const { member: m, brand: b } = this
    if (!m || !b) return html`<p class="muted" style="padding:24px">${t('loading')}</p>`
    return html`
      <section class="member-card" aria-label=${t('memberCard')}>
        <div>${kitName(b)} · <strong aria-label=${t('level')}>${levelName(b, m.level.name)}</strong></div>
        <div class="points" aria-label=${t('pointsLabel')}>${m.points}</div>
        <div>${t('pointsPerYuan', { n: b.loyalty.pointsPerYuan })}</div>
      </section>
      <div class="card">
        ${m.level.next ? html`${t('spendToReach', { amount: yuan(m.level.next.spendToGo) })} <strong>${levelName(b, m.level.next.name)}</strong>${t('fullStop')}` : t('topLevel')}
        <div class="muted">${t('lifetimeSpend', { amount: yuan(m.lifetimeSpend) })}</div>
      </div>
      ${this.#pointsHistory()}
      ${this.#coupons()}
      ${this.#gifts()}
      <div class="card"><button class="primary" @click=${this.#remindMe}>${t('remindMe')}</button></div>
      <div class="card">
        <h3>${t('orders')}</h3>
        <ul aria-label=${t('orders')}>
          ${this.orders.map((o) => html`<li><button @click=${() => go(`/pages/order/order?id=${o.id}`)}><span>${o.pickupNo} · ${o.items.map((i) => productName(b, i.productId, i.name)).join(t('listComma'))}</span><span>${yuan(o.total)} · ${statusOf(b, o)}</span></button></li>`)}
        </ul>
        ${this.orders.length === 0 ? html`<p class="muted">${t('noOrders')}</p><p><button class="primary" @click=${() => go('/pages/menu/menu')}>${t(b.fulfilment.modes[0] === 'shipping' ? 'shopNow' : 'orderNow')}</button></p>` : null}
      </div>
    `
  }
}
