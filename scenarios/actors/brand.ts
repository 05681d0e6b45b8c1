import type { ChannelsLive, ChannelsVideo, Checkout, Code, Gift, LiveStats, Order } from './types'
import { Wire } from './wire'
import type { Roles } from '../roles'

/**
 * The brand's staff and back office, through the demo merchant's own HTTP API (`/admin/*`, with the
 * staff credential the store printed at start).
 */
export class Brand {
  private readonly store: Wire

  constructor(
    merchantUrl: string,
    staffToken: string,
    /** the kit's roles (which codes the brand can print); none: the café's */
    private readonly roles?: Pick<Roles, 'tables' | 'campaign'>,
  ) {
    this.store = new Wire(merchantUrl, () => ({ authorization: `Bearer ${staffToken}` }))
  }

  /**
   * The code a person starts from in the brand's place: table n's code where the kit has tables,
   * else the code of its first campaign's poster (a shop or delivery brand has no tables).
   */
  async printsInStoreCode(table: number): Promise<Code> {
    if (!this.roles || this.roles.tables) return this.printsTableCode(table)
    if (!this.roles.campaign) throw new Error('the kit has neither tables nor a campaign to print a code for')
    return this.printsCampaignCode(this.roles.campaign.id)
  }

  /** Prints table n's code (the store asks WeChat for an unlimited mini program code). */
  async printsTableCode(table: number): Promise<Code> {
    const png = await this.store.call<Buffer>('GET', `/admin/tables/${table}/code.png`)
    return { label: `table ${table}`, png }
  }

  /** Prints a campaign's code (it opens the store's home page with scene `c=<campaign>`). */
  async printsCampaignCode(campaign: string): Promise<Code> {
    const png = await this.store.call<Buffer>('GET', `/admin/campaigns/${campaign}/code.png`)
    return { label: `campaign ${campaign}`, png }
  }

  /**
   * Connects the brand's Official Account (its server configuration, verified by the platform, and
   * the menu), as the brand does once in the admin console.
   */
  async connectsOfficialAccount(): Promise<{ server: { state: string; mode: string }; followers: number }> {
    return this.store.post('/admin/official-account/connect')
  }

  /** Posts the kit's Channels videos and schedules its live stream (the 视频号助手's work). */
  async postsOnChannels(): Promise<{ finderUserName: string; videos: ChannelsVideo[]; live: ChannelsLive | null }> {
    return this.store.post('/admin/channels/publish')
  }

  /** Starts the scheduled live stream: the host is on air with the product shelf. */
  async goesLive(): Promise<ChannelsLive> {
    return this.store.post('/admin/channels/live/start')
  }

  /** Ends the live stream. */
  async endsLive(): Promise<ChannelsLive & { stats: LiveStats }> {
    return this.store.post('/admin/channels/live/end')
  }

  /** The live stream's statistics: viewers, peak, product taps, attributed orders. */
  async liveStats(): Promise<LiveStats> {
    const { lives } = await this.store.get('/admin/channels/live')
    return lives[0].stats
  }

  /** Publishes a campaign's article (draft → publish) with the campaign's product cards. */
  async publishesCampaignArticle(campaign: string): Promise<{ articleId: string; url: string; products: string[] }> {
    return this.store.post(`/admin/campaigns/${campaign}/publish`)
  }

  /** Prints a store's Official Account follow code (a permanent parametric code `store=<id>`). */
  async printsStoreFollowCode(storeId: string): Promise<Code> {
    const png = await this.store.call<Buffer>('GET', `/admin/stores/${storeId}/follow-code.png`)
    return { label: `${storeId} follow code`, png }
  }

  /** The account's follower record (which store's code they followed with). */
  async follower(openid: string): Promise<{ openid: string; subscribed: boolean; storeId: string | null; scene: string | null }> {
    return (await this.store.get(`/admin/official-account/followers/${openid}`)).follower
  }

  /** Staff at the counter redeem the gift the customer shows them, once. */
  async redeemsGiftAtCounter(shown: { token: string }, storeId?: string): Promise<Gift> {
    return (await this.store.post(`/admin/gifts/${encodeURIComponent(shown.token)}/redeem`, { storeId })).gift
  }

  /** The same, when it may be refused: the store's answer (status and error code). */
  async triesToRedeemGift(shown: { token: string }): Promise<{ status: number; code?: string }> {
    const answer = await this.store.raw('POST', `/admin/gifts/${encodeURIComponent(shown.token)}/redeem`, {})
    return { status: answer.status, code: answer.body?.error?.code }
  }

  /** The back office's order list (optionally one status). */
  async orders(status?: Order['status']): Promise<Order[]> {
    return (await this.store.get(`/admin/orders${status ? `?status=${status}` : ''}`)).orders
  }

  /** One order as the back office records it. */
  async order(order: Order | Checkout): Promise<Order> {
    const all = await this.orders()
    const found = all.find((o) => o.id === idOf(order))
    if (!found) throw new Error(`the store has no order ${idOf(order)}`)
    return found
  }

  /** The barista marks the order ready; the store says whether the message went out. */
  async marksReady(order: Order | Checkout): Promise<{ order: Order; message: { sent: boolean; reason?: string } }> {
    return this.store.post(`/admin/orders/${idOf(order)}/ready`)
  }

  /** Refunds part (or the rest) of an order through WeChat Pay. */
  async refunds(order: Order | Checkout, amount?: number, reason?: string): Promise<{ refund: { id: string; amount: number; status: string }; order: Order }> {
    return this.store.post(`/admin/orders/${idOf(order)}/refund`, { amount, reason })
  }

  /** Reconciliation: asks WeChat Pay about every order still pending (and refunds processing). */
  async reconciles(): Promise<{ checked: number; fulfilled: number; closed: number; refundsSettled: number }> {
    return this.store.post('/admin/reconcile', { olderThanMs: 0 })
  }

  /** The store's coupon-expiring job (it also runs by itself every minute of business time): reminders for coupons expiring within `withinDays`. */
  async runsCouponReminders(withinDays?: number): Promise<{ due: number; sent: number; noConsent: number }> {
    return this.store.post('/admin/jobs/coupon-reminders', withinDays === undefined ? {} : { withinDays })
  }

  /**
   * Connects the brand's WeCom (the callback URL, verified by the platform with an encrypted
   * echostr, and the customer tags), as the brand does once in the WeCom admin console.
   */
  async connectsWeCom(): Promise<{ callback: { state: string }; tags: { bought: string; repeat: string } }> {
    return this.store.post('/admin/wecom/connect')
  }

  /** The re-engagement job: a mass message task per consultant for customers whose order is `afterDays` old (default 7); re-engaged customers who bought again are tagged "Repeat buyer". */
  async runsReengagement(afterDays?: number): Promise<{ due: number; tasks: { msgid: string; sender: string; customers: number }[]; repeatBuyers: number }> {
    return this.store.post('/admin/jobs/wecom-reengage', afterDays === undefined ? {} : { afterDays })
  }

  /** What the store knows of a WeCom customer: the consultant, the order that brought them, welcome and re-engagement. */
  async wecomCustomer(externalUserid: string): Promise<{ userid: string; orderId: string | null; memberId: string | null; welcomed: boolean; reengageMsgid: string | null }> {
    return (await this.store.get(`/admin/wecom/customers/${externalUserid}`)).customers[0]
  }

  /** Uploads the mini program again (after the platform forgot it). */
  async publishesPages() {
    await this.store.post('/admin/publish')
  }
}

const idOf = (o: Order | Checkout) => ('order' in o ? o.order.id : o.id)
