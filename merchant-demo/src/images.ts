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

/** The brand's logo: its initial in a circle of the primary colour. */
export function logoSvg(kit: BrandKit) {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" role="img" aria-label="${esc(kit.name)}"><circle cx="50" cy="50" r="48" fill="${kit.colours.primary}"/><text x="50" y="66" font-family="Georgia,serif" font-size="46" text-anchor="middle" fill="${kit.colours.accent}">${esc(kit.name.slice(0, 1))}</text></svg>`
}

/** The home page's hero for a campaign. */
export function heroSvg(kit: BrandKit, title: string, subtitle: string) {
  const { primary, accent } = kit.colours
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 750 360" role="img" aria-label="${esc(title)}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${primary}"/><stop offset="1" stop-color="${accent}"/></linearGradient></defs><rect width="750" height="360" fill="url(#g)"/><circle cx="620" cy="90" r="150" fill="#fff" fill-opacity=".08"/><circle cx="680" cy="300" r="90" fill="#fff" fill-opacity=".08"/><text x="48" y="170" font-family="Georgia,serif" font-size="56" fill="#fff">${esc(title)}</text><text x="50" y="222" font-family="sans-serif" font-size="26" fill="#fff" fill-opacity=".85">${esc(subtitle)}</text></svg>`
}
