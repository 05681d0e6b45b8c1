import { css } from 'lit'

/** The console's look: the kit's colours arrive as --primary, --accent, --bg and --text on <bc-app>. */
export const base = css`
  :host { color: var(--text, #222); }
  * { box-sizing: border-box; }
  h2 { font-size: 16px; margin: 0 0 12px; }
  h3 { font-size: 14px; margin: 0 0 8px; }
  .card { background: #fff; border-radius: 12px; padding: 16px 18px; box-shadow: 0 1px 3px rgb(0 0 0 / 0.08); }
  .muted { color: color-mix(in srgb, var(--text, #222) 55%, transparent); }
  .small { font-size: 12px; }
  button { font: inherit; cursor: pointer; border: 0; border-radius: 8px; padding: 6px 12px; background: var(--primary, #333); color: #fff; }
  button.secondary { background: color-mix(in srgb, var(--primary, #333) 12%, #fff); color: var(--primary, #333); }
  button.danger { background: #fff; color: #c0392b; box-shadow: inset 0 0 0 1px #e3b5b0; }
  button:disabled { opacity: 0.5; cursor: default; }
  input, textarea { font: inherit; border: 1px solid #d8d8d8; border-radius: 8px; padding: 7px 10px; background: #fff; color: inherit; }
  input:focus, textarea:focus { outline: 2px solid color-mix(in srgb, var(--primary, #333) 45%, transparent); border-color: transparent; }
  .badge { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 12px; background: color-mix(in srgb, var(--accent, #888) 22%, #fff); color: var(--text, #222); white-space: nowrap; }
  .badge.paid, .badge.ready { background: color-mix(in srgb, var(--primary, #333) 16%, #fff); color: var(--primary, #333); }
  .badge.refunded, .badge.closed { background: #eee; color: #777; }
  .error { color: #c0392b; }
`
