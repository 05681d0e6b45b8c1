import { svg } from 'lit'

/** Channels' own glyphs (white on video), drawn here so nothing is fetched. */
export const glyph = {
  heart: svg`<path d="M12 20s-7.5-4.6-7.5-10A4.3 4.3 0 0112 7.3 4.3 4.3 0 0119.5 10c0 5.4-7.5 10-7.5 10z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/>`,
  heartOn: svg`<path d="M12 20s-7.5-4.6-7.5-10A4.3 4.3 0 0112 7.3 4.3 4.3 0 0119.5 10c0 5.4-7.5 10-7.5 10z" fill="#fa5151" stroke="#fa5151" stroke-width="1.8" stroke-linejoin="round"/>`,
  comment: svg`<path d="M4.5 6.5A2 2 0 016.5 4.5h11a2 2 0 012 2v8a2 2 0 01-2 2H10l-4 3.5v-3.5a2 2 0 01-1.5-2z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/>`,
  share: svg`<path d="M13 5l7 6.5-7 6.5v-4c-4.5 0-7 1.3-9 4.5.5-5 3-8.5 9-9z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/>`,
  star: svg`<path d="M12 4.5l2.3 4.7 5.2.8-3.8 3.6.9 5.2-4.6-2.4-4.6 2.4.9-5.2L4.5 10l5.2-.8z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/>`,
  bag: svg`<path d="M5 8h14l-1.2 11.2a1.5 1.5 0 01-1.5 1.3H7.7a1.5 1.5 0 01-1.5-1.3z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/><path d="M9 10V7a3 3 0 016 0v3" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>`,
  back: svg`<path d="M14.5 5l-7 7 7 7" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>`,
  close: svg`<path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>`,
  search: svg`<circle cx="10.5" cy="10.5" r="6" fill="none" stroke="currentColor" stroke-width="2"/><path d="M15 15l4.5 4.5" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>`,
  person: svg`<circle cx="12" cy="8.5" r="3.8" fill="none" stroke="currentColor" stroke-width="1.8"/><path d="M4.5 20c.8-4 3.8-6 7.5-6s6.7 2 7.5 6" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>`,
  plus: svg`<path d="M12 7v10M7 12h10" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/>`,
  mini: svg`<circle cx="9" cy="12" r="4" fill="none" stroke="currentColor" stroke-width="1.8"/><circle cx="15" cy="12" r="4" fill="none" stroke="currentColor" stroke-width="1.8"/>`,
  play: svg`<path d="M9 7l9 5-9 5z" fill="currentColor"/>`,
  channels: svg`<path d="M4 7c3 0 5 2 8 7 3-5 5-7 8-7-1 6-3 10-5 10-1.4 0-2.3-1.4-3-3-.7 1.6-1.6 3-3 3-2 0-4-4-5-10z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/>`,
  eye: svg`<path d="M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12z" fill="none" stroke="currentColor" stroke-width="1.8"/><circle cx="12" cy="12" r="3" fill="none" stroke="currentColor" stroke-width="1.8"/>`,
}

export const g = (name: keyof typeof glyph, size = 24) =>
  svg`<svg viewBox="0 0 24 24" width=${size} height=${size} aria-hidden="true">${glyph[name]}</svg>`
