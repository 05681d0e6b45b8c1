import { createHash } from 'node:crypto'

const PALETTE = ['#E57373', '#F06292', '#BA68C8', '#7986CB', '#4FC3F7', '#4DB6AC', '#81C784', '#FFB74D', '#A1887F', '#90A4AE']

/**
 * A generated avatar: a square in a colour picked from the name, a head-and-shoulders figure and
 * the initial. SVG, so it ships with the world and needs no network.
 */
export function avatarSvg(name: string): string {
  const digest = createHash('sha1').update(name).digest()
  const bg = PALETTE[digest[0]! % PALETTE.length]
  const initial = [...name.trim()][0]?.toUpperCase() ?? '?'
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" width="96" height="96">` +
    `<rect width="96" height="96" rx="10" fill="${bg}"/>` +
    `<circle cx="48" cy="38" r="17" fill="#fff" fill-opacity=".92"/>` +
    `<path d="M16 96c3-20 16-31 32-31s29 11 32 31z" fill="#fff" fill-opacity=".92"/>` +
    `<text x="48" y="45" text-anchor="middle" font-family="Helvetica,Arial,sans-serif" ` +
    `font-size="20" font-weight="600" fill="${bg}">${escapeXml(initial)}</text></svg>`
  )
}

function escapeXml(s: string) {
  return s.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}
