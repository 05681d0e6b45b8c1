import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { t, type Lang, type LabelKey } from '../i18n'
import { icon } from '../icons'
import { cells, theme } from '../phone/theme'

export type DiscoverItem = 'moments' | 'channels' | 'scan' | 'miniPrograms'

/** The Discover tab: Moments, Channels, Scan, Mini Programs. */
@customElement('wx-discover')
export class WxDiscover extends LitElement {
  static styles = [
    theme,
    cells,
    css`
      :host {
        display: block;
        background: var(--wx-bg);
        min-height: 100%;
      }
    `,
  ]
  @property() lang: Lang = 'en'

  render() {
    const row = (item: DiscoverItem, name: string, color: string) =>
      html`<button class="cell" @click=${() => this.#open(item)}>
        <span style="color:${color};display:flex">${icon(name, 26)}</span>
        <span class="label">${t(this.lang, item as LabelKey)}</span><span class="chev">${icon('chevron', 18)}</span>
      </button>`
    return html`
      <div class="group">${row('moments', 'moments', '#e8a33d')}</div>
      <div class="group">${row('channels', 'channels', '#fa9d3b')}</div>
      <div class="group">${row('scan', 'scan', '#2782d7')}</div>
      <div class="group">${row('miniPrograms', 'miniPrograms', '#6467f0')}</div>
    `
  }

  #open(item: DiscoverItem) {
    this.dispatchEvent(new CustomEvent('wx-discover-open', { detail: item, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-discover': WxDiscover
  }
  interface GlobalEventHandlersEventMap {
    'wx-discover-open': CustomEvent<DiscoverItem>
  }
}
