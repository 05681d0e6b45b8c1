import type { BrandKit } from './brand'
import type { Catalog } from './catalog'
import type { MerchantDb } from './db'
import type { WeChatClient } from '../wechat/client'
import type { WeChatPay } from '../wechat/pay'

/** Everything a request handler of the store needs. */
export interface Store {
  db: MerchantDb
  kit: BrandKit
  catalog: Catalog
  wechat: WeChatClient
  pay: WeChatPay
  appid: string
  /** where the platform is (its credentials said so), for the pages' `wx.js` */
  platformUrl: string
  /** this backend's own URL, for notify_url and the pages */
  publicUrl: string
  /** the store's clock (coupon expiry); its own, as a real merchant's server has */
  now: () => Date
}
