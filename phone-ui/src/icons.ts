import { svg, type SVGTemplateResult } from 'lit'

/** Our own line icons, drawn for the sandbox (24×24, currentColor). */
const paths: Record<string, SVGTemplateResult> = {
  chats: svg`<path d="M4 5.5h16v10H9l-4 3.5v-3.5H4z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/><circle cx="9" cy="10.5" r="1.1" fill="currentColor"/><circle cx="15" cy="10.5" r="1.1" fill="currentColor"/>`,
  chatsOn: svg`<path d="M4 5.5h16v10H9l-4 3.5v-3.5H4z" fill="currentColor" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/><circle cx="9" cy="10.5" r="1.1" fill="#fff"/><circle cx="15" cy="10.5" r="1.1" fill="#fff"/>`,
  contacts: svg`<circle cx="12" cy="8.5" r="3.8" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M4.5 20c.8-4 3.8-6 7.5-6s6.7 2 7.5 6" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/>`,
  contactsOn: svg`<circle cx="12" cy="8.5" r="3.8" fill="currentColor" stroke="currentColor" stroke-width="1.6"/><path d="M4.5 20c.8-4 3.8-6 7.5-6s6.7 2 7.5 6z" fill="currentColor" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/>`,
  discover: svg`<circle cx="12" cy="12" r="8.2" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M15.5 8.5l-2 5-5 2 2-5z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/>`,
  discoverOn: svg`<circle cx="12" cy="12" r="8.2" fill="currentColor" stroke="currentColor" stroke-width="1.6"/><path d="M15.5 8.5l-2 5-5 2 2-5z" fill="#fff" stroke="#fff" stroke-width="1.2" stroke-linejoin="round"/>`,
  me: svg`<rect x="4.5" y="4.5" width="15" height="15" rx="4" fill="none" stroke="currentColor" stroke-width="1.6"/><circle cx="12" cy="10.5" r="2.6" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M7.8 17.5c.7-2 2.3-3 4.2-3s3.5 1 4.2 3" fill="none" stroke="currentColor" stroke-width="1.5"/>`,
  meOn: svg`<rect x="4.5" y="4.5" width="15" height="15" rx="4" fill="currentColor" stroke="currentColor" stroke-width="1.6"/><circle cx="12" cy="10.5" r="2.6" fill="#fff"/><path d="M7.8 17.5c.7-2 2.3-3 4.2-3s3.5 1 4.2 3z" fill="#fff"/>`,
  search: svg`<circle cx="10.5" cy="10.5" r="6" fill="none" stroke="currentColor" stroke-width="1.8"/><path d="M15 15l4.5 4.5" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>`,
  plus: svg`<circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M12 8v8M8 12h8" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/>`,
  back: svg`<path d="M14.5 5l-7 7 7 7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`,
  more: svg`<circle cx="5.5" cy="12" r="1.7" fill="currentColor"/><circle cx="12" cy="12" r="1.7" fill="currentColor"/><circle cx="18.5" cy="12" r="1.7" fill="currentColor"/>`,
  chevron: svg`<path d="M9.5 6l6 6-6 6" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/>`,
  voice: svg`<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M9 9.5a4 4 0 010 5M11.8 7.5a7 7 0 010 9" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/>`,
  emoji: svg`<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="1.5"/><circle cx="9" cy="10" r="1" fill="currentColor"/><circle cx="15" cy="10" r="1" fill="currentColor"/><path d="M8.5 14c1 1.5 2.1 2.2 3.5 2.2s2.5-.7 3.5-2.2" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/>`,
  scan: svg`<path d="M4 9V5.5A1.5 1.5 0 015.5 4H9M15 4h3.5A1.5 1.5 0 0120 5.5V9M20 15v3.5a1.5 1.5 0 01-1.5 1.5H15M9 20H5.5A1.5 1.5 0 014 18.5V15M4 12h16" fill="none" stroke="currentColor" stroke-width="1.7" stroke-linecap="round"/>`,
  moments: svg`<circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M12 3.5v8.5M12 12l7.3-4.3M12 12l7.3 4.3M12 12v8.5M12 12l-7.3 4.3M12 12L4.7 7.7" stroke="currentColor" stroke-width="1.2"/>`,
  channels: svg`<path d="M4 7c3 0 5 2 8 7 3-5 5-7 8-7-1 6-3 10-5 10-1.4 0-2.3-1.4-3-3-.7 1.6-1.6 3-3 3-2 0-4-4-5-10z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/>`,
  miniPrograms: svg`<circle cx="9" cy="12" r="4.5" fill="none" stroke="currentColor" stroke-width="1.7"/><circle cx="15" cy="12" r="4.5" fill="none" stroke="currentColor" stroke-width="1.7"/>`,
  pay: svg`<rect x="3.5" y="6" width="17" height="12" rx="2" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M3.5 10h17" stroke="currentColor" stroke-width="1.6"/><path d="M7 14.5h4" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/>`,
  cards: svg`<rect x="4" y="5" width="16" height="14" rx="2" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M4 9.5h16M8 14h3" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/>`,
  favorites: svg`<path d="M12 4.5l2.3 4.7 5.2.8-3.8 3.6.9 5.2-4.6-2.4-4.6 2.4.9-5.2L4.5 10l5.2-.8z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/>`,
  settings: svg`<circle cx="12" cy="12" r="3" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M12 3.5l1.6 2.2 2.7-.4.8 2.6 2.5 1.1-.7 2.6 1.6 2.2-2.2 1.6.1 2.7-2.7.4-1.2 2.4L12 19.4l-2.5 1.1-1.2-2.4-2.7-.4.1-2.7L3.5 13.4l1.6-2.2-.7-2.6 2.5-1.1.8-2.6 2.7.4z" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linejoin="round"/>`,
  group: svg`<circle cx="9" cy="9" r="3" fill="none" stroke="currentColor" stroke-width="1.5"/><circle cx="16.5" cy="10" r="2.4" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M3.5 19c.6-3.2 2.8-5 5.5-5s4.9 1.8 5.5 5M14.5 14.3c.6-.2 1.3-.3 2-.3 2.2 0 3.8 1.5 4.3 4.5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/>`,
  newFriend: svg`<circle cx="10" cy="9" r="3.5" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M3.5 19.5c.7-3.5 3.3-5.5 6.5-5.5 1.4 0 2.7.4 3.8 1.1M17.5 13v6M14.5 16h6" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/>`,
  officialAccount: svg`<circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M8 10.5h8M8 14h5" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/>`,
  tag: svg`<path d="M4 12.5V5.5A1.5 1.5 0 015.5 4h7l7.5 7.5-8.5 8.5z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/><circle cx="8.5" cy="8.5" r="1.4" fill="currentColor"/>`,
  close: svg`<circle cx="12" cy="12" r="7.5" fill="none" stroke="currentColor" stroke-width="1.8"/><circle cx="12" cy="12" r="2.6" fill="currentColor"/>`,
  language: svg`<circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M3.5 12h17M12 3.5c2.5 2.5 3.5 5.3 3.5 8.5s-1 6-3.5 8.5c-2.5-2.5-3.5-5.3-3.5-8.5s1-6 3.5-8.5z" fill="none" stroke="currentColor" stroke-width="1.3"/>`,
  bell: svg`<path d="M6 16.5V11a6 6 0 0112 0v5.5l1.5 1.5h-15zM10 20a2 2 0 004 0" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/>`,
  wallet: svg`<path d="M4 7.5A2.5 2.5 0 016.5 5H18v3M4 7.5V17a2 2 0 002 2h14v-11H6.5A2.5 2.5 0 014 7.5z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/><circle cx="16" cy="13.5" r="1.3" fill="currentColor"/>`,
}

export type IconName = keyof typeof paths

/** An icon as inline SVG; `label` gives it an accessible name, otherwise it is decorative. */
export function icon(name: IconName | string, size = 24, label?: string) {
  const body = paths[name] ?? paths.more!
  return label
    ? svg`<svg width=${size} height=${size} viewBox="0 0 24 24" role="img" aria-label=${label}>${body}</svg>`
    : svg`<svg width=${size} height=${size} viewBox="0 0 24 24" aria-hidden="true">${body}</svg>`
}
