/** An XML element's content as the message XML uses it: text, or child elements (repeatable). */
export type XmlNode = string | XmlTree
export interface XmlTree {
  [name: string]: XmlNode[]
}

/** One field of a message: strings go into CDATA, numbers stay bare, objects nest. */
export type XmlValue = string | number | bigint | XmlFields | XmlFields[]
export interface XmlFields {
  [name: string]: XmlValue | undefined
}

function cdata(s: string) {
  return `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
}

function fields(obj: XmlFields): string {
  let out = ''
  for (const [name, v] of Object.entries(obj)) {
    if (v === undefined) continue
    if (Array.isArray(v)) out += `<${name}>${v.map((item) => `<item>${fields(item)}</item>`).join('')}</${name}>`
    else if (typeof v === 'object') out += `<${name}>${fields(v)}</${name}>`
    else out += `<${name}>${typeof v === 'string' ? cdata(v) : v}</${name}>`
  }
  return out
}

/** The `<xml>…</xml>` of a push or reply, in WeChat's style (CDATA strings, bare numbers). */
export function toXml(obj: XmlFields) {
  return `<xml>${fields(obj)}</xml>`
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }
function unescape(s: string) {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e]!,
  )
}

/**
 * A small parser for message XML (elements, text, CDATA; attributes and comments ignored).
 * Returns the root's content, or null when the text is not well-formed XML.
 */
export function parseXml(text: string): { root: string; tree: XmlTree } | null {
  let i = 0
  const src = text.replace(/^\uFEFF/, '')
  const skip = () => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i]!)) i++
      if (src.startsWith('<?', i)) i = src.indexOf('?>', i) + 2 || src.length
      else if (src.startsWith('<!--', i)) i = src.indexOf('-->', i) + 3 || src.length
      else return
    }
  }
  function element(): [string, XmlNode] {
    const open = /^<([A-Za-z_][\w.-]*)[^>]*?(\/?)>/.exec(src.slice(i, i + 300))
    if (!open) throw new Error('tag expected')
    i += open[0].length
    const name = open[1]!
    if (open[2] === '/') return [name, '']
    let textContent = ''
    const children: XmlTree = {}
    let hasChildren = false
    for (;;) {
      if (i >= src.length) throw new Error(`unclosed <${name}>`)
      if (src.startsWith('<![CDATA[', i)) {
        const end = src.indexOf(']]>', i)
        if (end < 0) throw new Error('unclosed CDATA')
        textContent += src.slice(i + 9, end)
        i = end + 3
      } else if (src.startsWith('</', i)) {
        const close = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(src.slice(i, i + 300))
        if (!close || close[1] !== name) throw new Error(`mismatched </${close?.[1]}>`)
        i += close[0].length
        return [name, hasChildren ? children : textContent]
      } else if (src.startsWith('<!--', i)) {
        i = src.indexOf('-->', i) + 3 || src.length
      } else if (src[i] === '<') {
        const [child, value] = element()
        ;(children[child] ??= []).push(value)
        hasChildren = true
      } else {
        const next = src.indexOf('<', i)
        const end = next < 0 ? src.length : next
        textContent += unescape(src.slice(i, end))
        i = end
      }
    }
  }
  try {
    skip()
    const [root, value] = element()
    skip()
    if (i !== src.length) return null
    return { root, tree: typeof value === 'string' ? {} : value }
  } catch {
    return null
  }
}

/** The text of a direct child, or undefined. */
export function textOf(tree: XmlTree, name: string): string | undefined {
  const v = tree[name]?.[0]
  return typeof v === 'string' ? v : undefined
}

/** A direct child element, or undefined. */
export function childOf(tree: XmlTree, name: string): XmlTree | undefined {
  const v = tree[name]?.[0]
  return typeof v === 'object' ? v : undefined
}
