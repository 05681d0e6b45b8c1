import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { admin, type ConsoleInfo } from './api'
import { t, type Lang } from './i18n'
import { base } from './ui'

interface Published {
  campaign: string
  url: string | null
  publishStatus: number
}
interface LiveRow {
  liveId: string
  title: string
  status: string
  stats?: { viewers?: number; peakViewers?: number; orders?: number }
}

/** What the brand publishes: Official Account articles (the kit's campaigns), Channels videos and the live stream, WeCom mass messages. */
@customElement('bc-content')
export class BcContent extends LitElement {
  static styles = [
    base,
    css`
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 16px; }
      .row { display: flex; justify-content: space-between; align-items: center; gap: 12px; padding: 10px 0; border-top: 1px solid #f1f1f1; }
      .row:first-of-type { border-top: 0; }
      .title { font-weight: 600; }
      a { color: var(--primary, #333); }
      ul { margin: 6px 0 0; padding-left: 18px; }
      .live { display: flex; gap: 8px; margin-top: 12px; }
      .on { color: #c0392b; font-weight: 700; }
    `,
  ]
  @property() lang: Lang = 'en'
  @property({ attribute: false }) info: ConsoleInfo | null = null
  @state() published = new Map<string, Published>()
  @state() lives: LiveRow[] = []
  @state() note = ''
  @state() error = ''
  @state() busy = ''

  connectedCallback() {
    super.connectedCallback()
    void this.#loadLive()
  }

  render() {
    const l = this.lang
    const info = this.info
    if (!info) return html``
    return html`
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.note ? html`<p role="status">${this.note}</p>` : ''}
      <div class="grid">
        <section class="card" aria-label=${t(l, 'officialAccount')}>
          <h2>${t(l, 'officialAccount')}</h2>
          ${info.campaigns.length ? info.campaigns.map((c) => this.#campaign(c)) : html`<p class="muted">${t(l, 'noCampaigns')}</p>`}
        </section>
        <section class="card" aria-label=${t(l, 'channelsTitle')}>${this.#channels(info)}</section>
        <section class="card" aria-label=${t(l, 'wecomTitle')}>
          <h2>${t(l, 'wecomTitle')}${info.wecom.corpName ? html` · <span class="muted">${info.wecom.corpName}</span>` : ''}</h2>
          <p class="muted small">add_msg_template → ${l === 'zh' ? '顾问在企业微信中确认后发送' : 'each consultant confirms the task in WeCom before it goes out'}</p>
          <button ?disabled=${this.busy === 'reengage'} @click=${this.#reengage}>${t(l, 'reengage')}</button>
        </section>
      </div>`
  }

  #campaign(c: ConsoleInfo['campaigns'][number]) {
    const l = this.lang
    const done = this.published.get(c.id)
    return html`<div class="row">
      <div><div class="title">${c.title}</div><div class="muted small">${c.subtitle}</div></div>
      ${done
        ? html`<span><span class="badge paid">${t(l, 'published')}</span> ${done.url && /^https?:\/\//.test(done.url) ? html`<a href=${done.url} target="_blank" rel="noopener noreferrer">${t(l, 'openArticle')}</a>` : ''}</span>`
        : html`<button ?disabled=${this.busy === c.id} @click=${() => this.#publish(c.id)} aria-label=${`${t(l, 'publishArticle')}: ${c.title}`}>${t(l, 'publishArticle')}</button>`}
    </div>`
  }

  #channels(info: ConsoleInfo) {
    const l = this.lang
    const live = this.lives.find((x) => x.status === 'live')
    return html`<h2>${t(l, 'channelsTitle')}</h2>
      ${info.channels.videos.map((v) => html`<div class="row"><span>${v.title}</span></div>`)}
      <button class="secondary" ?disabled=${this.busy === 'videos' || !info.channels.videos.length} @click=${this.#postVideos}>${t(l, 'postVideos')}</button>
      ${info.channels.live
        ? html`<h3 style="margin-top:16px">${info.channels.live.title} ${live ? html`<span class="on">● LIVE</span>` : ''}</h3>
            <div class="muted small">${t(l, 'shelf')}</div>
            <ul>${info.channels.live.products.map((p) => html`<li>${l === 'zh' && p.nameZh ? p.nameZh : p.name}</li>`)}</ul>
            ${live?.stats ? html`<p class="small muted">👀 ${live.stats.viewers ?? 0} · ${t(l, 'orders')} ${live.stats.orders ?? 0}</p>` : ''}
            <div class="live">
              <button ?disabled=${!!live || this.busy === 'live'} @click=${() => this.#live('start')}>${t(l, 'goLive')}</button>
              <button class="danger" ?disabled=${!live || this.busy === 'live'} @click=${() => this.#live('end')}>${t(l, 'endLive')}</button>
            </div>`
        : html`<p class="muted">${t(l, 'noLive')}</p>`}`
  }

  async #run(key: string, work: () => Promise<void>) {
    this.busy = key
    this.error = ''
    this.note = ''
    try {
      await work()
    } catch (err) {
      this.error = (err as Error).message
    } finally {
      this.busy = ''
    }
  }

  #publish(id: string) {
    return this.#run(id, async () => {
      const res = await admin<Published>('POST', `/admin/campaigns/${encodeURIComponent(id)}/publish`)
      this.published = new Map(this.published).set(id, res)
    })
  }

  #postVideos = () =>
    this.#run('videos', async () => {
      await admin('POST', '/admin/channels/publish')
      this.note = t(this.lang, 'done')
    })

  #live(action: 'start' | 'end') {
    return this.#run('live', async () => {
      await admin('POST', `/admin/channels/live/${action}`)
      await this.#loadLive()
    })
  }

  #reengage = () =>
    this.#run('reengage', async () => {
      const res = await admin<{ due: number; tasks: unknown[] }>('POST', '/admin/jobs/wecom-reengage')
      this.note = `${t(this.lang, 'done')}: ${res.due} · ${res.tasks.length} task(s)`
    })

  async #loadLive() {
    if (!this.info?.channels.live) return
    try {
      this.lives = (await admin<{ lives: LiveRow[] }>('GET', '/admin/channels/live')).lives
    } catch {
      this.lives = []
    }
  }
}
declare global {
  interface HTMLElementTagNameMap {
    'bc-content': BcContent
  }
}
