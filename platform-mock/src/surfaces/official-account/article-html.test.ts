import { DomUtils, parseDocument } from 'htmlparser2'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { XSS_CORPUS } from '../../../../e2e/xss-corpus'
import { testPlatform, type TestPlatform } from '../../testing'
import { articleText, miniprogramCards, sanitizeArticleHtml } from './article-html'
import { oaKit } from './testkit'

const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'poster', 'data', 'srcset', 'data-miniprogram-imageurl']
const ACTIVE_TAGS = ['script', 'style', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'form', 'input', 'button', 'base', 'meta', 'link', 'animate', 'set', 'template', 'details']

/** What a browser would act on in sanitized HTML: handlers, script URLs, active elements. */
function dangers(html: string) {
  const found: string[] = []
  for (const el of DomUtils.findAll(() => true, parseDocument(html).children)) {
    if (ACTIVE_TAGS.includes(el.name)) found.push(`<${el.name}>`)
    for (const [name, value] of Object.entries(el.attribs)) {
      if (name.startsWith('on')) found.push(`${el.name} ${name}`)
      // as a browser reads a URL: control characters and whitespace ignored
      const url = value.replace(/[\u0000-\u0020]/g, '').toLowerCase()
      if (URL_ATTRS.includes(name) && /^(javascript|vbscript|data):/.test(url)) found.push(`${el.name} ${name}=${value}`)
      if (name === 'style' && /url\(|expression\(|javascript:/i.test(value)) found.push(`${el.name} style=${value}`)
    }
  }
  return found
}

describe('the article sanitizer', () => {
  test.each(XSS_CORPUS)('leaves nothing that runs of %s', (payload) => {
    expect(dangers(sanitizeArticleHtml(payload))).toEqual([])
    expect(dangers(sanitizeArticleHtml(`<p>before</p>${payload}<p>after</p>`))).toEqual([])
  })

  test('the reader’s reported vectors lose their script and their text stays', () => {
    expect(sanitizeArticleHtml(`<a href="jav&#x09;ascript:alert(1)">x</a>`)).toBe('<a>x</a>')
    expect(sanitizeArticleHtml(`<a href="jav&#x0A;ascript:alert(1)">x</a>`)).toBe('<a>x</a>')
    expect(sanitizeArticleHtml(`<a href="&#1;javascript:alert(1)">x</a>`)).toBe('<a>x</a>')
    expect(sanitizeArticleHtml(`<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>ok`)).toBe('ok')
    expect(sanitizeArticleHtml(`<img/src="https://mmbiz.qpic.cn/a"/onerror=alert(1)>`)).toBe('<img src="https://mmbiz.qpic.cn/a" />')
    expect(sanitizeArticleHtml(`<details/open/ontoggle=alert(1)>more</details>`)).toBe('more')
  })

  test('keeps what WeChat’s editor writes: styled text, http(s) links and images, mini program elements', () => {
    const html =
      '<section style="text-align: center; color: #576b95"><h2>Spring</h2><p>New <strong>oolong</strong>, <a href="https://lumen.example/menu">menu</a></p>' +
      '<img src="https://mmbiz.qpic.cn/a/0" alt="cup" width="300"></section>' +
      '<mp-miniprogram data-miniprogram-appid="wx1" data-miniprogram-path="pages/p?id=1&amp;c=s" data-miniprogram-title="Oolong" data-miniprogram-imageurl="https://img.example/o.png"></mp-miniprogram>'
    expect(sanitizeArticleHtml(html)).toBe(
      '<section style="text-align:center;color:#576b95"><h2>Spring</h2><p>New <strong>oolong</strong>, <a href="https://lumen.example/menu">menu</a></p>' +
        '<img src="https://mmbiz.qpic.cn/a/0" alt="cup" width="300" /></section>' +
        '<mp-miniprogram data-miniprogram-appid="wx1" data-miniprogram-path="pages/p?id=1&amp;c=s" data-miniprogram-title="Oolong" data-miniprogram-imageurl="https://img.example/o.png"></mp-miniprogram>',
    )
  })

  test('drops a card’s script image URL and data: images, keeps the card', () => {
    const out = sanitizeArticleHtml('<mp-miniprogram data-miniprogram-appid="wx1" data-miniprogram-imageurl="javascript:alert(1)" onclick="x()"></mp-miniprogram><img src="data:image/png;base64,AAAA">')
    expect(out).toBe('<mp-miniprogram data-miniprogram-appid="wx1"></mp-miniprogram><img />')
  })

  test('reads embedded mini programs and text from sanitized HTML, entities decoded', () => {
    const html = sanitizeArticleHtml(
      '<mp-miniprogram data-miniprogram-appid="wx1" data-miniprogram-path="pages/p?id=1&amp;c=s" data-miniprogram-title="Tea &amp; cake"></mp-miniprogram>' +
        '<p><a data-miniprogram-appid="wx1" data-miniprogram-path="pages/menu/menu" href="">See <b>the</b> menu</a></p>',
    )
    expect(miniprogramCards(html)).toEqual([
      { appid: 'wx1', path: 'pages/p?id=1&c=s', title: 'Tea & cake', imageUrl: '', form: 'card' },
      { appid: 'wx1', path: 'pages/menu/menu', title: 'See the menu', imageUrl: '', form: 'text' },
    ])
    expect(articleText('<p>Fish &amp; chips</p>\n<p>today</p>')).toBe('Fish & chips today')
  })
})

describe('draft/add → draft/get', () => {
  let p: TestPlatform
  let kit: ReturnType<typeof oaKit>
  let token: string
  beforeAll(async () => {
    p = await testPlatform({ seed: 'oa-xss' })
    kit = oaKit(p)
    token = await kit.token()
  })
  afterAll(() => p.close())

  test('returns the whole XSS corpus with no handler and no javascript: or data: URL', async () => {
    const content = XSS_CORPUS.join('\n<p>·</p>\n').replaceAll('APPID', kit.mp.appid)
    const { media_id } = await kit.api('/cgi-bin/draft/add', { articles: [{ title: 'Corpus', content }] }, token)
    expect(media_id).toEqual(expect.any(String))
    const draft = await kit.api('/cgi-bin/draft/get', { media_id }, token)
    const stored = draft.news_item[0].content as string
    expect(dangers(stored)).toEqual([])
    expect(stored).toContain('tab link')
    expect(draft.news_item[0].digest).not.toMatch(/<|>/)
  })
})
