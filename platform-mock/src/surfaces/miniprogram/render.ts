import { PNG } from 'pngjs'
import QRCode from 'qrcode'

export interface Rgb {
  r: number
  g: number
  b: number
}

export interface CodeStyle {
  /** image width and height, px */
  width: number
  color: Rgb
  /** is_hyaline: a transparent background */
  transparent: boolean
  /** the centre mark: a round badge on mini program codes, a square one on QR codes */
  mark: 'round' | 'square'
}

/** Quiet zone around the modules, in modules (the QR spec's 4). */
const QUIET = 4

/** High error correction, so the centre mark (about 6 % of the modules) never breaks a scan. */
function modulesOf(payload: string) {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'H' })
  const n = qr.modules.size
  return { n, dark: (row: number, col: number) => Boolean(qr.modules.get(row, col)) }
}

/**
 * A mini program code as a PNG: a square QR code of `payload` with a centre mark, in the line
 * colour, `width` px wide. WeChat's round "sun code" is not drawn; what matters is that it scans.
 */
export function renderCodePng(payload: string, style: CodeStyle): Buffer {
  const { n, dark } = modulesOf(payload)
  const width = style.width
  const cell = Math.max(1, Math.floor(width / (n + 2 * QUIET)))
  const offset = Math.floor((width - cell * n) / 2)
  const png = new PNG({ width, height: width })
  const data = png.data
  const paint = (x: number, y: number, { r, g, b }: Rgb, a = 255) => {
    const i = (y * width + x) * 4
    data[i] = r
    data[i + 1] = g
    data[i + 2] = b
    data[i + 3] = a
  }
  const white = { r: 255, g: 255, b: 255 }
  for (let y = 0; y < width; y++) for (let x = 0; x < width; x++) paint(x, y, white, style.transparent ? 0 : 255)
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (!dark(row, col)) continue
      for (let dy = 0; dy < cell; dy++) for (let dx = 0; dx < cell; dx++) paint(offset + col * cell + dx, offset + row * cell + dy, style.color)
    }
  }
  // the centre mark: a white ground, a disc (or rounded square) in the line colour, a white dot
  const c = width / 2
  const r = cell * n * 0.11
  const inside = (x: number, y: number, radius: number) =>
    style.mark === 'round'
      ? (x - c) ** 2 + (y - c) ** 2 <= radius ** 2
      : Math.abs(x - c) <= radius && Math.abs(y - c) <= radius
  const box = Math.ceil(r * 1.3)
  for (let y = Math.floor(c - box); y <= c + box; y++) {
    for (let x = Math.floor(c - box); x <= c + box; x++) {
      if (x < 0 || y < 0 || x >= width || y >= width) continue
      const px = x + 0.5
      const py = y + 0.5
      if (inside(px, py, r * 0.42)) paint(x, y, white)
      else if (inside(px, py, r)) paint(x, y, style.color)
      else if (inside(px, py, r * 1.25)) paint(x, y, white)
    }
  }
  return PNG.sync.write(png)
}

/**
 * The same code as SVG markup (a `<g>` of `size` units square), for posters: one path of modules
 * and the centre mark.
 */
export function codeSvg(payload: string, size: number, color: string, mark: 'round' | 'square' = 'round') {
  const { n, dark } = modulesOf(payload)
  const total = n + 2 * QUIET
  let d = ''
  for (let row = 0; row < n; row++) for (let col = 0; col < n; col++) if (dark(row, col)) d += `M${col + QUIET} ${row + QUIET}h1v1h-1z`
  const c = total / 2
  const r = n * 0.11
  const shape = (radius: number, fill: string) =>
    mark === 'round'
      ? `<circle cx="${c}" cy="${c}" r="${radius.toFixed(3)}" fill="${fill}"/>`
      : `<rect x="${(c - radius).toFixed(3)}" y="${(c - radius).toFixed(3)}" width="${(2 * radius).toFixed(3)}" height="${(2 * radius).toFixed(3)}" fill="${fill}"/>`
  return (
    `<g transform="scale(${size / total})"><rect width="${total}" height="${total}" fill="#fff"/>` +
    `<path d="${d}" fill="${color}" shape-rendering="crispEdges"/>` +
    `${shape(r * 1.25, '#fff')}${shape(r, color)}${shape(r * 0.42, '#fff')}</g>`
  )
}

/** `#0B7A5A` → line_color `{r, g, b}`. */
export function rgbOf(hex: string): Rgb {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  return m ? { r: parseInt(m[1]!, 16), g: parseInt(m[2]!, 16), b: parseInt(m[3]!, 16) } : { r: 0, g: 0, b: 0 }
}
