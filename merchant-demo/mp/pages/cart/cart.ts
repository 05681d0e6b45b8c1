import { LitElement, css, html } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { api, brand, choicesOf, couponTitle, entry, giftTitle, kitName, productName, say, shopperMessage, slotName, t, tableOf, yuan, type Brand, type Coupon, type Gift, type Member, type Mode, type Order } from '../../lib/store'
import { base } from '../../lib/ui'
import { failureOf, unavailable, type Failure } from '../../lib/mp-unavailable'

/** the kit's points-at-checkout rule (`loyalty.redeem`) */
type Redeem = { points: number; value: number; maxShare: number }

/** a slot a booking kit offers (GET /api/booking/slots) */
type Slot = { slot: string; date: string; time: string; left: number }

interface Cart {
  lines: { id: number; productId: string; name: string; labels: { option: string; choice: string }[]; quantity: number; unitPrice: number; lineTotal: number }[]
  count: number
  total: number
}

/** A WeChat address on one line, as the person's address book writes it (province and city once when they are one). */
function oneLine(a: WxAddress) {
  const parts = [...new Set([a.provinceName, a.cityName])]
  return /[\u4e00-\u9fff]/.test(a.detailInfo) ? parts.join('') + a.countyName + a.detailInfo : [a.detailInfo, a.countyName, ...parts.reverse()].join(', ')
}

/** Cart and checkout: lines, where it is served, then WeChat Pay and the order-ready consent. */
@customElement('mp-cart')
export class MpCart extends LitElement {
  static styles = [
    base,
    css`
      li { display: flex; justify-content: space-between; gap: 8px; padding: 10px 0; border-bottom: 1px solid #f2f2f2; }
      ul { list-style: none; margin: 0; padding: 0; }
      .qty { display: flex; align-items: center; gap: 8px; }
      .qty button { width: 26px; height: 26px; border-radius: 50%; background: #f4f4f4; }
      .coupon { display: flex; justify-content: space-between; align-items: center; padding-top: 10px; }
      li.store { cursor: pointer; align-items: center; }
      .address { display: flex; align-items: center; gap: 12px; width: 100%; padding: 4px 0; background: none; color: inherit; text-align: left; font: inherit; border: 0; cursor: pointer; }
      .address .pin { flex: none; width: 32px; height: 32px; border-radius: 50%; display: grid; place-items: center; background: color-mix(in srgb, var(--primary) 12%, #fff); }
      .address .text { flex: 1; min-width: 0; }
      .address .who { font-weight: 600; }
      .address .who span { font-weight: 400; color: #888; margin-left: 8px; }
      .address .chev { color: #bbb; font-size: 20px; }
      button.link { background: none; border: 0; padding: 8px 0 0; color: #576b95; font: inherit; font-size: 14px; cursor: pointer; }
      li.store .tick { color: var(--primary); font-weight: 700; width: 18px; text-align: right; }
      li.store.chosen strong { color: var(--primary); }
      input[type='checkbox'] { accent-color: var(--primary); width: 18px; height: 18px; vertical-align: middle; margin: 0 0 0 6px; }
      .slots { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; margin: 8px 0 0; padding: 0; }
      .slots li { border: 1px solid #ddd; border-radius: 6px; padding: 6px 10px; cursor: pointer; font-size: 14px; text-align: center; }
      .slots li[aria-checked='true'] { border-color: var(--primary); color: var(--primary); font-weight: 700; }
      .slots li[aria-disabled='true'] { color: #bbb; cursor: default; }
      .slots small { display: block; font-size: 11px; color: #999; font-weight: 400; }
      select { font: inherit; padding: 4px; border-radius: 6px; border: 1px solid #ddd; background: #fff; max-width: 60%; }
    `,
  ]
  @state() brand: Brand | null = null
  @state() cart: Cart | null = null
  @state() paying = false
  @state() coupons: Coupon[] = []
  /** the member coupon applied, or '' for none */
  @state() couponId = ''
  @state() gifts: Gift[] = []
  /** the received gift redeemed, or '' for none */
  @state() giftId = ''
  /** the member's points, and whether to spend them on this order */
  @state() memberPoints = 0
  @state() usePoints = false
  /** pickup kits: the store chosen (remembered in wx storage, as store apps keep your usual store) */
  @state() storeId = ''
  /** shipping kits: where it goes (from wx.chooseAddress, or typed) */
  @state() address = { name: '', phone: '', address: '' }
  /** the address is typed in the form (no WeChat address book, or the person prefers to) */
  @state() typing = false
  /** how it reaches the person, of the kit's modes (the first unless the person picks another) */
  @state() mode: Mode = 'pickup'
  /** booking kits: the slots on offer, the day shown and the slot chosen ('' until one is) */
  @state() slots: Slot[] = []
  @state() day = ''
  @state() slot = ''
  @state() failure: Failure | null = null

  connectedCallback() {
    super.connectedCallback()
    void wx.setNavigationBarTitle({ title: t('checkoutTitle') })
    void this.#start()
  }

  async #start() {
    this.failure = null
    try {
      const b = await brand()
      this.brand = b
      const kept = wx.getStorageSync('storeId') as string
      this.storeId = b.stores.some((s) => s.id === kept) ? kept : b.stores[0].id
      this.mode = b.fulfilment.modes[0]
      await this.#load()
    } catch (err) {
      this.failure = failureOf('page', err)
    }
  }

  async #load() {
    this.cart = await api<Cart>('GET', '/api/cart')
    this.coupons = (await api<{ mine: Coupon[] }>('GET', '/api/coupons')).mine.filter((c) => c.state === 'usable')
    this.gifts = (await api<{ received: Gift[] }>('GET', '/api/gifts')).received.filter((g) => g.state === 'claimed')
    this.memberPoints = (await api<{ member: Member }>('GET', '/api/me')).member.points
    if (this.brand?.fulfilment.modes.includes('booking')) {
      this.slots = (await api<{ slots: Slot[] }>('GET', '/api/booking/slots')).slots
      this.day = this.slots.find((s) => s.left > 0)?.date ?? this.slots[0]?.date ?? ''
      if (!this.slots.some((s) => s.slot === this.slot && s.left > 0)) this.slot = ''
    }
    // a gift for something in the cart is used first: it is what the friend meant
    this.giftId = this.#giftsHere()[0]?.id ?? ''
    // the best coupon that applies, as WeChat stores pre-select it
    const best = this.#applicable().sort((a, b) => b.amountOff - a.amountOff)[0]
    this.couponId = best?.id ?? ''
  }

  #giftsHere() {
    return this.gifts.filter((g) => this.cart?.lines.some((l) => l.productId === g.productId))
  }

  get #giftOff() {
    const g = this.gifts.find((g) => g.id === this.giftId)
    const lines = this.cart?.lines.filter((l) => l.productId === g?.productId) ?? []
    return g && lines.length ? Math.min(g.value, ...lines.map((l) => l.unitPrice)) : 0
  }

  #applicable() {
    return this.coupons.filter((c) => (this.cart?.total ?? 0) >= c.minSpend)
  }

  get #giftAndCouponOff() {
    const c = this.coupons.find((c) => c.id === this.couponId)
    const rest = (this.cart?.total ?? 0) - this.#giftOff
    return this.#giftOff + (c && this.cart ? Math.max(0, Math.min(c.amountOff, rest - 1)) : 0)
  }

  /** The most points this order takes (whole units, what the member has, the kit's share of what is left). */
  get #pointsOffer() {
    const rule = (this.brand?.loyalty as { redeem?: Redeem } | undefined)?.redeem
    if (!rule || !this.cart) return null
    const cap = Math.floor((this.cart.total - this.#giftAndCouponOff) * rule.maxShare)
    const units = Math.min(Math.floor(this.memberPoints / rule.points), Math.floor(cap / rule.value))
    return units > 0 ? { points: units * rule.points, off: units * rule.value } : null
  }

  get #discount() {
    const offer = this.usePoints ? this.#pointsOffer : null
    return this.#giftAndCouponOff + (offer?.off ?? 0)
  }

  async #setQuantity(id: number, quantity: number) {
    this.cart = await api<Cart>('PATCH', `/api/cart/items/${id}`, { quantity })
    if (!this.#applicable().some((c) => c.id === this.couponId)) this.couponId = ''
    if (!this.#giftsHere().some((g) => g.id === this.giftId)) this.giftId = ''
  }

  async #pay() {
    // a table code's order is served at its table; else the mode chosen, with an address when it goes out
    const mode = tableOf(entry().query) ? 'pickup' : this.mode
    if (mode === 'booking' && !this.slot) return void (await wx.showToast({ title: t('pickASlot'), icon: 'none' }))
    const shipping = mode === 'delivery' || mode === 'shipping'
    if (shipping && !this.typing && !this.address.name) {
      // nothing chosen yet: WeChat's address book first, as the stores do
      if (!(await this.#chooseAddress())) return
    }
    this.paying = true
    try {
      const { order, payment } = await api<{ order: Order; payment: Record<string, string> | null }>('POST', '/api/orders', {
        entry: entry(),
        // a table code belongs to the store that printed it (the first); else the store chosen
        ...(this.brand && !shipping ? { storeId: tableOf(entry().query) ? this.brand.stores[0].id : this.storeId } : {}),
        ...(this.couponId ? { couponId: this.couponId } : {}),
        ...(this.giftId ? { giftId: this.giftId } : {}),
        ...(this.usePoints && this.#pointsOffer ? { usePoints: this.#pointsOffer.points } : {}),
        ...(shipping ? { address: this.address } : {}),
        ...(mode === 'booking' ? { slot: this.slot } : {}),
        ...(tableOf(entry().query) ? {} : { mode }),
      })
      // nothing to pay when a gift covered it all
      if (payment)
        try {
          await wx.requestPayment(payment)
        } catch {
          await wx.showToast({ title: t('paymentCancelled'), icon: 'none' })
          return void (await wx.redirectTo({ url: `/pages/order/order?id=${order.id}` }))
        }
      // one "order ready" (or, shipped, "order shipped") message, if the person agrees (WeChat asks; the store is told the answer)
      const ids = await api<{ orderReady: string; orderShipped: string }>('GET', '/api/subscriptions')
      const tmpl = shipping ? ids.orderShipped : ids.orderReady
      const answer = await wx.requestSubscribeMessage({ tmplIds: [tmpl] }).catch(() => ({}) as Record<string, string>)
      await api('POST', `/api/orders/${order.id}/consent`, { accepted: answer[tmpl] === 'accept' })
      await wx.redirectTo({ url: `/pages/order/order?id=${order.id}` })
    } catch (err) {
      await wx.showModal({ title: t('couldNotOrder'), content: shopperMessage(err), showCancel: false })
    } finally {
      this.paying = false
    }
  }

  /** wx.chooseAddress: the person picks one of their WeChat addresses; false when they cancel. */
  async #chooseAddress() {
    try {
      const a = await wx.chooseAddress()
      const line = oneLine(a)
      this.address = { name: a.userName, phone: a.telNumber, address: line }
      this.typing = false
      return true
    } catch (err) {
      // no address book on this phone (an old base library): the form instead
      if (!/cancel/.test((err as { errMsg?: string }).errMsg ?? '')) this.typing = true
      return false
    }
  }

  #giftPicker() {
    const here = this.#giftsHere()
    if (here.length === 0) return null
    return html`<label class="coupon">
      ${t('gift')}
      <select aria-label=${t('gift')} @change=${(e: Event) => (this.giftId = (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${this.giftId === ''}>${t('none')}</option>
        ${here.map((g) => html`<option value=${g.id} ?selected=${g.id === this.giftId}>${giftTitle(this.brand!, g)} (−${yuan(g.value)})</option>`)}
      </select>
    </label>`
  }

  /** Where it goes: the WeChat address chosen (tap to change), else "Choose a WeChat address"; or the form, typed. */
  #addressForm() {
    const heading = html`<h3>${say(this.brand!.fulfilment.words[this.mode].where)}</h3>`
    const pin = html`<span class="pin" aria-hidden="true"><svg width="18" height="18" viewBox="0 0 24 24"><path d="M12 21s-7-6.2-7-11.5A7 7 0 0 1 19 9.5C19 14.8 12 21 12 21z" fill="none" stroke="var(--primary)" stroke-width="1.8"/><circle cx="12" cy="9.5" r="2.5" fill="var(--primary)"/></svg></span>`
    if (this.typing) {
      const field = (key: 'name' | 'phone' | 'address', label: string) =>
        html`<label style="display:block;margin-top:6px">${label} <input aria-label=${label} style="font:inherit;width:100%;box-sizing:border-box;padding:6px;border:1px solid #ddd;border-radius:6px" .value=${this.address[key]} @input=${(e: Event) => (this.address = { ...this.address, [key]: (e.target as HTMLInputElement).value })} /></label>`
      return html`<div class="card">${heading}${field('name', t('name'))}${field('phone', t('phone'))}${field('address', t('address'))}<button class="link" @click=${() => void this.#chooseAddress()}>${t('chooseAddress')}</button></div>`
    }
    const a = this.address
    return html`<div class="card">
      ${heading}
      ${a.name
        ? html`<button class="address" aria-label=${`${t('chosenAddress')}: ${a.name} ${a.phone} ${a.address}. ${t('changeAddress')}`} @click=${() => void this.#chooseAddress()}>
            ${pin}<span class="text"><div class="who">${a.name}<span>${a.phone}</span></div><div class="muted">${a.address}</div></span><span class="chev">›</span>
          </button>`
        : html`<button class="address" aria-label=${t('chooseAddress')} @click=${() => void this.#chooseAddress()}>
            ${pin}<span class="text"><div class="who">${t('chooseAddress')}</div><div class="muted">${t('chooseAddressHint')}</div></span><span class="chev">›</span>
          </button>`}
      <button class="link" @click=${() => (this.typing = true)}>${t('enterAddress')}</button>
    </div>`
  }

  /** Booking kits: the day, then its times (a full one greyed out). */
  #slotPicker() {
    const days = [...new Set(this.slots.map((s) => s.date))]
    if (days.length === 0) return html`<div class="card"><h3>${t('slotWhen')}</h3><p class="muted">${t('noSlots')}</p></div>`
    const chip = (checked: boolean, label: string, pick: () => void, disabled = false, note = '') =>
      html`<li role="radio" aria-checked=${checked ? 'true' : 'false'} aria-disabled=${disabled ? 'true' : 'false'} aria-label=${label} @click=${() => !disabled && pick()}>${label}${note ? html`<small>${note}</small>` : null}</li>`
    return html`<div class="card">
      <h3>${t('slotWhen')}${this.slot ? html` <span class="muted">· ${slotName(this.slot)}</span>` : null}</h3>
      <ul class="slots" role="radiogroup" aria-label=${t('slotDay')}>
        ${days.map((d) => chip(d === this.day, slotName(d, true), () => (this.day = d)))}
      </ul>
      <ul class="slots" role="radiogroup" aria-label=${t('slotTime')}>
        ${this.slots.filter((s) => s.date === this.day).map((s) => chip(s.slot === this.slot, s.time, () => (this.slot = s.slot), s.left === 0, s.left === 0 ? t('slotFull') : t('slotLeft', { n: s.left })))}
      </ul>
    </div>`
  }

  #pointsToggle() {
    const offer = this.#pointsOffer
    if (!offer) return null
    return html`<label class="coupon">
      ${t('pointsLabel')}
      <span class="muted"
        >${t('usePointsOf', { points: offer.points, all: this.memberPoints })} (−${yuan(offer.off)})
        <input type="checkbox" aria-label=${t('usePoints')} .checked=${this.usePoints} @change=${(e: Event) => (this.usePoints = (e.target as HTMLInputElement).checked)}
      /></span>
    </label>`
  }

  #couponPicker() {
    if (this.coupons.length === 0) return null
    const usable = this.#applicable()
    return html`<label class="coupon">
      ${t('coupon')}
      <select aria-label=${t('coupon')} @change=${(e: Event) => (this.couponId = (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${this.couponId === ''}>${t('none')}</option>
        ${this.coupons.map((c) => html`<option value=${c.id} ?disabled=${!usable.includes(c)} ?selected=${c.id === this.couponId}>${couponTitle(this.brand!, c)} (−${yuan(c.amountOff)})</option>`)}
      </select>
    </label>`
  }

  /** Delivery or pick up, when the kit offers more than one mode (a table code's order is served at the table). */
  #modes(b: Brand) {
    if (b.fulfilment.modes.length < 2 || tableOf(entry().query)) return null
    return html`<div class="card">
      <ul role="radiogroup" aria-label=${t('howYouGetIt')}>
        ${b.fulfilment.modes.map(
          (m) => html`<li role="radio" aria-checked=${m === this.mode ? 'true' : 'false'} aria-label=${say(b.fulfilment.words[m].name)} class="store ${m === this.mode ? 'chosen' : ''}" @click=${() => (this.mode = m)}>
            <strong>${say(b.fulfilment.words[m].name)}</strong><span class="tick">${m === this.mode ? '✓' : ''}</span>
          </li>`,
        )}
      </ul>
    </div>`
  }

  #where(b: Brand) {
    const table = tableOf(entry().query)
    const shop = b.stores.find((s) => s.id === this.storeId) ?? b.stores[0]
    const words = b.fulfilment.words[this.mode]
    if (table || (this.mode !== 'pickup' && this.mode !== 'booking') || b.stores.length < 2)
      return html`<div class="card">
        <h3>${table ? t('table', { table }) : say(words.name)}</h3>
        <div class="muted">${kitName(table ? b.stores[0] : shop)} · ${(table ? b.stores[0] : shop).address}</div>
      </div>`
    const choose = (id: string) => {
      this.storeId = id
      wx.setStorageSync('storeId', id)
    }
    return html`<div class="card">
      <h3>${say(words.where)}</h3>
      <ul role="radiogroup" aria-label=${t('pickupStore')}>
        ${b.stores.map(
          (s) => html`<li role="radio" aria-checked=${s.id === this.storeId ? 'true' : 'false'} aria-label=${kitName(s)} class="store ${s.id === this.storeId ? 'chosen' : ''}" @click=${() => choose(s.id)}>
            <span><strong>${kitName(s)}</strong><div class="muted">${s.address}</div></span><span class="tick">${s.id === this.storeId ? '✓' : ''}</span>
          </li>`,
        )}
      </ul>
    </div>`
  }

  render() {
    if (this.failure) return unavailable(this.failure, () => void this.#start())
    const { cart, brand: b } = this
    if (!cart || !b) return html`<p class="muted" style="padding:24px">${t('loading')}</p>`
    const table = tableOf(entry().query)
    return html`
      ${this.#modes(b)}
      ${this.#where(b)}
      ${(this.mode === 'delivery' || this.mode === 'shipping') && !table ? this.#addressForm() : null}
      ${this.mode === 'booking' && !table ? this.#slotPicker() : null}
      <div class="card">
        ${cart.lines.length === 0 ? html`<p class="muted">${t('cartEmpty')}</p>` : null}
        <ul aria-label=${t('cart')}>
          ${cart.lines.map(
            (l) => html`<li>
              <span><strong>${productName(b, l.productId, l.name)}</strong><div class="muted">${choicesOf(b, l.productId, l.labels)}</div><div class="price">${yuan(l.unitPrice)}</div></span>
              <span class="qty">
                <button aria-label=${t('oneLess', { name: productName(b, l.productId, l.name) })} @click=${() => this.#setQuantity(l.id, l.quantity - 1)}>−</button>${l.quantity}
                <button aria-label=${t('oneMore', { name: productName(b, l.productId, l.name) })} @click=${() => this.#setQuantity(l.id, l.quantity + 1)}>+</button>
              </span>
            </li>`,
          )}
        </ul>
        ${this.#giftPicker()}
        ${this.#couponPicker()}
        ${this.#pointsToggle()}
        <p class="muted">${t('earnPoints', { n: Math.floor((cart.total - this.#discount) / 100) * b.loyalty.pointsPerYuan })}</p>
      </div>
      <div class="bar">
        <span>${t('total')} <span class="price" aria-label=${t('total')}>${yuan(cart.total - this.#discount)}</span></span>
        <button class="primary" ?disabled=${this.paying || cart.count === 0} @click=${this.#pay}>${t('pay', { amount: yuan(cart.total - this.#discount) })}</button>
      </div>
    `
  }
}
