import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** Who follows an Official Account, and how they came (subscribe_scene / qr_scene). */
export const oaFollowers = sqliteTable(
  'oa_followers',
  {
    appid: text('appid').notNull(),
    openid: text('openid').notNull(),
    subscribeTime: integer('subscribe_time').notNull(),
    subscribeScene: text('subscribe_scene').notNull(),
  },
  (t) => [primaryKey({ columns: [t.appid, t.openid] })],
)
