/**
 * The entry channels a launch is attributed to: the sandbox's own vocabulary, one per kind of
 * place a person can come from. Funnels and reports group launches (and journeys) by these.
 */
export const CHANNELS = [
  'qr',
  'chat',
  'group',
  'official-account',
  'channels',
  'search',
  'subscribe-message',
  'pay',
  'wecom',
  'link',
  'mini-program',
  'app',
  'ads',
  'moments',
  'customer-service',
  'direct',
  'other',
] as const
export type Channel = (typeof CHANNELS)[number]

interface SceneInfo {
  label: string
  channel: Channel
}

const s = (label: string, channel: Channel): SceneInfo => ({ label, channel })

/** 场景值: every scene value of the reference table (miniprogram.md §7) with its channel. */
export const SCENES: Record<number, SceneInfo> = {
  1000: s('other', 'other'),
  1001: s('Discover → Mini Programs, recently used', 'direct'),
  1005: s('WeChat home top search results', 'search'),
  1006: s('search box inside the Mini Programs entry', 'search'),
  1053: s('搜一搜 results page', 'search'),
  1089: s('chat list pull-down, recently used', 'direct'),
  1023: s('Android desktop icon', 'direct'),
  1024: s('mini program profile page', 'direct'),
  1037: s('opened from another mini program', 'mini-program'),
  1038: s('returned from another mini program', 'mini-program'),

  1007: s('card in a 1:1 chat', 'chat'),
  1008: s('card in a group chat', 'group'),
  1044: s('card with shareTicket in a group chat', 'group'),
  1036: s('app share card', 'app'),
  1073: s('card in customer-service messages', 'customer-service'),
  1074: s('card in an Official Account conversation', 'official-account'),
  1081: s('text link in customer-service messages', 'customer-service'),
  1082: s('text link in an Official Account conversation', 'official-account'),
  1096: s('chat history', 'chat'),
  1154: s('Moments single-page mode', 'moments'),
  1155: s('opened from Moments single-page mode', 'moments'),
  1208: s('goods card in a chat', 'chat'),

  1011: s('scan a QR code', 'qr'),
  1012: s('long-press a QR code in an image', 'qr'),
  1013: s('QR code from the album', 'qr'),
  1047: s('scan a mini program code', 'qr'),
  1048: s('long-press a mini program code in an image', 'qr'),
  1049: s('mini program code from the album', 'qr'),
  1025: s('scan a barcode', 'qr'),
  1031: s('long-press a barcode in an image', 'qr'),
  1032: s('barcode from the album', 'qr'),
  1124: s('scan a 一物一码 code', 'qr'),
  1125: s('long-press a 一物一码 code', 'qr'),
  1126: s('一物一码 code from the album', 'qr'),
  1150: s('product barcode scan result page', 'qr'),

  1035: s('Official Account custom menu', 'official-account'),
  1043: s('Official Account template message', 'official-account'),
  1058: s('Official Account article', 'official-account'),
  1067: s('Official Account article ad', 'official-account'),
  1091: s('Official Account article product card', 'official-account'),
  1102: s('Official Account profile page service preview', 'official-account'),
  1020: s('Official Account profile page related mini programs (deprecated)', 'official-account'),
  1144: s('Official Account article video patch', 'official-account'),
  1152: s('subscription account video', 'official-account'),
  1157: s('service account conversation page', 'official-account'),
  1261: s('Official Account commission product card', 'official-account'),

  1014: s('subscription message', 'subscribe-message'),
  1107: s('subscription message', 'subscribe-message'),
  1034: s('WeChat Pay completion page', 'pay'),
  1060: s('WeChat Pay completion page', 'pay'),
  1019: s('WeChat wallet / payment entry', 'pay'),
  1097: s('WeChat Pay contract page', 'pay'),

  1065: s('URL scheme', 'link'),
  1194: s('URL Link', 'link'),
  1286: s('plain-text URL scheme', 'link'),
  1167: s('H5 page via wx-open-launch-weapp', 'link'),
  1069: s('mobile app via OpenSDK', 'app'),
  1168: s('mobile or website app runs the mini program', 'app'),

  1175: s('Channels profile page shop entry', 'channels'),
  1176: s('Channels live room, opened by the streamer', 'channels'),
  1177: s('Channels live-stream goods', 'channels'),
  1184: s('Channels link under a video', 'channels'),
  1191: s('Channels activity', 'channels'),
  1193: s('Channels profile page service menu', 'channels'),
  1195: s('Channels profile page goods tab', 'channels'),
  1197: s('streamer returns to a mini game from the live room', 'channels'),
  1198: s('Channels go-live screen opens a mini game', 'channels'),
  1200: s('Channels ad', 'channels'),
  1201: s('Channels ad detail page', 'channels'),
  1206: s('mini game live room', 'channels'),
  1219: s('mini game one-tap join in a live room', 'channels'),
  1216: s('Channels order center', 'channels'),
  1228: s('Channels native ad component', 'channels'),
  1296: s('Channels paid short-drama bubble', 'channels'),

  1119: s('WeCom workbench', 'wecom'),
  1120: s('WeCom personal profile page', 'wecom'),
  1121: s('WeCom chat attachment panel', 'wecom'),
  1192: s('WeCom contact profile page', 'wecom'),
  1202: s('WeCom customer-service conversation, mini program card', 'wecom'),
  1207: s('WeCom customer-service conversation, text link', 'wecom'),

  1010: s('favourites', 'direct'),
  1017: s('trial version entry', 'direct'),
  1045: s('Moments ad', 'ads'),
  1046: s('Moments ad detail page', 'ads'),
  1084: s('Moments ad native page', 'ads'),
  1095: s('mini program ad component', 'ads'),
  1131: s('floating window', 'direct'),
  1187: s('floating window', 'direct'),
  1129: s('WeChat crawler', 'other'),
  1145: s('Discover → discover mini programs', 'direct'),
  1151: s('Discover → my orders', 'direct'),
  1173: s('chat material opened with a mini program', 'chat'),
  1185: s('group announcement', 'group'),
  1196: s('personal status', 'moments'),
  1203: s('load-testing tool', 'other'),
}

export type ScanMethod = 'camera' | 'long-press' | 'album'

/** The scene of a scanned code, by the kind of code and how it was scanned. */
export const SCAN_SCENES = {
  wxacode: { camera: 1047, 'long-press': 1048, album: 1049 },
  qrcode: { camera: 1011, 'long-press': 1012, album: 1013 },
} as const satisfies Record<string, Record<ScanMethod, number>>

export interface EntryInfo {
  scene: number
  label: string
  /** when the entry's channel is not its scene's (a WeCom contact's card arrives as a chat card) */
  channel?: Channel
  /** LaunchOptions.chatType: 1 WeChat 1:1, 2 WeCom contact 1:1, 3 WeChat group */
  chatType?: 1 | 2 | 3
  /** referrerInfo.appId is the Official Account's appid (the reference's 1035/1043 rule) */
  officialAccountReferrer?: boolean
  apiCategory?: 'default' | 'nativeFunctionalized'
}

/**
 * Named entry points for the launch API: where a person taps, and the scene WeChat reports for it.
 * `wxacode` and `qrcode` depend on the scan method; `group` becomes 1044 with a shareTicket;
 * `scene` takes any value of SCENES.
 */
export const ENTRIES = {
  wxacode: { scene: 1047, label: 'scan a mini program code (method: camera 1047, long-press 1048, album 1049)' },
  qrcode: { scene: 1011, label: 'scan a mini program QR code (method: camera 1011, long-press 1012, album 1013)' },
  chat: { scene: 1007, label: 'share card in a 1:1 chat', chatType: 1 },
  group: { scene: 1008, label: 'share card in a group chat (1044 when it carries a shareTicket)', chatType: 3 },
  'oa-article': { scene: 1058, label: 'Official Account article' },
  'oa-menu': { scene: 1035, label: 'Official Account menu', officialAccountReferrer: true },
  'oa-template-message': { scene: 1043, label: 'Official Account template message', officialAccountReferrer: true },
  'oa-message': { scene: 1074, label: 'card in an Official Account conversation' },
  'oa-profile': { scene: 1102, label: 'Official Account profile page' },
  'channels-video': { scene: 1184, label: 'Channels: link under a video' },
  'channels-live': { scene: 1177, label: 'Channels: live-stream goods', apiCategory: 'nativeFunctionalized' },
  'channels-live-streamer': { scene: 1176, label: 'Channels: live room, opened by the streamer' },
  'channels-profile': { scene: 1175, label: 'Channels: profile page shop entry' },
  'channels-profile-goods': { scene: 1195, label: 'Channels: profile page goods tab' },
  'channels-profile-menu': { scene: 1193, label: 'Channels: profile page service menu' },
  'channels-activity': { scene: 1191, label: 'Channels: activity' },
  'channels-ad': { scene: 1200, label: 'Channels: ad' },
  search: { scene: 1005, label: 'WeChat home search' },
  'search-mini-programs': { scene: 1006, label: 'search inside the Mini Programs entry' },
  sousou: { scene: 1053, label: '搜一搜 results' },
  'subscribe-message': { scene: 1014, label: 'subscription message in Service Notifications' },
  'pay-result': { scene: 1034, label: 'WeChat Pay completion page' },
  'wecom-chat': { scene: 1007, label: 'card from a WeCom contact in a 1:1 chat', channel: 'wecom', chatType: 2 },
  'wecom-customer-service': { scene: 1202, label: 'WeCom customer-service conversation card' },
  'wecom-customer-service-link': { scene: 1207, label: 'WeCom customer-service text link' },
  'url-scheme': { scene: 1065, label: 'URL Scheme (weixin://dl/business/?t=…)' },
  'url-link': { scene: 1194, label: 'URL Link (https://wxaurl.cn/…)' },
  'plain-scheme': { scene: 1286, label: 'plain-text URL scheme' },
  h5: { scene: 1167, label: 'H5 page via wx-open-launch-weapp' },
  'mini-program': { scene: 1037, label: 'another mini program (referrerInfo.appId)' },
  recent: { scene: 1001, label: 'Discover → Mini Programs, recently used' },
  'pull-down': { scene: 1089, label: 'chat list pull-down' },
  favourites: { scene: 1010, label: 'favourites' },
  desktop: { scene: 1023, label: 'desktop icon' },
  'moments-ad': { scene: 1045, label: 'Moments ad' },
  scene: { scene: 1000, label: 'any scene value (give `scene`)' },
} as const satisfies Record<string, EntryInfo>

export type EntryName = keyof typeof ENTRIES
/** The entry names, for the launch API's schema. */
export const ENTRY_NAMES = Object.keys(ENTRIES) as [EntryName, ...EntryName[]]

/** The channel a scene is attributed to ('other' for values outside the table). */
export const channelOfScene = (scene: number): Channel => SCENES[scene]?.channel ?? 'other'
