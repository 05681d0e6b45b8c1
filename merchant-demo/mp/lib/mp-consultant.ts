import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { api } from './store'
import { t } from './i18n'

interface ConsultantCode {
  configId: string
  corpName: string
  image: string
}

/**
 * "Add your consultant" on a paid order: the brand's WeCom contact-me code made for this order
 * (state = order id). Tapping it previews the picture, where WeChat offers to identify the code;
 * "Customer service" opens the brand's WeChat Customer Service chat with the order as scene_param.
 */
@customElement('mp-consultant')
export class MpConsultant extends LitElement {
  static styles = css`
    :host { display: block; background: #fff; border-radius: 12px; margin: 12px; padding: 14px; box-shadow: 0 1px 2px rgb(0 0 0 / 0.04); }
    .row { display: flex; gap: 14px; align-items: center; }
    img { width: 96px; height: 96px; border-radius: 6px; border: 1px solid #eee; cursor: pointer; flex: none; }
    h3 { margin: 0 0 4px; font-size: 16px; }
    p { margin: 0; color: #888; font-size: 13px; }
    .corp { color: #fa9d3b; }
    button { margin-top: 12px; width: 100%; height: 40px; border: 1px solid #07c160; border-radius: 20px; background: #fff; color: #07c160; font: inherit; font-weight: 600; cursor: pointer; }
  `
  @property() orderId = ''
  @state() private code: ConsultantCode | null = null

  updated(changed: Map<string, unknown>) {
    if (changed.has('orderId') && this.orderId) {
      api<ConsultantCode>('GET', `/api/orders/${encodeURIComponent(this.orderId)}/consultant`)
        .then((c) => (this.code = c))
        .catch(() => (this.code = null))
    }
  }

  render() {
    const c = this.code
    if (!c) return null
    // the corp's name is drawn in WeCom's orange, wherever the sentence puts it
    const [before, after] = t('consultantHint', { corp: '\u0000' }).split('\u0000')
    return html`<div class="row">
        <img src=${c.image} alt=${t('consultantCode')} @click=${() => wx.previewImage({ urls: [c.image], current: c.image })} />
        <div>
          <h3>${t('addConsultant')}</h3>
          <p>${before}<span class="corp">@${c.corpName}</span>${after}</p>
        </div>
      </div>
      <button @click=${this.#service}>${t('customerService')}</button>`
  }

  async #service() {
    const s = await api<{ corpId: string; url: string }>('GET', '/api/service-chat')
    await wx.openCustomerServiceChat({ extInfo: { url: `${s.url}&scene_param=${encodeURIComponent(this.orderId)}` }, corpId: s.corpId })
  }
}
