import { DomUtils, parseDocument } from 'htmlparser2'
import sanitize from 'sanitize-html'

/** The text-level and block tags WeChat's article editor produces, plus the mini program card. */
const TAGS = [
  'p', 'br', 'span', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark',
  'section', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'hr',
  'ul', 'ol', 'li', 'img', 'a', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'caption', 'colgroup', 'col', 'mp-miniprogram',
]

/** WeChat's documented attributes of an embedded mini program (card, text link or image link). */
const MINIPROGRAM_ATTRS = [
  'data-miniprogram-appid', 'data-miniprogram-path', 'data-miniprogram-title', 'data-miniprogram-imageurl',
  'data-miniprogram-type', 'data-miniprogram-servicetype', 'data-miniprogram-nickname',
]

/** Inline style properties the editor writes; a value may not fetch (url()) or compute (expression()). */
const STYLE_PROPS = [
  'color', 'background-color', 'font-size', 'font-weight', 'font-style', 'font-family', 'line-height',
  'letter-spacing', 'text-align', 'text-decoration', 'text-indent', 'margin', 'margin-top', 'margin-bottom',
  'margin-left', 'margin-right', 'padding', 'padding-top', 'padding-bottom', 'padding-left', 'padding-right',
  'border', 'border-top', 'border-bottom', 'border-left', 'border-right', 'border-radius', 'border-color',
  'border-style', 'border-width', 'width', 'max-width', 'height', 'display', 'vertical-align', 'white-space',
  'word-break', 'box-sizing',
]
const STYLE_VALUE = /^(?!.*(?:url|expression|image-set|element)\s*\()(?!.*javascript:)[^<>]*$/i

const OPTIONS: sanitize.IOptions = {
  allowedTags: TAGS,
  allowedAttributes: {
    '*': ['style', 'align', 'title'],
    a: ['href', ...MINIPROGRAM_ATTRS],
    'mp-miniprogram': MINIPROGRAM_ATTRS,
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
    col: ['span'],
  },
  allowedStyles: { '*': Object.fromEntries(STYLE_PROPS.map((p) => [p, [STYLE_VALUE]])) },
  // no data: anywhere (WeChat hosts an article's images itself), no protocol-relative URLs
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'], 'mp-miniprogram': ['http', 'https'] },
  allowedSchemesAppliedToAttributes: [...sanitize.defaults.allowedSchemesAppliedToAttributes, 'data-miniprogram-imageurl'],
  allowProtocolRelative: false,
  // dropped with everything inside them, not only their tags
  nonTextTags: ['script', 'style', 'textarea', 'option', 'xmp', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'title', 'noembed', 'noframes', 'frameset', 'select', 'button'],
  disallowedTagsMode: 'discard',
}

/**
 * What WeChat keeps of article HTML (新建草稿 content), by an allowlist: the editor's tags and
 * inline styles, http(s) links and images, mini program elements with their `data-miniprogram-*`
 * attributes. No scripts, frames, forms, SVG, handlers, or javascript: / data: URLs.
 */
export function sanitizeArticleHtml(html: string) {
  return sanitize(html, OPTIONS)
}

/** An article's text (for a digest): markup and entities resolved, whitespace collapsed. */
export function articleText(html: string) {
  return DomUtils.textContent(parseDocument(html).children).replace(/\s+/g, ' ').trim()
}

export interface ArticleCard {
  appid: string
  path: string
  title: string
  imageUrl: string
  form: 'card' | 'text' | 'image'
}

/** The mini programs an article embeds, in document order (the three official forms). */
export function miniprogramCards(html: string): ArticleCard[] {
  const doc = parseDocument(html)
  const elements = DomUtils.findAll((el) => (el.name === 'mp-miniprogram' || el.name === 'a') && !!el.attribs['data-miniprogram-appid'], doc.children)
  return elements.map((el) => {
    const at = (name: string) => el.attribs[`data-miniprogram-${name}`] ?? ''
    const isCard = el.name === 'mp-miniprogram'
    const img = DomUtils.findOne((e) => e.name === 'img', el.children)
    return {
      appid: at('appid'),
      path: at('path'),
      title: isCard ? at('title') : DomUtils.textContent(el).trim(),
      imageUrl: isCard ? at('imageurl') : (img?.attribs.src ?? ''),
      form: isCard ? 'card' : img ? 'image' : 'text',
    }
  })
}
