import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'

/** The phone's status bar: time (the sandbox's virtual clock), signal, Wi-Fi, battery. */
@customElement('wx-status-bar')
export class WxStatusBar extends LitElement {
  static styles = css`
    :host {
      display: flex;
      align-items: center;
      justify-content: space-between;
      height: 44px;
      padding: 0 26px 0 34px;
      font-size: 15px;
      font-weight: 600;
      background: var(--wx-status-bg, #ededed);
      color: var(--wx-status-fg, #000);
      flex: none;
    }
    .icons {
      display: flex;
      gap: 5px;
      align-items: center;
    }
  `
  @property() time = ''

  render() {
    return html`<span aria-label="Time">${this.time}</span>
      <span class="icons" aria-hidden="true">
        <svg width="18" height="12" viewBox="0 0 18 12"><rect x="0" y="8" width="3" height="4" rx="1" fill="currentColor"/><rect x="5" y="5.5" width="3" height="6.5" rx="1" fill="currentColor"/><rect x="10" y="3" width="3" height="9" rx="1" fill="currentColor"/><rect x="15" y="0" width="3" height="12" rx="1" fill="currentColor"/></svg>
        <svg width="16" height="12" viewBox="0 0 16 12"><path d="M8 11.5l2.2-2.6a3.2 3.2 0 00-4.4 0zM3.6 6.6a6.3 6.3 0 018.8 0l1.5-1.7a8.6 8.6 0 00-11.8 0zM.5 3.1a10.8 10.8 0 0115 0L16 2.5" fill="currentColor"/></svg>
        <svg width="26" height="12" viewBox="0 0 26 12"><rect x=".5" y=".5" width="22" height="11" rx="3" fill="none" stroke="currentColor" opacity=".4"/><rect x="2" y="2" width="17" height="8" rx="1.8" fill="currentColor"/><rect x="23.5" y="4" width="1.8" height="4" rx=".9" fill="currentColor" opacity=".4"/></svg>
      </span>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-status-bar': WxStatusBar
  }
}
