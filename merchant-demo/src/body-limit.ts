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
        await reader.cancel().catch(() => {})
        return refuse(c, tooLarge)
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
 * that sent its next request on the same socket would find it closed under it.
 */
function refuse(c: Context, tooLarge: (c: Context) => Response) {
  const res = tooLarge(c)
  res.headers.set('Connection', 'close')
  return res
}
