import { createHash } from 'node:crypto'

/**
 * Pictures Channels shows, generated (nothing is fetched): a video's animated poster stands for
 * the clip, the live room's presenter is an animated studio scene, the account has an avatar.
 * SVG with SMIL animation, so they loop in an <img> without script.
 */

const esc = (s: string) => s.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

function hash(s: string) {
  return createHash('sha1').update(s).digest()
}

/** A hue shifted from the brand colour by the id, so every video looks different but on-brand. */
function palette(color: string, id: string) {
  const d = hash(id)
  const shift = (d[0]! % 7) * 18 - 54
  return { base: color, accent: `hsl(${(hueOf(color) + shift + 360) % 360} 70% 58%)`, deep: `hsl(${(hueOf(color) + shift / 2 + 360) % 360} 55% 18%)`, d }
}

function hueOf(hex: string) {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  if (!m) return 150
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x!, 16) / 255) as [number, number, number]
  const max = Math.max(r, g, b)
  const min = Math.min(r, g, b)
  if (max === min) return 0
  const dlt = max - min
  const h = max === r ? (g - b) / dlt + (g < b ? 6 : 0) : max === g ? (b - r) / dlt + 2 : (r - g) / dlt + 4
  return Math.round(h * 60)
}

/** What the poster draws: a cup for drinks, a shoe for running, a bag for anything else. */
function subjectOf(title: string): 'cup' | 'shoe' | 'bag' {
  if (/coffee|latte|brew|pour|tea|oolong|matcha|milk|drink|café|cafe|咖啡|茶/i.test(title)) return 'cup'
  if (/run|marathon|shoe|sneaker|race|跑/i.test(title)) return 'shoe'
  return 'bag'
}

/**
 * A video's poster, standing for the clip: portrait like a phone screen, drifting shapes in the
 * brand's colours and the product floating, looping. No text: the feed writes the title over it.
 */
export function videoCoverSvg(v: { feedId: string; title: string; nickname: string; color: string }) {
  const { base, accent, deep, d } = palette(v.color, v.feedId)
  const blobs = [0, 1, 2, 3, 4, 5]
    .map((i) => {
      const cx = 30 + (d[i + 1]! % 300)
      const cy = 60 + (d[i + 6]! % 560)
      const r = 40 + (d[i + 11]! % 90)
      const dx = (d[i + 2]! % 60) - 30
      const dy = (d[i + 3]! % 80) - 40
      const dur = 6 + (d[i + 4]! % 6)
      return (
        `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${i % 2 ? accent : '#fff'}" fill-opacity="${i % 2 ? 0.3 : 0.1}">` +
        `<animateTransform attributeName="transform" type="translate" values="0 0;${dx} ${dy};0 0" dur="${dur}s" repeatCount="indefinite"/></circle>`
      )
    })
    .join('')
  const subject = subjectOf(v.title)
  const art = subject === 'cup' ? cup(180, 330, accent) : subject === 'shoe' ? shoe(180, 340, accent) : bag(180, 330, accent)
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 780" width="360" height="780">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="0.4" y2="1"><stop offset="0" stop-color="${base}"/><stop offset="1" stop-color="${deep}"/></linearGradient></defs>` +
    `<rect width="360" height="780" fill="url(#g)"/>${blobs}` +
    `<g><animateTransform attributeName="transform" type="translate" values="0 0;0 -12;0 0" dur="3s" repeatCount="indefinite"/>${art}</g>` +
    `</svg>`
  )
}

function shoe(cx: number, cy: number, accent: string) {
  return (
    `<ellipse cx="${cx}" cy="${cy + 62}" rx="110" ry="12" fill="#000" fill-opacity=".2"/>` +
    `<path d="M${cx - 110} ${cy + 40}q0-40 30-60l40-40q20 10 40 10l30-10q20 40 60 55t30 45v20h-230z" fill="#fff"/>` +
    `<path d="M${cx - 110} ${cy + 40}h230v16h-230z" fill="${accent}"/>` +
    `<path d="M${cx - 40} ${cy - 40}l20 20M${cx - 25} ${cy - 52}l20 20M${cx - 10} ${cy - 62}l20 20" stroke="${accent}" stroke-width="6" stroke-linecap="round"/>` +
    `<path d="M${cx + 20} ${cy + 10}q30-20 60 0" stroke="${accent}" stroke-width="8" fill="none" stroke-linecap="round"/>`
  )
}

function cup(cx: number, cy: number, accent: string) {
  return (
    `<ellipse cx="${cx}" cy="${cy + 92}" rx="70" ry="12" fill="#000" fill-opacity=".2"/>` +
    `<path d="M${cx - 56} ${cy - 60}h112l-14 150h-84z" fill="#fff"/>` +
    `<rect x="${cx - 62}" y="${cy - 76}" width="124" height="20" rx="6" fill="#fff" fill-opacity=".9"/>` +
    `<rect x="${cx - 50}" y="${cy - 10}" width="100" height="44" fill="${accent}"/>` +
    `<path d="M${cx - 10} ${cy - 96}q10 -14 0 -28q-10 -14 0 -28" stroke="#fff" stroke-width="5" fill="none" stroke-linecap="round" opacity=".7">` +
    `<animate attributeName="opacity" values=".1;.8;.1" dur="2.4s" repeatCount="indefinite"/></path>`
  )
}

function bag(cx: number, cy: number, accent: string) {
  return (
    `<ellipse cx="${cx}" cy="${cy + 92}" rx="80" ry="12" fill="#000" fill-opacity=".2"/>` +
    `<path d="M${cx - 40} ${cy - 50}q0 -50 40 -50t40 50" stroke="#fff" stroke-width="8" fill="none"/>` +
    `<rect x="${cx - 70}" y="${cy - 50}" width="140" height="140" rx="10" fill="#fff"/>` +
    `<path d="M${cx - 40} ${cy + 30}l30 -30l20 20l30 -30" stroke="${accent}" stroke-width="10" fill="none" stroke-linecap="round"/>`
  )
}

/** The account's avatar: a round badge in the brand colour with the initial. */
export function accountAvatarSvg(a: { nickname: string; color: string }) {
  const initial = [...a.nickname.trim()][0]?.toUpperCase() ?? '?'
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" width="96" height="96">` +
    `<circle cx="48" cy="48" r="48" fill="${a.color}"/><circle cx="48" cy="48" r="40" fill="none" stroke="#fff" stroke-opacity=".5" stroke-width="2"/>` +
    `<text x="48" y="62" text-anchor="middle" font-family="Helvetica,Arial,sans-serif" font-size="40" font-weight="700" fill="#fff">${esc(initial)}</text></svg>`
  )
}

/**
 * The live room's presenter, looping: a studio in the brand colour, the host behind a counter
 * with the shelf's products, talking (mouth and arm move), lights drifting.
 */
export function presenterSvg(l: { liveId: string; title: string; color: string }) {
  const { base, accent, deep } = palette(l.color, l.liveId)
  const lights = [60, 150, 250, 320]
    .map((x, i) => `<circle cx="${x}" cy="${60 + i * 25}" r="${30 + i * 8}" fill="#fff" fill-opacity=".07"><animate attributeName="fill-opacity" values=".03;.14;.03" dur="${3 + i}s" repeatCount="indefinite"/></circle>`)
    .join('')
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 -70 360 780" width="360" height="780" preserveAspectRatio="xMidYMid slice">` +
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${deep}"/><stop offset=".7" stop-color="${base}"/><stop offset="1" stop-color="${deep}"/></linearGradient>` +
    `<linearGradient id="skin" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f6d3b8"/><stop offset="1" stop-color="#e9b894"/></linearGradient></defs>` +
    `<rect y="-70" width="360" height="780" fill="url(#bg)"/>${lights}` +
    `<rect x="30" y="110" width="300" height="180" rx="8" fill="#fff" fill-opacity=".06"/>` +
    // the host: body, head, hair, eyes blinking, mouth talking, an arm gesturing
    `<g><animateTransform attributeName="transform" type="translate" values="0 0;0 -3;0 0;0 2;0 0" dur="2.6s" repeatCount="indefinite"/>` +
    `<path d="M95 520q0-120 85-130q85 10 85 130z" fill="${accent}"/>` +
    `<rect x="164" y="345" width="32" height="40" fill="url(#skin)"/>` +
    `<ellipse cx="180" cy="310" rx="50" ry="58" fill="url(#skin)"/>` +
    `<path d="M128 300q0-72 52-72q56 0 54 74q-10-40-54-44q-40 2-52 42z" fill="#2b1d16"/>` +
    `<g fill="#2b1d16"><ellipse cx="160" cy="312" rx="5" ry="6"><animate attributeName="ry" values="6;6;0.5;6" keyTimes="0;.92;.96;1" dur="4s" repeatCount="indefinite"/></ellipse>` +
    `<ellipse cx="200" cy="312" rx="5" ry="6"><animate attributeName="ry" values="6;6;0.5;6" keyTimes="0;.92;.96;1" dur="4s" repeatCount="indefinite"/></ellipse></g>` +
    `<ellipse cx="180" cy="342" rx="12" ry="4" fill="#b34a3c"><animate attributeName="ry" values="3;8;2;6;3" dur="0.9s" repeatCount="indefinite"/></ellipse>` +
    `<g><animateTransform attributeName="transform" type="rotate" values="0 250 420;-18 250 420;0 250 420" dur="2.2s" repeatCount="indefinite"/>` +
    `<path d="M240 410l60 -40" stroke="${accent}" stroke-width="26" stroke-linecap="round"/><circle cx="305" cy="366" r="14" fill="url(#skin)"/></g></g>` +
    // the counter with products
    `<rect x="0" y="500" width="360" height="210" fill="#1c1c1c" fill-opacity=".85"/>` +
    `<rect x="0" y="500" width="360" height="8" fill="#fff" fill-opacity=".25"/>` +
    `<g transform="translate(-70 300) scale(.55)">${cup(240, 400, accent)}</g>` +
    `<g transform="translate(160 300) scale(.55)">${bag(240, 400, accent)}</g>` +
    `</svg>`
  )
}
