import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { admin, personName, yuan, type MemberRow } from './api'
import { t, type Lang } from './i18n'
import { base } from './ui'

/** Members, most points first: points, level (and the spend to the next), orders. */
@customElement('bc-members')
export class BcMembers extends LitElement {
  static styles = [
    base,
    css`
      table { width: 100%; border-collapse: collapse; }
      th { text-align: left; font-weight: 600; font-size: 12px; padding: 8px 10px; border-bottom: 1px solid #eee; }
      td { padding: 10px; border-bottom: 1px solid #f1f1f1; }
      tr:last-child td { border-bottom: 0; }
      .points { font-weight: 700; color: var(--primary, #333); font-size: 16px; }
    `,
  ]
  @property() lang: Lang = 'en'
  @state() members: MemberRow[] | null = null

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  async load() {
    this.members = (await admin<{ members: MemberRow[] }>('GET', '/admin/members')).members
  }

  render() {
    const l = this.lang
    if (!this.members) return html`<p class="muted">…</p>`
    if (!this.members.length) return html`<div class="card"><p class="muted">${t(l, 'noMembers')}</p></div>`
    return html`<div class="card">
      <table aria-label=${t(l, 'members')}>
        <thead><tr><th>${t(l, 'member')}</th><th>${t(l, 'points')}</th><th>${t(l, 'level')}</th><th>${t(l, 'spend')}</th><th>${t(l, 'paidOrders')}</th></tr></thead>
        <tbody>
          ${this.members.map(
            (m) => html`<tr aria-label=${`${t(l, 'member')} ${m.person ? personName(m.person) : m.id}`}>
              <td><div>${m.person ? personName(m.person) : m.id}</div><div class="muted small">${m.openid}</div></td>
              <td class="points">${m.points}</td>
              <td><span class="badge">${m.level.name}</span>${m.level.next ? html`<div class="muted small">${yuan(m.level.next.spendToGo)} ${t(l, 'toNext')} ${m.level.next.name}</div>` : ''}</td>
              <td>${yuan(m.lifetimeSpend)}</td>
              <td>${m.paidOrders}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`
  }
}
declare global {
  interface HTMLElementTagNameMap {
    'bc-members': BcMembers
  }
}
