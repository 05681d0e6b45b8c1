import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { z } from 'zod'
import type { BrandKit } from '../merchant-demo/src/brand'
import { startMerchant, type RunningMerchant } from '../merchant-demo/src/server'
import type { Platform } from '../platform-mock/src/platform'
import type { PlatformEnv } from '../platform-mock/src/shared/env'
import { SandboxError } from '../platform-mock/src/shared/errors'
import { sandboxJson } from '../platform-mock/src/shared/validate'
import { CAST, castOf, type Journey } from '../scenarios/journey'
import { rolesOf } from '../scenarios/roles'
import { journeyNames, JOURNEYS_DIR, loadJourney, runJourney, type JourneyResult, type StepResult } from '../scenarios/runner'
import type { Sandbox } from '../scenarios/sandbox'
import { kitWorld } from './world'

/** The seed a lesson's world starts from: the one the journeys and their golden traces are written for. */
export const LESSON_SEED = '1'

/**
 * The merchant port as the launcher keeps it: whatever store runs there is the launcher's to close
 * on exit and before a world switch, so the lesson's store is put there, not beside it.
 */
export interface StoreSlot {
  /** the store running on the merchant port now (null while it is down) */
  current(): RunningMerchant | null
  /** takes the store on the port down */
  close(): Promise<void>
  /** runs the store `start` makes on the port (after `close`) */
  put(start: () => Promise<RunningMerchant>): Promise<RunningMerchant>
  /** brings the launcher's own store back for the kit, on its own database (after a lesson) */
  ordinary(kit: BrandKit): Promise<void>
}

export interface ClassroomSetup {
  platform: Platform
  platformUrl: string
  /** the world kit the sandbox is in now (it follows world switches) */
  kit(): BrandKit
  store: StoreSlot
  /** the merchant port and address the lesson's store listens on */
  port: number
  hostname?: string
  /** the store's staff credential (the launcher keeps one across stores) */
  staffToken?: string
  /** journeys/ (tests may point elsewhere) */
  journeysDir?: string
}

type LessonStatus = 'ready' | 'done' | 'failed'

/** A journey started in the live sandbox, paused between steps. */
interface Lesson {
  journey: Journey
  kit: BrandKit
  people: string[]
  captions: string[]
  /** steps played so far: the journey is paused before step `position + 1` */
  position: number
  results: StepResult[]
  /** the latest wire exchange id when each step began (null: no exchanges yet, or no wire log) */
  wire: (number | null)[]
  status: LessonStatus
  failure?: string
  /** the journey's run, suspended at the gate before the next step */
  run: Promise<JourneyResult> | null
  gate: { go(): void; abandon(): void } | null
  /** settles when the run reaches the step it is told to stop before, or ends */
  arrived: (() => void) | null
  /** the index of the step the run stops before */
  target: number
  /** the store this lesson started (a world switch replaces it: the lesson is over) */
  store: RunningMerchant | null
  storeDir: string
}

/** What the gate throws into a run that is let go: its step never starts. */
class Abandoned extends Error {
  name = 'Abandoned'
}

const refuse = (status: 400 | 404 | 409, code: string, message: string) => new SandboxError(status, code, message)

/**
 * Classroom mode (issue 16 point 8): the journey library as a slideshow in the live sandbox. A
 * lesson starts a journey in a fresh world (the platform reset to seed 1, the store started on a
 * database of its own), paused before its first step; `next` plays exactly one step against the
 * sandbox the phones on screen show; `back` goes to the step before by playing the journey again
 * from a fresh world up to there — the journey is code whose later steps use what earlier steps
 * returned (an order, a gift card), and the store mints random order numbers, so a snapshot of the
 * platform and the store could not take the journey's own state back with them; the seed and the
 * virtual clock make the replay the same world.
 */
export class Classroom {
  #setup: ClassroomSetup | null = null
  #lesson: Lesson | null = null
  #busy = false
  /** the world's seed before the first lesson, given back when the lessons end */
  #seedBefore: string | null | undefined = undefined
  /** captions per kit and journey, from a rehearsal in a sandbox of its own */
  #captions = new Map<string, string[]>()

  /** The control routes, mounted at `/_sandbox/classroom`; they answer 409 until `attach`. */
  readonly routes = new Hono<PlatformEnv>()
    .get('/journeys', async (c) => c.json(await this.library()))
    .get('/state', (c) => c.json(this.state()))
    .post('/start', sandboxJson(z.object({ journey: z.string().min(1) })), async (c) => c.json(await this.start(c.req.valid('json').journey)))
    .post('/next', async (c) => c.json(await this.next()))
    .post('/back', async (c) => c.json(await this.back()))
    .post('/stop', async (c) => c.json(await this.stop()))

  attach(setup: ClassroomSetup) {
    this.#setup = setup
  }

  #ready(): ClassroomSetup {
    if (!this.#setup) throw refuse(409, 'no_store', 'classroom mode needs the demo store: start the sandbox without --no-merchant')
    return this.#setup
  }

  /** The journey library in the current kit: id, title, people, and the captions once rehearsed. */
  async library() {
    const setup = this.#ready()
    const kit = setup.kit()
    const roles = rolesOf(kit, kitWorld(kit))
    const journeys = await Promise.all(
      journeyNames(setup.journeysDir ?? JOURNEYS_DIR).map(async (id) => {
        const j = await loadJourney(id, setup.journeysDir ?? JOURNEYS_DIR)
        const notApplicable = j.notApplicable?.(kit, roles) ?? null
        return { id, title: j.title, people: castOf(j.run, CAST).slice(0, 4), steps: this.#captions.get(`${kit.id}/${id}`) ?? null, ...(notApplicable ? { notApplicable } : {}) }
      }),
    )
    return { kit: { id: kit.id, name: kit.name }, journeys }
  }

  /** Where the lesson is: the journey, every step's caption and whether it has played, and the wire id it began at. */
  state() {
    const l = this.#lesson
    if (!l) return { lesson: null, busy: this.#busy }
    return {
      busy: this.#busy,
      lesson: {
        journey: l.journey.name,
        title: l.journey.title,
        kit: l.kit.id,
        people: l.people,
        status: l.status,
        position: l.position,
        total: l.captions.length,
        ...(l.failure ? { failure: l.failure } : {}),
        steps: l.captions.map((caption, i) => {
          const r = l.results[i]
          return {
            caption,
            state: r ? (r.ok ? 'played' : 'failed') : i === l.position ? 'next' : 'ahead',
            wireId: l.wire[i] ?? null,
            ...(r ? { at: r.at, events: r.events.length } : {}),
            ...(r?.error ? { error: r.error } : {}),
          }
        }),
      },
    }
  }

  /** A fresh world with the journey paused before its first step; an unknown journey changes nothing. */
  async start(name: string) {
    const setup = this.#ready()
    const dir = setup.journeysDir ?? JOURNEYS_DIR
    if (!journeyNames(dir).includes(name)) throw refuse(404, 'unknown_journey', `no journey "${name}" (have: ${journeyNames(dir).join(', ')})`)
    return this.#exclusive(async () => {
      const kit = setup.kit()
      const journey = await loadJourney(name, dir)
      const why = journey.notApplicable?.(kit, rolesOf(kit, kitWorld(kit)))
      if (why) throw refuse(409, 'not_applicable', `"${journey.title}" does not apply to ${kit.name}: ${why}`)
      const captions = await this.#rehearse(journey, kit)
      await this.#end()
      if (this.#seedBefore === undefined) this.#seedBefore = setup.platform.worldSeed
      const lesson: Lesson = { journey, kit, people: castOf(journey.run, CAST).slice(0, 4), captions, position: 0, results: [], wire: [], status: 'ready', run: null, gate: null, arrived: null, target: 0, store: null, storeDir: '' }
      this.#lesson = lesson
      await this.#playTo(lesson, 0)
      return this.state()
    })
  }

  /** Plays exactly one step; past the last one it refuses and changes nothing. */
  async next() {
    return this.#exclusive(async () => {
      const l = this.#current()
      if (l.status === 'failed') throw refuse(409, 'journey_failed', `the journey stopped at step ${l.position}: ${l.failure}; go back or start again`)
      if (l.status === 'done' || !l.gate) throw refuse(409, 'at_end', `all ${l.captions.length} steps have played: go back or start another journey`)
      const arrived = this.#arrival(l, l.position + 1)
      const gate = l.gate
      l.gate = null
      gate.go()
      await arrived
      return this.state()
    })
  }

  /** Back to before the step last played: the journey plays again from a fresh world up to there. */
  async back() {
    return this.#exclusive(async () => {
      const l = this.#current()
      if (l.position === 0) throw refuse(409, 'at_start', 'the journey is at its start: there is no step to go back to')
      // a failed step counts as played: back goes to before it
      const target = l.position - 1
      await this.#abandon(l)
      await this.#playTo(l, target)
      return this.state()
    })
  }

  /** Ends the lessons: the world back to its seeded start with the launcher's own store, as a world switch does. */
  async stop() {
    const setup = this.#ready()
    return this.#exclusive(async () => {
      if (!this.#lesson) throw refuse(409, 'no_lesson', 'no lesson is on')
      await this.#end()
      await setup.store.close()
      await setup.platform.reset(this.#seedBefore ?? setup.platform.worldSeed)
      this.#seedBefore = undefined
      await setup.store.ordinary(setup.kit())
      return this.state()
    })
  }

  /** The launcher stops: the lesson's run is let go and its store's files removed. */
  async close() {
    await this.#end()
  }

  #current(): Lesson {
    this.#ready()
    const l = this.#lesson
    if (!l) throw refuse(409, 'no_lesson', 'no lesson is on: start one with POST /_sandbox/classroom/start {"journey": …}')
    // a world switch (or the launcher) replaced the lesson's store: the lesson is over
    if (this.#setup!.store.current() !== l.store) {
      void this.#end()
      throw refuse(409, 'lesson_interrupted', 'the world was switched during the lesson: start it again')
    }
    return l
  }

  async #exclusive<T>(body: () => Promise<T>): Promise<T> {
    if (this.#busy) throw refuse(409, 'busy', 'a step is still playing: wait for it')
    this.#busy = true
    try {
      return await body()
    } finally {
      this.#busy = false
    }
  }

  /** The journey's captions, from a headless run in a sandbox of its own (once per kit). */
  async #rehearse(journey: Journey, kit: BrandKit): Promise<string[]> {
    const key = `${kit.id}/${journey.name}`
    const known = this.#captions.get(key)
    if (known) return known
    const result = await runJourney(journey, { kit, golden: false })
    if (!result.ok) throw refuse(409, 'journey_fails', `"${journey.title}" fails in ${kit.name} even headless: ${result.failure}`)
    const captions = result.steps.map((s) => s.caption)
    this.#captions.set(key, captions)
    return captions
  }

  #arrival(l: Lesson, target: number): Promise<void> {
    l.target = target
    return new Promise((resolve) => (l.arrived = resolve))
  }

  /** A fresh world and store, and the journey played without pausing up to before step `target + 1`. */
  async #playTo(l: Lesson, target: number) {
    const setup = this.#setup!
    await setup.store.close()
    l.store = null
    this.#removeStore(l)
    await setup.platform.reset(LESSON_SEED)
    l.storeDir = mkdtempSync(join(tmpdir(), 'classroom-store-'))
    const databaseUrl = `file:${join(l.storeDir, 'merchant.db')}`
    const open = () => startMerchant({ platformUrl: setup.platformUrl, port: setup.port, hostname: setup.hostname, databaseUrl, reconcileEveryMs: 0, brand: l.kit, staffToken: setup.staffToken })
    const first = await setup.store.put(open)
    l.store = first
    const sandbox: Sandbox = {
      platformUrl: setup.platformUrl,
      merchantUrl: first.url,
      staffToken: first.staffToken,
      seed: Number(LESSON_SEED),
      kit: l.kit,
      world: kitWorld(l.kit),
      // the operator's outage: the same store goes down and comes back on its database
      async stopMerchant() {
        await setup.store.close()
        l.store = null
      },
      async startMerchant() {
        if (!setup.store.current()) l.store = await setup.store.put(open)
      },
      async close() {},
    }
    l.position = 0
    l.results = []
    l.wire = []
    l.status = 'ready'
    delete l.failure
    const arrived = this.#arrival(l, target)
    l.run = runJourney(l.journey, {
      sandbox,
      seed: Number(LESSON_SEED),
      kit: l.kit,
      beforeStep: async (caption, index) => {
        l.captions[index] = caption
        l.wire[index] = await latestWireId(setup.platformUrl)
        if (index < l.target) return
        await new Promise<void>((go, abandon) => {
          l.gate = { go, abandon: () => abandon(new Abandoned()) }
          l.arrived?.()
        })
      },
      afterStep: (result, index) => {
        l.results[index] = result
        l.position = index + 1
      },
    }).then((result) => {
      l.gate = null
      if (!result.failure?.startsWith('Abandoned:')) {
        l.status = result.ok ? 'done' : 'failed'
        if (result.failure) l.failure = result.failure
      }
      l.arrived?.()
      return result
    })
    await arrived
  }

  /** Lets the journey's suspended run end (it stops at its gate) and waits for it. */
  async #abandon(l: Lesson) {
    const gate = l.gate
    l.gate = null
    gate?.abandon()
    await l.run?.catch(() => undefined)
    l.run = null
  }

  async #end() {
    const l = this.#lesson
    if (!l) return
    this.#lesson = null
    await this.#abandon(l)
    this.#removeStore(l)
  }

  #removeStore(l: Lesson) {
    if (l.storeDir) rmSync(l.storeDir, { recursive: true, force: true })
    l.storeDir = ''
  }
}

/**
 * The latest message on the wire log (`GET /_sandbox/wire?limit=1`, the sequence diagram's source),
 * or null when there is none or the platform has no wire log.
 */
async function latestWireId(platformUrl: string): Promise<number | null> {
  try {
    const res = await fetch(`${platformUrl}/_sandbox/wire?limit=1&order=desc`)
    if (!res.ok) return null
    const body = (await res.json()) as unknown
    const list = Array.isArray(body) ? body : ((body as Record<string, unknown>).exchanges ?? (body as Record<string, unknown>).wire ?? [])
    const ids = (Array.isArray(list) ? list : []).map((e) => (e as { id?: unknown }).id).filter((id): id is number => typeof id === 'number')
    return ids.length ? Math.max(...ids) : null
  } catch {
    return null
  }
}
