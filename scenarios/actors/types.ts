import type { MountedProduct } from '../../platform-mock/src/surfaces/channels/schema'
import type { ChainStep } from '../../platform-mock/src/surfaces/chat/schema'
import type { OrderView } from '../../merchant-demo/src/orders'

/** What a mini program launch gave the page (`wx.getLaunchOptionsSync()` and a `wx.login` code). */
export interface Launch {
  appid: string
  scene: number
  path: string
  query: Record<string, string>
  shareTicket?: string
  journeyId: string
  channel: string
  loginCode: string
}

/** A member's coupon as the member centre shows it: the store's own type. */
export type { CouponView as Coupon } from '../../merchant-demo/src/coupons'

/** A printed code or poster: what its QR code says, and its picture when there is one. */
export interface Code {
  label: string
  payload?: string
  png?: Buffer
}

/** A line of an order, as the store answers it. */
export type OrderLine = OrderView['items'][number]

/**
 * The store's view of an order: its own `OrderView` type (merchant-demo/src/orders.ts), with the
 * share chain read as the platform's steps (the store keeps them as it got them).
 */
export type Order = Omit<OrderView, 'attribution'> & { attribution?: Attribution | null }

/** One step of a share chain, oldest first: a discovery, shares and forwards, the open. */
export type { ChainStep }

/** The store's record of where an order came from. */
export interface Attribution {
  attributionId: string | null
  firstTouchChannel: string | null
  shareId: string | null
  people: string[]
  shareChain: ChainStep[]
  /** the store whose Official Account follow code the buyer followed with */
  followStoreId: string | null
  /** the Channels video or live session the order came from */
  channels?: { finderUserName: string | null; videoId: string | null; liveId: string | null } | null
}

/** A product mounted on a Channels video or live shelf: a page of the store. */
export type { MountedProduct }

/** A Channels video the brand posted. */
export interface ChannelsVideo {
  feedId: string
  title: string
  products: MountedProduct[]
}

/** A Channels live session (直播) with its product shelf. */
export interface ChannelsLive {
  liveId: string
  title: string
  status: 'scheduled' | 'live' | 'ended'
  shelf: MountedProduct[]
  watching: number
}

/** A live session's statistics (视频号助手 → 直播数据). */
export interface LiveStats {
  viewers: number
  watching: number
  peakViewers: number
  productTaps: number
  orders: number
  gmv: number
}

/** A published article as the reader shows it. */
export interface OaArticle {
  articleId: string
  title: string
  url: string
  miniprograms: { appid: string; path: string; title?: string }[]
}

/** A message in the conversation with the Official Account. */
export interface OaMessage {
  seq: number
  from: 'person' | 'account'
  source: string
  kind: string
  body: Record<string, any>
}

/** What following (or scanning a follow code) shows: the account's passive reply. */
export interface OaFollow {
  following: boolean
  reply: string | null
  subscribeScene?: string
}

/** An order as the person's page holds it: the order and the signed `wx.requestPayment` parameters. */
export interface Checkout {
  order: Order
  payment: Record<string, string>
}

export interface PayResult {
  outcome: 'success' | 'cancel' | 'wrong_password' | 'insufficient_balance' | 'fail'
  message: string
  errMsg: string
  transactionId?: string
}

export interface ServiceNotification {
  id: string
  title: string
  titleEn: string
  keywords: { key: string; name: string; nameEn: string; value: string }[]
  page: string | null
  clickable: boolean
  openedAt: string | null
}

export interface Member {
  id: string
  points: number
  lifetimeSpend: number
  level: { name: string; next: { name: string; spendToGo: number } | null }
}

/** An event of the platform's log, as the control API returns it (the type is the platform's own). */
export type { SandboxEvent } from '../../platform-mock/src/shared/events'
export type { Funnel } from '../../platform-mock/src/sandbox/funnel'

/** What a drink order names: a product, its options and how many. */
export interface Item {
  product: string
  options?: Record<string, string>
  quantity?: number
}

/** A gift voucher as one member's page shows it (the buyer also gets the token and the share path). */
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
  orderId: string | null
  token: string | null
  sharePath: string | null
  claimed: boolean
  expiresAt: string
  claimedAt: string | null
  redeemedAt: string | null
  redeemedOrderId: string | null
}

/** A gift bought on the gift page: its order and payment (paid like any checkout) and the gift. */
export interface GiftPurchase extends Checkout {
  gift: Gift
}

/** What a gift card shows whoever opened it. */
export interface GiftCard {
  gift: Gift
  claimable: boolean
  reason: string | null
}

/** A message in a person's WeCom chat (consultant or customer service), as the phone shows it. */
export interface WecomMessage {
  seq: number
  from: 'staff' | 'customer' | 'system'
  source: string
  kind: string
  body: Record<string, any>
  sentAt: string
}

/** The consultant a person added: the card they saw, and their chat. */
export interface WecomContact {
  consultant: string
  corpTag: string
  conversation: string
  externalUserid: string
}
