import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/** Who follows an Official Account, and how they came (subscribe_scene / qr_scene). */
export const oaFollowers = sqliteTable(
  'oa_followers',
  {
    appid: text('appid').notNull(),
    openid: text('openid').notNull(),
    subscribeTime: integer('subscribe_time').notNull(),
    subscribeScene: text('subscribe_scene').notNull(),
    qrScene: integer('qr_scene').notNull().default(0),
    qrSceneStr: text('qr_scene_str').notNull().default(''),
    remark: text('remark').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.appid, t.openid] })],
)

/** 服务器配置: the brand's message server, set by the operator and verified before any push. */
export const oaServers = sqliteTable('oa_servers', {
  appid: text('appid').primaryKey(),
  url: text('url').notNull(),
  token: text('token').notNull(),
  encodingAesKey: text('encoding_aes_key').notNull(),
  mode: text('mode', { enum: ['plain', 'compatible', 'safe'] }).notNull(),
  verifiedAt: integer('verified_at').notNull(),
})

/** The last time a person interacted with an account (opens the 48-hour customer-service window). */
export const oaInteractions = sqliteTable(
  'oa_interactions',
  {
    appid: text('appid').notNull(),
    openid: text('openid').notNull(),
    lastAt: integer('last_at').notNull(),
    kind: text('kind').notNull(),
  },
  (t) => [primaryKey({ columns: [t.appid, t.openid] })],
)

/**
 * A person's conversation with an account. `direction` in = the person wrote; out = the account
 * (a passive reply, a customer-service or template message, or WeChat's own notice).
 */
export const oaMessages = sqliteTable(
  'oa_messages',
  {
    seq: integer('seq').primaryKey(),
    appid: text('appid').notNull(),
    personId: text('person_id').notNull(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    source: text('source', { enum: ['person', 'passive-reply', 'custom', 'template', 'system'] }).notNull(),
    kind: text('kind').notNull(),
    body: text('body', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    msgid: text('msgid'),
    sentAt: integer('sent_at').notNull(),
  },
  (t) => [index('oa_messages_person').on(t.appid, t.personId, t.seq), uniqueIndex('oa_messages_client').on(t.appid, t.msgid)],
)

/** One push to the brand's server (an inbound message or an event) and how it ended. */
export const oaPushes = sqliteTable('oa_pushes', {
  id: integer('id').primaryKey(),
  appid: text('appid').notNull(),
  personId: text('person_id').notNull(),
  kind: text('kind').notNull(),
  xml: text('xml').notNull(),
  attempts: integer('attempts').notNull(),
  outcome: text('outcome', { enum: ['replied', 'no-reply', 'bad-reply', 'failed'] }).notNull(),
  detail: text('detail'),
  at: integer('at').notNull(),
})

/** 生成带参数的二维码: a ticket, its scene and expiry. */
export const oaQrCodes = sqliteTable('oa_qrcodes', {
  ticket: text('ticket').primaryKey(),
  appid: text('appid').notNull(),
  actionName: text('action_name').notNull(),
  sceneId: integer('scene_id'),
  sceneStr: text('scene_str'),
  url: text('url').notNull(),
  expiresAt: integer('expires_at'),
  createdAt: integer('created_at').notNull(),
})

/** 自定义菜单: the menu as created (WeChat's JSON). */
export const oaMenus = sqliteTable('oa_menus', {
  appid: text('appid').primaryKey(),
  menu: text('menu', { mode: 'json' }).notNull().$type<{ button: unknown[] }>(),
  createdAt: integer('created_at').notNull(),
})

/** 模板消息: the templates an account has picked (id, title, keyword fields), from the library by its number. */
export const oaTemplates = sqliteTable(
  'oa_templates',
  {
    appid: text('appid').notNull(),
    templateId: text('template_id').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    /** the library template's number (template_id_short) */
    shortId: text('short_id').notNull().default(''),
    /** when it was picked, for the list's order */
    addedAt: integer('added_at').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.appid, t.templateId] })],
)

/** 设置所属行业: the account's two industries (codes of WeChat's table) and when they last changed. */
export const oaIndustries = sqliteTable('oa_industries', {
  appid: text('appid').primaryKey(),
  industry1: integer('industry1').notNull(),
  industry2: integer('industry2').notNull(),
  changedAt: integer('changed_at').notNull(),
})

/** 草稿箱: a draft of one or more articles (sanitized HTML). */
export const oaDrafts = sqliteTable('oa_drafts', {
  mediaId: text('media_id').primaryKey(),
  appid: text('appid').notNull(),
  articles: text('articles', { mode: 'json' }).notNull().$type<Record<string, unknown>[]>(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
})

/** 发布: a publish job and, once it succeeds, the published article set. */
export const oaPublications = sqliteTable(
  'oa_publications',
  {
    publishId: text('publish_id').primaryKey(),
    appid: text('appid').notNull(),
    mediaId: text('media_id').notNull(),
    articleId: text('article_id').notNull(),
    msgDataId: integer('msg_data_id').notNull(),
    status: integer('status').notNull(),
    articles: text('articles', { mode: 'json' }).notNull().$type<Record<string, unknown>[]>(),
    publishedAt: integer('published_at').notNull(),
  },
  (t) => [uniqueIndex('oa_publications_article').on(t.articleId)],
)

/** 网页授权: codes handed to the redirect_uri, and the OAuth tokens they become. */
export const oaOauthCodes = sqliteTable('oa_oauth_codes', {
  code: text('code').primaryKey(),
  appid: text('appid').notNull(),
  personId: text('person_id').notNull(),
  scope: text('scope').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
})

export const oaOauthTokens = sqliteTable('oa_oauth_tokens', {
  accessToken: text('access_token').primaryKey(),
  refreshToken: text('refresh_token').notNull(),
  appid: text('appid').notNull(),
  personId: text('person_id').notNull(),
  scope: text('scope').notNull(),
  expiresAt: integer('expires_at').notNull(),
  refreshExpiresAt: integer('refresh_expires_at').notNull(),
})

/**
 * 素材管理: the pictures an account uploaded. A permanent material (add_material, type image or
 * thumb) has a media_id; a picture for article content (media/uploadimg) has only its URL. Both
 * are served on the emulated mmbiz.qpic.cn at `/mmbiz_<fmt>/<key>/0`.
 */
export const oaImages = sqliteTable(
  'oa_images',
  {
    key: text('key').primaryKey(),
    appid: text('appid').notNull(),
    mediaId: text('media_id'),
    type: text('type', { enum: ['image', 'thumb', 'content'] }).notNull(),
    format: text('format', { enum: ['png', 'jpg', 'gif', 'bmp'] }).notNull(),
    filename: text('filename').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull().$type<Buffer>(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('oa_images_media').on(t.mediaId)],
)
