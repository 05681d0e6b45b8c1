import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { chinaTime, type Lang } from '../i18n'
import type { Comment } from './api'
import { bottomSheet } from './styles'
import { noScrollbars } from '../phone/theme'

/** The comment sheet over a video: the comments, newest first, and a box to write one. */
@customElement('wx-channels-comments')
export class WxChannelsComments extends LitElement {
  static styles = [
    noScrollbars,
    bottomSheet,
    css`
      :host {
        position: absolute;
        inset: 0;
        z-index: 5;
      }
      .bg {
        position: absolute;
        inset: 0;
        background: rgba(0, 0, 0, 0.3);
      }
      .sheet {
        height: 60%;
        animation: up 0.2s ease-out;
      }
      h3 {
        margin: 0;
        padding: 14px;
        text-align: center;
        font-size: 14px;
        font-weight: 500;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0 16px;
        flex: 1;
        overflow-y: auto;
      }
      li {
        padding: 10px 0;
        display: flex;
        flex-direction: column;
        gap: 3px;
      }
      li b {
        font-size: 13px;
        color: #7f7f7f;
        font-weight: 400;
      }
      li small {
        font-size: 11px;
        color: #b2b2b2;
      }
      .empty {
        color: #b2b2b2;
        text-align: center;
        padding: 30px;
      }
      form {
        display: flex;
        gap: 8px;
        padding: 10px 12px 24px;
        border-top: 1px solid rgba(0, 0, 0, 0.06);
      }
      input {
        flex: 1;
        border: 0;
        background: #f2f2f2;
        border-radius: 18px;
        padding: 8px 14px;
        font: inherit;
      }
      button {
        border: 0;
        background: #07c160;
        color: #fff;
        border-radius: 16px;
        padding: 0 14px;
        font: inherit;
      }
      button:disabled {
        opacity: 0.4;
      }
    `,
  ]
  @property({ attribute: false }) comments: Comment[] = []
  @property() lang: Lang = 'en'
  @state() private draft = ''

  render() {
    const zh = this.lang === 'zh'
    return html`<div class="bg" @click=${() => this.#emit('wx-comments-close')}></div>
      <div class="sheet" role="dialog" aria-label=${zh ? '评论' : 'Comments'}>
        <h3>${this.comments.length} ${zh ? '条评论' : this.comments.length === 1 ? 'comment' : 'comments'}</h3>
        <ul>
          ${this.comments.length
            ? this.comments.map((c) => html`<li><b>${c.name}</b><span>${c.text}</span><small>${chinaTime(Date.parse(c.at), this.lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })}</small></li>`)
            : html`<li class="empty">${zh ? '还没有评论' : 'No comments yet'}</li>`}
        </ul>
        <form @submit=${this.#submit}>
          <input aria-label=${zh ? '写评论' : 'Add a comment'} placeholder=${zh ? '写评论…' : 'Add a comment…'} .value=${this.draft} @input=${(e: InputEvent) => (this.draft = (e.target as HTMLInputElement).value)} />
          <button type="submit" ?disabled=${!this.draft.trim()}>${zh ? '发送' : 'Send'}</button>
        </form>
      </div>`
  }

  #submit(e: Event) {
    e.preventDefault()
    const text = this.draft.trim()
    if (!text) return
    this.draft = ''
    this.dispatchEvent(new CustomEvent('wx-comment', { detail: text, bubbles: true, composed: true }))
  }

  #emit(name: 'wx-comments-close') {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-channels-comments': WxChannelsComments
  }
  interface GlobalEventHandlersEventMap {
    'wx-comment': CustomEvent<string>
    'wx-comments-close': CustomEvent<void>
  }
}
