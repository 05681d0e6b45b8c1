import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** A product mounted under a video or on a live room's shelf: a mini program page that sells it. */
export interface MountedProduct {
  productId: string
  title: string
  /** fen */
  price: number
  appid: string
  /** page path with query, as mounted by the creator (`pages/product/product?id=latte`) */
  path: string
  imageUrl?: string
}

/** The link under a video (视频号链接) that opens a mini program page (scene 1184). */
export interface MiniProgramLink {
  appid: string
  path: string
  title: string
}

/** A brand's Channels account (视频号): `finderUserName` is `sph…`. */
export const channelsAccounts = sqliteTable('channels_accounts', {
  finderUserName: text('finder_user_name').primaryKey(),
  brandId: text('brand_id').notNull(),
  nickname: text('nickname').notNull(),
  signature: text('signature').notNull(),
  /** the colour the generated avatar and posters use */
  color: text('color').notNull(),
  /** the mini program the account's shop tab and goods open */
  appid: text('appid'),
  createdAt: integer('created_at').notNull(),
})

/** A short video (动态): a generated animated poster stands for the clip. */
export const channelsVideos = sqliteTable(
  'channels_videos',
  {
    feedId: text('feed_id').primaryKey(),
    nonceId: text('nonce_id').notNull(),
    finderUserName: text('finder_user_name').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    products: text('products', { mode: 'json' }).notNull().$type<MountedProduct[]>(),
    miniProgram: text('mini_program', { mode: 'json' }).$type<MiniProgramLink | null>(),
    postedAt: integer('posted_at').notNull(),
  },
  (t) => [index('channels_videos_account').on(t.finderUserName, t.postedAt)],
)

export const channelsLikes = sqliteTable(
  'channels_likes',
  {
    feedId: text('feed_id').notNull(),
    personId: text('person_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.feedId, t.personId] }), index('channels_likes_person').on(t.personId)],
)

export const channelsComments = sqliteTable(
  'channels_comments',
  {
    id: text('id').primaryKey(),
    feedId: text('feed_id').notNull(),
    personId: text('person_id').notNull(),
    text: text('text').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('channels_comments_feed').on(t.feedId, t.at)],
)

export const channelsFollows = sqliteTable(
  'channels_follows',
  {
    finderUserName: text('finder_user_name').notNull(),
    personId: text('person_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.finderUserName, t.personId] })],
)

/** A live session: scheduled (a notice people can see), live, then ended. */
export const channelsLives = sqliteTable(
  'channels_lives',
  {
    liveId: text('live_id').primaryKey(),
    /** the live's feed id and nonce id, as wx.getChannelsLiveInfo gives them */
    feedId: text('feed_id').notNull(),
    nonceId: text('nonce_id').notNull(),
    noticeId: text('notice_id').notNull(),
    finderUserName: text('finder_user_name').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    status: text('status', { enum: ['scheduled', 'live', 'ended'] }).notNull(),
    shelf: text('shelf', { mode: 'json' }).notNull().$type<MountedProduct[]>(),
    scheduledFor: integer('scheduled_for').notNull(),
    startedAt: integer('started_at'),
    endedAt: integer('ended_at'),
    peakViewers: integer('peak_viewers').notNull().default(0),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('channels_lives_account').on(t.finderUserName, t.createdAt)],
)

/** Who watches a live: one row per viewer, `leftAt` null while in the room. */
export const channelsLiveViewers = sqliteTable(
  'channels_live_viewers',
  {
    liveId: text('live_id').notNull(),
    personId: text('person_id').notNull(),
    joinedAt: integer('joined_at').notNull(),
    leftAt: integer('left_at'),
  },
  (t) => [primaryKey({ columns: [t.liveId, t.personId] })],
)

/** A tap on a mounted product (under a video, on a live shelf, in the profile shop) that opened the mini program. */
export const channelsTaps = sqliteTable(
  'channels_taps',
  {
    id: text('id').primaryKey(),
    source: text('source', { enum: ['video', 'live', 'profile'] }).notNull(),
    /** feed id, live id or finderUserName */
    sourceId: text('source_id').notNull(),
    personId: text('person_id').notNull(),
    productId: text('product_id'),
    appid: text('appid').notNull(),
    scene: integer('scene').notNull(),
    attributionId: text('attribution_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('channels_taps_source').on(t.source, t.sourceId)],
)
