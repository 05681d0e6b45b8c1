import { LitElement, css, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { LabReport } from '../../../platform-mock/src/sandbox/lab-reports'
import { sectionHeading } from './styles'

const count = (n: number) => n.toLocaleString('en-US')
/** Sales of a whole population: whole yuan once they are large. */
const sales = (fen: number) => {
  const digits = fen >= 1_000_000 ? 0 : 2
  return `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`
}
/** When the run finished: wall time, in the trainer's own zone. */
const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
const fileLabel = (file: string) => (file === 'result.json' ? 'JSON' : file.replace(/\.csv$/, ''))

/**
 * The presenter's strategy lab: the runs `npm run simulate` wrote, each opening its report in a new
 * tab (the report runs in an opaque origin) and offering its CSV and JSON files.
 */
@customElement('wx-lab-reports')
export class WxLabReports extends LitElement {
  static styles = [
    sectionHeading,
    css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
    }
    h2 {
      margin: 0;
    }
    h2 .count {
      font-weight: 500;
      letter-spacing: 0;
      text-transform: none;
    }
    button {
      font: inherit;
      font-size: 12px;
      letter-spacing: 0;
      text-transform: none;
      color: #e8e8e8;
      background: #30353a;
      border: 1px solid #454b52;
      border-radius: 6px;
      padding: 4px 9px;
      cursor: pointer;
    }
    button:hover {
      background: #3a4047;
    }
    button[aria-expanded='true'] {
      background: #07c160;
      border-color: #07c160;
      color: #fff;
    }
    ol {
      list-style: none;
      margin: 8px 0 0;
      padding: 0;
      overflow-y: auto;
      min-height: 0;
      display: grid;
      gap: 6px;
      scrollbar-width: thin;
      scrollbar-color: #454b52 transparent;
    }
    li {
      background: #262a2f;
      border: 1px solid #30353a;
      border-radius: 8px;
    }
    .run {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 2px 8px;
      padding: 8px 10px 6px;
      color: inherit;
      text-decoration: none;
      border-radius: 8px 8px 0 0;
    }
    a.run:hover {
      background: #2d3238;
    }
    a.run:hover .open {
      color: #4cd787;
    }
    .kit {
      font-weight: 600;
      color: #fff;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .kit span {
      font-weight: 400;
      color: #8a9099;
      margin-left: 4px;
    }
    time {
      color: #8a9099;
      font-size: 12px;
      font-variant-numeric: tabular-nums;
      text-align: right;
    }
    .meta,
    .strategies,
    .figures {
      grid-column: 1 / -1;
      color: #c8ccd0;
    }
    .meta {
      color: #9fa6ad;
      font-size: 12px;
    }
    .strategies b,
    .figures .side {
      display: inline-block;
      min-width: 14px;
      font-size: 10px;
      font-weight: 600;
      text-align: center;
      padding: 0 4px;
      margin-right: 4px;
      border-radius: 4px;
      background: #3a3f45;
      color: #e8e8e8;
    }
    .strategies .vs {
      color: #8a9099;
      margin: 0 6px;
    }
    .figures {
      display: flex;
      align-items: baseline;
      gap: 12px;
      margin-top: 2px;
      font-variant-numeric: tabular-nums;
    }
    .figures b {
      color: #fff;
      font-weight: 600;
    }
    .figures .open {
      margin-left: auto;
      font-size: 12px;
      color: #8a9099;
    }
    .files {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px;
      padding: 5px 10px 7px;
      border-top: 1px solid #30353a;
      font-size: 11px;
      color: #8a9099;
    }
    .files a {
      color: #c8ccd0;
      text-decoration: none;
      padding: 0 6px;
      border-radius: 7px;
      background: #30353a;
      line-height: 16px;
    }
    .files a:hover {
      background: #3a4047;
      color: #fff;
    }
    .empty {
      margin-top: 8px;
      color: #9fa6ad;
      line-height: 1.45;
    }
    .empty code {
      display: block;
      margin: 6px 0;
      padding: 6px 8px;
      background: #16181b;
      border-radius: 6px;
      color: #e8e8e8;
      font-size: 12px;
      user-select: all;
    }
    .empty p {
      margin: 0;
    }
  `,
  ]

  /** the runs, newest first (null: not loaded yet) */
  @property({ attribute: false }) reports: LabReport[] | null = null
  /** the list is shown (the presenter gives it the timeline's room meanwhile) */
  @property({ type: Boolean, reflect: true }) open = false

  render() {
    const n = this.reports?.length ?? 0
    return html`<h2>
        Strategy lab<span class="count">${this.reports ? (n ? `· ${n} ${n === 1 ? 'run' : 'runs'}` : '· no runs yet') : ''}</span>
        <span class="spacer"></span>
        ${this.open ? html`<button aria-label="Refresh the runs" title="Refresh" @click=${this.#refresh}>↻</button>` : nothing}
        <button aria-expanded=${String(this.open)} title=${this.open ? 'Back to the timeline' : 'The runs of npm run simulate'} @click=${this.#toggle}>${this.open ? 'Hide' : 'Reports'}</button>
      </h2>
      ${this.open ? (n ? html`<ol aria-label="Strategy lab runs">${this.reports!.map((r) => this.#run(r))}</ol>` : this.#empty()) : nothing}`
  }

  #run(r: LabReport) {
    const [a, b] = r.strategies
    const title = `${r.kit.name}, ${count(r.people)} people × ${r.days} days, ${b ? `${a} vs ${b}` : a}, ${when(r.generatedAt)}`
    const body = html`<span class="kit">${r.kit.name}<span>${r.kit.nameZh}</span></span>
      <time datetime=${r.generatedAt} title=${r.generatedAt}>${when(r.generatedAt)}</time>
      <span class="meta">${count(r.people)} people × ${r.days} ${r.days === 1 ? 'day' : 'days'} · seed ${r.seed}</span>
      <span class="strategies">${b ? html`<b>A</b>${a}<span class="vs">vs</span><b>B</b>${b}` : a}</span>
      <span class="figures">
        <span>${b ? html`<span class="side" title="Strategy A's figures">A</span>` : nothing}Buyers <b>${count(r.summary.buyers)}</b></span>
        <span>Sales <b>${sales(r.summary.sales)}</b></span>
        <span class="open" aria-hidden="true">${r.url ? 'Open report ↗' : 'no report page'}</span>
      </span>`
    return html`<li>
      ${r.url
        ? html`<a class="run" href=${r.url} target="_blank" rel="noopener" aria-label=${`Open the report: ${title}`}>${body}</a>`
        : html`<div class="run">${body}</div>`}
      ${r.files.length
        ? html`<div class="files">
            Download
            ${r.files.map((f) => html`<a href=${`/_sandbox/lab/reports/${r.id}/${f}`} download=${`${r.id}-${f}`} aria-label=${`Download ${f} of ${title}`} title=${f}>${fileLabel(f)}</a>`)}
          </div>`
        : nothing}
    </li>`
  }

  #empty() {
    return html`<div class="empty" role="status">
      <p>No strategy lab runs yet. To try a strategy on a simulated population, run this in the sandbox's folder:</p>
      <code>npm run simulate -- --people 10000 --days 30</code>
      <p>It plays 10,000 people through 30 days of the brand's world and writes a report with charts and CSV files. Then refresh here to open it.</p>
    </div>`
  }

  #toggle() {
    const open = !this.open
    this.dispatchEvent(new CustomEvent('wx-lab-toggle', { detail: open, bubbles: true, composed: true }))
    if (open) this.#refresh()
  }

  #refresh() {
    this.dispatchEvent(new CustomEvent('wx-lab-refresh', { bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-lab-reports': WxLabReports
  }
  interface GlobalEventHandlersEventMap {
    'wx-lab-refresh': CustomEvent<void>
    /** the trainer shows (true) or hides the list */
    'wx-lab-toggle': CustomEvent<boolean>
  }
}
