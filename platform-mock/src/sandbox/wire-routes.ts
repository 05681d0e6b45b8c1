import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { SandboxError } from '../shared/errors'
import type { PlatformEnv } from '../shared/env'
import { matches, wireLogOf, WIRE_RING, type WireExchange, type WireFilter } from './wire-log'

function wireFilter(q: Record<string, string>): WireFilter {
  const int = (name: string, max = Number.MAX_SAFE_INTEGER) => {
    if (q[name] === undefined) return undefined
    const n = Number(q[name])
    if (!Number.isInteger(n) || n < 0 || n > max) throw new SandboxError(400, 'invalid', `${name} must be an integer from 0 to ${max}`)
    return n
  }
  return { after: int('after'), limit: int('limit', WIRE_RING), person: q.person || undefined, journey: q.journey || undefined }
}

/**
 * The messages behind the phone (`/_sandbox/wire…`): the HTTP exchanges between the phone, WeChat
 * and the brand's server, for the presenter's sequence diagram. Reading the log, or following its
 * feed, is what makes the platform capture headers and bodies (see WireLog).
 */
export const wire = new Hono<PlatformEnv>()
  .get('/wire', (c) => {
    const log = wireLogOf(c.var.platform)
    const filter = wireFilter(c.req.query())
    log.look()
    return c.json({ latest: log.latest, exchanges: log.list(filter) })
  })
  .get('/wire/stream', (c) => {
    const filter = wireFilter(c.req.query())
    const lastId = Number(c.req.header('Last-Event-ID'))
    if (Number.isInteger(lastId) && lastId > 0) filter.after = lastId
    const log = wireLogOf(c.var.platform)
    const { events } = c.var.platform
    return streamSSE(c, async (stream) => {
      type Item = WireExchange | { replaced: string }
      const queue: Item[] = []
      let wake: (() => void) | null = null
      const enqueue = (item: Item) => {
        queue.push(item)
        wake?.()
      }
      // subscribed before the backlog is read, so nothing falls between the two; `sent` dedupes
      const off = log.subscribe((x) => matches(x, { ...filter, after: undefined }) && enqueue(x))
      const offReplaced = events.onReplaced((reason) => enqueue({ replaced: reason }))
      stream.onAbort(() => {
        off()
        offReplaced()
        wake?.()
      })
      let sent = filter.after ?? 0
      if (filter.after !== undefined) queue.unshift(...log.list({ ...filter, limit: WIRE_RING }))
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ after: sent, latest: log.latest }) })
      while (!stream.aborted) {
        const item = queue.shift()
        if (item === undefined) {
          await Promise.race([new Promise<void>((r) => (wake = r)), stream.sleep(15_000)])
          wake = null
          if (queue.length === 0 && !stream.aborted) await stream.write(': keep-alive\n\n')
        } else if ('replaced' in item) {
          await stream.writeSSE({ event: 'replaced', data: JSON.stringify({ reason: item.replaced }) })
        } else if (item.id > sent) {
          sent = item.id
          await stream.writeSSE({ id: String(item.id), event: 'exchange', data: JSON.stringify(item) })
        }
      }
    })
  })
