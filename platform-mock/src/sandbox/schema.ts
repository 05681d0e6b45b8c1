import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** Small facts about the world: its seed, the id counter, the clock. Part of every snapshot. */
export const sandboxMeta = sqliteTable('sandbox_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
})

/**
 * Keys and secrets generated once for this data dir. Reset and restore leave them alone, so a
 * merchant configured from /_sandbox/credentials keeps working.
 */
export const sandboxKeys = sqliteTable('sandbox_keys', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
})

/** Named whole-world copies (every table but keys and snapshots), as JSON. */
export const sandboxSnapshots = sqliteTable('sandbox_snapshots', {
  name: text('name').primaryKey(),
  createdAt: integer('created_at').notNull(),
  tables: integer('tables').notNull(),
  rows: integer('rows').notNull(),
  data: text('data').notNull(),
})

/**
 * Work due at a virtual time: notification deliveries and retries, expiries, status transitions.
 * It is also the outbox: a write that calls for work inserts its job in the same batch, so the
 * work is never lost to a crash. `running` marks a claimed job; a restart puts it back to pending.
 */
export const sandboxJobs = sqliteTable(
  'sandbox_jobs',
  {
    id: integer('id').primaryKey(),
    dueAt: integer('due_at').notNull(),
    kind: text('kind').notNull(),
    payload: text('payload', { mode: 'json' }).notNull().$type<unknown>(),
    status: text('status', { enum: ['pending', 'running', 'done', 'failed'] }).notNull().default('pending'),
    ranAt: integer('ran_at'),
    error: text('error'),
  },
  (t) => [index('sandbox_jobs_due').on(t.status, t.dueAt, t.id)],
)

/** The append-only event log every surface writes to. */
export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey(),
    at: integer('at').notNull(),
    actor: text('actor').notNull(),
    surface: text('surface').notNull(),
    type: text('type').notNull(),
    subject: text('subject', { mode: 'json' }).notNull().$type<Record<string, string>>(),
    journeyId: text('journey_id'),
    channel: text('channel'),
    payload: text('payload', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
  },
  (t) => [
    index('events_journey').on(t.journeyId, t.seq),
    index('events_surface_type').on(t.surface, t.type, t.seq),
  ],
)
