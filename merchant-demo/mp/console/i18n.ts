/** The console's words in English and 中文; brand words (names) come from the kit, in Chinese where it gives Chinese. */
export type Lang = 'en' | 'zh'

const WORDS = {
  console: ['Brand console', '品牌管理后台'],
  signIn: ['Sign in', '登录'],
  signInHint: ['Paste the staff token the store printed when it started (or STAFF_TOKEN).', '请粘贴商家后台启动时打印的员工令牌（或 STAFF_TOKEN）。'],
  staffToken: ['Staff token', '员工令牌'],
  wrongToken: ['That token was refused.', '令牌无效。'],
  signOut: ['Sign out', '退出'],
  orders: ['Orders', '订单'],
  members: ['Members', '会员'],
  content: ['Content', '内容'],
  chats: ['Customer chats', '客户会话'],
  refresh: ['Refresh', '刷新'],
  order: ['Order', '订单'],
  status: ['Status', '状态'],
  total: ['Total', '金额'],
  items: ['Items', '商品'],
  channel: ['Channel', '渠道'],
  scene: ['scene', '场景值'],
  entry: ['Opened from', '进入'],
  revenue: ['Paid revenue', '实收金额'],
  topChannel: ['Top channel', '首要渠道'],
  viaShares: ['Orders via shares', '分享带来的订单'],
  chain: ['Share chain', '分享链'],
  noChain: ['No share chain', '无分享链'],
  actions: ['Actions', '操作'],
  ready: ['Mark ready', '备餐完成'],
  ship: ['Ship', '发货'],
  refund: ['Refund', '退款'],
  refundProcessing: ['Refund processing', '退款处理中'],
  carrier: ['Carrier', '快递公司'],
  trackingNo: ['Tracking number', '运单号'],
  noOrders: ['No orders yet.', '暂无订单。'],
  member: ['Member', '会员'],
  person: ['Person', '用户'],
  points: ['Points', '积分'],
  level: ['Level', '等级'],
  spend: ['Lifetime spend', '累计消费'],
  paidOrders: ['Paid orders', '已支付订单'],
  toNext: ['to', '距'],
  noMembers: ['No members yet.', '暂无会员。'],
  officialAccount: ['Official Account', '公众号'],
  publishArticle: ['Publish article', '发表文章'],
  published: ['Published', '已发表'],
  openArticle: ['Open article', '查看文章'],
  channelsTitle: ['Channels', '视频号'],
  postVideos: ['Post videos', '发布视频'],
  goLive: ['Go live', '开始直播'],
  endLive: ['End live', '结束直播'],
  shelf: ['Shelf', '直播货架'],
  wecomTitle: ['WeCom', '企业微信'],
  reengage: ['Send re-engagement mass message', '发送客户群发'],
  noCampaigns: ['The kit has no campaigns.', '品牌包没有活动。'],
  noLive: ['The kit has no live stream.', '品牌包没有直播。'],
  noChats: ['No customer has written to customer service or a consultant yet.', '暂无客户咨询。'],
  answerAs: ['Answer as the consultant', '以顾问身份回复'],
  send: ['Send', '发送'],
  customer: ['Customer', '客户'],
  auto: ['Auto-reply', '自动回复'],
  consultant: ['Consultant', '顾问'],
  customerService: ['Customer service', '微信客服'],
  system: ['', ''],
  done: ['Done', '完成'],
  pickChat: ['Pick a chat on the left.', '请在左侧选择会话。'],
} as const satisfies Record<string, readonly [string, string]>

export type Word = keyof typeof WORDS
export const t = (lang: Lang, word: Word) => WORDS[word][lang === 'zh' ? 1 : 0]

const STATUS: Record<string, readonly [string, string]> = {
  pending: ['Awaiting payment', '待支付'],
  paid: ['Paid', '已支付'],
  ready: ['Ready', '待取'],
  shipped: ['Shipped', '已发货'],
  collected: ['Collected', '已完成'],
  closed: ['Closed', '已关闭'],
  refunded: ['Refunded', '已退款'],
}
export const statusWord = (lang: Lang, s: string) => STATUS[s]?.[lang === 'zh' ? 1 : 0] ?? s

const CHANNELS: Record<string, readonly [string, string]> = {
  qr: ['QR code', '扫码'],
  chat: ['Chat', '聊天'],
  group: ['Group chat', '群聊'],
  'official-account': ['Official Account', '公众号'],
  channels: ['Channels', '视频号'],
  search: ['Search', '搜索'],
  'subscribe-message': ['Subscription message', '订阅消息'],
  pay: ['WeChat Pay', '微信支付'],
  wecom: ['WeCom', '企业微信'],
  link: ['Link', '链接'],
  'mini-program': ['Mini program', '小程序'],
  ads: ['Ads', '广告'],
  direct: ['Direct', '直接打开'],
  other: ['Other', '其他'],
}
export const channelWord = (lang: Lang, c: string | null | undefined) => (c ? (CHANNELS[c]?.[lang === 'zh' ? 1 : 0] ?? c) : '—')

const ACTIONS: Record<string, readonly [string, string]> = {
  discovered: ['found it', '发现'],
  shared: ['shared', '分享'],
  forwarded: ['forwarded', '转发'],
  opened: ['opened', '打开'],
}
export const actionWord = (lang: Lang, a: string | undefined) => (a ? (ACTIONS[a]?.[lang === 'zh' ? 1 : 0] ?? a) : '')

export const dateTime = (lang: Lang, iso: string | null) =>
  iso ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : '—'
