import { desc, eq, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import { sandboxKeys, sandboxSnapshots } from './sandbox/schema'
import { SEEDED_EPOCH, VirtualClock } from './shared/clock'
import { closeDb, type Db } from './shared/db'
import { EventLog } from './shared/events'
import { Ids } from './shared/ids'
import { readMeta, writeMetaQuery } from './shared/meta'
import { Scheduler } from './shared/scheduler'
import { registerPushJobs } from './surfaces/official-account/push'
import { registerPayJobs } from './surfaces/pay/jobs'
import { registerCallbackJobs } from './surfaces/wecom/callback'
import { generateCredentials, withOwnIds, type WorldCredentials } from './world/credentials'
import { seedQueries } from './world/seed'
import { DEFAULT_WORLD, type World, type WorldCatalog } from './world/world'

/** sandbox_meta key of the ids' high-water mark (see Ids). */
const IDS_RESERVED = 'ids.reserved'
/** sandbox_meta key of the world's declaration (brand, app names, cast, posters) it was seeded from. */
const WORLD_DECLARED = 'world.declared'

/** Tables that are not part of the world: they survive reset and restore. */
const OUTSIDE_THE_WORLD = new Set(['sandbox_keys', 'sandbox_snapshots', '__drizzle_migrations'])

interface WorldMeta {
  seed: string | null
  seededAt: string
}

export interface SnapshotInfo {
  name: string
  createdAt: string
  tables: number
  rows: number
}

/**
 * One running platform: its database, the world's clock, ids, scheduled work and event log.
 * Surfaces reach these through `c.var` in their handlers.
 */
export class Platform {
  readonly clock: VirtualClock
  readonly scheduler: Scheduler
  readonly events: EventLog
  ids: Ids
  /** the credentials the world's apps answer to: the generated ones, with the kit's own ids in place */
  credentials!: WorldCredentials
  /** the declaration the world was seeded from */
  world: World = DEFAULT_WORLD
  worldSeed: string | null = null
  /** the kits a launcher offers to switch to (none: the world can only be reset) */
  catalog: WorldCatalog | null = null
  /** where `npm run simulate` writes its runs, for `/_sandbox/lab/reports` (none: the list is empty) */
  labDir: string | null = null
  /** the generated credentials, kept across resets and worlds */
  #generated!: WorldCredentials

  private constructor(readonly db: Db, seed: string | null) {
    this.clock = new VirtualClock(db)
    this.scheduler = new Scheduler(db, this.clock)
    this.events = new EventLog(db, this.clock)
    this.ids = this.#newIds(seed)
  }

  /**
   * Opens the platform on a database: the world found there, or a newly seeded one when it is
   * empty or was declared otherwise than `opts.world` (a changed kit: `replaced` says so). A stored
   * world keeps its own seed; `seed` only applies to a new world.
   */
  static async open(db: Db, opts: { seed?: string | null; world?: World } = {}) {
    const stored = await readMeta<WorldMeta>(db, 'world')
    const declared = await readMeta<World>(db, WORLD_DECLARED)
    const keep = stored && (!opts.world || JSON.stringify(declared ?? DEFAULT_WORLD) === JSON.stringify(opts.world))
    const world = keep ? stored : null
    const platform = new Platform(db, stored ? stored.seed : (opts.seed ?? null))
    registerPayJobs(platform)
    registerPushJobs(platform)
    registerCallbackJobs(platform)
    platform.#generated = await platform.#loadOrCreateCredentials()
    platform.#declare(keep ? (declared ?? DEFAULT_WORLD) : (opts.world ?? DEFAULT_WORLD))
    platform.replaced = Boolean(stored && !keep)
    platform.seededNow = !world
    if (world) {
      platform.worldSeed = world.seed
      await platform.clock.load()
      // a clean close left the two equal; after a crash the high-water mark is past every id used
      const counter = (await readMeta<number>(db, 'ids')) ?? 0
      const reserved = (await readMeta<number>(db, IDS_RESERVED)) ?? 0
      platform.ids.restart(Math.max(counter, reserved))
      // jobs a stopped process was running run again (at least once); startTicking runs what is due
      await platform.scheduler.recover()
    } else {
      await platform.reset(stored ? stored.seed : (opts.seed ?? null))
    }
    return platform
  }

  /** whether `open` found a world declared otherwise and seeded the new declaration in its place */
  replaced = false
  /** whether `open` seeded the world (an empty database, or a replaced declaration): nothing has happened in it yet */
  seededNow = false

  /**
   * Back to the seeded world: every table but keys and snapshots is emptied and seeded again,
   * from `world` when given (another brand's: switching worlds), else from the current declaration.
   */
  async reset(seed: string | null = this.worldSeed, world: World = this.world) {
    await this.scheduler.idle()
    this.ids = this.#newIds(seed)
    this.worldSeed = seed
    this.#declare(world)
    const now = seed === null ? Date.now() : SEEDED_EPOCH
    const seededAt = new Date(now).toISOString()
    const seeding = seedQueries(this.db, this.credentials, world, now)
    await this.#replaceWorld([
      ...seeding,
      writeMetaQuery(this.db, 'world', { seed, seededAt } satisfies WorldMeta),
      writeMetaQuery(this.db, WORLD_DECLARED, world),
      // the batch empties sandbox_meta, so the reservation made while seeding goes in it again
      writeMetaQuery(this.db, IDS_RESERVED, this.ids.reserved),
    ])
    await this.clock.start(seed !== null)
    await this.events.append({ actor: 'sandbox', surface: 'sandbox', type: 'world.seeded', payload: { seed } })
    this.events.announceReplaced('reset')
  }

  async snapshot(name: string): Promise<SnapshotInfo> {
    await this.scheduler.idle()
    // the copy continues exactly where the counter stands; this world keeps its reservation
    await this.#saveCounter(this.ids.counter)
    const data: Record<string, { columns: string[]; rows: unknown[][] }> = {}
    let rows = 0
    for (const table of await this.#worldTables()) {
      const rs = await this.db.$client.execute(`SELECT * FROM "${table}"`)
      data[table] = { columns: rs.columns, rows: rs.rows.map((r) => rs.columns.map((_, i) => encodeValue(r[i]))) }
      rows += rs.rows.length
    }
    const createdAt = this.clock.now()
    const row = { name, createdAt, tables: Object.keys(data).length, rows, data: JSON.stringify(data) }
    await this.db.batch([
      this.db.insert(sandboxSnapshots).values(row).onConflictDoUpdate({ target: sandboxSnapshots.name, set: row }),
      writeMetaQuery(this.db, IDS_RESERVED, this.ids.reserved),
    ])
    return { name, createdAt: new Date(createdAt).toISOString(), tables: row.tables, rows }
  }

  async listSnapshots(): Promise<SnapshotInfo[]> {
    const rows = await this.db
      .select({ name: sandboxSnapshots.name, createdAt: sandboxSnapshots.createdAt, tables: sandboxSnapshots.tables, rows: sandboxSnapshots.rows })
      .from(sandboxSnapshots)
      .orderBy(desc(sandboxSnapshots.createdAt))
    return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }))
  }

  /** Replaces the world with a snapshot's copy, atomically; false when there is no such snapshot. */
  async restore(name: string): Promise<boolean> {
    const [snap] = await this.db.select().from(sandboxSnapshots).where(eq(sandboxSnapshots.name, name))
    if (!snap) return false
    await this.scheduler.idle()
    const data = JSON.parse(snap.data) as Record<string, { columns: string[]; rows: unknown[][] }>
    const inserts: BatchItem<'sqlite'>[] = []
    for (const [table, { columns, rows }] of Object.entries(data)) {
      // stay well under SQLite's bound-variable limit
      const perStatement = Math.max(1, Math.floor(8000 / Math.max(1, columns.length)))
      for (let i = 0; i < rows.length; i += perStatement) {
        const chunk = rows.slice(i, i + perStatement)
        const values = sql.join(
          chunk.map((r) => sql`(${sql.join(r.map((v) => sql`${decodeValue(v)}`), sql`, `)})`),
          sql`, `,
        )
        const cols = sql.raw(columns.map((c) => `"${c}"`).join(', '))
        inserts.push(this.db.run(sql`INSERT INTO ${sql.identifier(table)} (${cols}) VALUES ${values}`))
      }
    }
    await this.#replaceWorld(inserts)
    const world = await readMeta<WorldMeta>(this.db, 'world')
    this.#declare((await readMeta<World>(this.db, WORLD_DECLARED)) ?? DEFAULT_WORLD)
    this.worldSeed = world?.seed ?? null
    this.ids = this.#newIds(this.worldSeed)
    this.ids.restart((await readMeta<number>(this.db, 'ids')) ?? 0)
    await this.clock.load()
    this.events.announceReplaced('restore')
    return true
  }

  async deleteSnapshot(name: string) {
    const rows = await this.db.delete(sandboxSnapshots).where(eq(sandboxSnapshots.name, name)).returning()
    return rows.length > 0
  }

  async close() {
    this.scheduler.stopTicking()
    await this.scheduler.idle()
    await this.#saveCounter(this.ids.counter)
    closeDb(this.db)
  }

  #declare(world: World) {
    this.world = world
    this.credentials = withOwnIds(this.#generated, world.ids)
  }

  /** The counter exactly, as clean close and snapshots keep it: nothing reserved beyond. */
  async #saveCounter(counter: number) {
    await this.db.batch([writeMetaQuery(this.db, 'ids', counter), writeMetaQuery(this.db, IDS_RESERVED, counter)])
  }

  /**
   * A world's ids, whose reservations are written at once. The write goes straight to the
   * client, not through drizzle's chain of promises, so it is queued on the one connection ahead
   * of any write that carries the ids it covers.
   */
  #newIds(seed: string | null) {
    const ids = new Ids(seed)
    ids.onReserve((upTo) => {
      this.db.$client
        .execute({
          sql: 'INSERT INTO sandbox_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
          args: [IDS_RESERVED, JSON.stringify(upTo)],
        })
        .catch((err) => console.error('[ids] could not reserve ids ahead:', err))
    })
    return ids
  }

  /** Empties every world table and runs `fill`, all in one atomic batch. */
  async #replaceWorld(fill: BatchItem<'sqlite'>[]) {
    const tables = await this.#worldTables()
    const [first, ...rest] = [...tables.map((t) => this.db.run(sql`DELETE FROM ${sql.identifier(t)}`)), ...fill]
    await this.db.batch([first!, ...rest])
  }

  async #worldTables(): Promise<string[]> {
    const rs = await this.db.$client.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    return rs.rows.map((r) => String(r.name)).filter((n) => !OUTSIDE_THE_WORLD.has(n))
  }

  async #loadOrCreateCredentials(): Promise<WorldCredentials> {
    const [row] = await this.db.select().from(sandboxKeys).where(eq(sandboxKeys.name, 'credentials'))
    if (row) return JSON.parse(row.value) as WorldCredentials
    const credentials = await generateCredentials(this.ids.derive('credentials'), new Date())
    await this.db.insert(sandboxKeys).values({ name: 'credentials', value: JSON.stringify(credentials) })
    return credentials
  }
}

// libSQL hands blobs back as ArrayBuffers; JSON keeps them as tagged base64.
function encodeValue(v: unknown) {
  if (v instanceof ArrayBuffer) return { $blob: Buffer.from(v).toString('base64') }
  if (typeof v === 'bigint') return { $bigint: v.toString() }
  return v
}

function decodeValue(v: unknown) {
  if (v && typeof v === 'object' && '$blob' in v) return Buffer.from(String(v.$blob), 'base64')
  if (v && typeof v === 'object' && '$bigint' in v) return BigInt(String(v.$bigint))
  return v
}
