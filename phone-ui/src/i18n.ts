/** Labels as WeChat shows them, in English and Simplified Chinese. */
const LABELS = {
  chats: ['Chats', '微信'],
  contacts: ['Contacts', '通讯录'],
  discover: ['Discover', '发现'],
  me: ['Me', '我'],
  weixin: ['WeChat', '微信'],
  search: ['Search', '搜索'],
  send: ['Send', '发送'],
  newFriends: ['New Friends', '新的朋友'],
  groupChats: ['Group Chats', '群聊'],
  officialAccounts: ['Official Accounts', '公众号'],
  tags: ['Tags', '标签'],
  moments: ['Moments', '朋友圈'],
  channels: ['Channels', '视频号'],
  scan: ['Scan', '扫一扫'],
  shake: ['Shake', '摇一摇'],
  miniPrograms: ['Mini Programs', '小程序'],
  pay: ['Pay', '支付'],
  services: ['Services', '服务'],
  favorites: ['Favorites', '收藏'],
  cardsOffers: ['Cards & Offers', '卡包'],
  settings: ['Settings', '设置'],
  language: ['Language', '语言'],
  wallet: ['Wallet', '钱包'],
  balance: ['Balance', '零钱'],
  bills: ['Bills', '账单'],
  weixinId: ['Weixin ID', '微信号'],
  recentlyUsed: ['Recently Used', '最近使用'],
  noMessages: ['No chats yet', '暂无聊天'],
  messagePlaceholder: ['Message', '发消息'],
  miniProgram: ['Mini Program', '小程序'],
  link: ['Link', '链接'],
  photo: ['Photo', '图片'],
  video: ['Video', '视频'],
  friends: ['Friends', '朋友'],
  comingSoon: ['Coming soon in the sandbox', '沙盒中即将推出'],
  switchPerson: ['Switch person', '切换身份'],
  addPhone: ['Add phone', '添加手机'],
  presenter: ['Presenter', '演示'],
  removePhone: ['Remove phone', '移除手机'],
  sandbox: ['WeChat Commerce Sandbox', '微信商业沙盒'],
  members: ['members', '人'],
  serviceNotifications: ['Service Notifications', '服务通知'],
} as const

export type Lang = 'en' | 'zh'

/** An app's, account's or consultant's name as a phone in `lang` shows it: the world kit's Chinese one in Chinese. */
export const named = (x: { name: string; nameZh?: string }, lang: Lang) => (lang === 'zh' && x.nameZh) || x.name
export type LabelKey = keyof typeof LABELS

export function t(lang: Lang, key: LabelKey) {
  return LABELS[key][lang === 'zh' ? 1 : 0]
}

/** The phones live in China: every time they show is China Standard Time, whatever the host's zone. */
export const ZONE = 'Asia/Shanghai'

export function chinaTime(at: Date | string | number, lang: Lang, options: Intl.DateTimeFormatOptions) {
  return new Date(at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: ZONE, ...options })
}

const day = (d: Date) => d.toLocaleDateString('en-CA', { timeZone: ZONE })

let clockOffsetMs = 0
let frozenAtMs: number | null = null
/** The world's clock as the platform last reported it: a live one runs on from that read, a frozen one stands. */
export const worldNow = () => new Date(frozenAtMs ?? Date.now() + clockOffsetMs)
/** The world's time now, and whether its clock is frozen (unchanged when not said: a jump keeps the mode). */
export function setWorldClock(nowMs: number, frozen: boolean = frozenAtMs !== null) {
  clockOffsetMs = nowMs - Date.now()
  frozenAtMs = frozen ? nowMs : null
}

/** "10:42" today, "Yesterday", else "3/2" as WeChat's chat list does. */
export function shortTime(iso: string, lang: Lang, now = worldNow()) {
  const d = new Date(iso)
  if (day(d) === day(now)) return chinaTime(d, lang, { hour: '2-digit', minute: '2-digit' })
  if (day(d) === day(new Date(now.getTime() - 86_400_000))) return lang === 'zh' ? '昨天' : 'Yesterday'
  return chinaTime(d, 'zh', { month: 'numeric', day: 'numeric' })
}
