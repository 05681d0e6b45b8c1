import { css } from 'lit'

/** Native-looking basics in the brand's colours (custom properties set from the brand kit). */
export const base = css`
  :host {
    display: block;
    min-height: 100vh;
    background: var(--bg, #f7f7f7);
    color: var(--text, #191919);
    font: 15px/1.45 'WX CJK', -apple-system, 'PingFang SC', 'Helvetica Neue', 'Microsoft YaHei', sans-serif;
    padding-bottom: 72px;
  }
  button {
    font: inherit;
    border: 0;
    cursor: pointer;
  }
  .primary {
    background: var(--primary, #07c160);
    color: #fff;
    border-radius: 22px;
    padding: 10px 22px;
    font-weight: 600;
  }
  .primary[disabled] {
    opacity: 0.5;
  }
  .card {
    background: #fff;
    border-radius: 12px;
    margin: 12px;
    padding: 14px;
    box-shadow: 0 1px 2px rgb(0 0 0 / 0.04);
  }
  .price {
    color: var(--primary, #07c160);
    font-weight: 600;
  }
  .muted {
    color: #888;
    font-size: 13px;
  }
  .bar {
    position: fixed;
    left: 0;
    right: 0;
    bottom: 0;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 12px;
    padding: 10px 16px calc(10px + env(safe-area-inset-bottom));
    background: #fff;
    border-top: 1px solid #eee;
  }
  h1,
  h2,
  h3 {
    margin: 0;
  }
  img {
    display: block;
  }
`
