import DOMPurify from 'dompurify'

/** What a tap on the article's n-th link does, decided here (never by the article's HTML). */
export type ArticleTap = { kind: 'card'; card: number } | { kind: 'link'; url: string }

export interface ArticlePage {
  title: string
  author?: string
  account: string
  date: string
  /** the platform's sanitized article HTML */
  content: string
  lang: string
}

const csp = (origin: string) =>
  `default-src 'none'; img-src http: https:; style-src 'unsafe-inline'; font-src ${origin}; form-action 'none'; base-uri 'none'`

const STYLE = `
@font-face { font-family: 'WX CJK'; src: url('/fonts/wx-cjk.woff2') format('woff2'); unicode-range: U+3000-303F, U+4E00-9FFF, U+FF00-FFEF; }
html { -webkit-text-size-adjust: 100%; scrollbar-width: none; }
body { margin: 0; padding: 18px 18px 40px; background: #fff; color: #333; font-size: 16px; line-height: 1.75; overflow-wrap: break-word;
  font-family: -apple-system, BlinkMacSystemFont, 'PingFang SC', 'Helvetica Neue', 'Noto Sans', 'Noto Sans CJK SC', Arial, 'WX CJK', sans-serif; -webkit-font-smoothing: antialiased; }
h1.wx-title { font-size: 22px; line-height: 1.4; margin: 0 0 12px; color: #191919; font-weight: 500; }
.wx-meta { font-size: 14px; line-height: 1.6; color: #7f7f7f; margin-bottom: 20px; }
.wx-meta b { color: #576b95; font-weight: 400; margin-right: 6px; }
.wx-meta span { margin-right: 6px; }
.wx-body p { margin: 0 0 1em; }
.wx-body img { max-width: 100% !important; height: auto; }
.wx-body a { color: #576b95; text-decoration: none; }
.wx-body a.wx-mp-link::before { content: ''; display: inline-block; width: 14px; height: 14px; margin-right: 3px; vertical-align: -2px; border-radius: 50%; border: 1.5px solid #576b95; box-sizing: border-box; }
a.wx-mp-card { display: block; margin: 16px 0; padding: 12px 14px; border-radius: 8px; border: 1px solid rgba(0, 0, 0, 0.1); color: #191919; text-decoration: none; line-height: 1.4; background: #fff; }
.wx-mp-card .wx-mp-name { display: block; font-size: 13px; color: #7f7f7f; margin-bottom: 6px; }
.wx-mp-card .wx-mp-title { display: block; font-size: 16px; font-weight: 500; margin-bottom: 8px; }
.wx-mp-card img { display: block; width: 100%; aspect-ratio: 5 / 4; object-fit: cover; background: #f2f2f2; border-radius: 4px; }
.wx-mp-card .wx-mp-foot { display: block; font-size: 12px; color: #7f7f7f; margin-top: 8px; padding-top: 8px; border-top: 1px solid rgba(0, 0, 0, 0.06); }
`

const httpUrl = (value: string | null) => {
  try {
    const url = new URL(value ?? '')
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

/**
 * The article as a self-contained document for a `srcdoc` frame sandboxed with only
 * allow-top-navigation-by-user-activation: no script, an opaque origin, and a CSP that fetches
 * nothing but images and the phone's font. A tapped link can only set the phone page's fragment. The body is cleaned
 * again (DOMPurify) in an inert document; every link's target is replaced by `tap(n)` (aimed at
 * the top page), the n-th entry of `taps` saying what it does; `<mp-miniprogram>` becomes
 * WeChat's card.
 */
export function articleDocument(page: ArticlePage, tap: (n: number) => string) {
  const doc = document.implementation.createHTMLDocument('')
  doc.documentElement.lang = page.lang
  const meta = (attrs: Record<string, string>) => doc.head.append(Object.assign(doc.createElement('meta'), attrs))
  meta({ httpEquiv: 'Content-Security-Policy', content: csp(location.origin) })
  meta({ name: 'referrer', content: 'no-referrer' })
  doc.head.append(Object.assign(doc.createElement('style'), { textContent: STYLE }))

  const title = Object.assign(doc.createElement('h1'), { className: 'wx-title', textContent: page.title })
  const line = Object.assign(doc.createElement('div'), { className: 'wx-meta' })
  if (page.author) line.append(Object.assign(doc.createElement('span'), { textContent: page.author }))
  line.append(Object.assign(doc.createElement('b'), { textContent: page.account }), page.date)
  const body = Object.assign(doc.createElement('div'), { className: 'wx-body' })
  const clean = DOMPurify.sanitize(page.content, {
    ADD_TAGS: ['mp-miniprogram'],
    FORBID_TAGS: ['style', 'svg', 'math', 'form', 'input', 'button', 'textarea', 'select', 'details', 'video', 'audio', 'source'],
    FORBID_ATTR: ['target', 'srcset', 'ping', 'formaction', 'action', 'background', 'poster'],
    ALLOW_UNKNOWN_PROTOCOLS: false,
  })
  // an inert document: nothing in it loads or runs while it is rewritten
  body.innerHTML = clean
  doc.body.append(title, line, body)

  const taps: ArticleTap[] = []
  const ours = new Set<Element>()
  const link = (a: HTMLAnchorElement, what: ArticleTap) => {
    a.href = tap(taps.push(what) - 1)
    a.target = '_top'
    a.rel = 'noopener noreferrer'
    ours.add(a)
  }
  const cards = [...body.querySelectorAll<HTMLElement>('mp-miniprogram, a[data-miniprogram-appid]')].filter((el) => el.dataset.miniprogramAppid)
  cards.forEach((el, card) => {
    if (el instanceof HTMLAnchorElement) {
      el.className = 'wx-mp-link'
      el.setAttribute('role', 'button')
      el.setAttribute('aria-label', `Mini Program: ${el.textContent?.trim() ?? ''}`)
      return link(el, { kind: 'card', card })
    }
    const title = el.dataset.miniprogramTitle ?? ''
    const a = Object.assign(doc.createElement('a'), { className: 'wx-mp-card' })
    a.setAttribute('role', 'button')
    a.setAttribute('aria-label', `Mini Program: ${title}`)
    a.append(
      Object.assign(doc.createElement('span'), { className: 'wx-mp-name', textContent: el.dataset.miniprogramNickname || page.account }),
      Object.assign(doc.createElement('span'), { className: 'wx-mp-title', textContent: title }),
    )
    const image = httpUrl(el.dataset.miniprogramImageurl ?? null)
    if (image) a.append(Object.assign(doc.createElement('img'), { src: image, alt: '' }))
    a.append(Object.assign(doc.createElement('span'), { className: 'wx-mp-foot', textContent: page.lang === 'zh' ? '小程序' : 'Mini Program' }))
    el.replaceWith(a)
    link(a, { kind: 'card', card })
  })
  // every other link becomes a tap on its http(s) address; nothing else in the frame navigates
  for (const el of body.querySelectorAll('[href]')) {
    if (ours.has(el)) continue
    const url = el instanceof HTMLAnchorElement ? httpUrl(el.getAttribute('href')) : null
    if (url) link(el as HTMLAnchorElement, { kind: 'link', url })
    else el.removeAttribute('href')
  }
  return { srcdoc: `<!doctype html>${doc.documentElement.outerHTML}`, taps }
}
