import { LitElement, css, html } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { api, brand, go, statusOf, yuan, type Brand, type Coupon, type CouponKind, type Gift, type Member, type Order } from '../../lib/store'
import { base } from '../../lib/ui'
import { failureOf, unavailable, type Failure } from '../../lib/mp-unavailable'

/** Member centre: the card with level and points, progress to the next level, past orders. */
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
    `,
  ]
  @state() brand: Brand | null = null
  @state() member: Member | null = null
  @state() orders: Order[] = []
  @state() coupons: { available: CouponKind[]; mine: Coupon[] } = { available: [], mine: [] }
  @state() gifts: { sent: Gift[]; received: Gift[] } = { sent: [], received: [] }
  @state() failure: Failure | null = null

  connectedCallback() {
    super.connectedCallback()
    void wx.setNavigationBarTitle({ title: 'Member Centre' })
    this.#start()
  }

  #start() {
    this.failure = null
    const failed = (err: unknown) => (this.failure = failureOf('page', err))
    brand().then((b) => (this.brand = b), failed)
    api<{ member: Member }>('GET', '/api/me').then((r) => (this.member = r.member), failed)
    api<{ orders: Order[] }>('GET', '/api/orders').then((r) => (this.orders = r.orders), failed)
    this.#loadCoupons().catch(failed)
    api<{ sent: Gift[]; received: Gift[] }>('GET', '/api/gifts').then((r) => (this.gifts = r), failed)
  }

  /** One points-changed and one coupon-expiring message, if the person agrees (WeChat asks). */
  async #remindMe() {
    const ids = await api<{ pointsChanged: string; couponExpiring: string }>('GET', '/api/subscriptions')
    const answer = await wx.requestSubscribeMessage({ tmplIds: [ids.pointsChanged, ids.couponExpiring] }).catch(() => ({}) as Record<string, string>)
    const accepted = (['pointsChanged', 'couponExpiring'] as const).filter((k) => answer[ids[k]] === 'accept')
    await api('POST', '/api/consents', { accepted })
    if (accepted.length) await wx.showToast({ title: 'We will let you know', icon: 'success' })
  }

  #gifts() {
    const { sent, received } = this.gifts
    const state = (g: Gift) => (g.state === 'claimed' ? (g.role === 'received' ? 'ready to redeem' : 'claimed') : g.state === 'paid' ? 'not sent yet' : g.state)
    return html`<div class="card">
      <h3>Gifts</h3>
      <ul aria-label="Gifts">
        ${received.map((g) => html`<li class="coupon"><span><strong>${g.title}</strong><div class="muted">${g.message ? `“${g.message}” · ` : ''}until ${g.expiresAt.slice(0, 10)}</div></span><span class="muted">${state(g)}</span></li>`)}
        ${sent.map((g) => html`<li class="coupon"><span><strong>${g.title}</strong><div class="muted">sent by you</div></span>${g.state === 'paid' ? html`<button class="primary" aria-label=${`Send ${g.title}`} @click=${() => go(`/pages/gift/gift?id=${g.id}`)}>Send</button>` : html`<span class="muted">${state(g)}</span>`}</li>`)}
      </ul>
      ${received.length + sent.length === 0 ? html`<p class="muted">No gifts yet.</p>` : null}
      ${this.brand?.gifts?.length ? html`<p><button class="primary" @click=${() => go('/pages/gift/gift')}>Send a gift</button></p>` : null}
    </div>`
  }

  async #loadCoupons() {
    this.coupons = await api('GET', '/api/coupons')
  }

  async #claim(c: CouponKind) {
    await api('POST', `/api/coupons/${c.id}/claim`)
    await wx.showToast({ title: 'Coupon claimed', icon: 'success' })
    await this.#loadCoupons()
  }

  #coupons() {
    const { available, mine } = this.coupons
    if (!available.length && !mine.length) return null
    return html`<div class="card">
      <h3>Coupons</h3>
      <ul aria-label="Coupons">
        ${mine.map((c) => html`<li class="coupon"><span><strong>${c.title}</strong><div class="muted">${c.minSpend ? `Orders from ${yuan(c.minSpend)} · ` : ''}until ${c.expiresAt.slice(0, 10)}</div></span><span class="muted">${c.state}</span></li>`)}
        ${available.map((c) => html`<li class="coupon"><span><strong>${c.title}</strong><div class="muted">${c.minSpend ? `Orders from ${yuan(c.minSpend)} · ` : ''}${c.validDays} days</div></span><button class="primary" aria-label=${`Claim ${c.title}`} @click=${() => this.#claim(c)}>Claim</button></li>`)}
      </ul>
    </div>`
  }

  render() {
    if (this.failure) return unavailable(this.failure, () => this.#start())
    const { member: m, brand: b } = this
    if (!m || !b) return html`<p class="muted" style="padding:24px">Loading…</p>`
    return html`
      <section class="member-card" aria-label="Member card">
        <div>${b.name} · <strong aria-label="Level">${m.level.name}</strong></div>
        <div class="points" aria-label="Points">${m.points}</div>
        <div>points · ${b.loyalty.pointsPerYuan} per ¥1</div>
      </section>
      <div class="card">
        ${m.level.next ? html`Spend ${yuan(m.level.next.spendToGo)} more to reach <strong>${m.level.next.name}</strong>.` : html`You are at the top level.`}
        <div class="muted">Lifetime spend ${yuan(m.lifetimeSpend)}</div>
      </div>
      ${this.#coupons()}
      ${this.#gifts()}
      <div class="card"><button class="primary" @click=${this.#remindMe}>Remind me about points and coupons</button></div>
      <div class="card">
        <h3>Orders</h3>
        <ul aria-label="Orders">
          ${this.orders.map((o) => html`<li><button @click=${() => go(`/pages/order/order?id=${o.id}`)}><span>${o.pickupNo} · ${o.items.map((i) => i.name).join(', ')}</span><span>${yuan(o.total)} · ${statusOf(b, o)}</span></button></li>`)}
        </ul>
        ${this.orders.length === 0 ? html`<p class="muted">No orders yet.</p><p><button class="primary" @click=${() => go('/pages/menu/menu')}>Order now</button></p>` : null}
      </div>
    `
  }
}
