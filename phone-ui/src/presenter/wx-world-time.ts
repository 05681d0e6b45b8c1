import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { chinaTime } from './captions'

/**
 * The world's time on the presenter's clock, in China time to the second: a live clock runs on
 * from its last read as the phones' clocks do (redrawing only itself each second), a frozen one stands.
 */
@customElement('wx-world-time')
export class WxWorldTime extends LitElement {
  static styles = css`
    :host {
      display: inline-block;
    }
    time {
      font-size: 22px;
      font-variant-numeric: tabular-nums;
      font-weight: 500;
    }
    small {
      font-size: 14px;
      color: #8a9099;
      margin-left: 1px;
    }
  `

  /** the world's time at the last read, ms */
  @property({ type: Number }) nowMs = 0
  @property() mode: 'live' | 'frozen' = 'frozen'
  /** the real time of that read, ms */
  @property({ type: Number }) readAt = 0
  @state() private shownMs = 0
  #ticker: ReturnType<typeof setInterval> | null = null

  connectedCallback() {
    super.connectedCallback()
    this.#ticker = setInterval(() => this.#tick(), 1000)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    if (this.#ticker) clearInterval(this.#ticker)
  }

  willUpdate() {
    this.shownMs = this.#now()
  }

  #now() {
    return this.mode === 'live' ? this.nowMs + (Date.now() - this.readAt) : this.nowMs
  }

  #tick() {
    if (this.mode === 'live') this.shownMs = this.#now()
  }

  render() {
    const iso = new Date(this.shownMs).toISOString()
    return html`<time datetime=${iso} aria-label="World time">${chinaTime(iso, true)}<small>${chinaTime(iso).slice(5)}</small></time>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-world-time': WxWorldTime
  }
}
