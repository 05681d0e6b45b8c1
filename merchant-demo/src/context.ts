import type { BrandKit } from './brand'
import type { Catalog } from './catalog'
import type { MerchantDb } from './db'
import type { WeChatClient } from '../wechat/client'
import type { WeChatPay } from '../wechat/pay'
import type { OfficialAccountClient } from '../wechat/official-account'
import type { OaCrypto } from '../wechat/oa-crypto'
import type { StoreClock } from './clock'

/** Everything a request handler of the store needs. */
export interface Store {
  db: MerchantDb
  kit: BrandKit
  catalog: Catalog
  wechat: WeChatClient
  pay: WeChatPay
  /** the brand's Official Account: its APIs, its message server's settings and crypto */
  oa: OfficialAccountClient
  officialAccount: { appid: string; originalId: string; token: string; encodingAESKey: string }
  oaCrypto: OaCrypto
  /** the platform is the sandbox (its credentials came from /_sandbox): sandbox-only calls such as attribution are made */
  sandbox: boolean
  appid: string
  /** where the platform is (its credentials said so), for the pages' `wx.js` */
  platformUrl: string
  /** this backend's own URL, for notify_url and the pages */
  publicUrl: string
  /** business time: the sandbox's virtual clock when there is one, else the server's own (`clock.ts`) */
  clock: StoreClock
  /** now in business time (`clock.now()`; coupon, points and gift expiry, jobs, message times) */
  now: () => Date
  /**
   * what the store set up on the platform, at start or later through the admin routes; after a
   * sandbox reset or restore it is set up again in this order (`sandbox-watch.ts`)
   */
  setUp: Set<SetupStep>
}

export type SetupStep = 'pages' | 'officialAccount' | 'articles' | 'wecom' | 'channels'
