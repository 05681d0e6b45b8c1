import { LitElement, css, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import type { Funnel } from '../../../platform-mock/src/sandbox/funnel'
import type { LabReport } from '../../../platform-mock/src/sandbox/lab-reports'
import { api, call, onEvent, post, type SandboxEvent, type WorldView } from '../api'
import { caption, channelLabel, chinaTime, SURFACE_COLOURS, yuan } from './captions'
import './wx-lab-reports'

interface Clock {
  mode: 'frozen' | 'live'
  now: string
}

const KEEP = 300

/** The control API: a GET, or a POST with a body. */
const control = <T>(path: string, body?: unknown) => (body === undefined ? call<T>(`/_sandbox${path}`) : post<T>(`/_sandbox${path}`, body))

/**
 * The presenter's panel beside the phones: the world's clock with the controls a trainer needs,
 * the commerce funnel with sales per entry channel, and the live event timeline in plain words.
 */
@customElement('wx-presenter')
export class WxPresenter extends LitElement {
  static styles = css`
    :host {
      display: flex;
      flex-direction: column;
      width: 380px;
      max-height: calc(100vh - 64px);
      position: sticky;
      top: 8px;
      background: #1f2226;
      border: 1px solid #3a3f45;
      border-radius: 12px;
      color: #e8e8e8;
      font-size: 13px;
      overflow: hidden;
    }
    section {
      padding: 12px 14px;
      border-bottom: 1px solid #30353a;
    }
    h2 {
      margin: 0 0 8px;
      font-size: 11px;
      font-weight: 600;
      letter-spacing: 0.8px;
      text-transform: uppercase;
      color: #8a9099;
      display: flex;
      align-items: center;
      gap: 8px;
    }
    h2 .spacer {
      flex: 1;
    }
    .clock {
      display: flex;
      align-items: baseline;
      gap: 10px;
    }
    .clock time {
      font-size: 22px;
      font-variant-numeric: tabular-nums;
      font-weight: 500;
    }
    .badge {
      font-size: 11px;
      padding: 1px 7px;
      border-radius: 9px;
      background: #3a3f45;
      color: #c8ccd0;
    }
    .badge.live {
      background: #07c16033;
      color: #4cd787;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin-top: 8px;
    }
    button {
      font: inherit;
      font-size: 12px;
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
    button.danger {
      color: #ff8a80;
    }
    button[aria-pressed='true'] {
      background: #07c160;
      border-color: #07c160;
      color: #fff;
    }
    .stages {
      display: grid;
      gap: 5px;
    }
    .stage {
      display: grid;
      grid-template-columns: 118px 1fr 38px;
      align-items: center;
      gap: 8px;
    }
    .bar {
      height: 14px;
      border-radius: 3px;
      background: #2b3035;
      overflow: hidden;
    }
    .bar i {
      display: block;
      height: 100%;
      background: linear-gradient(90deg, #07c160, #35d07f);
      border-radius: 3px;
      min-width: 2px;
    }
    .num {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .totals {
      display: flex;
      gap: 14px;
      margin-top: 10px;
      color: #c8ccd0;
    }
    .totals b {
      color: #fff;
      font-weight: 600;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
    }
    th {
      text-align: right;
      font-weight: 500;
      color: #8a9099;
      font-size: 11px;
      padding: 2px 0 4px;
    }
    th:first-child,
    td:first-child {
      text-align: left;
    }
    td {
      text-align: right;
      padding: 3px 0;
      border-top: 1px solid #2b3035;
    }
    .empty {
      color: #8a9099;
      font-style: italic;
    }
    section.lab {
      display: flex;
      flex-direction: column;
    }
    /* open, the lab's runs take the timeline's room */
    section.lab.open {
      flex: 1;
      min-height: 160px;
      border-bottom: none;
    }
    section.lab wx-lab-reports {
      flex: 1;
    }
    .timeline {
      flex: 1;
      min-height: 160px;
      display: flex;
      flex-direction: column;
      padding-bottom: 0;
      border-bottom: none;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
      overflow-y: auto;
      flex: 1;
    }
    li {
      display: grid;
      grid-template-columns: 58px 10px 1fr;
      gap: 6px;
      align-items: start;
      padding: 4px 0;
      border-top: 1px solid #2b3035;
      cursor: pointer;
    }
    li time {
      color: #8a9099;
      font-variant-numeric: tabular-nums;
      font-size: 12px;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      margin-top: 5px;
    }
    .tag {
      white-space: nowrap;
      margin-left: 4px;
      font-size: 10px;
      padding: 0 5px;
      border-radius: 7px;
      background: #2b3035;
      color: #9fa6ad;
    }
    pre {
      grid-column: 1 / -1;
      margin: 4px 0 2px;
      padding: 8px;
      background: #16181b;
      border-radius: 6px;
      font-size: 11px;
      white-space: pre-wrap;
      word-break: break-all;
      color: #b9c0c7;
      max-height: 220px;
      overflow: auto;
    }
    select {
      font: inherit;
      font-size: 11px;
      color: #e8e8e8;
      background: #30353a;
      border: 1px solid #454b52;
      border-radius: 5px;
      padding: 1px 4px;
    }
    .error {
      color: #ff8a80;
      margin-top: 6px;
    }
    .world {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .world .swatch {
      width: 12px;
      height: 12px;
      border-radius: 3px;
      flex: none;
    }
    .world select {
      font-size: 12px;
      padding: 3px 6px;
      flex: 1;
      min-width: 0;
    }
  `

  @state() private clock: Clock | null = null
  @state() private funnel: Funnel | null = null
  @state() private events: SandboxEvent[] = []
  @state() private surface = ''
  @state() private lastTouch = false
  @state() private open = new Set<number>()
  @state() private error = ''
  @state() private world: WorldView | null = null
  @state() private switching = ''
  @state() private names = new Map<string, string>()
  @state() private labReports: LabReport[] | null = null
  @state() private labOpen = false
  #off: (() => void) | null = null
  #refresh: ReturnType<typeof setTimeout> | null = null

  connectedCallback() {
    super.connectedCallback()
    void this.#load()
    this.#off = onEvent((e) => {
      if (e.type === 'world.replaced') return void this.#load()
      this.events = [e, ...this.events].slice(0, KEEP)
      if (e.type === 'clock.advanced' && typeof e.payload.to === 'string') this.clock = { ...(this.clock ?? { mode: 'frozen' }), now: e.payload.to }
      this.#scheduleRefresh()
    })
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.#off?.()
    if (this.#refresh) clearTimeout(this.#refresh)
  }

  async #load() {
    try {
      const [people, clock, funnel, log, world] = await Promise.all([
        api.people(),
        control<Clock>('/clock'),
        control<Funnel>('/funnel'),
        control<{ events: SandboxEvent[] }>(`/events?order=desc&limit=${KEEP}`),
        api.world(),
      ])
      this.world = world
      this.names = new Map(people.map((p) => [p.id, p.name]))
      this.clock = clock
      this.funnel = funnel
      this.events = log.events
      this.open = new Set()
    } catch (err) {
      this.error = (err as Error).message
    }
    void this.#loadLab()
  }

  /** The strategy lab's runs: files on disk, so read again whenever the trainer looks. */
  async #loadLab() {
    try {
      this.labReports = (await control<{ reports: LabReport[] }>('/lab/reports')).reports
    } catch (err) {
      this.error = (err as Error).message
    }
  }

  #scheduleRefresh() {
    if (this.#refresh) return
    this.#refresh = setTimeout(async () => {
      this.#refresh = null
      this.funnel = await control<Funnel>('/funnel').catch(() => this.funnel)
    }, 250)
  }

  async #act(path: string, body: unknown = {}, confirmText?: string) {
    if (confirmText && !confirm(confirmText)) return
    this.error = ''
    try {
      const clock = await control<Clock>(path, body)
      if (clock?.now) this.clock = { mode: clock.mode, now: clock.now }
    } catch (err) {
      this.error = (err as Error).message
    }
  }

  render() {
    return html`${this.#worldSection()} ${this.#clockSection()} ${this.#funnelSection()} ${this.#channelSection()} ${this.#labSection()} ${this.labOpen ? nothing : this.#timeline()}`
  }

  /** The world picker: another kit's world for both phones and the store (a trainer comparing brands). */
  #worldSection() {
    const w = this.world
    if (!w || w.worlds.length < 2) return nothing
    return html`<section aria-label="World">
      <h2>World</h2>
      <div class="world">
        <span class="swatch" style=${`background:${w.brand.color}`}></span>
        <select aria-label="World kit" ?disabled=${Boolean(this.switching)} @change=${this.#switchWorld}>
          ${w.worlds.map((k) => html`<option value=${k.id} ?selected=${k.id === w.kit?.id}>${k.name} · ${k.nameZh}</option>`)}
        </select>
      </div>
      ${this.switching ? html`<div role="status">Switching to ${this.switching}…</div>` : nothing}
    </section>`
  }

  async #switchWorld(e: Event) {
    const select = e.target as HTMLSelectElement
    const next = this.world?.worlds.find((k) => k.id === select.value)
    if (!next || next.id === this.world?.kit?.id) return
    if (!confirm(`Switch to ${next.name}'s world? This world is reset, and the phones and the store start again in ${next.name}'s.`)) {
      select.value = this.world?.kit?.id ?? ''
      return
    }
    this.switching = next.name
    this.error = ''
    try {
      await api.switchWorld(next.id)
      // every screen shows the new brand: the phones start again from the new world
      location.reload()
    } catch (err) {
      this.error = (err as Error).message
      this.switching = ''
      select.value = this.world?.kit?.id ?? ''
    }
  }

  #clockSection() {
    const c = this.clock
    return html`<section aria-label="World clock">
      <h2>World clock</h2>
      <div class="clock">
        <time>${c ? chinaTime(c.now, true) : '—'}</time>
        ${c ? html`<span class="badge ${c.mode}">${c.mode === 'frozen' ? 'Frozen' : 'Running'}</span>` : nothing}
        <span class="badge">China time</span>
      </div>
      <div class="row">
        ${c?.mode === 'frozen'
          ? html`<button @click=${() => this.#act('/clock/resume')}>▶ Resume</button>`
          : html`<button @click=${() => this.#act('/clock/freeze')}>❚❚ Freeze</button>`}
        ${['1h', '1d', '3d', '7d'].map((by) => html`<button @click=${() => this.#act('/clock/advance', { by })}>+${by}</button>`)}
        <button class="danger" @click=${() => this.#act('/reset', {}, 'Reset the world to its seeded start? Everything that happened is cleared.')}>Reset world</button>
      </div>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
    </section>`
  }

  #funnelSection() {
    const f = this.funnel
    if (!f) return nothing
    const stages: [string, number][] = [
      ['Discovery touches', f.touches],
      ['Journeys', f.journeys],
      ['Buyers', f.buyers],
      ['Repeat buyers', f.repeatBuyers],
    ]
    const top = Math.max(1, ...stages.map(([, n]) => n))
    return html`<section aria-label="Funnel">
      <h2>Funnel</h2>
      <div class="stages">
        ${stages.map(
          ([label, n]) => html`<div class="stage">
            <span>${label}</span>
            <span class="bar"><i style="width:${(n / top) * 100}%"></i></span>
            <span class="num">${n}</span>
          </div>`,
        )}
      </div>
      <div class="totals">
        <span>Orders <b>${f.orders}</b></span>
        <span>Sales <b>${yuan(f.revenue)}</b></span>
        <span>Shares <b>${f.shares}</b></span>
        ${f.refunds ? html`<span>Refunded <b>${yuan(f.refunds)}</b></span>` : nothing}
      </div>
    </section>`
  }

  #channelSection() {
    const f = this.funnel
    if (!f) return nothing
    const last = this.lastTouch
    const rows = f.byChannel
      .map((c) => ({ c, orders: last ? c.lastTouchOrders : c.orders, revenue: last ? c.lastTouchRevenue : c.revenue }))
      .filter((r) => r.c.journeys || r.orders)
      .sort((a, b) => b.revenue - a.revenue || b.c.journeys - a.c.journeys)
    return html`<section aria-label="Sales by channel">
      <h2>
        Sales by channel<span class="spacer"></span>
        <button aria-pressed=${String(!last)} @click=${() => (this.lastTouch = false)}>First touch</button>
        <button aria-pressed=${String(last)} @click=${() => (this.lastTouch = true)}>Last touch</button>
      </h2>
      ${rows.length
        ? html`<table>
            <tr><th>Channel</th><th>Journeys</th><th>Orders</th><th>Sales</th></tr>
            ${rows.map((r) => html`<tr><td>${channelLabel(r.c.channel)}</td><td>${r.c.journeys}</td><td>${r.orders}</td><td>${yuan(r.revenue)}</td></tr>`)}
          </table>`
        : html`<div class="empty">No journeys yet: scan a code or share a card in a phone.</div>`}
    </section>`
  }

  #labSection() {
    return html`<section class="lab ${this.labOpen ? 'open' : ''}" aria-label="Strategy lab">
      <wx-lab-reports .reports=${this.labReports} ?open=${this.labOpen} @wx-lab-toggle=${(e: CustomEvent<boolean>) => (this.labOpen = e.detail)} @wx-lab-refresh=${() => this.#loadLab()}></wx-lab-reports>
    </section>`
  }

  #timeline() {
    const surfaces = [...new Set(this.events.map((e) => e.surface))].sort()
    const shown = this.surface ? this.events.filter((e) => e.surface === this.surface) : this.events
    return html`<section class="timeline" aria-label="Event timeline">
      <h2>
        Timeline<span class="spacer"></span>
        <select aria-label="Filter by surface" @change=${(e: Event) => (this.surface = (e.target as HTMLSelectElement).value)}>
          <option value="">All surfaces</option>
          ${surfaces.map((s) => html`<option value=${s} ?selected=${s === this.surface}>${s}</option>`)}
        </select>
      </h2>
      <ol>
        ${shown.map(
          (e) => html`<li @click=${() => this.#toggle(e.id)} title=${e.type}>
            <time>${chinaTime(e.at)}</time>
            <span class="dot" style="background:${SURFACE_COLOURS[e.surface] ?? '#8a9099'}"></span>
            <span>${caption(e, (id) => this.names.get(id) ?? id)}${e.channel ? html`<span class="tag">${channelLabel(e.channel)}</span>` : nothing}</span>
            ${this.open.has(e.id) ? html`<pre>${JSON.stringify({ type: e.type, subject: e.subject, journeyId: e.journeyId, payload: e.payload }, null, 2)}</pre>` : nothing}
          </li>`,
        )}
      </ol>
    </section>`
  }

  #toggle(id: number) {
    const open = new Set(this.open)
    if (open.has(id)) open.delete(id)
    else open.add(id)
    this.open = open
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-presenter': WxPresenter
  }
}
