import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** A direct merchant on api.mch.weixin.qq.com with its keys (the PEMs live in sandbox_keys). */
export const payMerchants = sqliteTable('pay_merchants', {
  mchid: text('mchid').primaryKey(),
  brandId: text('brand_id').notNull(),
  name: text('name').notNull(),
  appids: text('appids', { mode: 'json' }).notNull().$type<string[]>(),
  merchantSerial: text('merchant_serial').notNull(),
  platformSerial: text('platform_serial').notNull(),
  platformPublicKeyId: text('platform_public_key_id').notNull(),
})

/** A person's WeChat Pay balance ("Wallet" in Me → Pay), in fen. */
export const payWallets = sqliteTable('pay_wallets', {
  personId: text('person_id').primaryKey(),
  balance: integer('balance').notNull(),
  updatedAt: integer('updated_at').notNull(),
})
