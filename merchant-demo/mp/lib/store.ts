/// <reference path="./wx.d.ts" />
import type { Mode, ResolvedFulfilment, Word, Words } from '../../src/fulfilment'
import { chinaDate, chinaDateTime, inChinese, kitName, kitText, kitTitle, slotName, t, type Key } from './i18n'
export type { Mode, Word, Words }
export { chinaDate, chinaDateTime, inChinese, kitName, kitText, kitTitle, slotName, t }
/** One line of the member's points history (GET /api/points): the backend's own type. */
export type { PointsEntry } from '../../src/points'
/** The page side of the store: its backend is where the page was served from. */
export const API = new URL('/', location.href).origin

export interface Brand {
  id: string
  name: string
  nameZh?: string
  tagline: string
  taglineZh?: string
  /** the modes the store offers (the first is the default) and the words of each (the kit's, else the mode's) */
  fulfilment: ResolvedFulfilment
  colours: { primary: string; accent: string; background: string; text: string }
  stores: { id: string; name: string; nameZh?: string; address: string; tables: number }[]
  categories: { id: string; name: string; nameZh?: string }[]
  campaigns: { id: string; title: string; titleZh?: string; subtitle: string; subtitleZh?: string }[]
  coupons: CouponKind[]
  loyalty: { pointsPerYuan: number; levels: { name: string; nameZh?: string; minSpend: number }[] }
  gifts: GiftKind[]
  products: Product[]
  logo: string
  /** the picture of the store's menu card in a chat (5 : 4) */
  menuImage: string
}
export interface Product {
  id: string
  category: string
  name: string
  nameZh?: string
  description: string
  descriptionZh?: string
  price: number
  /** what is left, for limited products */
  stock: number | null
  image: string
  options: { id: string; name: string; nameZh?: string; default: string; choices: { id: string; name: string; nameZh?: string; priceDelta: number }[] }[]
}
/** An order and a member's coupon as the store's API answers them: the backend's own types, not copies. */
import type { OrderView as Order } from '../../src/orders'
import type { CouponView as Coupon } from '../../src/coupons'
export type { Order, Coupon }
export interface CouponKind {
  id: string
  title: string
  titleZh?: string
  amountOff: number
  minSpend: number
  validDays: number
}
export interface GiftKind {
  id: string
  title: string
  titleZh?: string
  productId: string
  productName: string
  price: number
  validDays: number
  image: string
}
export interface Gift {
  id: string
  giftId: string
  title: string
  productId: string | null
  productName: string | null
  value: number
  message: string
  state: 'pending' | 'paid' | 'claimed' | 'redeemed' | 'closed' | 'expired'
  role: 'sent' | 'received' | 'card'
  token: string | null
  sharePath: string | null
  claimed: boolean
  expiresAt: string
}
export interface Member {
  id: string
  points: number
  lifetimeSpend: number
  level: { name: string; next: { name: string; spendToGo: number } | null }
}

export class StoreError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** the request field it is about (`address.phone`) */
    readonly field?: string,
  ) {
    super(message)
  }
}

/**
 * What went wrong, said to the shopper in a plain sentence: the store's API answers for developers
 * (`address.name: Too small: expected string to have >=1 characters`), and a shopper never sees that.
 */
export function shopperMessage(err: unknown): string {
  if (!(err instanceof StoreError) || err.status >= 500 || err.status === 0) return t('offlineDetail')
  const field = err.field ?? ''
  if (err.code === 'address_required' || field === 'address') return t('errAddress')
  if (field.startsWith('address.')) return t(({ 'address.name': 'errAddressName', 'address.phone': 'errAddressPhone' } as const)[field] ?? 'errAddressLine')
  const plain: Partial<Record<string, Key>> = {
    empty_cart: 'errEmptyCart',
    out_of_stock: 'errOutOfStock',
    coupon_used: 'errCouponUsed',
    coupon_min_spend: 'errCouponMinSpend',
    not_enough_points: 'errPoints',
    points_over_limit: 'errPoints',
    points_not_accepted: 'errPoints',
    slot_full: 'errSlot',
    slot_past: 'errSlot',
    unknown_slot: 'errSlot',
    slot_required: 'pickASlot',
    unknown_store: 'errStore',
    unknown_table: 'errStore',
    unknown_product: 'errOutOfStock',
  }
  return t(plain[err.code] ?? 'errGeneric')
}

/** ¥ with two decimals, from fen. */
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`

/** wx.login → the store's session token, kept in wx storage. */
async function login(): Promise<string> {
  const { code } = await wx.login()
  const res = await wx.request<{ token: string; member: { id: string } }>({ url: `${API}/api/login`, method: 'POST', data: { code } })
  if (res.statusCode !== 200) throw new StoreError(res.statusCode, 'login_failed', 'login failed')
  wx.setStorageSync('session', res.data.token)
  wx.setStorageSync('memberId', res.data.member.id)
  return res.data.token
}

/** A call to the store's API with the session; logs in (again) when there is none or it expired. */
export async function api<T>(method: string, path: string, data?: unknown): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const token = (wx.getStorageSync('session') as string) || (await login())
    const res = await wx.request<any>({ url: API + path, method, data, header: { Authorization: `Bearer ${token}` } })
    if (res.statusCode === 401 && attempt === 0) {
      wx.removeStorageSync('session')
      continue
    }
    if (res.statusCode >= 400) throw new StoreError(res.statusCode, res.data?.error?.code ?? 'error', res.data?.error?.message ?? `HTTP ${res.statusCode}`, res.data?.error?.field)
    return res.data as T
  }
}

let brandPromise: Promise<Brand> | null = null
/** The brand kit, and its colours applied to the page. A failed load is forgotten, so that a retry asks again. */
export function brand(): Promise<Brand> {
  brandPromise ??= wx.request<Brand>({ url: `${API}/api/brand` }).then((res) => {
    if (res.statusCode !== 200) throw new StoreError(res.statusCode, 'brand_unavailable', `the store answered ${res.statusCode}`)
    const b = res.data
    const s = document.documentElement.style
    s.setProperty('--primary', b.colours.primary)
    s.setProperty('--accent', b.colours.accent)
    s.setProperty('--bg', b.colours.background)
    s.setProperty('--text', b.colours.text)
    return b
  })
  brandPromise.catch(() => (brandPromise = null))
  return brandPromise
}

/** A kit word in the phone's language: its Chinese in 中文, else its English. */
export const say = (w: Word) => (inChinese() ? w.zh : w.en)
/** The words of an order's mode (`pickup` for a gift or an order from before the mode was kept). */
export const wordsOf = (b: Brand, mode: Mode | undefined) => b.fulfilment.words[mode ?? 'pickup']

/** An order's status in the kit's words for its mode; `full` adds the rider or carrier and the tracking number. */
export function statusOf(b: Brand, o: Order, full = false): string {
  const w = wordsOf(b, o.mode)
  const status = o.status as Order['status'] | 'refunded'
  if (status === 'pending') return t('awaitingPayment')
  if (status === 'paid') return t('paidPreparing', { preparing: inChinese() ? w.preparing.zh : w.preparing.en.toLowerCase() })
  if (status === 'ready' || status === 'shipped') return [say(w.ready), ...(full ? [o.shipping?.carrier, o.shipping?.trackingNo] : [])].filter(Boolean).join(' · ')
  if (status === 'collected') return t('collected')
  if (status === 'closed') return t('closedNotPaid')
  if (status === 'refunded') return t('refunded')
  return status
}

/** A cart line's or an order item's product name in the phone's language (the kit's, else the name it was sold under). */
export function productName(b: Brand, productId: string | undefined, sold: string) {
  const p = b.products.find((p) => p.id === productId)
  return p ? kitName(p) : sold
}
/** A line's choices ("Grande · Iced") in the phone's language, found by the names they were sold under. */
export function choicesOf(b: Brand, productId: string | undefined, labels: { option: string; choice: string }[]) {
  const p = b.products.find((p) => p.id === productId)
  return labels
    .map((l) => {
      const c = p?.options.find((o) => o.name === l.option)?.choices.find((c) => c.name === l.choice)
      return c ? kitName(c) : l.choice
    })
    .join(' · ')
}

/** A store of the kit in the phone's language, by id (else the name the order was placed under). */
export const storeName = (b: Brand, id: string, sold: string) => {
  const s = b.stores.find((s) => s.id === id)
  return s ? kitName(s) : sold
}
/** A loyalty level's name in the phone's language. */
export const levelName = (b: Brand, name: string) => kitName(b.loyalty.levels.find((l) => l.name === name) ?? { name })
/** A member's coupon's title in the phone's language, from its kind in the kit. */
export const couponTitle = (b: Brand, c: Coupon) => kitTitle(b.coupons.find((k) => k.id === c.couponId) ?? c)
/** A gift's title in the phone's language, from its kind in the kit. */
export const giftTitle = (b: Brand, g: Gift) => kitTitle(b.gifts.find((k) => k.id === g.giftId) ?? g)

/**
 * Where this visit came from (scene and query of the launch), remembered for checkout so the
 * order carries its attribution. A table code's `scene` (t=12), a share's `ref` and the brand's own
 * `src` marker (WeCom cards carry `src=wecom`) stay with it.
 */
export function rememberEntry() {
  const launch = wx.getLaunchOptionsSync()
  const saved = wx.getStorageSync('entry') as { scene: number; query: Record<string, string> } | ''
  if (launch.query.scene !== undefined || launch.query.ref !== undefined || launch.query.src !== undefined) wx.setStorageSync('entry', { scene: launch.scene, query: launch.query })
  else if (!saved || saved.scene !== launch.scene) wx.setStorageSync('entry', { scene: launch.scene, query: {} })
}
export function entry(): { scene: number; query: Record<string, string> } {
  return (wx.getStorageSync('entry') as { scene: number; query: Record<string, string> }) || { scene: wx.getLaunchOptionsSync().scene, query: {} }
}
/** The table this visit is at, from a table code's scene (`t=12`). */
export function tableOf(query: Record<string, string>) {
  const fields = new URLSearchParams(query.scene ? decodeURIComponent(query.scene) : '')
  return fields.get('t') ?? fields.get('table')
}

/** The page's own query (the URL the phone loaded). */
export const pageQuery = () => Object.fromEntries(new URLSearchParams(location.search))

export const go = (url: string) => wx.navigateTo({ url })

/**
 * A share path that names the sharer (`ref=<member id>`), so that a friend's first order from it
 * rewards them. Query values go as written: WeChat hands them over undecoded.
 */
export function sharePath(page: string, query: Record<string, string> = {}) {
  const ref = wx.getStorageSync('memberId') as string
  const all = { ...query, ...(ref ? { ref } : {}) }
  const q = Object.entries(all).map(([k, v]) => `${k}=${v}`).join('&')
  return q ? `${page}?${q}` : page
}
