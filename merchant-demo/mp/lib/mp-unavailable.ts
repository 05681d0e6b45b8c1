import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { StoreError } from './store'
import { t, type Key } from './i18n'

/** What a page could not show: the thing it was opened for, or anything at all (the store unreachable). */
export type Missing = 'item' | 'order' | 'gift' | 'page'

/** Why a page's first load failed, in the words its error page shows. */
export interface Failure {
  heading: string
  detail: string
  /** a network or server failure: trying again may work */
  retry: boolean
}

const MISSING: Record<Missing, [Key, Key]> = {
  item: ['missingItem', 'missingItemDetail'],
  order: ['missingOrder', 'missingOrderDetail'],
  gift: ['missingGift', 'missingGiftDetail'],
  page: ['missingPage', 'missingPageDetail'],
}

/**
 * The error page of something missing (`what`), or, from a failed call (`err`), of what went wrong:
 * a 404 is the missing thing, another refusal its own message, anything else (no network, a
 * server error, wx.request's `request:fail`) the store out of reach, with a retry.
 */
export function failureOf(what: Missing, err?: unknown): Failure {
  const [heading, detail] = MISSING[what]
  const missing = (): Failure => ({ heading: t(heading), detail: t(detail), retry: false })
  if (err === undefined || (err instanceof StoreError && err.status === 404)) return missing()
  if (err instanceof StoreError && err.status < 500 && err.status !== 401) return { heading: t(heading), detail: err.message, retry: false }
  return { heading: t('offline'), detail: t('offlineDetail'), retry: true }
}

/**
 * The store's error page (WeChat's "页面不存在" style, in the kit's colours): what is missing, why, the
 * way back to the home page, and "Try again" when the store could not be reached (`mp-retry`).
 */
@customElement('mp-unavailable')
export class MpUnavailable extends LitElement {
  static styles = css`
    :host { display: flex; flex-direction: column; align-items: center; text-align: center; min-height: 100vh; box-sizing: border-box; padding: 72px 32px 32px; background: var(--bg, #f7f7f7); color: var(--text, #191919); font: 15px/1.45 'WX CJK', -apple-system, 'PingFang SC', 'Helvetica Neue', 'Microsoft YaHei', sans-serif; }
    .icon { width: 72px; height: 72px; border-radius: 50%; display: grid; place-items: center; background: color-mix(in srgb, var(--primary, #07c160) 12%, #fff); margin-bottom: 20px; }
    h2 { margin: 0 0 8px; font-size: 18px; font-weight: 600; }
    p { margin: 0 0 28px; color: #888; font-size: 14px; max-width: 280px; }
    button { font: inherit; border: 0; cursor: pointer; min-width: 184px; height: 44px; border-radius: 22px; margin-bottom: 12px; font-weight: 600; }
    .primary { background: var(--primary, #07c160); color: #fff; }
    .secondary { background: #fff; color: var(--primary, #07c160); border: 1px solid var(--primary, #07c160); }
  `
  @property() heading = ''
  @property() detail = ''
  /** offer "Try again" (the page loads again, on `mp-retry`) */
  @property({ type: Boolean }) retry = false

  render() {
    return html`<div class="icon" aria-hidden="true">
        <svg width="36" height="36" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9.5" fill="none" stroke="var(--primary, #07c160)" stroke-width="1.6" /><path d="M12 7v6.5" stroke="var(--primary, #07c160)" stroke-width="1.8" stroke-linecap="round" /><circle cx="12" cy="16.8" r="1.1" fill="var(--primary, #07c160)" /></svg>
      </div>
      <h2>${this.heading}</h2>
      <p>${this.detail}</p>
      ${this.retry ? html`<button class="primary" @click=${this.#retry}>${t('tryAgain')}</button>` : null}
      <button class=${this.retry ? 'secondary' : 'primary'} @click=${() => wx.reLaunch({ url: '/pages/index/index' })}>${t('backHome')}</button>`
  }

  #retry() {
    this.dispatchEvent(new CustomEvent('mp-retry', { bubbles: true, composed: true }))
  }
}

/** The error page of a failure; `retry` loads the page again. */
export const unavailable = (f: Failure, retry: () => void) => html`<mp-unavailable .heading=${f.heading} .detail=${f.detail} ?retry=${f.retry} @mp-retry=${retry}></mp-unavailable>`

declare global {
  interface HTMLElementTagNameMap {
    'mp-unavailable': MpUnavailable
  }
  interface GlobalEventHandlersEventMap {
    'mp-retry': CustomEvent<void>
  }
}
