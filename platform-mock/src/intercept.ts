import { bypass, http, HttpResponse } from 'msw'
import { setupServer, type SetupServer } from 'msw/node'
import { HOSTS } from './hosts'

/** Where intercepted calls go: the platform app in this process, or a running sandbox's URL. */
export type InterceptTarget = { fetch(request: Request): Response | Promise<Response> } | string

export interface Interception {
  /** Stops intercepting; calls go to the real hosts again. */
  close(): void
  /** Every WeChat URL answered so far (method and URL), for assertions and debugging. */
  readonly calls: string[]
}

const EMULATED = new Set([...Object.keys(HOSTS), 'api2.mch.weixin.qq.com'])
// Hosts of WeChat's that the sandbox does not emulate: calls to them fail instead of leaking out.
const WECHAT_FAMILY = /(^|\.)(weixin\.qq\.com|wechat\.com|tenpay\.com|qpic\.cn|wxaurl\.cn)$/

/**
 * Makes this Node process's calls to the WeChat hosts (global fetch, http/https.request, and so
 * axios and superagent) land on the sandbox, so merchant code written for production runs
 * unchanged. Other traffic passes through; a call to a WeChat host the sandbox does not emulate
 * fails with a network error and a log line naming it. (msw does not see the `undici` package.)
 */
export function interceptWeChat(target: InterceptTarget): Interception {
  const calls: string[] = []
  const forward = async (request: Request) => {
    if (typeof target !== 'string') return target.fetch(request)
    const url = new URL(request.url)
    const headers = new Headers(request.headers)
    headers.set('x-forwarded-host', url.host)
    const body = ['GET', 'HEAD'].includes(request.method) ? undefined : await request.arrayBuffer()
    const to = new Request(new URL(url.pathname + url.search, target), { method: request.method, headers, body })
    return fetch(bypass(to))
  }
  const server: SetupServer = setupServer(
    http.all(
      ({ request }) => EMULATED.has(new URL(request.url).hostname),
      async ({ request }) => {
        calls.push(`${request.method} ${request.url}`)
        return forward(request)
      },
    ),
    http.all(
      ({ request }) => WECHAT_FAMILY.test(new URL(request.url).hostname),
      ({ request }) => {
        console.error(`[sandbox] ${request.method} ${request.url}: the WeChat Commerce Sandbox does not emulate this host`)
        return HttpResponse.error()
      },
    ),
  )
  server.listen({ onUnhandledFrame: 'bypass' })
  return {
    calls,
    close: () => server.close(),
  }
}
