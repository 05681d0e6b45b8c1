import { BRAND, CAST, FRIENDSHIPS, GROUP, OA_FOLLOWERS, WECOM_STAFF, type CastMember } from './cast'

/** A poster the phone's scanner can be pointed at: `/_sandbox/qr/posters/<kind>?<query>`. */
export interface WorldPoster {
  kind: 'table' | 'product' | 'campaign' | 'follow'
  query: Record<string, string>
  label: { en: string; zh: string }
}

export interface WorldGroup {
  id: string
  name: string
  ownerId: string
  members: string[]
}

export interface WeComConsultant {
  userid: string
  name: string
  nameZh?: string
  position: string
  mobile: string
}

/**
 * A brand's own identifiers, so that its production configuration runs against the sandbox
 * unchanged; whatever is left out (and every key and certificate) the sandbox generates.
 */
export interface OwnIds {
  miniProgramAppid?: string
  miniProgramSecret?: string
  officialAccountAppid?: string
  officialAccountSecret?: string
  officialAccountToken?: string
  officialAccountEncodingAESKey?: string
  mchid?: string
  merchantSerialNo?: string
  apiV3Key?: string
  corpid?: string
  wecomAgentid?: number
}

/**
 * What the platform's world is made of: the brand and the names of its apps, the people, and the
 * posters of the places they go. The launcher derives it from a world kit; the café is the default.
 */
export interface World {
  /** `logo`: a data: URL (SVG or PNG); without one the phone draws the initial on the colour */
  brand: { id: string; name: string; nameZh: string; color: string; logo?: string }
  /** names in Chinese are what a phone set to Chinese shows */
  miniProgram: { name: string; nameZh?: string }
  officialAccount: { name: string; nameZh?: string }
  channels: { nickname: string; signature: string }
  /** the legal name on the pay sheet */
  pay: { merchantName: string }
  wecom: { corpName: string; agentName: string; consultants: WeComConsultant[] }
  cast: CastMember[]
  friendships: [string, string][]
  groups: WorldGroup[]
  /** who already follows the Official Account, and how they found it */
  followers: [string, string][]
  posters: WorldPoster[]
  ids?: OwnIds
}

/** The default world: Lumen Coffee, with the cast every journey knows. */
export const DEFAULT_WORLD: World = {
  brand: BRAND,
  miniProgram: { name: `${BRAND.name} Store`, nameZh: '流明咖啡小程序' },
  officialAccount: { name: BRAND.name, nameZh: BRAND.nameZh },
  channels: { nickname: BRAND.name, signature: `${BRAND.nameZh} official · fresh drops, live tastings and member offers` },
  pay: { merchantName: `${BRAND.name} (Shanghai) Co., Ltd.` },
  wecom: { corpName: BRAND.name, agentName: 'Store Assistant', consultants: WECOM_STAFF },
  cast: CAST,
  friendships: FRIENDSHIPS,
  groups: [GROUP],
  followers: OA_FOLLOWERS,
  posters: [
    { kind: 'table', query: { table: '12', store: 'sh01' }, label: { en: 'Table 12', zh: '12号桌' } },
    { kind: 'product', query: { id: 'latte', name: 'Latte', price: '¥28' }, label: { en: 'Latte poster', zh: '拿铁海报' } },
    { kind: 'campaign', query: { code: 'spring26', title: 'Spring Oolong', subtitle: 'New season oolong, double points this week' }, label: { en: 'Spring Oolong', zh: '春季乌龙' } },
    { kind: 'follow', query: { store: 'sh02', label: "Lumen Coffee · Jing'an" }, label: { en: "Follow code · Lumen Coffee · Jing'an", zh: '关注流明咖啡' } },
  ],}

/** A world the control API can switch to. */
export interface WorldChoice {
  id: string
  name: string
  nameZh: string
}

/** A kit that cannot become a world: every problem, each with its path in the kit. */
export class WorldRefused extends Error {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message)
  }
}

/**
 * The worlds a launcher offers (`GET/POST /_sandbox/world`): it reads and validates kits, which
 * the platform does not know the format of, and makes the store follow a switch.
 */
export interface WorldCatalog {
  list(): WorldChoice[]
  /** the kit the current world came from */
  current(): WorldChoice | null
  /**
   * A listed kit (`id`) or a whole one (`kit`): validated before anything changes (a refused kit
   * throws WorldRefused and changes nothing), then `reseed(world)` replaces the platform's world
   * and the store follows.
   */
  switchTo(spec: { id?: string; kit?: unknown }, reseed: (world: World) => Promise<void>): Promise<WorldChoice>
}
