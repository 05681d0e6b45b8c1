/**
 * The channel a launch scene belongs to, for attribution (which channel brings which orders). The
 * merchant only sees the scene (`wx.getLaunchOptionsSync().scene`), so it keeps its own table of the
 * scenes it cares about (values from WeChat's scene list).
 */
const CHANNELS: [channel: string, scenes: number[]][] = [
  ['qr', [1011, 1012, 1013, 1025, 1031, 1032, 1047, 1048, 1049]],
  ['chat', [1007]],
  ['group', [1008, 1044]],
  ['official-account', [1035, 1043, 1058, 1074, 1082, 1102]],
  ['channels', [1175, 1176, 1177, 1184, 1191, 1193, 1195, 1200]],
  ['search', [1005, 1006, 1053]],
  ['subscribe-message', [1014, 1107]],
  ['pay', [1034]],
  ['wecom', [1202, 1207]],
  ['link', [1065, 1167, 1194, 1286]],
  ['mini-program', [1037, 1038]],
  ['ads', [1045, 1046]],
  ['direct', [1001, 1010, 1023, 1089]],
]
const BY_SCENE = new Map(CHANNELS.flatMap(([channel, scenes]) => scenes.map((s) => [s, channel] as const)))

export function channelOf(scene: number | null | undefined, query: Record<string, string> = {}): string {
  // the brand marks its own WeCom cards (welcome, mass messages): a WeCom contact's card opens
  // with the chat scene 1007, like a friend's
  if (query.src === 'wecom') return 'wecom'
  if (scene == null) return 'direct'
  return BY_SCENE.get(scene) ?? 'other'
}

/**
 * The table a launch names: a table code's `scene` arrives URL-encoded in `query.scene`
 * (`t%3D12` → `t=12`); `table=` or `t=` either way, or directly in the query.
 */
export function tableOf(query: Record<string, string>): string | null {
  const fields = new URLSearchParams(query.scene ? safeDecode(query.scene) : '')
  const table = fields.get('t') ?? fields.get('table') ?? query.t ?? query.table ?? null
  return table && /^[0-9A-Za-z-]{1,8}$/.test(table) ? table : null
}

function safeDecode(s: string) {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/**
 * The Channels video or live session an order came from, when its chain (the platform's
 * attribution, stored on the order) starts on Channels: the first step names the account and the
 * video (`videoId`, a tap under a video) or the live session (`liveId`, a tap on the live shelf).
 */
export function channelsSourceOf(chain: Record<string, unknown>[]): { finderUserName: string | null; videoId: string | null; liveId: string | null } | null {
  const first = chain[0]
  if (!first || first.via !== 'channels') return null
  const str = (v: unknown) => (typeof v === 'string' ? v : null)
  return { finderUserName: str(first.finderUserName), videoId: str(first.videoId), liveId: str(first.liveId) }
}
