/**
 * Defence in depth for article HTML (the platform already sanitizes it): no scripts, frames,
 * styles or forms, no event handlers, no javascript: or data: URLs except images.
 */
export function sanitizeArticle(html: string): DocumentFragment {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html')
  for (const el of doc.body.querySelectorAll('script, iframe, object, embed, style, link, meta, form, base')) el.remove()
  for (const el of doc.body.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase()
      const value = attr.value.trim().toLowerCase()
      const url = ['href', 'src', 'xlink:href', 'action', 'formaction', 'poster', 'background'].includes(name)
      if (name.startsWith('on') || name === 'style' || (url && (value.startsWith('javascript:') || value.startsWith('vbscript:') || (value.startsWith('data:') && !(name === 'src' && value.startsWith('data:image/'))))))
        el.removeAttribute(attr.name)
    }
  }
  const fragment = document.createDocumentFragment()
  fragment.append(...doc.body.childNodes)
  return fragment
}
