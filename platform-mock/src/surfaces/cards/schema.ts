import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/** 卡券 (微信卡券 → 创建卡券 card/create): one kind of card an account issues, with its stock. */
export const cards = sqliteTable(
  'cards',
  {
    cardId: text('card_id').primaryKey(),
    appid: text('appid').notNull(),
    cardType: text('card_type').notNull(),
    title: text('title').notNull(),
    brandName: text('brand_name').notNull(),
    logoUrl: text('logo_url').notNull(),
    color: text('color').notNull(),
    description: text('description').notNull(),
    notice: text('notice').notNull().default(''),
    codeType: text('code_type').notNull(),
    /** base_info.date_info as sent: `{type, begin_timestamp?, end_timestamp?, fixed_term?, fixed_begin_term?}` */
    dateInfo: text('date_info', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    /** stock left (sku.quantity counts down with every add) */
    quantity: integer('quantity').notNull(),
    totalQuantity: integer('total_quantity').notNull(),
    getLimit: integer('get_limit').notNull(),
    useCustomCode: integer('use_custom_code', { mode: 'boolean' }).notNull(),
    bindOpenid: integer('bind_openid', { mode: 'boolean' }).notNull(),
    /** the whole `card` object of the create call, so card/get-style reads can give it back */
    body: text('body', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('cards_appid').on(t.appid)],
)

/** One card in a person's 卡包: a code of a card_id, with its validity, state and member data. */
export const cardCodes = sqliteTable(
  'card_codes',
  {
    seq: integer('seq').primaryKey(),
    cardId: text('card_id').notNull(),
    appid: text('appid').notNull(),
    code: text('code').notNull(),
    /** what wx.addCard hands the page; card/code/decrypt turns it back into `code` */
    encryptCode: text('encrypt_code').notNull(),
    personId: text('person_id').notNull(),
    openid: text('openid').notNull(),
    state: text('state', { enum: ['NORMAL', 'CONSUMED', 'UNAVAILABLE'] }).notNull(),
    beginAt: integer('begin_at').notNull(),
    endAt: integer('end_at').notNull(),
    nonceStr: text('nonce_str'),
    outerStr: text('outer_str').notNull().default(''),
    /** member cards: points (积分) and stored value (储值, fen) as card/membercard/updateuser sets them */
    bonus: integer('bonus').notNull().default(0),
    balance: integer('balance').notNull().default(0),
    receivedAt: integer('received_at').notNull(),
    consumedAt: integer('consumed_at'),
  },
  (t) => [
    uniqueIndex('card_codes_code').on(t.appid, t.code),
    uniqueIndex('card_codes_encrypt').on(t.encryptCode),
    // the same nonce_str twice for one card fails (JS-SDK 附录4); several adds without one are fine
    uniqueIndex('card_codes_nonce').on(t.cardId, t.nonceStr),
    index('card_codes_person').on(t.personId),
  ],
)

/** api_ticket / jsapi_ticket (cgi-bin/ticket/getticket): 7200 s of virtual time per owner and type. */
export const apiTickets = sqliteTable(
  'api_tickets',
  {
    ticket: text('ticket').primaryKey(),
    appid: text('appid').notNull(),
    type: text('type', { enum: ['wx_card', 'jsapi'] }).notNull(),
    issuedAt: integer('issued_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('api_tickets_owner').on(t.appid, t.type)],
)
