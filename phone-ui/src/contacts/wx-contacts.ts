import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { Conversation, PersonView } from '../api'
import { t, type Lang } from '../i18n'
import { icon } from '../icons'
import { cells, theme } from '../phone/theme'

/** The Contacts tab: the fixed rows, then friends A–Z. */
@customElement('wx-contacts')
export class WxContacts extends LitElement {
  static styles = [
    theme,
    cells,
    css`
      :host {
        display: block;
        background: var(--wx-bg);
        min-height: 100%;
      }
      .tile {
        width: 40px;
        height: 40px;
        border-radius: 5px;
        display: grid;
        place-items: center;
        color: #fff;
      }
      .letter {
        padding: 6px 16px;
        font-size: 13px;
        color: var(--wx-text-2);
      }
      .cell .avatar {
        width: 40px;
        height: 40px;
      }
      .cell + .cell::before {
        left: 70px;
      }
    `,
  ]
  @property({ attribute: false }) friends: PersonView[] = []
  @property({ attribute: false }) groups: Conversation[] = []
  @property() lang: Lang = 'en'

  render() {
    const name = (p: PersonView) => (this.lang === 'zh' ? p.nameZh : p.name)
    const sorted = [...this.friends].sort((a, b) => name(a).localeCompare(name(b)))
    const byLetter = new Map<string, PersonView[]>()
    for (const p of sorted) {
      const letter = this.lang === 'zh' ? '' : name(p)[0]!.toUpperCase()
      byLetter.set(letter, [...(byLetter.get(letter) ?? []), p])
    }
    return html`
      <div class="group">
        ${this.#fixed('newFriend', '#fa9d3b', t(this.lang, 'newFriends'))}
        ${this.#fixed('group', '#07c160', t(this.lang, 'groupChats'), () => this.#openGroup())}
        ${this.#fixed('tag', '#2782d7', t(this.lang, 'tags'))}
        ${this.#fixed('officialAccount', '#2782d7', t(this.lang, 'officialAccounts'), () =>
          this.dispatchEvent(new CustomEvent('wx-open-official-accounts', { bubbles: true, composed: true })),
        )}
      </div>
      ${[...byLetter].map(
        ([letter, people]) => html`${letter ? html`<div class="letter">${letter}</div>` : null}
          <div class="group">
            ${people.map(
              (p) => html`<button class="cell" @click=${() => this.#openFriend(p)}>
                <img class="avatar" alt="" src=${p.avatarUrl} /><span class="label">${name(p)}</span>
              </button>`,
            )}
          </div>`,
      )}
    `
  }

  #fixed(iconName: string, color: string, label: string, onClick?: () => void) {
    return html`<button class="cell" @click=${onClick}>
      <span class="tile" style="background:${color}">${icon(iconName, 24)}</span><span class="label">${label}</span>
    </button>`
  }

  #openFriend(p: PersonView) {
    this.dispatchEvent(new CustomEvent('wx-open-chat-with', { detail: p.id, bubbles: true, composed: true }))
  }

  #openGroup() {
    const [group] = this.groups
    if (group) this.dispatchEvent(new CustomEvent('wx-open-chat-with', { detail: group.groupId!, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-contacts': WxContacts
  }
  interface GlobalEventHandlersEventMap {
    'wx-open-chat-with': CustomEvent<string>
    'wx-open-official-accounts': CustomEvent<void>
  }
}
