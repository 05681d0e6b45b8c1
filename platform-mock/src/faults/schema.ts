import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * Fault rules switched on by QA or a trainer (`/_sandbox/faults`). They belong to the world: a
 * reset empties them and a snapshot keeps them, with how often each has fired and been drawn.
 */
export const sandboxFaults = sqliteTable('sandbox_faults', {
  id: integer('id').primaryKey(),
  surface: text('surface').notNull(),
  fault: text('fault').notNull(),
  params: text('params', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
  /** an exact path, or a prefix ending in `*` */
  route: text('route'),
  method: text('method'),
  /** an appid, mchid or corpid */
  app: text('app'),
  /** a person's id in the cast */
  person: text('person'),
  journey: text('journey'),
  /** how many more times it may fire; null: until cleared */
  remaining: integer('remaining'),
  probability: real('probability').notNull(),
  fired: integer('fired').notNull().default(0),
  /** how many matching requests drew for it (the probability's stream position) */
  draws: integer('draws').notNull().default(0),
  createdAt: integer('created_at').notNull(),
})
