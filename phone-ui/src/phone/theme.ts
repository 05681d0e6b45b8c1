import { css } from 'lit'

/** Buttons that look like nothing until styled: no border, background or padding, the text's font and colour. */
export const buttonReset = css`
  button {
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    padding: 0;
    cursor: pointer;
  }
`

/**
 * A phone draws no scrollbars: panes still scroll by wheel, touch and keys, without the desktop's
 * scrollbar gutter (the property is not inherited, so every shadow root that scrolls includes this).
 */
export const noScrollbars = css`
  :host,
  * {
    scrollbar-width: none;
  }
`

/** WeChat's palette and metrics, as custom properties every screen inherits. */
export const theme = css`
  :host {
    --wx-green: #07c160;
    --wx-green-dark: #06ad56;
    --wx-bg: #ededed;
    --wx-cell: #ffffff;
    --wx-line: rgba(0, 0, 0, 0.08);
    --wx-text: #191919;
    --wx-text-2: #7f7f7f;
    --wx-text-3: #b2b2b2;
    --wx-link: #576b95;
    --wx-red: #fa5151;
    --wx-bubble-me: #95ec69;
    --wx-bubble-them: #ffffff;
    --wx-tabbar: #f7f7f7;
    font-size: 15px;
    color: var(--wx-text);
    -webkit-font-smoothing: antialiased;
  }
  ${buttonReset}
  ${noScrollbars}
  .avatar {
    width: 44px;
    height: 44px;
    border-radius: 5px;
    object-fit: cover;
    flex: none;
    background: #ddd;
  }
`

/** A row as in WeChat's settings lists: icon, label, value and chevron. */
export const cells = css`
  .group {
    background: var(--wx-cell);
    margin-bottom: 8px;
  }
  .cell {
    display: flex;
    align-items: center;
    gap: 14px;
    min-height: 54px;
    padding: 0 16px;
    width: 100%;
    box-sizing: border-box;
    text-align: left;
    position: relative;
  }
  .cell + .cell::before {
    content: '';
    position: absolute;
    top: 0;
    left: 54px;
    right: 0;
    border-top: 1px solid var(--wx-line);
  }
  .cell .label {
    flex: 1;
    font-size: 16px;
  }
  .cell .value {
    color: var(--wx-text-2);
    font-size: 14px;
  }
  .cell .chev {
    color: var(--wx-text-3);
    display: flex;
  }
  .cell:active {
    background: #f2f2f2;
  }
`
