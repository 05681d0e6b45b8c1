import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

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
