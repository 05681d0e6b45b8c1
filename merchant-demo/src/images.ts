import { PNG } from 'pngjs'
import type { BrandKit, Product } from './brand'

const esc = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!)

/** A product picture, drawn here (never fetched): a cup, a glass or a pastry in the product's colour. */
export function productSvg(kit: BrandKit, p: Product) {
  const bg = kit.colours.background
  const c = p.colour
  const art = ART[p.art](c, kit.colours.primary)
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" role="img" aria-label="${esc(p.name)}"><rect width="200" height="200" fill="${bg}"/><circle cx="100" cy="112" r="84" fill="${kit.colours.accent}" fill-opacity=".25"/>${art}</svg>`
}

const ART: Record<Product['art'], (c: string, primary: string) => string> = {
  cup: (c, primary) =>
    `<path d="M58 60h84l-10 104q-1 10-12 10H80q-11 0-12-10z" fill="${c}"/><rect x="52" y="48" width="96" height="16" rx="6" fill="${primary}"/>` +
    `<path d="M70 96h60" stroke="#fff" stroke-opacity=".6" stroke-width="4"/><circle cx="100" cy="126" r="14" fill="#fff" fill-opacity=".35"/>`,
  pastry: (c) => `<ellipse cx="100" cy="130" rx="62" ry="34" fill="${c}"/><path d="M48 124q52-50 104 0" fill="none" stroke="#fff" stroke-opacity=".5" stroke-width="6"/>`,
  shirt: (c, primary) =>
    `<path d="M70 46l-34 20 14 28 16-8v86h68V86l16 8 14-28-34-20q-15 14-30 0z" fill="${c}"/><path d="M84 46q16 16 32 0" fill="none" stroke="${primary}" stroke-width="5"/>`,
  shoe: (c, primary) =>
    `<path d="M30 132q0-40 20-56l30 22q22 14 58 18 34 4 34 26v8H30z" fill="${c}"/><rect x="30" y="148" width="142" height="12" rx="6" fill="${primary}"/><path d="M70 100l10-8M82 108l10-8M94 114l10-8" stroke="#fff" stroke-width="4"/>`,
  bag: (c, primary) => `<rect x="50" y="74" width="100" height="96" rx="10" fill="${c}"/><path d="M76 76v-14q24-26 48 0v14" fill="none" stroke="${primary}" stroke-width="7"/>`,
}

/**
 * The cover of the store's menu card in a chat (WeChat draws a card's picture at 5 : 4): the first
 * products of the menu side by side on the kit's background, no text (the card's title is above it).
 */
export function menuCoverSvg(kit: BrandKit) {
  const shown = kit.products.slice(0, 3)
  const size = shown.length > 1 ? 190 : 300
  const gap = (500 - shown.length * size) / (shown.length + 1)
  const art = shown
    .map((p, i) => `<g transform="translate(${gap + i * (size + gap)} ${(400 - size) / 2 + (i % 2 ? 24 : -8)}) scale(${size / 200})"><circle cx="100" cy="112" r="84" fill="${kit.colours.accent}" fill-opacity=".25"/>${ART[p.art](p.colour, kit.colours.primary)}</g>`)
    .join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 500 400" role="img" aria-label="${esc(kit.name)}"><rect width="500" height="400" fill="${kit.colours.background}"/><rect y="330" width="500" height="70" fill="${kit.colours.primary}" fill-opacity=".12"/>${art}</svg>`
}

/** The brand's logo: its initial in a circle of the primary colour. */
export function logoSvg(kit: BrandKit) {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" role="img" aria-label="${esc(kit.name)}"><circle cx="50" cy="50" r="48" fill="${kit.colours.primary}"/><text x="50" y="66" font-family="Georgia,serif" font-size="46" text-anchor="middle" fill="${kit.colours.accent}">${esc(kit.name.slice(0, 1))}</text></svg>`
}

/** The home page's hero for a campaign. */
export function heroSvg(kit: BrandKit, title: string, subtitle: string) {
  const { primary, accent } = kit.colours
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 750 360" role="img" aria-label="${esc(title)}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${primary}"/><stop offset="1" stop-color="${accent}"/></linearGradient></defs><rect width="750" height="360" fill="url(#g)"/><circle cx="620" cy="90" r="150" fill="#fff" fill-opacity=".08"/><circle cx="680" cy="300" r="90" fill="#fff" fill-opacity=".08"/><text x="48" y="170" font-family="Georgia,serif" font-size="56" fill="#fff">${esc(title)}</text><text x="50" y="222" font-family="sans-serif" font-size="26" fill="#fff" fill-opacity=".85">${esc(subtitle)}</text></svg>`
}

/** WeChat shows an article's cover at 2.35 : 1 (pic_crop_235_1), 900 px wide in the editor. */
const COVER = { width: 900, height: 383 }

/**
 * A campaign article's cover picture, uploaded as the article's `thumb_media_id`: the hero's
 * diagonal from the primary to the accent colour with two soft circles, as a PNG (WeChat takes no
 * SVG). No text: the phone draws the title over it. `seed` moves the circles so covers differ.
 */
const covers = new WeakMap<BrandKit, Map<string, Uint8Array<ArrayBuffer>>>()
/** An article's cover picture (drawn once per kit and campaign: it is the same picture every time). */
export function coverPng(kit: BrandKit, seed: string): Uint8Array<ArrayBuffer> {
  let drawn = covers.get(kit)
  if (!drawn) covers.set(kit, (drawn = new Map()))
  let png = drawn.get(seed)
  if (!png) drawn.set(seed, (png = drawCover(kit, seed)))
  return png
}

function drawCover(kit: BrandKit, seed: string) {
  const { width, height } = COVER
  const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number]
  const [from, to] = [rgb(kit.colours.primary), rgb(kit.colours.accent)]
  let h = 0
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0
  const circles = [
    { x: width * (0.7 + (h % 20) / 100), y: height * 0.25, r: height * 0.55 },
    { x: width * (0.88 - ((h >> 5) % 15) / 100), y: height * 0.85, r: height * 0.3 },
  ]
  const png = new PNG({ width, height })
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2
      let px = from.map((f, i) => f + (to[i]! - f) * t)
      // each circle lightens what is under it by 8 %, as the hero's white at .08 opacity does
      for (const c of circles) if ((x - c.x) ** 2 + (y - c.y) ** 2 < c.r ** 2) px = px.map((v) => v + (255 - v) * 0.08)
      png.data.set([...px.map(Math.round), 255], (y * width + x) * 4)
    }
  return new Uint8Array(PNG.sync.write(png))
}
