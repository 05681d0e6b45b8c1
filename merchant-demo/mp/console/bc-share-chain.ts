import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { personName, type ChainStep } from './api'
import { actionWord, channelWord, t, type Lang } from './i18n'

/** One link of the drawn chain: the channel it started on, a person's step, or the buyer. */
interface Link {
  kind: 'channel' | 'step' | 'buyer'
  label: string
}

/**
 * An order's attribution drawn as a chain: where it started (the first step's channel), each
 * person who passed it on (shared, forwarded), and the buyer (Channels → Alice shared → Bob).
 */
@customElement('bc-share-chain')
export class BcShareChain extends LitElement {
  static styles = css`
    ol { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; list-style: none; margin: 0; padding: 0; }
    li { display: flex; align-items: center; gap: 4px; }
    li + li::before { content: '→'; color: var(--accent, #999); font-weight: 600; }
    span { border-radius: 6px; padding: 1px 7px; font-size: 12px; white-space: nowrap; }
    .channel { background: var(--primary, #333); color: #fff; }
    .step { background: color-mix(in srgb, var(--accent, #888) 20%, #fff); }
    .buyer { box-shadow: inset 0 0 0 1px var(--primary, #333); color: var(--primary, #333); font-weight: 600; }
    .none { color: #999; font-size: 12px; }
  `
  @property({ attribute: false }) chain: ChainStep[] = []
  /** the order's entry channel, for an order without the platform's chain */
  @property() channel = ''
  @property() lang: Lang = 'en'

  render() {
    const links = this.#links()
    if (!links.length) return html`<span class="none">${t(this.lang, 'noChain')}</span>`
    const label = links.map((l) => l.label).join(' → ')
    return html`<ol aria-label=${`${t(this.lang, 'chain')}: ${label}`}>
      ${links.map((l) => html`<li><span class=${l.kind}>${l.label}</span></li>`)}
    </ol>`
  }

  #links(): Link[] {
    const steps = this.chain
    if (!steps.length) return this.channel ? [{ kind: 'channel', label: channelWord(this.lang, this.channel) }] : []
    const links: Link[] = [{ kind: 'channel', label: channelWord(this.lang, steps[0]!.via) }]
    for (const s of steps.slice(0, -1)) {
      if (s.action === 'discovered' || s.action === 'opened') continue
      links.push({ kind: 'step', label: `${personName(s.person)} ${actionWord(this.lang, s.action)}` })
    }
    const buyer = steps.at(-1)!
    if (buyer.person) links.push({ kind: 'buyer', label: personName(buyer.person) })
    return links
  }
}
declare global {
  interface HTMLElementTagNameMap {
    'bc-share-chain': BcShareChain
  }
}
