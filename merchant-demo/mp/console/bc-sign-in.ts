import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { t, type Lang } from './i18n'
import { base } from './ui'

/** The sign-in card: the staff token, checked by the parent with a first call. */
@customElement('bc-sign-in')
export class BcSignIn extends LitElement {
  static styles = [
    base,
    css`
      :host { display: grid; place-items: center; min-height: 70vh; }
      form { width: min(420px, 92vw); display: grid; gap: 12px; }
      img { width: 56px; height: 56px; }
      input { width: 100%; margin-top: 4px; }
      p, h2 { margin: 0; }
    `,
  ]
  @property() lang: Lang = 'en'
  @property() brandName = ''
  @property() logo = ''
  @property() error = ''

  render() {
    const l = this.lang
    return html`<form class="card" @submit=${this.#submit} aria-label=${t(l, 'signIn')}>
      ${this.logo ? html`<img src=${this.logo} alt="" />` : ''}
      <h2>${this.brandName ? `${this.brandName} · ` : ''}${t(l, 'console')}</h2>
      <p class="muted">${t(l, 'signInHint')}</p>
      <label>${t(l, 'staffToken')}<input name="token" type="password" autocomplete="off" required /></label>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <button type="submit">${t(l, 'signIn')}</button>
    </form>`
  }

  #submit(e: Event) {
    e.preventDefault()
    const token = String(new FormData(e.target as HTMLFormElement).get('token') ?? '').trim()
    if (token) this.dispatchEvent(new CustomEvent('bc-sign-in', { detail: { token }, bubbles: true, composed: true }))
  }
}
declare global {
  interface HTMLElementTagNameMap {
    'bc-sign-in': BcSignIn
  }
  interface GlobalEventHandlersEventMap {
    'bc-sign-in': CustomEvent<{ token: string }>
  }
}
