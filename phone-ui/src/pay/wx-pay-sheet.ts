import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { Lang } from '../i18n'

export interface PaySummary {
  merchantName: string
  description: string
  total: number
}
export type PayMethod = 'balance' | 'card'
export type PayOutcome = 'success' | 'cancel' | 'wrong_password' | 'insufficient_balance' | 'fail'
/** Submits the payment to the platform; resolves with its outcome and message. */
export type PaySubmit = (input: { password?: string; biometric?: boolean; method: PayMethod; action: 'pay' | 'cancel' }) => Promise<{ outcome: PayOutcome; message: string }>

const L = {
  en: { title: 'Enter payment password', method: 'Payment Method', balance: 'Balance', card: 'China Merchants Bank Debit (8888)', wrong: 'Incorrect payment password. Try again.', retry: 'Retry', short: 'Insufficient balance. Choose another payment method.', ok: 'OK', paid: 'Payment Successful', done: 'Done', face: 'Use Face ID', close: 'Close', },
  zh: { title: '请输入支付密码', method: '付款方式', balance: '零钱', card: '招商银行储蓄卡(8888)', wrong: '支付密码错误，请重试', retry: '重试', short: '零钱余额不足，请选择其他付款方式', ok: '确定', paid: '支付成功', done: '完成', face: '使用面容支付', close: '关闭', },
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`

/**
 * WeChat Pay's sheet: slides up with the merchant and amount, takes the six-digit password (or a
 * "Face ID" shortcut), lets the person switch between balance and card, then shows the result.
 */
@customElement('wx-pay-sheet')
export class WxPaySheet extends LitElement {
  static styles = css`
    :host {
      position: absolute;
      inset: 0;
      z-index: 30;
      background: rgba(0, 0, 0, 0.5);
      display: flex;
      flex-direction: column;
      justify-content: flex-end;
      font-size: 15px;
      color: #191919;
    }
    .sheet {
      background: #fff;
      border-radius: 12px 12px 0 0;
      animation: up 0.22s ease-out;
    }
    @keyframes up {
      from {
        transform: translateY(100%);
      }
    }
    .head {
      display: flex;
      align-items: center;
      height: 52px;
      padding: 0 8px;
      border-bottom: 1px solid rgba(0, 0, 0, 0.06);
    }
    .head h2 {
      flex: 1;
      text-align: center;
      margin: 0;
      font-size: 16px;
      font-weight: 500;
      margin-right: 40px;
    }
    button {
      font: inherit;
      background: none;
      border: 0;
      cursor: pointer;
      color: inherit;
    }
    .x {
      width: 40px;
      height: 40px;
      font-size: 22px;
      color: #7f7f7f;
    }
    .merchant {
      text-align: center;
      margin-top: 20px;
      color: #4c4c4c;
    }
    .amount {
      text-align: center;
      font-size: 38px;
      font-weight: 600;
      margin: 6px 0 18px;
      letter-spacing: 0.5px;
    }
    .method {
      display: flex;
      justify-content: space-between;
      margin: 0 24px;
      padding: 14px 0;
      border-top: 1px solid rgba(0, 0, 0, 0.06);
      border-bottom: 1px solid rgba(0, 0, 0, 0.06);
      width: calc(100% - 48px);
      color: #7f7f7f;
    }
    .method b {
      font-weight: 400;
      color: #191919;
    }
    .dots {
      display: grid;
      grid-template-columns: repeat(6, 1fr);
      margin: 22px 24px 12px;
      border: 1px solid #d9d9d9;
      border-radius: 6px;
      height: 46px;
    }
    .dots span {
      display: grid;
      place-items: center;
      border-left: 1px solid #d9d9d9;
    }
    .dots span:first-child {
      border-left: 0;
    }
    .dots i {
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: #191919;
    }
    .face {
      display: block;
      margin: 6px auto 14px;
      color: #576b95;
      font-size: 14px;
    }
    .keys {
      display: grid;
      grid-template-columns: repeat(3, 1fr);
      gap: 1px;
      background: #d1d5db;
      padding-top: 1px;
    }
    .keys button {
      height: 52px;
      background: #fff;
      font-size: 24px;
    }
    .keys button:active {
      background: #e5e5e5;
    }
    .keys .blank {
      background: #f2f2f2;
    }
    .alert {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      background: rgba(0, 0, 0, 0.35);
    }
    .alert div {
      width: 76%;
      background: #fff;
      border-radius: 12px;
      text-align: center;
      overflow: hidden;
    }
    .alert p {
      margin: 28px 20px;
      line-height: 1.5;
    }
    .alert button {
      width: 100%;
      height: 52px;
      border-top: 1px solid rgba(0, 0, 0, 0.08);
      color: #576b95;
      font-weight: 600;
      font-size: 17px;
    }
    .result {
      background: #fff;
      position: absolute;
      inset: 0;
      display: flex;
      flex-direction: column;
      align-items: center;
      padding-top: 120px;
      gap: 12px;
    }
    .result h2 {
      margin: 10px 0 0;
      font-weight: 500;
      font-size: 19px;
    }
    .result .amount {
      margin: 0;
    }
    .result .done {
      margin-top: auto;
      margin-bottom: 80px;
      width: 180px;
      height: 44px;
      border-radius: 8px;
      background: #07c160;
      color: #fff;
      font-size: 17px;
    }
  `
  @property({ attribute: false }) summary!: PaySummary
  @property({ attribute: false }) submit!: PaySubmit
  @property() lang: Lang = 'en'
  @state() private digits = ''
  @state() private method: PayMethod = 'balance'
  @state() private busy = false
  @state() private alert: { text: string; button: string } | null = null
  @state() private paid = false

  render() {
    const l = L[this.lang]
    if (this.paid) return this.#result()
    return html`<div class="sheet" role="dialog" aria-label="WeChat Pay">
        <div class="head">
          <button class="x" aria-label=${l.close} @click=${this.#cancel}>✕</button>
          <h2>${l.title}</h2>
        </div>
        <div class="merchant">${this.summary.merchantName}</div>
        <div class="amount" aria-label="Amount">${yuan(this.summary.total)}</div>
        <button class="method" aria-label=${l.method} @click=${() => (this.method = this.method === 'balance' ? 'card' : 'balance')}>
          <span>${l.method}</span><b>${this.method === 'balance' ? l.balance : l.card} ›</b>
        </button>
        <div class="dots" aria-label="Password, ${this.digits.length} of 6 digits">
          ${[0, 1, 2, 3, 4, 5].map((i) => html`<span>${i < this.digits.length ? html`<i></i>` : null}</span>`)}
        </div>
        <button class="face" @click=${this.#biometric}>${l.face}</button>
        <div class="keys">
          ${['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => html`<button aria-label=${d} @click=${() => this.#key(d)}>${d}</button>`)}
          <span class="blank"></span>
          <button aria-label="0" @click=${() => this.#key('0')}>0</button>
          <button aria-label="Delete" @click=${() => (this.digits = this.digits.slice(0, -1))}>⌫</button>
        </div>
      </div>
      ${this.alert
        ? html`<div class="alert"><div role="alertdialog"><p>${this.alert.text}</p><button @click=${() => (this.alert = null)}>${this.alert.button}</button></div></div>`
        : null}`
  }

  #result() {
    const l = L[this.lang]
    return html`<div class="result" role="dialog" aria-label=${l.paid}>
      <svg width="64" height="64" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="11" fill="#07c160"/><path d="M6.5 12.5l3.5 3.5 7.5-7.5" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>
      <h2>${l.paid}</h2>
      <div class="amount">${yuan(this.summary.total)}</div>
      <div>${this.summary.merchantName}</div>
      <button class="done" @click=${() => this.#finish('success')}>${l.done}</button>
    </div>`
  }

  async #key(d: string) {
    if (this.busy || this.digits.length >= 6) return
    this.digits += d
    if (this.digits.length === 6) await this.#pay({ password: this.digits })
  }

  async #biometric() {
    if (!this.busy) await this.#pay({ biometric: true })
  }

  async #pay(secret: { password?: string; biometric?: boolean }) {
    const l = L[this.lang]
    this.busy = true
    try {
      const { outcome, message } = await this.submit({ ...secret, method: this.method, action: 'pay' })
      if (outcome === 'success') this.paid = true
      else if (outcome === 'wrong_password') this.alert = { text: l.wrong, button: l.retry }
      else if (outcome === 'insufficient_balance') this.alert = { text: l.short, button: l.ok }
      else this.#finish('fail', message)
    } finally {
      this.digits = ''
      this.busy = false
    }
  }

  async #cancel() {
    await this.submit({ method: this.method, action: 'cancel' }).catch(() => undefined)
    this.#finish('cancel')
  }

  #finish(outcome: 'success' | 'cancel' | 'fail', message = '') {
    this.dispatchEvent(new CustomEvent('wx-pay-done', { detail: { outcome, message }, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-pay-sheet': WxPaySheet
  }
  interface GlobalEventHandlersEventMap {
    'wx-pay-done': CustomEvent<{ outcome: 'success' | 'cancel' | 'fail'; message: string }>
  }
}
