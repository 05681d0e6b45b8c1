import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { FaultRule } from '../../../platform-mock/src/faults/rules'
import { api, call, onEvent, post } from '../api'
import { faultRefusal, faultSurfaceLabel } from './fault-words'
import { sectionHeading } from './styles'

/** One kind as `GET /_sandbox/faults/catalog` lists it, its params as JSON Schema. */
interface CatalogKind {
  fault: string
  summary: string
  where: string
  params: { properties?: Record<string, ParamSchema>; required?: string[] } | null
}
interface ParamSchema {
  type?: string
  default?: unknown
  minimum?: number
  maximum?: number
}
interface CatalogSurface {
  surface: string
  description: string
  faults: CatalogKind[]
}

/** `ms` in a summary: the catalog marks names and values with backticks. */
const withCode = (text: string) => text.split(/`([^`]+)`/).map((part, i) => (i % 2 ? html`<code>${part}</code>` : part))

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * The presenter's fault library (issue 17): switch a fault from the catalog on while teaching —
 * a surface and a fault with its summary, an optional person, times and chance, the kind's
 * parameters — and the rules in force with their turns left and firings, live from the event log.
 * Collapsed it is one line saying how many rules are on.
 */
@customElement('wx-faults-panel')
export class WxFaultsPanel extends LitElement {
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
      h2 .count.on {
        color: #ffb35c;
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
      button:disabled {
        opacity: 0.5;
        cursor: default;
      }
      h2 button {
        font-size: 11px;
        padding: 2px 8px;
      }
      button[aria-expanded='true'] {
        background: #07c160;
        border-color: #07c160;
        color: #fff;
      }
      button.danger {
        color: #ff8a80;
      }
      button.primary {
        background: #07c160;
        border-color: #07c160;
        color: #fff;
        font-weight: 600;
      }
      button.primary:hover {
        background: #06ad56;
      }
      .body {
        overflow-y: auto;
        min-height: 0;
        scrollbar-width: thin;
        scrollbar-color: #454b52 transparent;
      }
      form {
        margin-top: 8px;
        padding: 8px 10px;
        background: #262a2f;
        border: 1px solid #30353a;
        border-radius: 8px;
        display: grid;
        gap: 6px;
      }
      .grid {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 6px 8px;
      }
      .grid.scope {
        grid-template-columns: 1.6fr 1fr 1fr;
      }
      label {
        display: grid;
        gap: 2px;
        font-size: 11px;
        color: #8a9099;
        min-width: 0;
      }
      select,
      input {
        font: inherit;
        font-size: 12px;
        color: #e8e8e8;
        background: #30353a;
        border: 1px solid #454b52;
        border-radius: 5px;
        padding: 3px 6px;
        min-width: 0;
        box-sizing: border-box;
        width: 100%;
      }
      input::placeholder {
        color: #6b727a;
      }
      select:focus,
      input:focus {
        outline: 1px solid #07c160;
        border-color: #07c160;
      }
      .summary {
        margin: 0;
        color: #c8ccd0;
        line-height: 1.4;
        font-size: 12px;
      }
      .summary.clamped {
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .where {
        margin: 0;
        color: #8a9099;
        font-size: 11px;
        line-height: 1.35;
      }
      button.more {
        background: none;
        border: none;
        padding: 0;
        color: #7d848b;
        font-size: 11px;
        justify-self: start;
      }
      button.more:hover {
        background: none;
        color: #e8e8e8;
      }
      code {
        font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
        font-size: 11px;
        background: #1a1d20;
        border-radius: 3px;
        padding: 0 3px;
      }
      .actions {
        display: flex;
        align-items: center;
        gap: 8px;
      }
      .error {
        color: #ff8a80;
        font-size: 12px;
        line-height: 1.35;
        flex: 1;
      }
      ol {
        list-style: none;
        margin: 8px 0 0;
        padding: 0;
        display: grid;
        gap: 4px;
      }
      li {
        display: grid;
        grid-template-columns: 1fr auto;
        align-items: center;
        gap: 2px 8px;
        padding: 5px 8px;
        background: #262a2f;
        border: 1px solid #30353a;
        border-left: 3px solid #ffb35c;
        border-radius: 6px;
      }
      li.spent {
        border-left-color: #5a6168;
        color: #9fa6ad;
      }
      .rule {
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .rule b {
        color: #fff;
        font-weight: 600;
      }
      .figures {
        grid-column: 1;
        font-size: 11px;
        color: #8a9099;
        font-variant-numeric: tabular-nums;
      }
      .figures b {
        color: #e8e8e8;
        font-weight: 600;
      }
      li button {
        grid-row: 1 / span 2;
        grid-column: 2;
        font-size: 11px;
        padding: 2px 8px;
      }
      .empty {
        margin-top: 8px;
        color: #8a9099;
        font-style: italic;
      }
    `,
  ]

  /** the panel is shown (the presenter makes room for it) */
  @property({ type: Boolean, reflect: true }) open = false

  @state() private catalog: CatalogSurface[] = []
  @state() private rules: FaultRule[] = []
  @state() private people: { id: string; name: string }[] = []
  @state() private surface = ''
  @state() private fault = ''
  @state() private error = ''
  @state() private busy = false
  @state() private summaryOpen = false
  #off: (() => void) | null = null
  #reload: ReturnType<typeof setTimeout> | null = null
  /** counts world replacements: a read begun in an older world is dropped */
  #generation = 0

  connectedCallback() {
    super.connectedCallback()
    void this.#load()
    this.#off = onEvent((e) => {
      if (e.type === 'world.replaced') {
        this.#generation++
        this.rules = []
        void this.#load()
      } else if (e.type.startsWith('fault.')) this.#scheduleRules()
    })
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.#off?.()
    if (this.#reload) clearTimeout(this.#reload)
  }

  async #load() {
    const generation = this.#generation
    try {
      const [catalog, people] = await Promise.all([call<{ surfaces: CatalogSurface[] }>('/_sandbox/faults/catalog'), api.people()])
      if (generation !== this.#generation) return
      this.catalog = catalog.surfaces.filter((s) => s.faults.length)
      this.people = people.map((p) => ({ id: p.id, name: p.name }))
      if (!this.#kind()) this.#pick(this.catalog.find((s) => s.surface === 'pay')?.surface ?? this.catalog[0]?.surface ?? '')
    } catch (err) {
      this.error = (err as Error).message
    }
    await this.#loadRules()
  }

  async #loadRules() {
    const generation = this.#generation
    const list = await call<{ faults: FaultRule[] }>('/_sandbox/faults').catch(() => null)
    if (list && generation === this.#generation) this.rules = list.faults
  }

  /** Firings come in bursts (a retry, both halves of a checkout): one read for a burst. */
  #scheduleRules() {
    if (this.#reload) return
    this.#reload = setTimeout(() => {
      this.#reload = null
      void this.#loadRules()
    }, 100)
  }

  #surface() {
    return this.catalog.find((s) => s.surface === this.surface)
  }

  #kind() {
    return this.#surface()?.faults.find((k) => k.fault === this.fault)
  }

  #pick(surface: string, fault?: string) {
    this.surface = surface
    this.fault = fault ?? this.catalog.find((s) => s.surface === surface)?.faults[0]?.fault ?? ''
    this.summaryOpen = false
    this.error = ''
  }

  render() {
    const live = this.rules.filter((r) => r.remaining !== 0).length
    return html`<h2>
        Faults<span class="count ${live ? 'on' : ''}">${live ? `· ${live} on` : '· none on'}</span>
        <span class="spacer"></span>
        ${this.open && this.rules.length ? html`<button class="danger" @click=${this.#clear} title="Switch every fault rule off">Clear all</button>` : nothing}
        <button aria-expanded=${String(this.open)} title=${this.open ? 'Hide the fault library' : 'Make WeChat fail on purpose: switch a fault on'} @click=${this.#toggle}>${this.open ? 'Hide' : 'Inject'}</button>
      </h2>
      ${this.open ? html`<div class="body">${this.#rules()} ${this.#form()}</div>` : nothing}`
  }

  #form() {
    const kind = this.#kind()
    const props = Object.entries(kind?.params?.properties ?? {})
    const required = new Set(kind?.params?.required ?? [])
    return html`<form aria-label="Switch a fault on" novalidate @submit=${this.#submit}>
      <div class="grid">
        <label
          >Surface
          <select name="surface" aria-label="Surface" @change=${(e: Event) => this.#pick((e.target as HTMLSelectElement).value)}>
            ${this.catalog.map((s) => html`<option value=${s.surface} title=${s.description} ?selected=${s.surface === this.surface}>${faultSurfaceLabel(s.surface)}</option>`)}
          </select>
        </label>
        <label
          >Fault
          <select name="fault" aria-label="Fault" @change=${(e: Event) => this.#pick(this.surface, (e.target as HTMLSelectElement).value)}>
            ${(this.#surface()?.faults ?? []).map((k) => html`<option value=${k.fault} ?selected=${k.fault === this.fault}>${k.fault}</option>`)}
          </select>
        </label>
      </div>
      ${kind
        ? html`<p class="summary ${this.summaryOpen ? '' : 'clamped'}" aria-label="What happens">${withCode(kind.summary)}</p>
            ${this.summaryOpen ? html`<p class="where"><b>Where:</b> ${withCode(kind.where)}</p>` : nothing}
            <button type="button" class="more" aria-expanded=${String(this.summaryOpen)} @click=${() => (this.summaryOpen = !this.summaryOpen)}>${this.summaryOpen ? 'less ▴' : 'more, and where it applies ▸'}</button>`
        : nothing}
      <div class="grid scope">
        <label
          >Person
          <select name="person" aria-label="Person" title="Only when this person is the one involved (some faults name no person: leave it on Anyone)">
            <option value="">Anyone</option>
            ${this.people.map((p) => html`<option value=${p.id}>${p.name}</option>`)}
          </select>
        </label>
        <label title="How many times it fires; empty: until you switch it off">Times <input name="times" aria-label="Times" type="number" min="1" step="1" value="1" placeholder="always" /></label>
        <label title="The chance it fires each time it could, drawn from the world's seed">Chance % <input name="chance" aria-label="Chance %" type="number" min="1" max="100" step="1" value="100" /></label>
      </div>
      ${props.length
        ? html`<div class="grid">
            ${props.map(([name, schema]) => {
              const numeric = schema.type === 'integer' || schema.type === 'number'
              const range = schema.minimum !== undefined && schema.maximum !== undefined ? `${schema.minimum}–${schema.maximum}` : ''
              return html`<label
                >${name}${required.has(name) ? ' *' : ''}${range ? ` (${range})` : ''}
                <input
                  data-param=${name}
                  data-numeric=${String(numeric)}
                  type=${numeric ? 'number' : 'text'}
                  aria-label=${name}
                  .value=${schema.default === undefined ? '' : String(schema.default)}
                  placeholder=${range || (required.has(name) ? 'needed' : 'optional')}
                />
              </label>`
            })}
          </div>`
        : nothing}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy || !kind}>Switch on</button>
        ${this.error ? html`<span class="error" role="alert">${this.error}</span>` : nothing}
      </div>
    </form>`
  }

  #rules() {
    if (!this.rules.length) return html`<div class="empty">No fault rule is on: WeChat behaves.</div>`
    const name = (id: string) => this.people.find((p) => p.id === id)?.name ?? id
    return html`<ol aria-label="Fault rules">
      ${this.rules.map((r) => {
        const scope = [r.person && `for ${name(r.person)}`, r.route && `on ${r.route}`, r.app && `app ${r.app}`, r.journey && `in ${r.journey}`].filter(Boolean).join(', ')
        const params = Object.entries(r.params ?? {}).map(([k, v]) => `${k} ${String(v)}`).join(', ')
        const left = r.remaining === null ? 'until switched off' : r.remaining === 0 ? 'spent: no turn left' : `${plural(r.remaining, 'turn')} left`
        return html`<li class=${r.remaining === 0 ? 'spent' : ''} aria-label=${`Fault rule ${r.id}`}>
          <span class="rule" title=${`Rule ${r.id}: ${faultSurfaceLabel(r.surface)} · ${r.fault}${params ? ` (${params})` : ''}${scope ? ` · ${scope}` : ''}`}
            >#${r.id} ${faultSurfaceLabel(r.surface)} · <b>${r.fault}</b>${params ? ` (${params})` : ''}${scope ? ` · ${scope}` : ''}</span
          >
          <span class="figures"><span aria-label="Turns left">${left}</span> · <span aria-label="Fired">fired <b>${r.fired}</b>×</span>${r.probability < 1 ? ` · ${Math.round(r.probability * 100)}% chance` : ''}</span>
          <button aria-label=${`Switch off rule ${r.id}`} @click=${() => this.#remove(r.id)}>Switch off</button>
        </li>`
      })}
    </ol>`
  }

  async #submit(e: Event) {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    const value = (n: string) => (form.elements.namedItem(n) as HTMLInputElement | HTMLSelectElement | null)?.value.trim() ?? ''
    const rule: Record<string, unknown> = { surface: this.surface, fault: this.fault }
    if (value('person')) rule.person = value('person')
    if (value('times')) rule.times = Number(value('times'))
    const chance = value('chance')
    if (chance && Number(chance) !== 100) rule.probability = Number(chance) / 100
    const params: Record<string, unknown> = {}
    for (const input of form.querySelectorAll<HTMLInputElement>('input[data-param]')) {
      const v = input.value.trim()
      // a number input holding something that is not a number reads as '': say so rather than drop it
      if (input.dataset.numeric === 'true' && input.validity.badInput) {
        this.error = `${input.dataset.param} must be a number`
        return
      }
      if (v !== '') params[input.dataset.param!] = input.dataset.numeric === 'true' ? Number(v) : v
    }
    if (Object.keys(params).length) rule.params = params
    this.busy = true
    this.error = ''
    try {
      await post('/_sandbox/faults', rule)
      await this.#loadRules()
    } catch (err) {
      this.error = `Not switched on: ${faultRefusal((err as Error).message)}.`
    } finally {
      this.busy = false
    }
  }

  async #remove(id: number) {
    await call(`/_sandbox/faults/${id}`, { method: 'DELETE' }).catch((err) => (this.error = (err as Error).message))
    await this.#loadRules()
  }

  async #clear() {
    await call('/_sandbox/faults', { method: 'DELETE' }).catch((err) => (this.error = (err as Error).message))
    await this.#loadRules()
  }

  #toggle() {
    this.dispatchEvent(new CustomEvent('wx-faults-toggle', { detail: !this.open, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-faults-panel': WxFaultsPanel
  }
  interface GlobalEventHandlersEventMap {
    /** the trainer shows (true) or hides the fault library */
    'wx-faults-toggle': CustomEvent<boolean>
  }
}
