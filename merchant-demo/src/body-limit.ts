import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { Context, MiddlewareHandler } from 'hono'

/**
 * Refuses a request body over `maxBytes` while it streams in, answering `tooLarge(c)` (the host's
 * own error): a declared Content-Length is judged before a byte is read, a chunked body as its
 * chunks arrive, so a huge or endless body never sits in memory. Under the limit the body is kept
 * (at most `maxBytes`) for the handler to read as usual.
 *
 * hono/body-limit does the same but rebuilds the request with `new Request(c.req.raw)`, which fails
 * on @hono/node-server's request objects (the platform has the same middleware; the store imports
 * no platform code).
 */
export function limitBody(maxBytes: number, tooLarge: (c: Context) => Response): MiddlewareHandler {
  return async (c, next) => {
    const raw = c.req.raw
    if (!raw.body) return next()
    const declared = raw.headers.get('content-length')
    if (declared !== null && !raw.headers.has('transfer-encoding')) {
      // Node's parser holds the body to its declared length
      if (Number(declared) > maxBytes) return refuse(c, tooLarge)
      return next()
    }
    const reader = raw.body.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > maxBytes) {
        return refuse(c, tooLarge, reader)
      }
      chunks.push(value)
    }
    const body = Buffer.concat(chunks, size)
    const init: RequestInit & { duplex?: 'half' } = { method: raw.method, headers: raw.headers, body, signal: raw.signal }
    c.req.raw = new Request(raw.url, init)
    await next()
  }
}

/**
 * A refusal closes its connection: the rest of the body is never read, so a keep-alive client
 * that sent its next request on the same socket would find it closed under it. The close lingers:
 * Node would destroy the socket as soon as the answer is flushed, and the client's next chunk would
 * then draw a reset that can discard the answer before the client reads it (EPIPE instead of the
 * error). So the socket sends its FIN and keeps discarding what still arrives until the client
 * closes, for at most LINGER_MS.
 */
function refuse(c: Context, tooLarge: (c: Context) => Response, reader?: ReadableStreamDefaultReader<Uint8Array>) {
  const res = tooLarge(c)
  res.headers.set('Connection', 'close')
  const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket
  if (socket) lingerOnClose(socket, reader)
  else void reader?.cancel().catch(() => {})
  return res
}

const LINGER_MS = 2_000

/** Node's close, but the read side stays open, discarding, until the client closes or LINGER_MS. */
function lingerOnClose(socket: Socket, reader?: ReadableStreamDefaultReader<Uint8Array>) {
  let over = false
  const done = () => {
    if (over) return
    over = true
    clearTimeout(timer)
    void reader?.cancel().catch(() => {})
    socket.destroy()
  }
  const timer = setTimeout(done, LINGER_MS)
  timer.unref()
  socket.once('close', done)
  socket.destroySoon = function lingeringClose(this: Socket) {
    this.end()
    this.once('end', done)
  }
  if (reader) void (async () => {
    while (!over && !(await reader.read().catch(() => ({ done: true }))).done);
  })()
}
