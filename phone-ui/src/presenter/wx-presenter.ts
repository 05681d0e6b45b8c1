import { LitElement, css, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import type { Funnel } from '../../../platform-mock/src/sandbox/funnel'
import type { LabReport } from '../../../platform-mock/src/sandbox/lab-reports'
import { api, call, onEvent, post, type SandboxEvent, type WorldView } from '../api'
import { caption, channelLabel, chinaTime, contextOf, fold, setupSummary, SURFACE_COLOURS, SURFACE_LABELS, yuan, type CaptionContext } from './captions'
import './wx-attribution'
import './wx-faults-panel'
import type { AttributionSelection, WxAttribution } from './wx-attribution'
import './wx-lab-reports'
import './wx-presenter-exports'
import './wx-world-time'
import { sectionHeading } from './styles'

interface Clock {
  mode: 'frozen' | 'live'
  now: string
  nowMs: number
}

const KEEP = 300
/** How often the panel asks the clock, to follow a freeze or a resume made elsewhere (no event says so). */
const CLOCK_SYNC_MS = 3000

/** What each figure of the funnel means, said on hover. */
const STAGES = [
  ['reached', 'Reached', 'People the brand reached: they scanned its code, read its article, watched its Channels, added its consultant, got its message or a friend’s card — or opened the mini program. Each person counts once.'],
  ['opened', 'Opened the mini program', 'Of the people reached, those who opened the mini program (or paid the brand at a code).'],
  ['buyers', 'Bought', 'Of those, the people who paid at least once.'],
  ['repeatBuyers', 'Bought again', 'Of the buyers, the people who paid two times or more.'],
] as const
const FIRST_TOUCH = 'Each person counts for one channel: where they first met the brand. Someone who came by a friend’s card counts for the channel that card’s share chain started from.'
const LAST_TOUCH = 'Payments credited to the channel of the buyer’s last mini program launch before paying (what brought them back to buy), with their sales after refunds.'

/** Yuan, without the fen when there are none: a table cell's `¥18`, `¥18.50`. */
const money = (fen: number) => (fen % 100 === 0 ? `¥${fen / 100}` : yuan(fen))

/** The control API: a GET, or a POST with a body. */
const control = <T>(path: string, body?: unknown) => (body === undefined ? call<T>(`/_sandbox${path}`) : post<T>(`/_sandbox${path}`, body))

/**
 * The presenter's panel beside the phones: the world's clock with the controls a trainer needs,
 * the commerce funnel with sales per entry channel, and the live event timeline in plain words.
 */
@customElement('wx-presenter')
export class WxPresenter extends LitElement {
  static styles = [
    sectionHeading,
    css`
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
    }
    .clock {
      display: flex;
      align-items: baseline;
      gap: 10px;
    }
    h2 .hint {
      font-weight: 400;
      letter-spacing: 0;
      text-transform: none;
      color: #6b727a;
      cursor: help;
      border-bottom: 1px dotted #4a5057;
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
      grid-template-columns: 152px 1fr 26px 34px;
      align-items: center;
      gap: 8px;
      cursor: help;
    }
    .rate {
      text-align: right;
      font-size: 11px;
      color: #8a9099;
      font-variant-numeric: tabular-nums;
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
    table {
      font-size: 12px;
    }
    td {
      text-align: right;
      padding: 3px 0 3px 6px;
      border-top: 1px solid #2b3035;
      white-space: nowrap;
    }
    th {
      cursor: help;
      padding-left: 6px;
      white-space: nowrap;
    }
    td:first-child {
      max-width: 110px;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    th.last,
    td.last {
      padding-left: 10px;
      border-left: 1px solid #30353a;
    }
    td small {
      color: #8a9099;
      font-size: 11px;
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
    .dot.hollow {
      box-sizing: border-box;
      border: 1px solid #5a6168;
    }
    li.setup {
      cursor: default;
      color: #8a9099;
    }
    li.step {
      padding-left: 14px;
      color: #b9c0c7;
    }
    button.fold {
      background: none;
      border: none;
      padding: 0 0 0 4px;
      color: #7d848b;
      text-align: left;
      font-size: 11px;
      white-space: nowrap;
    }
    button.fold:hover {
      background: none;
      color: #e8e8e8;
    }
    li.step .dot {
      opacity: 0.6;
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
    /* the fault library, open: up to a 1080p projector the numbers step aside, so the form, its rules and the timeline all have room */
    section.faults.open {
      flex: 0 1 auto;
      min-height: 0;
      display: flex;
      flex-direction: column;
    }
    @media (max-height: 1100px) {
      :host([faults-open]) section:is([aria-label='Funnel'], [aria-label='By channel'], [aria-label='Attribution']) {
        display: none;
      }
    }
    h2 button {
      text-transform: none;
      letter-spacing: 0;
      font-weight: 400;
      font-size: 11px;
      padding: 2px 8px;
    }
    /* a short screen (a 720p projector): the same panel, tighter, so the timeline keeps its room */
    @media (max-height: 800px) {
      section {
        padding: 8px 12px;
      }
      h2 {
        margin-bottom: 5px;
      }
      .row {
        margin-top: 5px;
      }
      .stages {
        gap: 2px;
      }
      .totals {
        margin-top: 5px;
      }
      td {
        padding: 2px 0 2px 6px;
      }
    }
  `,
  ]

  @state() private clock: Clock | null = null
  @state() private funnel: Funnel | null = null
  @state() private events: SandboxEvent[] = []
  @state() private surface = ''
  @state() private open = new Set<number>()
  /** setup runs shown unfolded, by their newest event's id */
  @state() private unfolded = new Set<number>()
  @state() private error = ''
  @state() private world: WorldView | null = null
  @state() private switching = ''
  @state() private names = new Map<string, string>()
  @state() private templates = new Map<string, string>()
  @state() private labReports: LabReport[] | null = null
  @state() private labOpen = false
  #off: (() => void) | null = null
  #refresh: ReturnType<typeof setTimeout> | null = null
  #sync: ReturnType<typeof setInterval> | null = null
  /** the real time the clock was last read at, to run it on between reads */
  @state() private clockReadAt = 0
  /** counts world replacements: a read begun in an older world is dropped */
  #generation = 0
  #templatesOf = new Set<string>()

  connectedCallback() {
    super.connectedCallback()
    void this.#load()
    this.#off = onEvent((e) => {
      if (e.type === 'world.replaced') return this.#replaced()
      this.#add([e])
      if (e.type === 'clock.advanced' || e.type === 'clock.frozen' || e.type === 'clock.resumed') void this.#readClock()
      if (e.type === 'miniprogram.subscribe.answered' && e.subject.appid) void this.#loadTemplates(e.subject.appid)
      this.#scheduleRefresh()
      this.#refreshAttribution(e)
    })
    this.#sync = setInterval(() => void this.#readClock(), CLOCK_SYNC_MS)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.#off?.()
    if (this.#refresh) clearTimeout(this.#refresh)
    if (this.#sync) clearInterval(this.#sync)
  }

  /** The world was reset, restored or switched: nothing of the old one stays on screen. */
  #replaced() {
    this.#generation++
    this.events = []
    this.open = new Set()
    this.unfolded = new Set()
    this.templates = new Map()
    this.#templatesOf.clear()
    this.attribution = null
    void this.#load()
  }

  /** Events from the stream and from the log, each once, newest first. */
  #add(events: SandboxEvent[]) {
    const byId = new Map(this.events.map((e) => [e.id, e]))
    for (const e of events) byId.set(e.id, e)
    this.events = [...byId.values()].sort((a, b) => b.id - a.id).slice(0, KEEP)
  }

  async #load() {
    const generation = this.#generation
    try {
      const [people, clock, funnel, log, world] = await Promise.all([
        api.people(),
        control<Clock>('/clock'),
        control<Funnel>('/funnel'),
        control<{ events: SandboxEvent[] }>(`/events?order=desc&limit=${KEEP}`),
        api.world(),
      ])
      if (generation !== this.#generation) return
      this.world = world
      this.names = new Map(people.map((p) => [p.id, p.name]))
      this.#setClock(clock)
      this.funnel = funnel
      this.#add(log.events)
      for (const appid of new Set(log.events.filter((e) => e.type === 'miniprogram.subscribe.answered').map((e) => e.subject.appid))) if (appid) void this.#loadTemplates(appid)
    } catch (err) {
      this.error = (err as Error).message
    }
    void this.#loadLab()
  }

  /** The titles of a mini program's subscription templates, so that an answer names its messages. */
  async #loadTemplates(appid: string) {
    if (this.#templatesOf.has(appid)) return
    this.#templatesOf.add(appid)
    const generation = this.#generation
    const list = await call<{ templates: { templateId: string; title: string; titleEn?: string }[] }>(`/_sandbox/miniprogram/templates?appid=${encodeURIComponent(appid)}`).catch(() => null)
    if (!list || generation !== this.#generation) return
    const templates = new Map(this.templates)
    for (const t of list.templates) templates.set(t.templateId, t.titleEn || t.title)
    this.templates = templates
  }

  async #readClock() {
    const generation = this.#generation
    const clock = await control<Clock>('/clock').catch(() => null)
    if (clock && generation === this.#generation) this.#setClock(clock)
  }

  #setClock(clock: Clock) {
    const nowMs = clock.nowMs ?? Date.parse(clock.now)
    const c = this.clock
    // a read that says what the panel already shows changes nothing (and redraws nothing)
    if (c && c.mode === clock.mode && Math.abs((c.mode === 'live' ? c.nowMs + Date.now() - this.clockReadAt : c.nowMs) - nowMs) < 1000) return
    this.clock = { mode: clock.mode, now: clock.now, nowMs }
    this.clockReadAt = Date.now()
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
      const generation = this.#generation
      const funnel = await control<Funnel>('/funnel').catch(() => null)
      if (funnel && generation === this.#generation) this.funnel = funnel
    }, 250)
  }

  async #act(path: string, body: unknown = {}, confirmText?: string) {
    if (confirmText && !confirm(confirmText)) return
    this.error = ''
    try {
      const answer = await control<Clock & { clock?: Clock }>(path, body)
      const clock = answer?.clock ?? answer
      if (clock?.now) this.#setClock(clock)
    } catch (err) {
      this.error = (err as Error).message
    }
  }

  render() {
    return html`${this.#worldSection()} ${this.#clockSection()} ${this.#funnelSection()} ${this.#channelSection()} ${this.#attributionSection()} ${this.#faultsSection()} ${this.#labSection()} ${this.labOpen ? nothing : this.#timeline()}`
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
      <h2>
        World clock<span class="spacer"></span>
        <button class="danger" title="Start the world again from its seed: everything that happened is cleared" @click=${() => this.#act('/reset', {}, 'Reset the world to its seeded start? Everything that happened is cleared.')}>Reset world</button>
      </h2>
      <div class="clock">
        ${c ? html`<wx-world-time .nowMs=${c.nowMs} .mode=${c.mode} .readAt=${this.clockReadAt}></wx-world-time>` : html`<span>—</span>`}
        ${c
          ? html`<span class="badge ${c.mode}" title=${c.mode === 'frozen' ? 'Time stands still until you resume it or jump ahead' : 'Time runs as it does in the room'}>${c.mode === 'frozen' ? 'Frozen' : 'Running'}</span>`
          : nothing}
        <span class="badge">China time</span>
      </div>
      <div class="row">
        ${c?.mode === 'frozen'
          ? html`<button @click=${() => this.#act('/clock/resume')}>▶ Resume</button>`
          : html`<button @click=${() => this.#act('/clock/freeze')}>❚❚ Freeze</button>`}
        ${['1h', '1d', '3d', '7d'].map((by) => html`<button title=${`Jump ahead ${by}: what is due by then happens`} @click=${() => this.#act('/clock/advance', { by })}>+${by}</button>`)}
      </div>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
    </section>`
  }

  #funnelSection() {
    const f = this.funnel
    if (!f) return nothing
    const top = Math.max(1, f.reached)
    return html`<section aria-label="Funnel">
      <h2>Funnel <span class="hint" title=${`People, not events: each stage is part of the one before it. ${FIRST_TOUCH}`}>people</span><span class="spacer"></span>${this.#exports('funnel')}</h2>
      <div class="stages">
        ${STAGES.map(([key, label, meaning], i) => {
          const n = f[key]
          const before = i > 0 ? f[STAGES[i - 1]![0]] : 0
          return html`<div class="stage" title=${meaning} aria-label=${`${label}: ${n}`}>
            <span>${label}</span>
            <span class="bar"><i style="width:${(n / top) * 100}%"></i></span>
            <span class="num">${n}</span>
            <span class="rate">${i > 0 && before ? `${Math.round((n / before) * 100)}%` : ''}</span>
          </div>`
        })}
      </div>
      <div class="totals">
        <span title="Payments, each order once">Orders <b>${f.orders}</b></span>
        <span title="What was paid, minus refunds">Sales <b>${yuan(f.revenue)}</b></span>
        <span title="Mini program cards shared in chats and groups">Shares <b>${f.shares}</b></span>
        ${f.refunds ? html`<span title="Refunded to buyers">Refunded <b>${yuan(f.refunds)}</b></span>` : nothing}
      </div>
    </section>`
  }

  #channelSection() {
    const f = this.funnel
    if (!f) return nothing
    const rows = f.byChannel.filter((c) => c.reached || c.lastTouchOrders)
    return html`<section aria-label="By channel">
      <h2>By channel <span class="hint" title=${FIRST_TOUCH}>first touch</span></h2>
      ${rows.length
        ? html`<table>
            <tr>
              <th title=${`Channel people first met the brand by. ${FIRST_TOUCH}`}>Channel</th>
              <th title=${STAGES[0][2]}>Reached</th>
              <th title=${STAGES[1][2]}>Opened</th>
              <th title=${STAGES[2][2]}>Bought</th>
              <th title="What these people paid, minus refunds">Sales</th>
              <th class="last" title=${LAST_TOUCH}>Last touch</th>
            </tr>
            ${rows.map(
              (r) => html`<tr>
                <td title=${channelLabel(r.channel)}>${channelLabel(r.channel)}</td>
                <td>${r.reached}</td>
                <td>${r.opened}</td>
                <td>${r.buyers}</td>
                <td>${r.sales ? money(r.sales) : '—'}</td>
                <td class="last" title=${`${r.lastTouchOrders} order(s) last touched by ${channelLabel(r.channel)}, ${yuan(r.lastTouchRevenue)}`}>${r.lastTouchOrders ? html`${r.lastTouchOrders}<small> · ${money(r.lastTouchRevenue)}</small>` : '—'}</td>
              </tr>`,
            )}
          </table>`
        : html`<div class="empty">No one reached yet: scan a code or share a card in a phone.</div>`}
    </section>`
  }

  // ── attribution: an order's or a person's chain (wx-attribution.ts) ──
  @state() private attribution: AttributionSelection = null

  #attributionSection() {
    const people = [...this.names].map(([id, name]) => ({ id, name }))
    return html`<section aria-label="Attribution">
      <wx-attribution .selection=${this.attribution} .people=${people} @wx-attribution-select=${(e: CustomEvent<AttributionSelection>) => (this.attribution = e.detail)}></wx-attribution>
    </section>`
  }

  /** A payment line draws its order's chain. */
  #selectOrder(e: SandboxEvent) {
    if (e.type === 'pay.payment.succeeded' && e.subject.out_trade_no) this.attribution = { order: e.subject.out_trade_no }
  }

  /** A new payment or share may lengthen the chain on screen. */
  #refreshAttribution(e: SandboxEvent) {
    if (this.attribution && (e.surface === 'pay' || e.surface === 'chat' || e.type === 'miniprogram.launched')) this.renderRoot.querySelector<WxAttribution>('wx-attribution')?.refresh()
  }

  // ── the fault library (issue 17, wx-faults-panel.ts) ──
  @state() private faultsOpen = false

  #faultsSection() {
    return html`<section class="faults ${this.faultsOpen ? 'open' : ''}" aria-label="Faults">
      <wx-faults-panel ?open=${this.faultsOpen} @wx-faults-toggle=${(e: CustomEvent<boolean>) => ((this.faultsOpen = e.detail), this.toggleAttribute('faults-open', e.detail))}></wx-faults-panel>
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
    const ctx = contextOf(this.events, this.world, this.names, this.templates)
    return html`<section class="timeline" aria-label="Event timeline">
      <h2>
        Timeline<span class="spacer"></span>
        ${this.#exports('timeline', shown, ctx)}
        <select aria-label="Filter by surface" @change=${(e: Event) => (this.surface = (e.target as HTMLSelectElement).value)}>
          <option value="">Everything</option>
          ${surfaces.map((s) => html`<option value=${s} ?selected=${s === this.surface}>${SURFACE_LABELS[s] ?? s}</option>`)}
        </select>
      </h2>
      <ol data-ids=${shown.map((e) => e.id).join(',')}>
        ${fold(shown).map((item) => {
          const id = item.setup[0]?.id ?? 0
          const open = item.setup.length > 0 && this.unfolded.has(id)
          const steps = item.setup.length
            ? html`<button
                class="fold"
                aria-expanded=${String(open)}
                title=${`Platform bookkeeping behind the scenes: ${setupSummary(item.setup)}`}
                @click=${(e: Event) => {
                  e.stopPropagation()
                  this.#unfold(id)
                }}
              >
                · ${item.setup.length} setup step${item.setup.length === 1 ? '' : 's'} ${open ? '▾' : '▸'}
              </button>`
            : nothing
          return html`${item.event ? this.#line(item.event, ctx, steps) : html`<li class="setup"><time>${chinaTime(item.setup[0]!.at)}</time><span class="dot hollow"></span><span>${steps}</span></li>`}
          ${open ? item.setup.map((e) => this.#line(e, ctx, nothing, true)) : nothing}`
        })}
      </ol>
    </section>`
  }

  #line(e: SandboxEvent, ctx: CaptionContext, steps: unknown = nothing, inSetup = false) {
    return html`<li class=${inSetup ? 'step' : ''} @click=${() => (this.#toggle(e.id), this.#selectOrder(e))} title=${e.type === 'pay.payment.succeeded' ? 'Click for the order’s chain and the event as the platform logged it' : 'Click for the event as the platform logged it'}>
      <time>${chinaTime(e.at)}</time>
      <span class="dot" style="background:${SURFACE_COLOURS[e.surface] ?? '#8a9099'}"></span>
      <span>${caption(e, ctx)}${e.channel ? html`<span class="tag">${channelLabel(e.channel)}</span>` : nothing}${steps}</span>
      ${this.open.has(e.id) ? html`<pre>${JSON.stringify({ type: e.type, actor: e.actor, subject: e.subject, journeyId: e.journeyId, payload: e.payload }, null, 2)}</pre>` : nothing}
    </li>`
  }

  // ── exports (issue 16.8): download buttons beside the funnel's and the timeline's titles ──

  #exports(kind: 'funnel' | 'timeline', events: SandboxEvent[] = [], context: CaptionContext | null = null) {
    const w = this.world
    return html`<wx-presenter-exports kind=${kind} .events=${events} .context=${context} .funnel=${this.funnel} world=${w?.kit?.id ?? w?.brand.name ?? 'world'} worldName=${w?.kit?.name ?? w?.brand.name ?? ''} .nowMs=${this.clock ? (this.clock.mode === 'live' ? this.clock.nowMs + Date.now() - this.clockReadAt : this.clock.nowMs) : Date.now()}></wx-presenter-exports>`
  }

  #unfold(id: number) {
    const unfolded = new Set(this.unfolded)
    if (unfolded.has(id)) unfolded.delete(id)
    else unfolded.add(id)
    this.unfolded = unfolded
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
