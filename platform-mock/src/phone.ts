import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Hono, type Context, type Next } from 'hono'
import { landingPage } from './landing'

/** Where `vite build` puts the phone UI. */
export const PHONE_UI_DIST = fileURLToPath(new URL('../../phone-ui/dist', import.meta.url))

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
}

/**
 * The phone page's policy: its own scripts only (no inline script, no handlers, no javascript:
 * URLs, whatever a merchant or a person manages to put in front of it), calls to the platform
 * only, mini program pages framed from wherever the merchant serves them, images from anywhere.
 * The article reader's srcdoc frame inherits it on top of its own.
 */
export const PHONE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  'img-src * data: blob:',
  "font-src 'self'",
  "connect-src 'self'",
  'frame-src http: https:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

/**
 * Serves the built phone UI at `/` (hashed assets cached for good, index.html never). Before the UI
 * is built, `/` says where the platform is and how to build it.
 */
export function phoneUi(dist = PHONE_UI_DIST) {
  const app = new Hono()
  app.get('/', async (c) => {
    if (!existsSync(join(dist, 'index.html'))) return c.html(landingPage(new URL(c.req.url).origin))
    const html = await readFile(join(dist, 'index.html'), 'utf8')
    return c.html(html, 200, { 'Cache-Control': 'no-cache', 'Content-Security-Policy': PHONE_CSP })
  })
  const file = (dir: string, maxAge: string) => async (c: Context, next: Next) => {
    const rel = normalize(decodeURIComponent(new URL(c.req.url).pathname)).replace(/^[/\\]+/, '')
    const path = join(dist, rel)
    if (!path.startsWith(join(dist, dir) + sep) || !existsSync(path)) return next()
    return c.body(await readFile(path), 200, {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Cache-Control': maxAge,
    })
  }
  // hashed bundles never change; fonts and images are replaced in place
  app.get('/assets/*', file('assets', 'public, max-age=31536000, immutable'))
  app.get('/fonts/*', file('fonts', 'public, max-age=86400'))
  // the mini program base library pages include with <script src="…/runtime/wx.js">
  app.get('/runtime/*', file('runtime', 'no-cache'))
  // the sample mini program the phone's tests (and a fresh world) open
  app.get('/sample-mp/*', file('sample-mp', 'no-cache'))
  // every page path of the world's mini program opens the sample's one page, which shows its launch options
  app.get('/sample-mp/pages/:dir/:page{.+\\.html}', async (c, next) => {
    const index = join(dist, 'sample-mp/pages/index/index.html')
    if (!existsSync(index)) return next()
    return c.html(await readFile(index, 'utf8'), 200, { 'Cache-Control': 'no-cache' })
  })
  return app
}
