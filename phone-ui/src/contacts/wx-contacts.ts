import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { Conversation, PersonView } from '../api'
import { t, type Lang } from '../i18n'
import { icon } from '../icons'
import { cells, theme } from '../phone/theme'
import { avatarSrc, type WecomConversation } from '../wecom/api'
import '../wecom/wx-wecom-name'

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
  /** WeCom contacts (consultants), listed A–Z with the friends, with their corp tag */
  @property({ attribute: false }) wecom: WecomConversation[] = []
  @property() lang: Lang = 'en'

  render() {
    const name = (p: PersonView) => (this.lang === 'zh' ? p.nameZh : p.name)
    type Entry = PersonView | WecomConversation
    const label = (p: Entry) => ('conversation' in p ? p.name : name(p))
    const sorted = [...this.friends, ...this.wecom].sort((a, b) => label(a).localeCompare(label(b)))
    const byLetter = new Map<string, Entry[]>()
    for (const p of sorted) {
      const letter = this.lang === 'zh' ? '' : label(p)[0]!.toUpperCase()
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
            ${people.map((p) =>
              'conversation' in p
                ? html`<button class="cell" aria-label=${`${p.name}${p.corpTag}`} @click=${() => this.dispatchEvent(new CustomEvent('wx-open-wecom', { detail: p.conversation, bubbles: true, composed: true }))}>
                    <img class="avatar" alt="" src=${avatarSrc(p.avatar)} /><span class="label"><wx-wecom-name name=${p.name} corpTag=${p.corpTag}></wx-wecom-name></span>
                  </button>`
                : html`<button class="cell" @click=${() => this.#openFriend(p)}>
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
