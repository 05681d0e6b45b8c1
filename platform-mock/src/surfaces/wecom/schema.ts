import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** A WeCom corp (企业) with its callback crypto settings. */
export const wecomCorps = sqliteTable('wecom_corps', {
  corpid: text('corpid').primaryKey(),
  brandId: text('brand_id').notNull(),
  name: text('name').notNull(),
  token: text('token').notNull(),
  encodingAesKey: text('encoding_aes_key').notNull(),
  contactSecret: text('contact_secret').notNull(),
})

/** A self-built app of a corp (agentid + secret). */
export const wecomAgents = sqliteTable(
  'wecom_agents',
  {
    corpid: text('corpid').notNull(),
    agentid: integer('agentid').notNull(),
    name: text('name').notNull(),
    secret: text('secret').notNull(),
  },
  (t) => [primaryKey({ columns: [t.corpid, t.agentid] })],
)

/** A member of the corp: the consultants customers add. */
export const wecomStaff = sqliteTable(
  'wecom_staff',
  {
    corpid: text('corpid').notNull(),
    userid: text('userid').notNull(),
    name: text('name').notNull(),
    position: text('position').notNull(),
    mobile: text('mobile').notNull(),
    avatar: text('avatar').notNull(),
  },
  (t) => [primaryKey({ columns: [t.corpid, t.userid] })],
)
