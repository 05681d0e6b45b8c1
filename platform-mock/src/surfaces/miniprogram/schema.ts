import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/** The published pages of a mini program (app.json `pages`); the first one is the home page. */
export const mpPages = sqliteTable(
  'mp_pages',
  {
    appid: text('appid').notNull(),
    path: text('path').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.appid, t.path] })],
)

/** A `wx.login` code: single use, five minutes; it carries the session_key of that login. */
export const mpLoginCodes = sqliteTable(
  'mp_login_codes',
  {
    code: text('code').primaryKey(),
    appid: text('appid').notNull(),
    personId: text('person_id').notNull(),
    sessionKey: text('session_key').notNull(),
    issuedAt: integer('issued_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('mp_login_codes_person').on(t.personId, t.issuedAt)],
)

/**
 * A mini program code (wxacode, unlimited wxacode or QR code) as printed: its payload is
 * `https://wxa.sandbox.invalid/c/<id>`. The same (kind, page, scene, query, env) is one code.
 */
export const mpCodes = sqliteTable(
  'mp_codes',
  {
    id: text('id').primaryKey(),
    appid: text('appid').notNull(),
    kind: text('kind', { enum: ['unlimited', 'wxacode', 'qrcode'] }).notNull(),
    page: text('page').notNull(),
    // getwxacodeunlimit's `scene`; '' for the other kinds
    scene: text('scene').notNull(),
    // the query of getwxacode / createwxaqrcode's `path`; '' when none
    query: text('query').notNull(),
    envVersion: text('env_version', { enum: ['release', 'trial', 'develop'] }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('mp_codes_identity').on(t.appid, t.kind, t.page, t.scene, t.query, t.envVersion)],
)

/** A URL Scheme (`weixin://dl/business/?t=…`) or URL Link (`https://wxaurl.cn/…`). */
export const mpLinks = sqliteTable('mp_links', {
  ticket: text('ticket').primaryKey(),
  appid: text('appid').notNull(),
  kind: text('kind', { enum: ['scheme', 'urllink'] }).notNull(),
  path: text('path').notNull(),
  query: text('query').notNull(),
  envVersion: text('env_version', { enum: ['release', 'trial', 'develop'] }).notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
})

export interface TemplateKeyword {
  /** e.g. `thing2`: the key in `data` */
  key: string
  name: string
  nameEn: string
  example: string
}

/** A subscription message template the mini program has picked (个人模板, type 2 = one-time). */
export const mpSubscribeTemplates = sqliteTable('mp_subscribe_templates', {
  templateId: text('template_id').primaryKey(),
  appid: text('appid').notNull(),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  titleEn: text('title_en').notNull(),
  keywords: text('keywords', { mode: 'json' }).notNull().$type<TemplateKeyword[]>(),
})

/** One-time consents a person has granted a template: each `accept` is one send. */
export const mpSubscriptions = sqliteTable(
  'mp_subscriptions',
  {
    appid: text('appid').notNull(),
    personId: text('person_id').notNull(),
    templateId: text('template_id').notNull(),
    credits: integer('credits').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.appid, t.personId, t.templateId] })],
)

/** A subscription message delivered into a person's "Service Notifications". */
export const mpNotifications = sqliteTable(
  'mp_notifications',
  {
    id: text('id').primaryKey(),
    msgid: integer('msgid').notNull(),
    appid: text('appid').notNull(),
    personId: text('person_id').notNull(),
    templateId: text('template_id').notNull(),
    page: text('page'),
    state: text('state', { enum: ['developer', 'trial', 'formal'] }).notNull(),
    lang: text('lang').notNull(),
    data: text('data', { mode: 'json' }).notNull().$type<Record<string, string>>(),
    sentAt: integer('sent_at').notNull(),
    openedAt: integer('opened_at'),
  },
  (t) => [index('mp_notifications_person').on(t.personId, t.sentAt)],
)

/** The journey a person is on: started by a launch, continued by launches within 30 minutes. */
export const mpJourneys = sqliteTable('mp_journeys', {
  personId: text('person_id').primaryKey(),
  journeyId: text('journey_id').notNull(),
  // the channel and scene of the launch that started it
  channel: text('channel').notNull(),
  scene: integer('scene').notNull(),
  startedAt: integer('started_at').notNull(),
  lastLaunchAt: integer('last_launch_at').notNull(),
})
