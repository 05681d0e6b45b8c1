import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'

export interface ToastState {
  title: string
  icon: 'success' | 'error' | 'loading' | 'none'
}
export interface ModalState {
  title: string
  content: string
  showCancel: boolean
  cancelText: string
  confirmText: string
  resolve: (confirm: boolean) => void
}

/** The mini program's toast, loading and modal, drawn like WeChat's own. */
@customElement('wx-mp-overlays')
export class WxMpOverlays extends LitElement {
  static styles = css`
    :host {
      position: absolute;
      inset: 0;
      pointer-events: none;
      z-index: 20;
    }
    .toast {
      position: absolute;
      top: 38%;
      left: 50%;
      transform: translate(-50%, -50%);
      min-width: 120px;
      max-width: 200px;
      padding: 18px 14px 14px;
      border-radius: 12px;
      background: rgba(17, 17, 17, 0.78);
      color: #fff;
      text-align: center;
      font-size: 14px;
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 10px;
    }
    .toast.none {
      padding: 10px 14px;
      min-width: 0;
    }
    .spin {
      width: 30px;
      height: 30px;
      border: 3px solid rgba(255, 255, 255, 0.3);
      border-top-color: #fff;
      border-radius: 50%;
      animation: spin 0.8s linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
    .mask {
      position: absolute;
      inset: 0;
      background: rgba(0, 0, 0, 0.5);
      display: grid;
      place-items: center;
      pointer-events: auto;
    }
    .modal {
      width: 80%;
      background: #fff;
      border-radius: 12px;
      overflow: hidden;
      text-align: center;
    }
    .modal h2 {
      margin: 28px 20px 8px;
      font-size: 17px;
      font-weight: 600;
    }
    .modal p {
      margin: 0 22px 26px;
      color: #7f7f7f;
      font-size: 15px;
      line-height: 1.5;
      white-space: pre-wrap;
    }
    .actions {
      display: flex;
      border-top: 1px solid rgba(0, 0, 0, 0.08);
    }
    .actions button {
      flex: 1;
      height: 54px;
      border: 0;
      background: none;
      font: inherit;
      font-size: 17px;
      font-weight: 600;
      cursor: pointer;
    }
    .actions button + button {
      border-left: 1px solid rgba(0, 0, 0, 0.08);
    }
    .confirm {
      color: #576b95;
    }
  `
  @property({ attribute: false }) toast: ToastState | null = null
  @property({ attribute: false }) modal: ModalState | null = null

  render() {
    const t = this.toast
    const m = this.modal
    return html`
      ${t
        ? html`<div class="toast ${t.icon === 'none' ? 'none' : ''}" role="status">
            ${t.icon === 'loading' ? html`<div class="spin"></div>` : null}
            ${t.icon === 'success' ? html`<svg width="36" height="36" viewBox="0 0 24 24"><path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>` : null}
            ${t.icon === 'error' ? html`<svg width="36" height="36" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9" fill="none" stroke="#fff" stroke-width="1.8"/><path d="M12 7v6M12 16.5v.5" stroke="#fff" stroke-width="2" stroke-linecap="round"/></svg>` : null}
            <span>${t.title}</span>
          </div>`
        : null}
      ${m
        ? html`<div class="mask">
            <div class="modal" role="dialog" aria-label=${m.title || 'Dialog'}>
              ${m.title ? html`<h2>${m.title}</h2>` : null}
              <p>${m.content}</p>
              <div class="actions">
                ${m.showCancel ? html`<button @click=${() => m.resolve(false)}>${m.cancelText}</button>` : null}
                <button class="confirm" @click=${() => m.resolve(true)}>${m.confirmText}</button>
              </div>
            </div>
          </div>`
        : null}
    `
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-mp-overlays': WxMpOverlays
  }
}
