import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { Funnel } from '../../../platform-mock/src/sandbox/funnel'
import type { SandboxEvent } from '../api'
import type { CaptionContext } from './captions'

type Format = 'csv' | 'json' | 'png'

/**
 * The presenter's download buttons beside a section's title: the timeline as it is shown (its
 * filter applied) as CSV or JSON, the funnel as CSV, JSON or a PNG picture. Files are named by the
 * world and the China date of the world's clock.
 */
@customElement('wx-presenter-exports')
export class WxPresenterExports extends LitElement {
  static styles = css`
    :host {
      display: inline-flex;
      gap: 4px;
    }
    button {
      font: inherit;
      font-size: 10px;
      letter-spacing: 0.3px;
      color: #9fa6ad;
      background: none;
      border: 1px solid #3a3f45;
      border-radius: 5px;
      padding: 1px 6px;
      cursor: pointer;
    }
    button:hover {
      color: #e8e8e8;
      background: #30353a;
    }
    button[disabled] {
      opacity: 0.5;
      cursor: progress;
    }
  `

  @property() kind: 'timeline' | 'funnel' = 'timeline'
  /** the timeline's events as shown, newest first */
  @property({ attribute: false }) events: SandboxEvent[] = []
  @property({ attribute: false }) context: CaptionContext | null = null
  @property({ attribute: false }) funnel: Funnel | null = null
  /** the world's kit id (or brand name), for the file names */
  @property() world = 'world'
  /** the world's name, for the picture's title */
  @property() worldName = ''
  /** the world's clock */
  @property({ type: Number }) nowMs = Date.now()
  @state() private busy = false

  render() {
    const formats: Format[] = this.kind === 'funnel' ? ['csv', 'json', 'png'] : ['csv', 'json']
    const what = this.kind === 'funnel' ? 'funnel' : 'timeline'
    return html`${formats.map(
      (f) => html`<button ?disabled=${this.busy} aria-label=${`Download the ${what} as ${f.toUpperCase()}`} title=${`Download the ${what} as ${f.toUpperCase()}${this.kind === 'timeline' ? ' (as shown: its filter applied)' : ''}`} @click=${() => this.#export(f)}>
          ${f.toUpperCase()}
        </button>`,
    )}`
  }

  async #export(format: Format) {
    // the CSV writer and the chart library load on the first download, not with the phones
    const { chinaDateTime, download, exportName, funnelCsv, funnelJson, timelineCsv, timelineRows } = await import('./exports')
    const name = exportName(this.world, this.kind, this.nowMs, format)
    const now = chinaDateTime(new Date(this.nowMs).toISOString())
    if (this.kind === 'timeline') {
      if (!this.context) return
      const rows = timelineRows(this.events, this.context)
      if (format === 'csv') download(name, timelineCsv(rows), 'text/csv;charset=utf-8')
      else download(name, JSON.stringify({ world: this.worldName || this.world, chinaTime: now, events: rows }, null, 2), 'application/json')
      return
    }
    const f = this.funnel
    if (!f) return
    if (format === 'csv') return download(name, funnelCsv(f), 'text/csv;charset=utf-8')
    if (format === 'json') return download(name, JSON.stringify(funnelJson(f, { world: this.worldName || this.world, chinaTime: now }), null, 2), 'application/json')
    this.busy = true
    try {
      const { funnelPng } = await import('./funnel-png')
      download(name, await funnelPng(f, { world: this.worldName || this.world, chinaTime: now }))
    } finally {
      this.busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-presenter-exports': WxPresenterExports
  }
}
