import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import { parseDuration } from '../shared/clock'
import { dbInfo } from '../shared/db'
import { SandboxError } from '../shared/errors'
import type { PlatformEnv } from '../shared/env'
import { matches, type EventFilter, type SandboxEvent } from '../shared/events'
import { sandboxJson } from '../shared/validate'
import { areFriends, createPerson, friendshipQuery, friendsOf, getPerson, identitiesOf, listPeople, type Person } from '../world/people'
import { WorldRefused } from '../world/world'
import { credentialsDocument } from './credentials'
import { worldView } from './world-view'
import { funnel } from './funnel'

const started = Date.now()
const MAX_ADVANCE_MS = 100 * 365 * 86_400_000
const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i
const PERSON_ID = /^[a-z][a-z0-9_-]{1,31}$/

const ResetRequest = z.object({ seed: z.union([z.number().int(), z.string().min(1), z.null()]).optional() })
const WorldRequest = z.object({
  kit: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  seed: z.union([z.number().int(), z.string().min(1), z.null()]).optional(),
})
const SnapshotRequest = z.object({ name: z.string().regex(NAME, 'letters, digits, . _ - (max 64)') })
const FreezeRequest = z.object({ at: z.string().optional() })
const AdvanceRequest = z
  .object({ by: z.union([z.string(), z.number()]).optional(), to: z.string().optional() })
  .refine((v) => (v.by === undefined) !== (v.to === undefined), 'give exactly one of `by` (e.g. "3d") or `to` (ISO time)')
const NewPersonRequest = z.object({
  id: z.string().regex(PERSON_ID, 'lower-case letters, digits, - or _, 2–32 characters, starting with a letter'),
  name: z.string().min(1).max(64),
  nameZh: z.string().min(1).max(64).optional(),
  city: z.string().min(1).max(64).optional(),
  language: z.enum(['en', 'zh_CN']).optional(),
  balance: z.number().int().min(0).optional(),
})
const BefriendRequest = z.object({ with: z.string() })

function parseTime(input: string) {
  const t = Date.parse(input)
  if (Number.isNaN(t)) throw new SandboxError(400, 'invalid', `not an ISO time: ${input}`)
  return t
}

function eventFilter(q: Record<string, string>): EventFilter {
  const int = (name: string) => {
    if (q[name] === undefined) return undefined
    const n = Number(q[name])
    if (!Number.isInteger(n) || n < 0) throw new SandboxError(400, 'invalid', `${name} must be a non-negative integer`)
    return n
  }
  return {
    surface: q.surface,
    type: q.type,
    actor: q.actor,
    journeyId: q.journey,
    channel: q.channel,
    after: int('after'),
    limit: int('limit'),
    from: q.from ? parseTime(q.from) : undefined,
    to: q.to ? parseTime(q.to) : undefined,
    desc: q.order === 'desc',
  }
}

function personView(p: Person, extra: Record<string, unknown> = {}) {
  return {
    id: p.id,
    name: p.name,
    nameZh: p.nameZh,
    city: p.city,
    language: p.language,
    avatarUrl: `/_sandbox/people/${p.id}/avatar.svg`,
    createdAt: new Date(p.createdAt).toISOString(),
    ...extra,
  }
}

async function mustFindPerson(c: { var: PlatformEnv['Variables'] }, id: string) {
  const person = await getPerson(c.var.db, id)
  if (!person) throw new SandboxError(404, 'not_found', `no person ${id}`)
  return person
}

/** The sandbox control plane: `/_sandbox/…` (health, credentials, world, clock, events, people). */
export const sandbox = new Hono<PlatformEnv>()
  .get('/health', (c) => {
    const { platform } = c.var
    return c.json({
      status: 'ok',
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      database: dbInfo(platform.db).kind,
      seed: platform.worldSeed,
      clock: platform.clock.describe(),
    })
  })
  .get('/credentials', (c) => c.json(credentialsDocument(c.var.platform.credentials, c.var.platform.world, new URL(c.req.url).origin)))

  .post('/reset', sandboxJson(ResetRequest), async (c) => {
    const { seed } = c.req.valid('json')
    const platform = c.var.platform
    await platform.reset(seed === undefined ? platform.worldSeed : seed === null ? null : String(seed))
    return c.json({ status: 'reset', seed: platform.worldSeed, clock: platform.clock.describe() })
  })

  .get('/world', (c) => c.json(worldView(c.var.platform)))
  /** Another brand's world: a listed kit by id, or a whole kit; a refused kit changes nothing. */
  .post('/world', sandboxJson(WorldRequest), async (c) => {
    const { kit, seed } = c.req.valid('json')
    const platform = c.var.platform
    if (!platform.catalog) throw new SandboxError(409, 'no_catalog', 'this sandbox was started without world kits to switch to (start it with npm start)')
    const nextSeed = seed === undefined ? platform.worldSeed : seed === null ? null : String(seed)
    let chosen
    try {
      chosen = await platform.catalog.switchTo(typeof kit === 'string' ? { id: kit } : { kit }, (world) => platform.reset(nextSeed, world))
    } catch (err) {
      if (!(err instanceof WorldRefused)) throw err
      return c.json({ error: { code: 'invalid_kit', message: err.message, issues: err.issues } }, 400)
    }
    return c.json({ status: 'switched', kit: chosen, seed: platform.worldSeed, clock: platform.clock.describe() })
  })
  .get('/snapshots', async (c) => c.json({ snapshots: await c.var.platform.listSnapshots() }))
  .post('/snapshots', sandboxJson(SnapshotRequest), async (c) => {
    return c.json(await c.var.platform.snapshot(c.req.valid('json').name), 201)
  })
  .post('/snapshots/:name/restore', async (c) => {
    const name = c.req.param('name')
    if (!(await c.var.platform.restore(name))) throw new SandboxError(404, 'not_found', `no snapshot named ${name}`)
    return c.json({ status: 'restored', name, clock: c.var.platform.clock.describe() })
  })
  .delete('/snapshots/:name', async (c) => {
    const name = c.req.param('name')
    if (!(await c.var.platform.deleteSnapshot(name))) throw new SandboxError(404, 'not_found', `no snapshot named ${name}`)
    return c.body(null, 204)
  })

  .get('/clock', (c) => c.json(c.var.platform.clock.describe()))
  .post('/clock/freeze', sandboxJson(FreezeRequest), async (c) => {
    const { clock } = c.var.platform
    const { at } = c.req.valid('json')
    const target = at === undefined ? clock.now() : parseTime(at)
    if (target < clock.now()) throw new SandboxError(409, 'backwards', 'the virtual clock cannot go backwards')
    const fired = target > clock.now() ? await c.var.platform.scheduler.advance(target - clock.now()) : []
    await clock.freeze(target)
    await c.var.platform.events.append({ actor: 'sandbox', surface: 'sandbox', type: 'clock.frozen', payload: { at: clock.describe().now } })
    return c.json({ ...clock.describe(), fired })
  })
  .post('/clock/resume', async (c) => {
    const { clock, events } = c.var.platform
    await clock.resume()
    // one reading for the event and the answer: a live clock moves between two
    const resumed = clock.describe()
    await events.append({ actor: 'sandbox', surface: 'sandbox', type: 'clock.resumed', payload: { at: resumed.now } })
    return c.json({ ...resumed, fired: await c.var.platform.scheduler.runDue() })
  })
  .post('/clock/advance', sandboxJson(AdvanceRequest), async (c) => {
    const { clock, scheduler } = c.var.platform
    const body = c.req.valid('json')
    const ms = body.by !== undefined ? parseDuration(body.by) : parseTime(body.to!) - clock.now()
    if (ms === null) throw new SandboxError(400, 'invalid', `not a duration: ${body.by} (try "90s", "3d", "1h30m")`)
    if (ms < 0) throw new SandboxError(409, 'backwards', 'the virtual clock cannot go backwards')
    // a time past what a Date can hold would be written by the jobs, then fail to print
    if (ms > MAX_ADVANCE_MS || clock.now() + ms > 8.64e15) throw new SandboxError(400, 'invalid', 'the virtual clock advances at most 100 years at a time')
    const from = clock.now()
    const fired = await scheduler.advance(ms)
    await c.var.platform.events.append({ actor: 'sandbox', surface: 'sandbox', type: 'clock.advanced', payload: { from: new Date(from).toISOString(), to: clock.describe().now, fired: fired.length } })
    return c.json({ ...clock.describe(), fired })
  })
  .get('/jobs', async (c) => {
    const jobs = await c.var.platform.scheduler.pending()
    return c.json({
      jobs: jobs.map((j) => ({ id: j.id, kind: j.kind, dueAt: new Date(j.dueAt).toISOString(), payload: j.payload })),
    })
  })

  .get('/events', async (c) => c.json({ events: await c.var.platform.events.list(eventFilter(c.req.query())) }))
  .get('/funnel', async (c) => c.json(await funnel(c.var.platform.db)))
  .get('/events/stream', (c) => {
    const filter = eventFilter(c.req.query())
    const lastId = Number(c.req.header('Last-Event-ID'))
    if (Number.isInteger(lastId) && lastId > 0) filter.after = lastId
    const { events } = c.var.platform
    return streamSSE(c, async (stream) => {
      type Item = SandboxEvent | { replaced: string }
      const queue: Item[] = []
      let wake: (() => void) | null = null
      const enqueue = (item: Item) => {
        queue.push(item)
        wake?.()
      }
      // Subscribe before reading the backlog, so nothing falls between the two; `sent` dedupes.
      const off = events.subscribe((e) => matches(e, { ...filter, after: undefined }) && enqueue(e))
      const offReplaced = events.onReplaced((reason) => enqueue({ replaced: reason }))
      stream.onAbort(() => {
        off()
        offReplaced()
        wake?.()
      })
      let sent = filter.after ?? 0
      if (filter.after !== undefined) queue.unshift(...(await events.list({ ...filter, limit: 5000 })))
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ after: sent }) })
      while (!stream.aborted) {
        const item = queue.shift()
        if (item === undefined) {
          await Promise.race([new Promise<void>((r) => (wake = r)), stream.sleep(15_000)])
          wake = null
          if (queue.length === 0 && !stream.aborted) await stream.write(': keep-alive\n\n')
        } else if ('replaced' in item) {
          sent = 0
          await stream.writeSSE({ event: 'replaced', data: JSON.stringify({ reason: item.replaced }) })
        } else if (item.id > sent) {
          sent = item.id
          await stream.writeSSE({ id: String(item.id), event: 'event', data: JSON.stringify(item) })
        }
      }
    })
  })

  .get('/people', async (c) => {
    const rows = await listPeople(c.var.db)
    return c.json({ people: rows.map((p) => personView(p)) })
  })
  .post('/people', sandboxJson(NewPersonRequest), async (c) => {
    const body = c.req.valid('json')
    const { platform } = c.var
    if (await getPerson(c.var.db, body.id)) throw new SandboxError(409, 'exists', `person ${body.id} already exists`)
    await createPerson(c.var.db, platform.credentials.worldSecret, body, platform.clock.now())
    await platform.events.append({ actor: 'sandbox', surface: 'sandbox', type: 'person.created', subject: { person: body.id } })
    return c.json(personView((await getPerson(c.var.db, body.id))!, { friends: [] }), 201)
  })
  .get('/people/:id', async (c) => {
    const person = await mustFindPerson(c, c.req.param('id'))
    const [friends, ids] = await Promise.all([friendsOf(c.var.db, person.id), identitiesOf(c.var.db, person.id)])
    return c.json(
      personView(person, {
        friends,
        identities: ids.map((i) => ({ appid: i.appid, openid: i.openid, unionid: i.unionid })),
      }),
    )
  })
  .get('/people/:id/avatar.svg', async (c) => {
    const person = await mustFindPerson(c, c.req.param('id'))
    return c.body(person.avatar, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=3600' })
  })
  .post('/people/:id/friends', sandboxJson(BefriendRequest), async (c) => {
    const person = await mustFindPerson(c, c.req.param('id'))
    const other = await mustFindPerson(c, c.req.valid('json').with)
    if (person.id === other.id) throw new SandboxError(400, 'invalid', 'a person cannot befriend themselves')
    const { platform } = c.var
    if (!(await areFriends(c.var.db, person.id, other.id))) {
      await friendshipQuery(c.var.db, person.id, other.id, platform.clock.now())
      await platform.events.append({
        actor: person.id,
        surface: 'sandbox',
        type: 'friendship.created',
        subject: { person: person.id, friend: other.id },
      })
    }
    return c.json({ id: person.id, friends: await friendsOf(c.var.db, person.id) })
  })
