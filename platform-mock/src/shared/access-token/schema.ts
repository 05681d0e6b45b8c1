import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** Issued access tokens of every app (api.weixin.qq.com) and every WeCom (corpid, secret). */
export const accessTokens = sqliteTable(
  'access_tokens',
  {
    token: text('token').primaryKey(),
    // appid, or `corpid:agentid` / `corpid:contact` on WeCom
    owner: text('owner').notNull(),
    host: text('host', { enum: ['weixin', 'wecom'] }).notNull(),
    kind: text('kind', { enum: ['plain', 'stable'] }).notNull(),
    issuedAt: integer('issued_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    // a newer token of the same owner and kind cuts this one short to its 5-minute overlap
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('access_tokens_owner').on(t.owner, t.kind, t.issuedAt)],
)
