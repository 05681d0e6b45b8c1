import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/** A simulated person: someone with a WeChat account, a phone and a wallet. */
export const people = sqliteTable('people', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameZh: text('name_zh').notNull(),
  avatar: text('avatar').notNull(),
  city: text('city').notNull(),
  language: text('language', { enum: ['en', 'zh_CN'] }).notNull().default('en'),
  createdAt: integer('created_at').notNull(),
})

/** Mutual WeChat friendship, stored once per pair with `a < b`. */
export const friendships = sqliteTable(
  'friendships',
  {
    a: text('a').notNull(),
    b: text('b').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  // friendsOf looks a person up on either side
  (t) => [primaryKey({ columns: [t.a, t.b] }), index('friendships_b').on(t.b)],
)

/** A brand: the owner of apps, a pay merchant and a WeCom corp; also its Open Platform account. */
export const brands = sqliteTable('brands', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameZh: text('name_zh').notNull(),
  color: text('color').notNull(),
  /** the brand's logo as a data: URL (SVG or PNG), the mini program's icon and the accounts' avatar; null: its initial on its colour */
  logo: text('logo'),
})

/** An app on api.weixin.qq.com: a mini program or an Official Account. */
export const apps = sqliteTable('apps', {
  appid: text('appid').primaryKey(),
  brandId: text('brand_id').notNull(),
  kind: text('kind', { enum: ['miniprogram', 'official_account'] }).notNull(),
  name: text('name').notNull(),
  /** the name a phone in Chinese shows (null: the same as `name`) */
  nameZh: text('name_zh'),
  secret: text('secret').notNull(),
  originalId: text('original_id').notNull(),
  token: text('token'),
  encodingAesKey: text('encoding_aes_key'),
})

/** The openid a person has in one app, and the unionid they have under its brand. */
export const identities = sqliteTable(
  'identities',
  {
    appid: text('appid').notNull(),
    personId: text('person_id').notNull(),
    openid: text('openid').notNull(),
    unionid: text('unionid').notNull(),
  },
  (t) => [primaryKey({ columns: [t.appid, t.personId] }), uniqueIndex('identities_openid').on(t.openid)],
)
