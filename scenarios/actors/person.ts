import type { ChannelsLive, ChannelsVideo, Checkout, Code, Coupon, Gift, GiftCard, GiftPurchase, Item, Launch, Member, OaArticle, OaFollow, OaMessage, Order, PayResult, ServiceNotification, WecomContact, WecomMessage } from './types'
import { Wire } from './wire'

/** The person-side calls that open the mini program (scan, launch, a card, a live or video product, a notification). */
const OPENS_MINI_PROGRAM = /\/(scan|miniprogram\/launch|tap|open|open-miniprogram)$/

/** What the phone does for one person: scan, open mini programs, pay, answer consents, chat. */
export class Person {
  /** the platform's person-side API, carrying the person's journey like the phone does */
  private readonly phone: Wire
  /** the store's API as the mini program's pages call it, with the member's session */
  private readonly page: Wire
  private token: string | null = null
  /** the launch the mini program is currently open with */
  launch: Launch | null = null
  member: Member | null = null
  /** whether the person has used their phone yet (visual mode shows only those phones) */
  active = false
  /**
   * The mini program page (and the pay sheet over it) that the person's last action left on screen,
   * for --visual playback: the actors act through the store's API, the visual mode opens this page in
   * the phone. null: whatever the phone shows by itself (e.g. the page a launch opened).
   */
  screen: Screen | null = null

  constructor(
    readonly id: string,
    platformUrl: string,
    merchantUrl: string,
    /** the address the phone fills in at checkout, for kits that deliver or ship (none: pickup) */
    private readonly address?: { name: string; phone: string; address: string },
  ) {
    this.phone = new Wire(`${platformUrl}/_sandbox`, (_method, path): Record<string, string> => {
      this.active = true
      // opening the mini program names no journey: the platform continues the person's journey if
      // it is still going (a launch under 30 minutes ago) or a friend's card's, else starts one
      return this.launch && !OPENS_MINI_PROGRAM.test(path) ? { 'x-sandbox-journey': this.launch.journeyId } : {}
    })
    this.page = new Wire(merchantUrl, (): Record<string, string> => (this.token ? { authorization: `Bearer ${this.token}` } : {}))
  }

  get name() {
    return this.id[0].toUpperCase() + this.id.slice(1)
  }

  // ---- opening the mini program

  /** Discover → Scan, pointed at a code (its picture when there is one); the store's page logs in. */
  async scans(code: Code, method: 'camera' | 'album' | 'long-press' = code.png ? 'album' : 'camera') {
    const body = code.png ? { image: code.png.toString('base64'), method } : { payload: code.payload, method }
    return this.opened(await this.phone.post(`/people/${this.id}/scan`, body))
  }

  /** Taps the latest mini program card in the chat with a friend (or in a group). */
  async opensCardFrom(friend: Person | { group: string }) {
    const conversation = 'group' in friend ? `group:${friend.group}` : `p2p:${[this.id, friend.id].sort().join(':')}`
    const { messages } = await this.phone.get(`/people/${this.id}/conversations/${encodeURIComponent(conversation)}/messages`)
    const card = [...messages].reverse().find((m: any) => m.kind === 'miniprogram')
    if (!card) throw new Error(`${this.name} has no mini program card in ${conversation}`)
    const group = 'group' in friend
    return this.opened(
      await this.phone.post(`/people/${this.id}/miniprogram/launch`, {
        entry: group ? 'group' : 'chat',
        appid: card.body.appid,
        path: card.body.path,
        from: card.sender,
        ...(group ? { groupId: friend.group, shareTicket: card.body.shareTicket } : {}),
      }),
    )
  }

  /** Discover → Channels → the brand's live room: joins as a viewer. */
  async watchesLive(live: ChannelsLive): Promise<ChannelsLive> {
    return this.phone.post(`/people/${this.id}/channels/lives/${live.liveId}/join`)
  }

  /** Opens the live room's shopping bag and taps a product: the mini program opens on it (scene 1177). */
  async tapsLiveProduct(live: ChannelsLive, product: string): Promise<Launch> {
    return this.opened(await this.phone.post(`/people/${this.id}/channels/lives/${live.liveId}/products/${product}/tap`))
  }

  /** Leaves the live room. */
  async leavesLive(live: ChannelsLive): Promise<void> {
    await this.phone.post(`/people/${this.id}/channels/lives/${live.liveId}/leave`)
  }

  /** Watches one of the brand's Channels videos in the feed. */
  async watchesVideo(video: ChannelsVideo): Promise<void> {
    await this.phone.post(`/people/${this.id}/channels/videos/${video.feedId}/view`)
  }

  /** Taps a product under a Channels video: the mini program opens on it (scene 1184). */
  async tapsVideoProduct(video: ChannelsVideo, product: string): Promise<Launch> {
    return this.opened(await this.phone.post(`/people/${this.id}/channels/videos/${video.feedId}/open`, { productId: product }))
  }

  /** Opens the mini program from its Service Notifications entry (scene 1014). */
  async opensNotification(n: ServiceNotification) {
    return this.opened(await this.phone.post(`/people/${this.id}/service-notifications/${n.id}/open`))
  }

  private async opened(answer: any): Promise<Launch> {
    const o = answer.launchOptions
    this.launch = { appid: answer.appid, scene: o.scene, path: o.path, query: o.query, shareTicket: o.shareTicket, journeyId: answer.journeyId, channel: answer.channel, loginCode: answer.login.code }
    // the store's pages log in with the launch's wx.login code
    const { token, member } = await this.page.post('/api/login', { code: this.launch.loginCode })
    this.token = token
    this.member = member
    // the phone follows the launch by itself: visual playback waits for it
    this.screen = { path: o.path, query: o.query ?? {}, paySheet: null, launch: true, n: (this.screen?.n ?? 0) + 1 }
    return this.launch
  }

  /** What the page the person is on now is (visual playback). */
  private shows(path: string, query: Record<string, string> = {}, paySheet: Record<string, string> | null = null) {
    this.screen = { path, query, paySheet, n: (this.screen?.n ?? 0) + 1 }
  }

  /** The page a paid or unpaid checkout leaves on screen: the order, or the gift for a gift voucher. */
  private showsCheckout(checkout: Checkout | GiftPurchase, paySheet: Record<string, string> | null = null) {
    if ('gift' in checkout) this.shows('pages/gift/gift', { id: checkout.gift.id }, paySheet)
    else this.shows('pages/order/order', { id: checkout.order.id }, paySheet)
  }

  // ---- in the store's mini program

  /** Puts the items in the cart and checks out (the page sends the launch's scene and query). */
  async orders(items: Item[], opts: { coupon?: string } = {}): Promise<Checkout> {
    await this.addsToCart(items)
    return this.checksOut(opts)
  }

  /** The product page: what the store shows of one product. */
  async viewsProduct(product: string): Promise<{ id: string; name: string; price: number }> {
    this.shows('pages/product/product', { id: product })
    return this.page.get(`/api/products/${encodeURIComponent(product)}`)
  }

  /** The product page's Add to cart, for each item. */
  async addsToCart(items: Item[]) {
    for (const i of items) await this.page.post('/api/cart/items', { productId: i.product, options: i.options, quantity: i.quantity ?? 1 })
    this.shows('pages/cart/cart')
  }

  /** The cart's Pay: the store places the order with what is in the cart, and WeChat Pay's sheet comes up over it. */
  async checksOut(opts: { coupon?: string } = {}): Promise<Checkout> {
    const checkout: Checkout = await this.page.call('POST', '/api/orders', { entry: { scene: this.launch?.scene, query: this.launch?.query }, couponId: opts.coupon, ...this.addressFor() })
    this.showsCheckout(checkout, checkout.payment)
    return checkout
  }

  /** Discover → Mini Programs → the store among the recently used (scene 1001): the person comes back by themselves. */
  async opensFromRecent(appid: string): Promise<Launch> {
    return this.opened(await this.phone.post(`/people/${this.id}/miniprogram/launch`, { entry: 'recent', appid, path: 'pages/index/index' }))
  }

  /** The address the cart sends: the person's, unless the mini program was opened from a table code (served there). */
  private addressFor(): { address?: { name: string; phone: string; address: string } } {
    return this.address && !/^t%3D/.test(this.launch?.query?.scene ?? '') ? { address: this.address } : {}
  }

  /** The order page (a pending order is checked with WeChat Pay by the store). */
  async looksAtOrder(order: Order | Checkout): Promise<Order> {
    this.shows('pages/order/order', { id: idOf(order) })
    return (await this.page.get(`/api/orders/${idOf(order)}`)).order
  }

  /** The member centre. */
  async looksAtMemberCard(): Promise<Member> {
    this.shows('pages/member/member')
    this.member = (await this.page.get('/api/me')).member
    return this.member!
  }

  /** The store asks for one "order ready" message after paying; the person answers. */
  async answersOrderReadyConsent(order: Order | Checkout, answer: 'accept' | 'reject' = 'accept') {
    const { orderReady } = await this.page.get('/api/subscriptions')
    const answers = await this.phone.post(`/people/${this.id}/miniprogram/subscribe`, { tmplIds: [orderReady], decisions: { [orderReady]: answer } })
    await this.page.post(`/api/orders/${idOf(order)}/consent`, { accepted: answers[orderReady] === 'accept' })
    this.shows('pages/order/order', { id: idOf(order) })
    return answers[orderReady] as 'accept' | 'reject'
  }

  // ---- coupons and reminders (the member centre)

  /** The member centre's coupons: the brand's not yet claimed, and the member's own with their state. */
  async looksAtCoupons(): Promise<{ available: { id: string; title: string }[]; mine: Coupon[] }> {
    this.shows('pages/member/member')
    return this.page.get('/api/coupons')
  }

  /** Claims one of the brand's coupons in the member centre (valid the kit's days from now, on business time). */
  async claimsCoupon(couponId: string): Promise<Coupon> {
    this.shows('pages/member/member')
    return (await this.page.post(`/api/coupons/${couponId}/claim`)).coupon
  }

  /**
   * The member centre's "Remind me about points and coupons": wx.requestSubscribeMessage for the
   * member messages, the person answers, the page tells the store what was accepted.
   */
  async answersReminderConsent(answer: 'accept' | 'reject' = 'accept', kinds: ('pointsChanged' | 'couponExpiring')[] = ['pointsChanged', 'couponExpiring']) {
    const templates = await this.page.get('/api/subscriptions')
    const tmplIds = kinds.map((k) => templates[k] as string)
    const answers = await this.phone.post(`/people/${this.id}/miniprogram/subscribe`, { tmplIds, decisions: Object.fromEntries(tmplIds.map((t) => [t, answer])) })
    const accepted = kinds.filter((k) => answers[templates[k]] === 'accept')
    this.shows('pages/member/member')
    return (await this.page.post('/api/consents', { accepted })).consents as { pointsChanged: number; couponExpiring: number }
  }

  /** Puts the items in the cart and checks out when the store may refuse: its answer (status, error code and field). */
  async triesToOrder(items: Item[], opts: { coupon?: string } = {}): Promise<{ status: number; code?: string; field?: string }> {
    for (const i of items) await this.page.post('/api/cart/items', { productId: i.product, options: i.options, quantity: i.quantity ?? 1 })
    const answer = await this.page.raw('POST', '/api/orders', { entry: { scene: this.launch?.scene, query: this.launch?.query }, couponId: opts.coupon, ...this.addressFor() })
    this.shows('pages/cart/cart')
    return { status: answer.status, code: answer.body?.error?.code, field: answer.body?.error?.field }
  }

  // ---- gift vouchers (the gift page and the member centre's Gifts)

  /** On the gift page: picks a gift voucher, writes a note and checks out (paid like any order). */
  async buysGift(giftId: string, message?: string): Promise<GiftPurchase> {
    const { gift, orderId, payment } = await this.page.post('/api/gifts', { giftId, message, entry: { scene: this.launch?.scene, query: this.launch?.query } })
    const purchase = { gift, payment, order: await this.looksAtOrder({ id: orderId } as Order) }
    this.showsCheckout(purchase, payment)
    return purchase
  }

  /** The member centre's Gifts: the vouchers on offer, those sent and those received. */
  async looksAtGifts(): Promise<{ available: { id: string; title: string; price: number }[]; sent: Gift[]; received: Gift[] }> {
    this.shows('pages/member/member')
    return this.page.get('/api/gifts')
  }

  /** The gift page's Send to a friend: the card's path carries the gift's token (onShareAppMessage). */
  async sendsGift(gift: Gift | GiftPurchase, to: Person) {
    const id = 'gift' in gift ? gift.gift.id : gift.id
    const mine = (await this.looksAtGifts()).sent.find((g) => g.id === id)
    if (!mine?.sharePath) throw new Error(`${this.name} has no gift ${id} to send`)
    this.shows('pages/gift/gift', { id })
    await this.phone.post(`/people/${this.id}/messages`, { to: to.id, type: 'miniprogram', miniprogram: { appid: this.launch?.appid, title: `${mine.title} — from a friend`, path: mine.sharePath } })
  }

  /** The gift card the mini program was opened on (the launch's `token`), as its page shows it. */
  async looksAtGiftCard(): Promise<GiftCard> {
    return this.page.get(`/api/gifts/${encodeURIComponent(this.giftToken())}`)
  }

  /** Taps Claim gift on the card the mini program was opened on. */
  async claimsGift(): Promise<Gift> {
    return (await this.page.post(`/api/gifts/${encodeURIComponent(this.giftToken())}/claim`)).gift
  }

  /** At the counter: shows the gift page (the card they claimed) for the staff to redeem. */
  showsGiftAtCounter(): { token: string } {
    return { token: this.giftToken() }
  }

  private giftToken(): string {
    const token = this.launch?.path === 'pages/gift/gift' ? this.launch.query.token : undefined
    if (!token) throw new Error(`${this.name} has no gift card open`)
    return token
  }

  // ---- WeChat Pay's sheet

  /** What the pay sheet shows before the password. */
  async opensPaySheet(checkout: Checkout) {
    this.showsCheckout(checkout, checkout.payment)
    return this.phone.post(`/pay/people/${this.id}/preview`, { target: { requestPayment: checkout.payment } })
  }

  /** Opens the sheet and confirms with the password (default: the right one, 123456). */
  async pays(checkout: Checkout, opts: { password?: string; method?: 'balance' | 'card' } = {}): Promise<PayResult> {
    await this.opensPaySheet(checkout)
    const answer = await this.phone.raw('POST', `/pay/people/${this.id}/pay`, { target: { requestPayment: checkout.payment }, password: opts.password ?? '123456', method: opts.method })
    // paid: the page shows the order (or gift); refused: the sheet stays up
    this.showsCheckout(checkout, answer.body?.outcome === 'success' ? null : checkout.payment)
    return answer.body
  }

  /** Opens the sheet and closes it. */
  async cancelsPayment(checkout: Checkout): Promise<PayResult> {
    await this.opensPaySheet(checkout)
    const answer = await this.phone.raw('POST', `/pay/people/${this.id}/pay`, { target: { requestPayment: checkout.payment }, action: 'cancel' })
    this.showsCheckout(checkout)
    return answer.body
  }

  async wallet(): Promise<{ balance: number }> {
    return this.phone.get(`/pay/people/${this.id}/wallet`)
  }

  async bills(): Promise<{ description: string; amount: number; kind: string }[]> {
    const answer = await this.phone.get(`/pay/people/${this.id}/bills`)
    return answer.bills ?? answer
  }

  // ---- the brand's Official Account (profile, conversation, articles)

  /** Scans an Official Account's parametric code: follows with `qrscene_…` (or `SCAN` for a follower); the account's reply. */
  async scansFollowCode(code: Code): Promise<OaFollow> {
    const answer = await this.phone.post(`/people/${this.id}/scan`, code.png ? { image: code.png.toString('base64'), method: 'album' } : { payload: code.payload, method: 'camera' })
    if (answer.action !== 'follow-official-account') throw new Error(`${code.label} is not a follow code (${answer.action})`)
    return { following: answer.following, reply: answer.push?.reply?.body?.content ?? null, subscribeScene: answer.subscribeScene }
  }

  /** Opens one of the account's published articles (the profile's article list, or a link in a chat). */
  async readsArticle(articleId: string): Promise<OaArticle> {
    return this.phone.post(`/people/${this.id}/official-account/articles/${articleId}/read`, {})
  }

  /** Taps a mini program card embedded in the article (scene 1058). */
  async opensArticleCard(articleId: string, card = 0) {
    return this.opened(await this.phone.post(`/people/${this.id}/official-account/articles/${articleId}/open-miniprogram`, { card }))
  }

  /** The profile's Follow button; the account's passive reply (its server answers within 5 s). */
  async follows(): Promise<OaFollow> {
    const answer = await this.phone.post(`/people/${this.id}/official-account/follow`, {})
    return { following: answer.following, reply: answer.push?.reply?.body?.content ?? null, subscribeScene: answer.subscribeScene }
  }

  /** The account's profile as the person sees it (their openid for the account, whether they follow it). */
  async looksAtOfficialAccount(): Promise<{ name: string; openid: string; following: boolean; subscribeScene: string | null }> {
    return this.phone.get(`/people/${this.id}/official-account`)
  }

  /** Taps the latest template message from the account that jumps into the mini program (scene 1043); null when there is none. */
  async opensTemplateMessage(): Promise<Launch | null> {
    const message = (await this.officialAccountChat()).findLast((m) => m.from === 'account' && m.kind === 'template')
    if (!message) return null
    return this.opened(await this.phone.post(`/people/${this.id}/official-account/messages/${message.seq}/open`, {}))
  }

  /** The conversation with the account, oldest first. */
  async officialAccountChat(): Promise<OaMessage[]> {
    return (await this.phone.get(`/people/${this.id}/official-account/messages`)).messages
  }

  /** Waits (up to 5 s) for the account's latest mini program card in the conversation (the brand sends it after the passive reply). */
  async receivesAccountCard(): Promise<OaMessage> {
    for (let i = 0; ; i++) {
      const card = (await this.officialAccountChat()).findLast((m) => m.from === 'account' && m.kind === 'miniprogrampage')
      if (card) return card
      if (i >= 50) throw new Error(`${this.name} got no mini program card from the account`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  /** Waits for the account's mini program card in the conversation and taps it (scene 1074). */
  async opensAccountCard(): Promise<Launch> {
    const card = await this.receivesAccountCard()
    return this.opened(await this.phone.post(`/people/${this.id}/official-account/messages/${card.seq}/open`, {}))
  }

  /** Sends an article's link to a friend or a group (the reader's … → Send to Chat). */
  async sharesArticle(article: OaArticle, to: Person | { group: string }) {
    await this.phone.post(`/people/${this.id}/messages`, { to: 'group' in to ? to.group : to.id, type: 'link', link: { title: article.title, url: article.url } })
  }

  // ---- WeCom: the brand's consultant

  /**
   * The order page's "Add your consultant": the store's contact-me code for this order (state =
   * the order id); the person long-presses it (Identify QR Code) and taps Add to Contacts.
   */
  async addsConsultantFromOrder(order: Order | Checkout): Promise<WecomContact> {
    this.shows('pages/order/order', { id: idOf(order) })
    const code = await this.page.get(`/api/orders/${idOf(order)}/consultant`)
    const picture = new URL(code.image)
    const png: Buffer = await new Wire(picture.origin).call('GET', picture.pathname)
    const card = await this.phone.post(`/people/${this.id}/scan`, { image: png.toString('base64'), method: 'long-press' })
    if (card.action !== 'add-wecom-contact') throw new Error(`the order page's code is not a contact-me code (${card.action})`)
    const added = await this.phone.post(`/people/${this.id}/wecom/contacts`, { configId: card.configId })
    return { consultant: card.consultant.name, corpTag: card.corpTag, conversation: added.conversation, externalUserid: added.externalUserid }
  }

  /** The chat with the consultant the person added (the first one), oldest first. */
  async consultantChat(): Promise<WecomMessage[]> {
    const { contacts } = await this.phone.get(`/people/${this.id}/wecom/contacts`)
    if (!contacts.length) throw new Error(`${this.name} has no WeCom contact`)
    return (await this.phone.get(`/people/${this.id}/wecom/conversations/${encodeURIComponent(contacts[0].conversation)}/messages`)).messages
  }

  /** Taps the latest mini program card in the consultant's chat (scene 1007, a WeCom contact's card). */
  async opensConsultantCard(): Promise<Launch> {
    const card = (await this.consultantChat()).findLast((m) => m.kind === 'miniprogram')
    if (!card) throw new Error(`${this.name} has no mini program card from the consultant`)
    return this.opened(await this.phone.post(`/people/${this.id}/miniprogram/launch`, { entry: 'wecom-chat', appid: card.body.appid, path: card.body.path }))
  }

  // ---- chats and notifications

  /** Long-presses the latest mini program card in a chat and forwards it (it keeps its origin). */
  async forwardsCard(from: Person | { group: string }, to: Person | { group: string }) {
    const conversation = 'group' in from ? `group:${from.group}` : `p2p:${[this.id, from.id].sort().join(':')}`
    const { messages } = await this.phone.get(`/people/${this.id}/conversations/${encodeURIComponent(conversation)}/messages`)
    const card = [...messages].reverse().find((m: any) => m.kind === 'miniprogram')
    if (!card) throw new Error(`${this.name} has no mini program card in ${conversation}`)
    await this.phone.post(`/people/${this.id}/messages`, { to: 'group' in to ? to.group : to.id, type: 'forward', message: card.seq })
  }

  /** Sends the store's product card to a friend or a group (the page's onShareAppMessage: the path carries ref=<member>). */
  async sharesProduct(product: string, to: Person | { group: string }, title = 'Try this') {
    const path = `pages/product/product?id=${product}&ref=${this.member?.id ?? ''}`
    await this.phone.post(`/people/${this.id}/messages`, { to: 'group' in to ? to.group : to.id, type: 'miniprogram', miniprogram: { appid: this.launch?.appid, title, path } })
  }

  /** The groups in the person's chat list. */
  async groups(): Promise<{ id: string; name: string }[]> {
    const { conversations } = await this.phone.get(`/people/${this.id}/conversations`)
    return conversations.filter((c: any) => c.kind === 'group').map((c: any) => ({ id: c.groupId, name: c.name ?? c.title }))
  }

  /** 服务通知, newest first. */
  async serviceNotifications(): Promise<ServiceNotification[]> {
    return (await this.phone.get(`/people/${this.id}/service-notifications`)).notifications
  }
}

const idOf = (o: Order | Checkout) => ('order' in o ? o.order.id : o.id)

/** A mini program page with its query, and WeChat Pay's sheet over it when it is up (`n` counts changes). */
export interface Screen {
  path: string
  query: Record<string, string>
  paySheet: Record<string, string> | null
  /** the page a launch opened (the phone opens it by itself) */
  launch?: boolean
  n: number
}
