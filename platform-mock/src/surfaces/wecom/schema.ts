import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

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
    /** the name a phone in Chinese shows (null: the same as `name`) */
    nameZh: text('name_zh'),
    position: text('position').notNull(),
    mobile: text('mobile').notNull(),
    avatar: text('avatar').notNull(),
  },
  (t) => [primaryKey({ columns: [t.corpid, t.userid] })],
)

/** 接收消息服务器配置: the brand's callback URL, verified (encrypted echostr) before any push. */
export const wecomCallbacks = sqliteTable('wecom_callbacks', {
  corpid: text('corpid').primaryKey(),
  url: text('url').notNull(),
  token: text('token').notNull(),
  encodingAesKey: text('encoding_aes_key').notNull(),
  verifiedAt: integer('verified_at').notNull(),
})

/** 配置客户联系「联系我」方式 (add_contact_way): a contact-me code and the marker it carries. */
export const wecomContactWays = sqliteTable(
  'wecom_contact_ways',
  {
    configId: text('config_id').primaryKey(),
    corpid: text('corpid').notNull(),
    /** what the QR code's payload ends with (https://work.weixin.qq.com/u/<code>) */
    code: text('code').notNull(),
    type: integer('type').notNull(),
    scene: integer('scene').notNull(),
    style: integer('style'),
    remark: text('remark').notNull().default(''),
    skipVerify: integer('skip_verify', { mode: 'boolean' }).notNull(),
    state: text('state').notNull().default(''),
    users: text('users', { mode: 'json' }).notNull().$type<string[]>(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('wecom_contact_ways_code').on(t.code)],
)

/** A customer tag of the corp (客户标签), as follow_user[].tags shows it. */
export interface FollowTag {
  group_name: string
  tag_name: string
  tag_id: string
  type: 1 | 2
}

/** One member ↔ external contact relationship (follow_user), with the welcome code of its add event. */
export const wecomFollows = sqliteTable(
  'wecom_follows',
  {
    corpid: text('corpid').notNull(),
    userid: text('userid').notNull(),
    personId: text('person_id').notNull(),
    externalUserid: text('external_userid').notNull(),
    remark: text('remark').notNull().default(''),
    description: text('description').notNull().default(''),
    state: text('state').notNull().default(''),
    addWay: integer('add_way').notNull(),
    configId: text('config_id'),
    tags: text('tags', { mode: 'json' }).notNull().$type<FollowTag[]>(),
    createtime: integer('createtime').notNull(),
    welcomeCode: text('welcome_code'),
    welcomeExpiresAt: integer('welcome_expires_at'),
    welcomeUsedAt: integer('welcome_used_at'),
  },
  (t) => [
    primaryKey({ columns: [t.corpid, t.userid, t.personId] }),
    index('wecom_follows_external').on(t.corpid, t.externalUserid),
    uniqueIndex('wecom_follows_welcome').on(t.welcomeCode),
  ],
)

/**
 * One message in a customer's chat with a consultant (or a kf account): `from` is `staff` (welcome
 * messages, mass messages, kf answers) or `customer`.
 */
export const wecomMessages = sqliteTable(
  'wecom_messages',
  {
    seq: integer('seq').primaryKey(),
    corpid: text('corpid').notNull(),
    /** the consultant's userid, or the kf account's open_kfid */
    peer: text('peer').notNull(),
    channel: text('channel', { enum: ['contact', 'kf'] }).notNull(),
    personId: text('person_id').notNull(),
    from: text('from', { enum: ['staff', 'customer', 'system'] }).notNull(),
    source: text('source').notNull(),
    msgid: text('msgid').notNull(),
    kind: text('kind').notNull(),
    body: text('body', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    sentAt: integer('sent_at').notNull(),
  },
  (t) => [index('wecom_messages_chat').on(t.corpid, t.peer, t.personId, t.seq)],
)

/** An app message (message/send) as members' WeCom clients receive it. */
export const wecomAppMessages = sqliteTable(
  'wecom_app_messages',
  {
    seq: integer('seq').primaryKey(),
    corpid: text('corpid').notNull(),
    agentid: integer('agentid').notNull(),
    msgid: text('msgid').notNull(),
    touser: text('touser', { mode: 'json' }).notNull().$type<string[]>(),
    msgtype: text('msgtype').notNull(),
    body: text('body', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    sentAt: integer('sent_at').notNull(),
  },
  (t) => [index('wecom_app_messages_corp').on(t.corpid, t.seq)],
)

/** 创建企业群发 (add_msg_template): a task each sender confirms in the WeCom client before it goes out. */
export const wecomMsgTemplates = sqliteTable('wecom_msg_templates', {
  msgid: text('msgid').primaryKey(),
  corpid: text('corpid').notNull(),
  chatType: text('chat_type').notNull(),
  /** per sender: the customers (person ids) the task goes to, and when the sender confirmed */
  tasks: text('tasks', { mode: 'json' }).notNull().$type<{ userid: string; personIds: string[]; sentAt: number | null }[]>(),
  text: text('text'),
  attachments: text('attachments', { mode: 'json' }).notNull().$type<Record<string, unknown>[]>(),
  createdAt: integer('created_at').notNull(),
})

/** A WeChat Customer Service account (客服账号) of the corp. */
export const wecomKfAccounts = sqliteTable('wecom_kf_accounts', {
  openKfid: text('open_kfid').primaryKey(),
  corpid: text('corpid').notNull(),
  name: text('name').notNull(),
  servicer: text('servicer').notNull(),
})

/** A sync_msg token (from the kf_msg_or_event callback), valid 10 minutes. */
export const wecomKfTokens = sqliteTable('wecom_kf_tokens', {
  token: text('token').primaryKey(),
  corpid: text('corpid').notNull(),
  openKfid: text('open_kfid').notNull(),
  expiresAt: integer('expires_at').notNull(),
})

/** 企业客户标签 (add_corp_tag): a tag in a group; `groupId`/`groupName` repeat on each tag of the group. */
export const wecomCorpTags = sqliteTable(
  'wecom_corp_tags',
  {
    tagId: text('tag_id').primaryKey(),
    corpid: text('corpid').notNull(),
    groupId: text('group_id').notNull(),
    groupName: text('group_name').notNull(),
    groupOrder: integer('group_order').notNull().default(0),
    name: text('name').notNull(),
    order: integer('order').notNull().default(0),
    createTime: integer('create_time').notNull(),
  },
  (t) => [index('wecom_corp_tags_corp').on(t.corpid, t.groupId), uniqueIndex('wecom_corp_tags_name').on(t.corpid, t.groupId, t.name)],
)
