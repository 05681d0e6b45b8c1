import type { Store } from './context'
import { resolveFulfilment } from './fulfilment'

/** The store's pages, in order: the first is the home page. */
export const PAGES = [
  { path: 'pages/index/index', title: 'Home' },
  { path: 'pages/menu/menu', title: 'Menu' },
  { path: 'pages/product/product', title: 'Product' },
  { path: 'pages/cart/cart', title: 'Cart' },
  { path: 'pages/order/order', title: 'Order' },
  { path: 'pages/member/member', title: 'Member' },
  { path: 'pages/gift/gift', title: 'Gift' },
] as const

/**
 * "Upload" the mini program, as a developer does from WeChat DevTools: the two sandbox calls that
 * stand for it tell the platform where the pages are served and which pages exist (what codes,
 * links and subscription messages may point at). Everything else goes through the public APIs.
 * A platform reset forgets both: the store publishes again when it sees one (`sandbox-watch.ts`).
 */
export async function publish(store: Store) {
  const put = async (path: string, body: unknown) => {
    const res = await fetch(`${store.platformUrl}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    if (!res.ok) throw new Error(`publish: PUT ${path} answered ${res.status} ${await res.text()}`)
  }
  await put(`/_sandbox/miniprogram/apps/${store.appid}`, { pagesUrl: `${store.publicUrl}/mp` })
  // the catalog page goes by the kit's word for it (Menu, Shop, Order)
  const catalog = resolveFulfilment(store.kit.fulfilment).catalog.en
  await put('/_sandbox/miniprogram/pages', { appid: store.appid, pages: PAGES.map((p) => ({ path: p.path, title: `${store.kit.name} · ${p.path === 'pages/menu/menu' ? catalog : p.title}` })) })
  store.setUp.add('pages')
}
