import type { Store } from './context'
import { oaInbox, wecomInbox, wecomKfCursors, wecomOrderCodes } from './schema'
import { publish } from './publish'
import { connectOfficialAccount, forgetOrderPaidTemplate, publishArticles } from './official-account'
import { connectWeCom, forgetWeComSide } from './wecom'
import { publishChannels } from './channels'
import { forgetTemplateIds } from './messages'

/**
 * Sandbox only — real WeChat is never reset. A trainer's "Reset world" (or `POST /_sandbox/reset`,
 * or a snapshot restore) replaces the platform's world: it forgets the uploaded pages, the Official
 * Account's server configuration, the WeCom callback and tags, the Channels videos. The store's own
 * database is the merchant's and stays. This watcher listens to the platform's event stream
 * (`GET /_sandbox/events/stream`, which sends `replaced` after a reset or restore) and then:
 *
 * 1. forgets what pointed into the old world: access tokens (the mini program's, the Official
 *    Account's, WeCom's), template and tag ids, contact-me codes and customer-service cursors, and
 *    which Official Account and WeCom pushes it has seen (a seeded world numbers them from the start
 *    again on a clock set back, so an old key would make a new push look like a retry). Members,
 *    orders, points, coupons, payment notifications and customers stay: they are the brand's
 *    records (an order is fulfilled once by its own state, not by the notification id);
 * 2. reads the clock again (a reset sends the seeded clock back to its start);
 * 3. redoes, in order, what it had set up (`store.setUp`: at start or later through the admin
 *    routes): publish the pages, connect the Official Account, connect WeCom, post Channels.
 *
 * When the stream drops it connects again with backoff (0.5 s doubling to 30 s); on reconnecting it
 * checks that its pages are still published, since a reset may have happened in between.
 */
export interface SandboxWatch {
  /** world replacements handled so far (counted once the store has set up again, or tried to) */
  readonly replays: number
  /** a replay is under way or queued */
  readonly busy: boolean
  /** resolves when no replay is under way or queued */
  idle(): Promise<void>
  close(): Promise<void>
}

export interface WatchOptions {
  /** after the store forgot the old world and read the clock again, before redoing its set-up */
  onReplaced?: () => void
  log?: (message: string) => void
}

const MIN_BACKOFF_MS = 500
const MAX_BACKOFF_MS = 30_000

export function watchSandbox(store: Store, opts: WatchOptions = {}): SandboxWatch {
  const log = opts.log ?? ((m) => console.warn(`merchant-demo: ${m}`))
  const abort = new AbortController()
  let replays = 0
  // one replay at a time; replacements that come during one are one more replay after it (a
  // queued replay has not started yet, so it sees the newest world: one queued is enough)
  let chain = Promise.resolve()
  let pending = 0
  const replay = () => {
    if (pending >= 2) return chain
    pending++
    chain = chain
      .then(async () => {
        if (abort.signal.aborted) return
        try {
          await replayOnce(store, opts.onReplaced, log)
        } finally {
          replays++
        }
      })
      .catch((err: Error) => log(`setting up again after the world was replaced failed: ${err.message}`))
      .finally(() => pending--)
    return chain
  }

  const loop = (async () => {
    let backoff = MIN_BACKOFF_MS
    let connectedBefore = false
    while (!abort.signal.aborted) {
      try {
        // a type no event has: only `ready`, `replaced` and keep-alives come down this stream
        const res = await fetch(`${store.platformUrl}/_sandbox/events/stream?type=merchant-demo.none`, { signal: abort.signal, headers: { accept: 'text/event-stream' } })
        if (!res.ok || !res.body) throw new Error(`the event stream answered ${res.status}`)
        for await (const event of sseEvents(res.body)) {
          if (event === 'ready') {
            backoff = MIN_BACKOFF_MS
            if (connectedBefore && !(await stillPublished(store))) void replay()
            connectedBefore = true
          } else if (event === 'replaced') void replay()
        }
      } catch (err) {
        if (abort.signal.aborted) break
        log(`the sandbox's event stream failed (${(err as Error).message}); trying again in ${backoff} ms`)
      }
      await sleep(backoff, abort.signal)
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)
    }
  })()

  return {
    get replays() {
      return replays
    },
    get busy() {
      return pending > 0
    },
    async idle() {
      while (pending > 0) await chain
    },
    async close() {
      abort.abort()
      await loop
      await chain
    },
  }
}

/** Forget the old world, read the clock, redo the set-up: each step is tried even when one fails. */
async function replayOnce(store: Store, onReplaced: (() => void) | undefined, log: (m: string) => void) {
  await forgetOldWorld(store)
  await store.clock.sync()
  onReplaced?.()
  const steps = [
    ['pages', () => publish(store)],
    ['officialAccount', () => connectOfficialAccount(store)],
    ['articles', () => publishArticles(store)],
    ['wecom', () => connectWeCom(store)],
    ['channels', () => publishChannels(store)],
  ] as const
  for (const [step, redo] of steps) {
    if (!store.setUp.has(step)) continue
    await redo().catch((err: Error) => log(`after the world was replaced, ${step} could not be set up again: ${err.message}`))
  }
}

/** What the store holds that belongs to the platform's old world (see the module comment). */
export async function forgetOldWorld(store: Store) {
  store.wechat.dropToken()
  store.oa.wx.dropToken()
  forgetWeComSide(store)
  forgetTemplateIds(store)
  forgetOrderPaidTemplate(store)
  const { db } = store
  await db.batch([db.delete(oaInbox), db.delete(wecomInbox), db.delete(wecomKfCursors), db.delete(wecomOrderCodes)])
}

/** Whether the platform still serves the store's pages (it forgets them when its world is replaced). */
async function stillPublished(store: Store) {
  if (!store.setUp.has('pages')) return true
  const res = await fetch(`${store.platformUrl}/_sandbox/miniprogram/apps/${store.appid}`).catch(() => null)
  if (!res?.ok) return false
  const app = (await res.json()) as { pagesUrl?: string | null }
  return app.pagesUrl === `${store.publicUrl}/mp`
}

/** The event names of a server-sent event stream (`event: …` lines; data is not needed here). */
async function* sseEvents(body: ReadableStream<Uint8Array>) {
  const decoder = new TextDecoder()
  let buffer = ''
  let name = 'message'
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true })
    let nl: number
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).replace(/\r$/, '')
      buffer = buffer.slice(nl + 1)
      if (line === '') {
        yield name
        name = 'message'
      } else if (line.startsWith('event:')) name = line.slice(6).trim()
    }
  }
}

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((done) => {
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', () => (clearTimeout(timer), done()), { once: true })
  })
}
