import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { api, type Bill, type Wallet } from '../api'
import { chinaTime, t, type Lang } from '../i18n'
import '../phone/wx-nav-bar'
import { noScrollbars } from '../phone/theme'

const yuan = (fen: number) => (fen / 100).toFixed(2)

/** Me → Services: the green wallet card (balance, bank card) and the bill list. */
@customElement('wx-wallet')
export class WxWallet extends LitElement {
  static styles = css`
    ${noScrollbars}
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
      background: #ededed;
      --wx-nav-bg: #07c160;
      --wx-nav-fg: #fff;
    }
    .card {
      background: #07c160;
      color: #fff;
      padding: 10px 20px 26px;
      display: flex;
      justify-content: space-around;
      text-align: center;
    }
    .card div {
      display: flex;
      flex-direction: column;
      gap: 6px;
      font-size: 13px;
      opacity: 0.95;
    }
    .card strong {
      font-size: 26px;
      font-weight: 500;
    }
    h3 {
      margin: 14px 16px 8px;
      font-size: 13px;
      font-weight: 400;
      color: #7f7f7f;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      background: #fff;
      overflow-y: auto;
    }
    li {
      display: flex;
      justify-content: space-between;
      align-items: center;
      padding: 12px 16px;
      gap: 12px;
    }
    li + li {
      border-top: 1px solid rgba(0, 0, 0, 0.06);
    }
    .what {
      display: flex;
      flex-direction: column;
      gap: 3px;
      min-width: 0;
    }
    .what span:last-child {
      font-size: 12px;
      color: #7f7f7f;
    }
    .amount {
      font-size: 17px;
      font-weight: 500;
      flex: none;
    }
    .refund {
      color: #fa9d3b;
    }
    .empty {
      padding: 40px;
      text-align: center;
      color: #b2b2b2;
    }
  `
  @property() person = ''
  @property() lang: Lang = 'en'
  /** bump to reload (the phone does after a payment event) */
  @property({ type: Number }) version = 0
  @state() private wallet?: Wallet
  @state() private bills: Bill[] = []

  willUpdate(changed: Map<string, unknown>) {
    if (changed.has('person') || changed.has('version')) void this.#load()
  }

  async #load() {
    ;[this.wallet, this.bills] = await Promise.all([api.wallet(this.person), api.bills(this.person)])
  }

  render() {
    const w = this.wallet
    return html`<wx-nav-bar heading=${t(this.lang, 'services')} back></wx-nav-bar>
      <div class="card">
        <div><strong aria-label="Balance">¥${w ? yuan(w.balance) : '—'}</strong>${t(this.lang, 'balance')}</div>
        <div><strong>${w ? w.card.tail : '—'}</strong>${w?.card.name ?? ''}</div>
      </div>
      <h3>${t(this.lang, 'bills')}</h3>
      ${this.bills.length === 0 ? html`<p class="empty">—</p>` : null}
      <ul aria-label=${t(this.lang, 'bills')}>
        ${this.bills.map(
          (b) => html`<li>
            <span class="what"><span>${b.merchantName} · ${b.description}</span><span>${chinaTime(b.at, this.lang, { dateStyle: 'medium', timeStyle: 'short' })}</span></span>
            <span class="amount ${b.kind}">${b.kind === 'refund' ? '+' : '-'}${yuan(b.amount)}</span>
          </li>`,
        )}
      </ul>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-wallet': WxWallet
  }
}
