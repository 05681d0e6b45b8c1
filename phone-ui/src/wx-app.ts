import { LitElement, css, html } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { api, type PersonView } from './api'
import { setBrandColour, setBrandLogo } from './brand'
import { named, t, type Lang } from './i18n'
import { PHONE, PICKER, PICKER_GAP, phoneScale, presenterBox } from './phone/fit'
import './phone/wx-phone'
import './presenter/wx-presenter'

const MAX_PHONES = 4
/** Reads `?phones=alice,bob&lang=zh` into the page's state. */
export function readLocation(search: string, known: string[]): { phones: string[]; lang: Lang; presenter: boolean } {
  const params = new URLSearchParams(search)
  const asked = (params.get('phones') ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const phones = [...new Set(asked.filter((id) => known.includes(id)))].slice(0, MAX_PHONES)
  return {
    phones: phones.length ? phones : known.slice(0, 2),
    lang: params.get('lang') === 'zh' ? 'zh' : 'en',
    presenter: params.get('presenter') === '1',
  }
}

/**
 * The page: one to four phones side by side, each signed in as a person picked above it. The
 * selection lives in the URL (`/?phones=alice,bob`), so a view can be bookmarked or scripted.
 */
@customElement('wx-app')
export class WxApp extends LitElement {
  static styles = css`
    :host {
      display: flex;
      flex-direction: column;
      /* the page never scrolls: phones and presenter share the viewport, whatever its size */
      height: 100vh;
      color: #e8e8e8;
    }
    header {
      display: flex;
      align-items: center;
      gap: 12px;
      height: 44px;
      padding: 0 24px;
      font-size: 15px;
      flex: none;
    }
    header strong {
      font-weight: 600;
      letter-spacing: 0.2px;
    }
    .logo {
      width: 26px;
      height: 26px;
      border-radius: 6px;
      background: #07c160;
      display: grid;
      place-items: center;
    }
    .spacer {
      flex: 1;
    }
    button,
    select {
      font: inherit;
      font-size: 13px;
      color: #e8e8e8;
      background: #3a3f45;
      border: 1px solid #50565d;
      border-radius: 6px;
      padding: 5px 10px;
      cursor: pointer;
    }
    .stage {
      flex: 1;
      min-height: 0;
      display: flex;
      gap: 16px;
      padding: 4px 16px 16px;
    }
    /* the presenter's box: the stage's height, a quarter of the width, zoomed with the window (below) */
    wx-presenter {
      flex: none;
      width: clamp(350px, 27vw, 480px);
      max-height: none;
      height: 100%;
      box-sizing: border-box;
      position: static;
    }
    button[aria-pressed='true'] {
      background: #07c160;
      border-color: #07c160;
    }
    main {
      flex: 1;
      min-width: 0;
      min-height: 0;
      display: flex;
      justify-content: center;
      align-items: flex-start;
      gap: calc(36px * var(--phone-scale, 1));
    }
    .slot {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: ${PICKER_GAP}px;
    }
    .picker {
      display: flex;
      gap: 8px;
      align-items: center;
      height: ${PICKER}px;
    }
    /* the phone keeps its own 390 × 844 points and is drawn scaled into a frame of the scaled size */
    .frame {
      width: calc(${PHONE.width}px * var(--phone-scale, 1));
      height: calc(${PHONE.height}px * var(--phone-scale, 1));
    }
    wx-phone {
      transform: scale(var(--phone-scale, 1));
      transform-origin: 0 0;
    }
  `
  @state() private people: PersonView[] = []
  @state() private phones: string[] = []
  @state() private language: Lang = 'en'
  @state() private brand = { name: '', nameZh: '' }
  @state() private presenter = false
  /** the phones' scale, fitted to the stage whenever the window or the number of phones changes */
  @state() private scale = 1
  @state() private presenterBox = { zoom: 1, width: 350, height: 0 }
  #resize = new ResizeObserver(() => this.#fit())

  disconnectedCallback() {
    super.disconnectedCallback()
    this.#resize.disconnect()
  }

  firstUpdated() {
    const main = this.renderRoot.querySelector('main')
    if (main) this.#resize.observe(main)
  }

  updated() {
    this.#fit()
  }

  #fit() {
    const main = this.renderRoot.querySelector('main')
    if (!main || !this.phones.length) return
    const box = presenterBox(innerWidth, main.clientHeight)
    if (JSON.stringify(box) !== JSON.stringify(this.presenterBox)) this.presenterBox = box
    const scale = Math.floor(phoneScale(this.phones.length, main.clientWidth, main.clientHeight) * 1000) / 1000
    if (scale !== this.scale) this.scale = scale
  }

  async connectedCallback() {
    super.connectedCallback()
    const [people, world] = await Promise.all([api.people(), api.world()])
    this.people = people
    this.brand = world.brand
    setBrandColour(world.brand.color)
    setBrandLogo(world.brand.logo)
    const { phones, lang, presenter } = readLocation(location.search, people.map((p) => p.id))
    this.phones = phones
    this.presenter = presenter
    this.language = lang
  }

  render() {
    return html`
      <header>
        <span class="logo" aria-hidden="true">
          <svg width="18" height="18" viewBox="0 0 24 24"><ellipse cx="10" cy="10" rx="7.5" ry="6" fill="#fff"/><ellipse cx="16" cy="15" rx="6" ry="5" fill="#fff" stroke="#07c160" stroke-width="1.4"/></svg>
        </span>
        <strong>${t(this.language, 'sandbox')}</strong>
        <span style="opacity:.6">· ${named(this.brand, this.language)}</span>
        <span class="spacer"></span>
        <button @click=${() => this.#setLang(this.language === 'en' ? 'zh' : 'en')}>${this.language === 'en' ? '中文' : 'English'}</button>
        <button aria-pressed=${String(this.presenter)} @click=${this.#togglePresenter}>${t(this.language, 'presenter')}</button>
        ${this.phones.length < MAX_PHONES
          ? html`<button @click=${this.#addPhone}>+ ${t(this.language, 'addPhone')}</button>`
          : null}
      </header>
      <div class="stage">
      <main style=${`--phone-scale: ${this.scale}`}>
        ${this.phones.map(
          (id, i) => html`<div class="slot">
            <div class="picker">
              <select aria-label=${`${t(this.language, 'switchPerson')} ${i + 1}`} @change=${(e: Event) => this.#switch(i, (e.target as HTMLSelectElement).value)}>
                ${this.people.map((p) => html`<option value=${p.id} ?selected=${p.id === id}>${this.language === 'zh' ? p.nameZh : p.name}</option>`)}
              </select>
              ${this.phones.length > 1
                ? html`<button aria-label=${`${t(this.language, 'removePhone')} ${i + 1}`} @click=${() => this.#remove(i)}>✕</button>`
                : null}
            </div>
            <div class="frame"><wx-phone person=${id} .lang=${this.language} @wx-lang=${(e: CustomEvent<Lang>) => this.#setLang(e.detail)}></wx-phone></div>
          </div>`,
        )}
      </main>
      ${this.presenter ? html`<wx-presenter style=${this.#presenterStyle()}></wx-presenter>` : null}
      </div>
    `
  }

  #presenterStyle() {
    const { zoom, width, height } = this.presenterBox
    return height ? `zoom: ${zoom}; width: ${width}px; height: ${height}px` : ''
  }

  #togglePresenter() {
    this.presenter = !this.presenter
    this.#save()
  }

  #setLang(lang: Lang) {
    this.language = lang
    this.#save()
  }

  #switch(i: number, id: string) {
    this.phones = this.phones.map((p, j) => (j === i ? id : p))
    this.#save()
  }

  #remove(i: number) {
    this.phones = this.phones.filter((_, j) => j !== i)
    this.#save()
  }

  #addPhone() {
    const next = this.people.find((p) => !this.phones.includes(p.id)) ?? this.people[0]
    if (next) this.phones = [...this.phones, next.id]
    this.#save()
  }

  #save() {
    const params = new URLSearchParams(location.search)
    params.set('phones', this.phones.join(','))
    if (this.language === 'zh') params.set('lang', 'zh')
    else params.delete('lang')
    if (this.presenter) params.set('presenter', '1')
    else params.delete('presenter')
    history.replaceState(null, '', `?${params.toString().replace(/%2C/g, ',')}`)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-app': WxApp
  }
}
