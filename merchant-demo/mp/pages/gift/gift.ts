import { LitElement, css, html } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { api, brand, entry, giftTitle, go, kitName, kitTitle, pageQuery, productName, rememberEntry, t, yuan, type Brand, type Gift, type GiftKind } from '../../lib/store'
import { base } from '../../lib/ui'
import { failureOf, unavailable, type Failure } from '../../lib/mp-unavailable'

/** A gift's state in the store's words. */
const giftState = (s: Gift['state']) => t(({ pending: 'giftPending', paid: 'giftPaid', claimed: 'giftClaimed', redeemed: 'giftRedeemed', closed: 'giftClosed', expired: 'giftExpired' } as const)[s])

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
    void wx.setNavigationBarTitle({ title: t('giftTitle') })
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
        if (g?.sharePath) wx.onShareAppMessage(() => ({ title: t('shareGift', { gift: giftTitle(b, g) }), path: g.sharePath! }))
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
        return void (await wx.showToast({ title: t('paymentCancelled'), icon: 'none' }))
      }
      await wx.redirectTo({ url: `/pages/gift/gift?id=${gift.id}` })
    } catch (err) {
      await wx.showModal({ title: t('couldNotBuyGift'), content: (err as Error).message, showCancel: false })
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
      await wx.showToast({ title: t('giftClaimedToast'), icon: 'success' })
    } catch (err) {
      this.claimable = false
      this.reason = (err as Error).message
    } finally {
      this.busy = false
    }
  }

  #voucher(g: Gift) {
    return html`<section class="voucher" aria-label=${t('giftVoucher')}>
      <div>${t('brandGift', { brand: this.brand ? kitName(this.brand) : '' })}</div>
      <h2>${this.brand ? giftTitle(this.brand, g) : g.title}</h2>
      ${g.message ? html`<p aria-label=${t('giftMessage')}>“${g.message}”</p>` : null}
      <div>${t('worthUntil', { product: this.brand && g.productName ? productName(this.brand, g.productId ?? undefined, g.productName) : (g.productName ?? ''), amount: yuan(g.value), date: g.expiresAt.slice(0, 10) })}</div>
    </section>`
  }

  #choose(b: Brand) {
    return html`
      <div class="card">
        <h3>${t('sendAGift')}</h3>
        <p class="muted">${t(b.fulfilment.modes.includes('pickup') ? 'giftIntroCounter' : 'giftIntro')}</p>
        <ul aria-label=${t('giftsToBuy')}>
          ${b.gifts.map(
            (k: GiftKind) => html`<li><button aria-pressed=${k.id === this.chosen} @click=${() => (this.chosen = k.id)}><img src=${k.image} alt="" /><span><strong>${kitTitle(k)}</strong><div class="muted">${t('validDays', { product: productName(b, k.productId, k.productName), n: k.validDays })}</div></span><span class="price">${yuan(k.price)}</span></button></li>`,
          )}
        </ul>
        <label>${t('note')} <input aria-label=${t('giftNote')} maxlength="60" placeholder=${t('notePlaceholder')} .value=${this.note} @input=${(e: Event) => (this.note = (e.target as HTMLInputElement).value)} /></label>
      </div>
      <div class="bar">
        <span>${((k) => (k ? kitTitle(k) : ''))(b.gifts.find((k) => k.id === this.chosen))}</span>
        <button class="primary" ?disabled=${this.busy || !this.chosen} @click=${this.#buy}>${t('buyGift', { amount: yuan(b.gifts.find((k) => k.id === this.chosen)?.price ?? 0) })}</button>
      </div>
    `
  }

  render() {
    const b = this.brand
    if (this.failure) return unavailable(this.failure, () => void this.#load())
    if (!b) return html`<p class="muted" style="padding:24px">${t('loading')}</p>`
    const { token, id } = pageQuery()
    if (!token && !id) return this.#choose(b)
    const g = this.gift
    if (!g) return html`<p class="muted" style="padding:24px">${t('loading')}</p>`
    if (g.role === 'sent')
      return html`${this.#voucher(g)}
        <div class="card" role="status" aria-label=${t('giftStatus')}>
          ${g.state === 'paid' ? t('paidSendIt') : g.state === 'claimed' ? t('claimedByFriend') : g.state === 'pending' ? t('awaitingPayment') : giftState(g.state)}
        </div>
        ${g.state === 'paid' ? html`<div class="bar"><span class="muted">${t('onlyFriendCanClaim')}</span><button class="primary" @click=${() => document.getElementById('share')?.click()}>${t('sendToFriend')}</button></div>` : null}`
    return html`${this.#voucher(g)}
      ${this.claimable
        ? html`<div class="bar"><span class="muted">${t('giftForYou')}</span><button class="primary" ?disabled=${this.busy} @click=${this.#claim}>${t('claimGift')}</button></div>`
        : g.role === 'received'
          ? html`<div class="card" role="status" aria-label=${t('giftStatus')}>${g.state === 'claimed' ? t(b.fulfilment.modes.includes('pickup') ? 'inYourGiftsCounter' : 'inYourGifts') : giftState(g.state)}</div>
              <div class="bar"><button class="primary" @click=${() => go('/pages/member/member')}>${t('memberCentre')}</button><button class="primary" @click=${() => wx.redirectTo({ url: '/pages/menu/menu' })}>${t(b.fulfilment.modes[0] === 'shipping' ? 'shopNow' : 'orderNow')}</button></div>`
          : html`<div class="card" role="alert">${this.reason}</div>`}`
  }
}
