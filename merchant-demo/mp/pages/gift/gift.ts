import { LitElement, css, html } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { api, brand, entry, go, pageQuery, rememberEntry, yuan, type Brand, type Gift, type GiftKind } from '../../lib/store'
import { base } from '../../lib/ui'
import { failureOf, unavailable, type Failure } from '../../lib/mp-unavailable'

/**
 * The gift flow. Without a query: pick a gift voucher, add a note, pay. With `id` (a gift the member
 * bought): send it to a friend's chat — the card's path carries the gift's token. With `token` (the
 * friend opened the card, scene 1007): what it is, and Claim.
 */
@customElement('mp-gift')
export class MpGift extends LitElement {
  static styles = [
    base,
    css`
      ul { list-style: none; margin: 0; padding: 0; }
      li button { display: flex; align-items: center; gap: 12px; width: 100%; padding: 10px; background: #fff; border: 1px solid #eee; border-radius: 10px; margin-bottom: 8px; text-align: left; color: inherit; }
      li button[aria-pressed='true'] { border-color: var(--primary); }
      li img { width: 48px; height: 48px; }
      .voucher { background: linear-gradient(135deg, var(--primary), var(--accent)); color: #fff; border-radius: 14px; margin: 12px; padding: 20px; }
      .voucher h2 { font-size: 22px; }
      input { font: inherit; width: 100%; box-sizing: border-box; padding: 8px; border: 1px solid #ddd; border-radius: 8px; }
    `,
  ]
  @state() brand: Brand | null = null
  @state() gift: Gift | null = null
  @state() claimable = false
  @state() reason: string | null = null
  @state() chosen = ''
  @state() note = ''
  @state() busy = false
  @state() failure: Failure | null = null

  connectedCallback() {
    super.connectedCallback()
    rememberEntry()
    void wx.setNavigationBarTitle({ title: 'Gift' })
    void this.#load()
  }

  /** The brand and the gift the page is for (a card's token, or one of the member's own), or the error page. */
  async #load() {
    const { token, id } = pageQuery()
    this.failure = null
    try {
      const b = await brand()
      this.brand = b
      this.chosen ||= b.gifts[0]?.id ?? ''
      if (token) {
        const card = await api<{ gift: Gift; claimable: boolean; reason: string | null }>('GET', `/api/gifts/${encodeURIComponent(token)}`)
        this.gift = card.gift
        this.claimable = card.claimable
        this.reason = card.reason
      } else if (id) {
        const { sent } = await api<{ sent: Gift[] }>('GET', '/api/gifts')
        this.gift = sent.find((g) => g.id === id) ?? null
        const g = this.gift
        // Send to Chat (capsule or the share button) sends this card; its path names the gift
        if (g?.sharePath) wx.onShareAppMessage(() => ({ title: `${g.title} — from a friend`, path: g.sharePath! }))
        if (!g) this.failure = failureOf('gift')
      } else if (b.gifts.length === 0) this.failure = failureOf('page')
    } catch (err) {
      this.failure = failureOf('gift', err)
    }
  }

  async #buy() {
    this.busy = true
    try {
      const { gift, payment } = await api<{ gift: Gift; payment: Record<string, string> }>('POST', '/api/gifts', { giftId: this.chosen, message: this.note || undefined, entry: entry() })
      try {
        await wx.requestPayment(payment)
      } catch {
        return void (await wx.showToast({ title: 'Payment cancelled', icon: 'none' }))
      }
      await wx.redirectTo({ url: `/pages/gift/gift?id=${gift.id}` })
    } catch (err) {
      await wx.showModal({ title: 'Could not buy the gift', content: (err as Error).message, showCancel: false })
    } finally {
      this.busy = false
    }
  }

  async #claim() {
    this.busy = true
    try {
      const { gift } = await api<{ gift: Gift }>('POST', `/api/gifts/${encodeURIComponent(pageQuery().token)}/claim`)
      this.gift = gift
      this.claimable = false
      await wx.showToast({ title: 'Gift claimed', icon: 'success' })
    } catch (err) {
      this.claimable = false
      this.reason = (err as Error).message
    } finally {
      this.busy = false
    }
  }

  #voucher(g: Gift) {
    return html`<section class="voucher" aria-label="Gift voucher">
      <div>${this.brand?.name ?? ''} gift</div>
      <h2>${g.title}</h2>
      ${g.message ? html`<p aria-label="Gift message">“${g.message}”</p>` : null}
      <div>${g.productName} · worth ${yuan(g.value)} · until ${g.expiresAt.slice(0, 10)}</div>
    </section>`
  }

  #choose(b: Brand) {
    return html`
      <div class="card">
        <h3>Send a gift</h3>
        <p class="muted">Buy a gift voucher and send it to a friend's chat. They claim it and redeem it at checkout${b.fulfilment.modes.includes('pickup') ? ' or at the counter' : ''}.</p>
        <ul aria-label="Gifts to buy">
          ${b.gifts.map(
            (k: GiftKind) => html`<li><button aria-pressed=${k.id === this.chosen} @click=${() => (this.chosen = k.id)}><img src=${k.image} alt="" /><span><strong>${k.title}</strong><div class="muted">${k.productName} · valid ${k.validDays} days</div></span><span class="price">${yuan(k.price)}</span></button></li>`,
          )}
        </ul>
        <label>Note <input aria-label="Gift note" maxlength="60" placeholder="Happy Friday!" .value=${this.note} @input=${(e: Event) => (this.note = (e.target as HTMLInputElement).value)} /></label>
      </div>
      <div class="bar">
        <span>${b.gifts.find((k) => k.id === this.chosen)?.title ?? ''}</span>
        <button class="primary" ?disabled=${this.busy || !this.chosen} @click=${this.#buy}>Buy gift ${yuan(b.gifts.find((k) => k.id === this.chosen)?.price ?? 0)}</button>
      </div>
    `
  }

  render() {
    const b = this.brand
    if (this.failure) return unavailable(this.failure, () => void this.#load())
    if (!b) return html`<p class="muted" style="padding:24px">Loading…</p>`
    const { token, id } = pageQuery()
    if (!token && !id) return this.#choose(b)
    const g = this.gift
    if (!g) return html`<p class="muted" style="padding:24px">Loading…</p>`
    if (g.role === 'sent')
      return html`${this.#voucher(g)}
        <div class="card" role="status" aria-label="Gift status">
          ${g.state === 'paid' ? 'Paid · send it to a friend' : g.state === 'claimed' ? 'Claimed by your friend' : g.state === 'pending' ? 'Awaiting payment' : g.state}
        </div>
        ${g.state === 'paid' ? html`<div class="bar"><span class="muted">Only the friend you send it to can claim it</span><button class="primary" @click=${() => document.getElementById('share')?.click()}>Send to a friend</button></div>` : null}`
    return html`${this.#voucher(g)}
      ${this.claimable
        ? html`<div class="bar"><span class="muted">A gift for you</span><button class="primary" ?disabled=${this.busy} @click=${this.#claim}>Claim gift</button></div>`
        : g.role === 'received'
          ? html`<div class="card" role="status" aria-label="Gift status">${g.state === 'claimed' ? `In your gifts · redeem it at checkout${b.fulfilment.modes.includes('pickup') ? ' or show it at the counter' : ''}` : g.state}</div>
              <div class="bar"><button class="primary" @click=${() => go('/pages/member/member')}>Member centre</button><button class="primary" @click=${() => wx.redirectTo({ url: '/pages/menu/menu' })}>Order now</button></div>`
          : html`<div class="card" role="alert">${this.reason}</div>`}`
  }
}
