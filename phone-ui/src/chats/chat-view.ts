import { css, html, type TemplateResult } from 'lit'
import { chinaTime, type Lang } from '../i18n'
import { noScrollbars } from '../phone/theme'

/**
 * What every chat screen shares (a friend's or group's chat, a WeCom consultant's or the brand's
 * Customer Service): the scrolling message list with its time stamps, the input bar, link bubbles.
 */
export const chatViewStyles = css`
  ${noScrollbars}
  .messages {
    flex: 1;
    overflow-y: auto;
    padding: 6px 0 12px;
  }
  .time {
    text-align: center;
    font-size: 12px;
    color: var(--wx-text-3);
    margin: 10px 0 4px;
  }
  form {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px 10px 22px;
    background: #f7f7f7;
    border-top: 1px solid var(--wx-line);
  }
  input {
    flex: 1;
    height: 38px;
    border: 0;
    border-radius: 5px;
    padding: 0 10px;
    font: inherit;
    font-size: 16px;
    background: #fff;
    outline: none;
  }
  .send {
    background: var(--wx-green);
    color: #fff;
    border-radius: 5px;
    padding: 7px 12px;
    font-size: 14px;
  }
  .link {
    display: block;
    width: 230px;
    background: #fff;
    border-radius: 5px;
    padding: 10px 12px;
    text-align: left;
  }
  .link strong {
    display: block;
    font-weight: 500;
    margin-bottom: 6px;
  }
  .link span {
    font-size: 13px;
    color: var(--wx-text-2);
  }
`

/** The messages in order, with a time stamp before one that comes more than five minutes after the last. */
export function withTimes<M extends { sentAt: string }>(messages: M[], lang: Lang, message: (m: M) => TemplateResult | null) {
  let last = 0
  return messages.map((m) => {
    const at = Date.parse(m.sentAt)
    const stamp = at - last > 5 * 60_000 ? html`<div class="time">${chinaTime(at, lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })}</div>` : null
    last = at
    return html`${stamp}${message(m)}`
  })
}

/**
 * Keeps a chat at its newest message while what it shows finishes drawing — cards render a frame
 * later and pictures load later still — unless the person has scrolled up to read. `follow()` after
 * each render that changed the messages; `stop()` when the chat closes.
 */
export class StickToBottom {
  #list: HTMLElement | null = null
  #stuck = true
  readonly #rows = new ResizeObserver(() => this.#pin())
  readonly #onScroll = () => {
    const list = this.#list!
    this.#stuck = list.scrollHeight - list.scrollTop - list.clientHeight < 48
  }

  follow(list: HTMLElement | null | undefined) {
    if (!list) return
    if (list !== this.#list) {
      this.#list?.removeEventListener('scroll', this.#onScroll)
      list.addEventListener('scroll', this.#onScroll, { passive: true })
      this.#list = list
    }
    this.#rows.disconnect()
    for (const row of list.children) this.#rows.observe(row)
    this.#stuck = true
    this.#pin()
  }

  stop() {
    this.#rows.disconnect()
    this.#list?.removeEventListener('scroll', this.#onScroll)
    this.#list = null
  }

  #pin() {
    if (this.#list && this.#stuck) this.#list.scrollTop = this.#list.scrollHeight
  }
}
