/** The default world's brand (the café kit's, merchant-demo/brands/cafe.json: launcher/world.test.ts keeps the two the same). */
export const BRAND = {
  id: 'lumen',
  name: 'Lumen Coffee',
  nameZh: '流明咖啡',
  color: '#8A5A3C',
}

export interface CastMember {
  id: string
  name: string
  nameZh: string
  city: string
  language: 'en' | 'zh_CN'
  /** wallet balance, fen */
  balance: number
}

/** The simulated people of the seeded world, with stable short ids. */
export const CAST: CastMember[] = [
  { id: 'alice', name: 'Alice Wang', nameZh: '王爱丽', city: 'Shanghai', language: 'en', balance: 88_800 },
  { id: 'bob', name: 'Bob Li', nameZh: '李博', city: 'Shanghai', language: 'en', balance: 52_000 },
  { id: 'carol', name: 'Carol Zhang', nameZh: '张可乐', city: 'Beijing', language: 'zh_CN', balance: 120_000 },
  { id: 'dave', name: 'Dave Chen', nameZh: '陈大卫', city: 'Shenzhen', language: 'en', balance: 30_000 },
  { id: 'erin', name: 'Erin Liu', nameZh: '刘怡然', city: 'Hangzhou', language: 'zh_CN', balance: 66_600 },
  { id: 'frank', name: 'Frank Zhao', nameZh: '赵帆', city: 'Chengdu', language: 'en', balance: 15_000 },
  { id: 'grace', name: 'Grace Sun', nameZh: '孙雅', city: 'Guangzhou', language: 'zh_CN', balance: 200_000 },
  { id: 'henry', name: 'Henry Wu', nameZh: '吴昊', city: 'Shanghai', language: 'en', balance: 4_500 },
]

export const FRIENDSHIPS: [string, string][] = [
  ['alice', 'bob'],
  ['alice', 'carol'],
  ['alice', 'dave'],
  ['alice', 'grace'],
  ['bob', 'carol'],
  ['bob', 'erin'],
  ['carol', 'erin'],
  ['dave', 'frank'],
  ['erin', 'grace'],
  ['grace', 'henry'],
]

export const GROUP = {
  id: 'brunch-club',
  name: 'Weekend Brunch Club',
  ownerId: 'alice',
  members: ['alice', 'bob', 'carol', 'dave'],
}

/** People who already follow the brand's Official Account, and how they found it. */
export const OA_FOLLOWERS: [string, string][] = [
  ['alice', 'ADD_SCENE_SEARCH'],
  ['carol', 'ADD_SCENE_QR_CODE'],
  ['grace', 'ADD_SCENE_PROFILE_CARD'],
]

export const WECOM_STAFF = [
  { userid: 'LilyChen', name: 'Lily Chen', nameZh: '陈莉莉', position: 'Store consultant', mobile: '13800000001' },
  { userid: 'MaxZhou', name: 'Max Zhou', nameZh: '周迈', position: 'Coffee advisor', mobile: '13800000002' },
]
