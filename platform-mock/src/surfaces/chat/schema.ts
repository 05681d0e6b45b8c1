import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** A group chat between people of the world. */
export const chatGroups = sqliteTable('chat_groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  ownerId: text('owner_id').notNull(),
  createdAt: integer('created_at').notNull(),
})

export const chatGroupMembers = sqliteTable(
  'chat_group_members',
  {
    groupId: text('group_id').notNull(),
    personId: text('person_id').notNull(),
    joinedAt: integer('joined_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.personId] })],
)

/**
 * One message in a conversation: `p2p:<a>:<b>` (ids sorted) or `group:<groupId>`. `sender` is a
 * person id; `body` is the kind's content (text, a mini program card, an article link…).
 */
export const chatMessages = sqliteTable(
  'chat_messages',
  {
    seq: integer('seq').primaryKey(),
    conversation: text('conversation').notNull(),
    sender: text('sender').notNull(),
    kind: text('kind', { enum: ['text', 'image', 'emoji', 'miniprogram', 'link', 'video', 'channels_video'] }).notNull(),
    body: text('body', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    sentAt: integer('sent_at').notNull(),
  },
  (t) => [index('chat_messages_conversation').on(t.conversation, t.seq)],
)

/** How far a person has read in a conversation (for unread badges). */
export const chatReads = sqliteTable(
  'chat_reads',
  {
    personId: text('person_id').notNull(),
    conversation: text('conversation').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.conversation] })],
)

/** The Channels account, video or live session a touch came from. */
export interface ChannelsIds {
  finderUserName?: string
  videoId?: string
  liveId?: string
}

/** How a person first came to what they share: an article read, a scan, their own launch… */
export interface FirstTouch extends ChannelsIds {
  person: string
  at: number
  /** the entry channel (miniprogram/scenes.ts CHANNELS), `direct` when nothing earlier is known */
  via: string
  entry?: string
  scene?: number
  articleId?: string
  url?: string
}

/**
 * One share of a mini program card or an article link into a conversation. A forward points at
 * the share it came from (`parentId`), so following parents walks the chain back to the first
 * share, whose `firstTouch` is the discovery.
 */
export const chatShares = sqliteTable(
  'chat_shares',
  {
    id: text('id').primaryKey(),
    parentId: text('parent_id'),
    how: text('how', { enum: ['share', 'forward'] }).notNull(),
    kind: text('kind', { enum: ['miniprogram', 'link', 'channels_video'] }).notNull(),
    sharer: text('sharer').notNull(),
    conversation: text('conversation').notNull(),
    messageSeq: integer('message_seq').notNull(),
    appid: text('appid'),
    target: text('target').notNull(),
    title: text('title').notNull(),
    /** the journey the share belongs to (the sharer's, or the forwarded share's) */
    journeyId: text('journey_id'),
    firstTouch: text('first_touch', { mode: 'json' }).notNull().$type<FirstTouch>(),
    sentAt: integer('sent_at').notNull(),
  },
  (t) => [index('chat_shares_message').on(t.messageSeq), index('chat_shares_parent').on(t.parentId)],
)

/** One step of a share chain as launches and the attribution API show it. */
export interface ChainStep extends ChannelsIds {
  person: string
  at: string
  via: string
  action: 'discovered' | 'shared' | 'forwarded' | 'opened'
  shareId?: string
  to?: string
  entry?: string
  scene?: number
  articleId?: string
  /** an Official Account parametric code's scene (`scene_str` or `scene_id`), for a follow-code discovery */
  qrScene?: string
}

/** Where each mini program launch came from: its share chain back to the first touch. */
export const chatAttributions = sqliteTable(
  'chat_attributions',
  {
    id: text('id').primaryKey(),
    personId: text('person_id').notNull(),
    appid: text('appid').notNull(),
    journeyId: text('journey_id').notNull(),
    launchEventId: integer('launch_event_id').notNull(),
    shareId: text('share_id'),
    /** the channel of the first touch */
    channel: text('channel').notNull(),
    chain: text('chain', { mode: 'json' }).notNull().$type<ChainStep[]>(),
    at: integer('at').notNull(),
  },
  (t) => [index('chat_attributions_person').on(t.personId, t.appid, t.launchEventId)],
)
