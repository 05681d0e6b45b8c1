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
    kind: text('kind', { enum: ['text', 'image', 'miniprogram', 'link', 'video'] }).notNull(),
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
