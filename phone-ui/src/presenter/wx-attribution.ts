import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { AttributionStep } from '../../../platform-mock/src/surfaces/chat/attribution'
import { call } from '../api'
import { channelLabel, chinaTime, yuan } from './captions'
import { sectionHeading } from './styles'

/** What `GET /_sandbox/attribution/orders/:out_trade_no` and `/people/:id` answer. */
interface Chain {
  person: string
  outTradeNo?: string
  steps: AttributionStep[]
  names: Record<string, string>
}

/** What to draw: an order (by out_trade_no) or a person (by id). */
export type AttributionSelection = { order: string } | { person: string } | null

/** A chain's first touch as a trainer says it: `Channels video`, `table QR`, `Official Account article`. */
export function firstTouchLabel(s: { via?: string; entry?: string; videoId?: string; liveId?: string; scene?: number }) {
  if (s.via === 'channels') return s.liveId ? 'Channels live' : s.entry === 'channels-shop' ? 'Channels shop' : 'Channels video'
  if (s.entry === 'oa-article') return 'Official Account article'
  if (s.entry === 'oa-follow-code') return 'Official Account follow code'
  if (s.via === 'qr') return s.scene === 1049 || s.entry === 'wxacode' ? 'mini program code' : 'QR code'
  if (s.via === 'direct') return 'their own share'
  return channelLabel(s.via ?? 'other')
}

/** What the person did at the first touch: `watched a Channels video`, `scanned a mini program code`. */
function touchVerb(s: { via?: string; entry?: string; liveId?: string; scene?: number }) {
  const label = firstTouchLabel(s)
  if (s.via === 'channels') return s.liveId ? 'joined a Channels live' : s.entry === 'channels-shop' ? 'visited the Channels shop' : 'watched a Channels video'
  if (s.entry === 'oa-article') return 'read an Official Account article'
  if (s.via === 'qr') return `scanned a ${label}`
  if (s.via === 'search') return 'found the mini program in Search'
  if (s.via === 'direct') return 'opened the mini program'
  return `came by ${label}`
}

/** Each step of a chain in words: what happened, and the detail under it. */
export function stepWords(s: AttributionStep, name: (id: string) => string, before?: AttributionStep): { text: string; detail: string } {
  const who = name(s.person)
  switch (s.action) {
    case 'discovered':
      return { text: `${who} ${touchVerb(s)}`, detail: `First touch · ${channelLabel(s.via)}${s.scene ? ` · scene ${s.scene}` : ''}` }
    case 'shared':
    case 'forwarded': {
      const verb = s.action === 'shared' ? 'shared' : 'forwarded'
      const group = s.via === 'group'
      return { text: group ? `${who} ${verb} a card in ${name(s.to ?? '')}` : `${who} ${verb} with ${name(s.to ?? '')}`, detail: group ? 'in a group' : 'in a chat' }
    }
    case 'opened': {
      const card = before && (before.action === 'shared' || before.action === 'forwarded')
      return { text: `${who} opened the mini program`, detail: `${card ? `from ${name(before.person)}’s card` : channelLabel(s.via)}${s.scene ? ` · scene ${s.scene}` : ''}` }
    }
    case 'paid':
      return { text: `${who} paid ${yuan(s.total)}`, detail: [s.description.replace(/^[^-–·]+\s[-–·]\s/, ''), s.outTradeNo].filter(Boolean).join(' · ') }
  }
}

const KIND: Record<AttributionStep['action'], string> = { discovered: 'touch', shared: 'share', forwarded: 'share', opened: 'open', paid: 'paid' }

/**
 * The presenter's attribution: how an order or a person came to the brand, drawn as steps — the
 * first touch, each share and forward (who to whom, chat or group), the open and the payments,
 * in China time. Pick a person here, or a payment line in the timeline.
 */
@customElement('wx-attribution')
export class WxAttribution extends LitElement {
  static styles = [
    sectionHeading,
    css`
    :host {
      display: block;
    }
    h2 {
      margin: 0 0 6px;
    }
    select,
    button {
      font: inherit;
      font-size: 11px;
      letter-spacing: 0;
      text-transform: none;
      color: #e8e8e8;
      background: #30353a;
      border: 1px solid #454b52;
      border-radius: 5px;
      padding: 1px 6px;
    }
    button {
      cursor: pointer;
    }
    .what {
      font-weight: 400;
      letter-spacing: 0;
      text-transform: none;
      color: #c8ccd0;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      position: relative;
      display: grid;
      grid-template-columns: 54px 14px 1fr;
      gap: 6px;
      padding: 2px 0 5px;
    }
    /* the line joining the steps */
    li:not(:last-child)::after {
      content: '';
      position: absolute;
      left: 65px;
      top: 14px;
      bottom: -3px;
      width: 2px;
      background: #3a4047;
    }
    time {
      color: #8a9099;
      font-size: 11px;
      font-variant-numeric: tabular-nums;
      padding-top: 1px;
    }
    .dot {
      width: 10px;
      height: 10px;
      margin: 3px 0 0 1px;
      border-radius: 50%;
      background: #10aeff;
      box-shadow: 0 0 0 2px #1f2226;
      z-index: 1;
    }
    .touch .dot {
      background: #fa9d3b;
    }
    .open .dot {
      background: #6467f0;
    }
    .paid .dot {
      background: #07c160;
    }
    .text {
      color: #f2f2f2;
      line-height: 1.3;
    }
    .paid .text {
      font-weight: 600;
    }
    small {
      display: block;
      color: #8a9099;
      font-size: 11px;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .empty {
      color: #8a9099;
      font-style: italic;
    }
    /* a short screen (a 720p projector): one line a step, the detail after it, so the timeline keeps its room */
    @media (max-height: 800px) {
      h2 {
        margin-bottom: 3px;
      }
      li {
        padding: 1px 0 2px;
      }
      li > span:last-child {
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      small {
        display: inline;
        margin-left: 6px;
      }
      li:not(:last-child)::after {
        top: 13px;
        bottom: -4px;
      }
    }
  `,
  ]

  /** what to draw; the person picker sets it too */
  @property({ attribute: false }) selection: AttributionSelection = null
  /** the people of the world, for the picker */
  @property({ attribute: false }) people: { id: string; name: string }[] = []
  @state() private chain: Chain | null = null
  @state() private error = ''
  #asked = ''

  willUpdate(changed: Map<string, unknown>) {
    if (changed.has('selection')) void this.#load()
  }

  /** Reads the chain again (a new payment or share may have lengthened it). */
  refresh() {
    void this.#load()
  }

  async #load() {
    const s = this.selection
    const path = !s ? '' : 'order' in s ? `/_sandbox/attribution/orders/${encodeURIComponent(s.order)}` : `/_sandbox/attribution/people/${encodeURIComponent(s.person)}`
    this.#asked = path
    if (!path) {
      this.chain = null
      this.error = ''
      return
    }
    try {
      const chain = await call<Chain>(path)
      if (this.#asked !== path) return
      this.chain = chain
      this.error = ''
    } catch (err) {
      if (this.#asked !== path) return
      this.chain = null
      this.error = (err as Error).message
    }
  }

  #pick(e: Event) {
    const id = (e.target as HTMLSelectElement).value
    this.#select(id ? { person: id } : null)
  }

  #select(selection: AttributionSelection) {
    this.selection = selection
    this.dispatchEvent(new CustomEvent('wx-attribution-select', { detail: selection, bubbles: true, composed: true }))
  }

  render() {
    const s = this.selection
    const person = s && 'person' in s ? s.person : ''
    const name = (id: string) => this.chain?.names[id] ?? this.people.find((p) => p.id === id)?.name ?? id
    return html`<h2>
        Attribution
        ${s && 'order' in s ? html`<span class="what">${name(this.chain?.person ?? '')}’s order</span>` : nothing}
        <span class="spacer"></span>
        <select aria-label="Attribution of a person" @change=${this.#pick}>
          <option value="" ?selected=${!person}>Person…</option>
          ${this.people.map((p) => html`<option value=${p.id} ?selected=${p.id === person}>${p.name}</option>`)}
        </select>
        ${s ? html`<button aria-label="Clear the attribution" title="Clear" @click=${() => this.#select(null)}>✕</button>` : nothing}
      </h2>
      ${this.#body(name)}`
  }

  #body(name: (id: string) => string) {
    if (this.error) return html`<div class="empty" role="status">${this.error}</div>`
    if (!this.selection) return html`<div class="empty">Click a payment in the timeline, or pick a person, to draw their chain.</div>`
    if (!this.chain) return html`<div class="empty" role="status">Reading the chain…</div>`
    const steps = this.chain.steps
    return html`<ol aria-label="Attribution chain">
      ${steps.map((s, i) => {
        const words = stepWords(s, name, steps[i - 1])
        return html`<li class=${KIND[s.action]} title=${`${chinaTime(s.at, true)} China time`}>
          <time datetime=${s.at}>${chinaTime(s.at)}</time>
          <span class="dot"></span>
          <span><span class="text">${words.text}</span><small>${words.detail}</small></span>
        </li>`
      })}
    </ol>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-attribution': WxAttribution
  }
  interface GlobalEventHandlersEventMap {
    'wx-attribution-select': CustomEvent<AttributionSelection>
  }
}
