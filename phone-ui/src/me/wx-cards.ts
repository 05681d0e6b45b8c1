import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { api, type CardView } from '../api'
import { t, type Lang } from '../i18n'
import '../phone/wx-nav-bar'
import { noScrollbars } from '../phone/theme'

const KIND = {
  en: { MEMBER_CARD: 'Member card', GENERAL_COUPON: 'Coupon', CASH: 'Cash coupon', DISCOUNT: 'Discount', GIFT: 'Gift', GROUPON: 'Group deal' },
  zh: { MEMBER_CARD: '会员卡', GENERAL_COUPON: '优惠券', CASH: '代金券', DISCOUNT: '折扣券', GIFT: '兑换券', GROUPON: '团购券' },
} as Record<Lang, Record<string, string>>

const STATUS = {
  en: { NORMAL: '', CONSUMED: 'Used', EXPIRE: 'Expired', UNAVAILABLE: 'Unavailable' },
  zh: { NORMAL: '', CONSUMED: '已使用', EXPIRE: '已过期', UNAVAILABLE: '不可用' },
}

/** Me → Cards & Offers (卡包): the member cards and coupons mini programs added with wx.addCard. */
@customElement('wx-cards')
export class WxCards extends LitElement {
  static styles = css`
    ${noScrollbars}
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
      background: #ededed;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 12px;
      display: flex;
      flex-direction: column;
      gap: 12px;
      overflow-y: auto;
    }
    li {
      border-radius: 10px;
      color: #fff;
      padding: 16px 18px;
      min-height: 96px;
      display: flex;
      flex-direction: column;
      justify-content: space-between;
      box-shadow: 0 2px 6px rgba(0, 0, 0, 0.12);
    }
    .brand {
      font-size: 13px;
      opacity: 0.9;
    }
    .title {
      font-size: 19px;
      font-weight: 600;
      margin: 6px 0;
    }
    .foot {
      display: flex;
      justify-content: space-between;
      font-size: 12px;
      opacity: 0.9;
    }
    .empty {
      text-align: center;
      color: #b2b2b2;
      padding: 60px 20px;
    }
  `
  @property() person = ''
  @property() lang: Lang = 'en'
  @property({ type: Number }) version = 0
  @state() private cards: CardView[] = []
  @state() private failed = false
  @state() private loaded = false

  willUpdate(changed: Map<string, unknown>) {
    if (changed.has('person') || changed.has('version'))
      void api.cards(this.person).then(
        (cards) => ((this.cards = cards), (this.failed = false), (this.loaded = true)),
        () => ((this.failed = true), (this.loaded = true)),
      )
  }

  render() {
    return html`<wx-nav-bar heading=${t(this.lang, 'cardsOffers')} back></wx-nav-bar>
      ${this.failed
        ? html`<p class="empty" role="alert">${this.lang === 'zh' ? '卡包暂时无法加载' : 'Cards & Offers could not be loaded'}</p>`
        : this.loaded && this.cards.length === 0
          ? html`<p class="empty">${this.lang === 'zh' ? '你从小程序和门店领取的会员卡和优惠券会显示在这里' : 'Cards and coupons you add from mini programs and stores appear here'}</p>`
          : null}
      <ul aria-label=${t(this.lang, 'cardsOffers')}>
        ${this.cards.map(
          (c) => html`<li style="background:${c.colorHex ?? cardColor(c.color)};opacity:${c.usable ? 1 : 0.55}" aria-label=${c.title}>
            <span class="brand">${c.brandName}</span>
            <span class="title">${c.title}</span>
            <span class="foot">
              <span>${KIND[this.lang][c.cardType] ?? c.cardType}${c.bonus !== undefined ? ` · ${c.bonus} ${this.lang === 'zh' ? '积分' : 'points'}` : ''}</span>
              <span>${c.status === 'NORMAL' ? (c.code ?? '') : STATUS[this.lang][c.status]}</span>
            </span>
          </li>`,
        )}
      </ul>`
  }
}

/** WeChat's card colours are named (Color010…Color100) or hex; anything else falls back to green. */
function cardColor(color: string | undefined) {
  const named: Record<string, string> = {
    Color010: '#63b359', Color020: '#2c9f67', Color030: '#509fc9', Color040: '#5885cf', Color050: '#9062c0',
    Color060: '#d09a45', Color070: '#e4b138', Color080: '#ee903c', Color081: '#f08500', Color082: '#a9d92d',
    Color090: '#dd6549', Color100: '#cc463d',
  }
  if (color && named[color]) return named[color]
  return color && /^#[0-9a-f]{6}$/i.test(color) ? color : '#2c9f67'
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-cards': WxCards
  }
}
