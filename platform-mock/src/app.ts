import { Hono } from 'hono'
import { HOSTS, limitBody, pickHost } from './hosts'
import { controlAccess, type ControlAccess } from './sandbox/access'
import { labReports } from './sandbox/lab-reports'
import type { Platform } from './platform'
import { sandbox } from './sandbox/routes'
import { wire } from './sandbox/wire-routes'
import { wireTap } from './sandbox/wire-tap'
import { cardsSandbox } from './surfaces/cards/sandbox'
import { channelsSandbox } from './surfaces/channels/sandbox'
import { chatSandbox } from './surfaces/chat/sandbox'
import { miniprogramApps } from './sandbox/miniprograms'
import { paySandbox } from './surfaces/pay/sandbox'
import { miniprogramSandbox } from './surfaces/miniprogram/sandbox'
import { qrSandbox } from './surfaces/qr/sandbox'
import { officialAccountSandbox } from './surfaces/official-account/sandbox'
import { wecomSandbox } from './surfaces/wecom/sandbox'
import type { PlatformEnv } from './shared/env'
import { errorResponse, SandboxError } from './shared/errors'
import { journeyContext } from './shared/events'
import { phoneUi } from './phone'
import { faultRoutes } from './faults/routes'

/** The largest body the control API takes (a forwarded photo is a data URL of up to 2 MB). */
export const MAX_CONTROL_BODY_BYTES = 4 * 1024 * 1024

/** More control routes, mounted by whoever starts the platform (the launcher's classroom): path and sub-app. */
export interface Mount {
  path: string
  app: Hono<PlatformEnv>
}

/**
 * The whole platform as one fetch handler: the sandbox control API under `/_sandbox`, and the
 * WeChat hosts, picked by Host header or by path (see `pickHost`). The control API and the phone
 * answer only loopback and `access`'s names (see `controlAccess`).
 */
export function createPlatform(platform: Platform, access: ControlAccess = {}, mounts: readonly Mount[] = []) {
  const app = new Hono<PlatformEnv>()
  const guard = controlAccess(access, [/^\/_sandbox\/(people\/[^/]+\/(scan|miniprogram\/scan-code)|qr\/resolve)$/])
  const limit = limitBody('sandbox', MAX_CONTROL_BODY_BYTES)

  // Every event written while serving a request carries the journey its caller names.
  app.use((c, next) => journeyContext.run({ journeyId: c.req.header('x-sandbox-journey') ?? null }, next))
  // the brand's calls to WeChat and the phone's story calls, for the presenter's sequence diagram
  app.use(wireTap(platform))

  app.use(async (c, next) => {
    const url = new URL(c.req.url)
    const target = pickHost(url, c.req.raw.headers)
    if (!target) {
      c.set('platform', platform)
      c.set('db', platform.db)
      c.set('requestId', 'sandbox')
      return guard(c, async () => {
        // a refused body is answered by the limit itself (next is never called)
        const refused = await limit(c, next)
        if (refused instanceof Response) c.res = refused
      })
    }
    let req = c.req.raw
    if (target.path !== url.pathname) {
      const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers: req.headers, body: req.body, duplex: 'half' }
      req = new Request(new URL(target.path + url.search, url), init)
    }
    return HOSTS[target.host].fetch(req, { platform })
  })

  app.route('/_sandbox', sandbox)
  app.route('/_sandbox', chatSandbox)
  app.route('/_sandbox', miniprogramApps)
  app.route('/_sandbox/pay', paySandbox)
  app.route('/_sandbox', miniprogramSandbox)
  app.route('/_sandbox', qrSandbox)
  app.route('/_sandbox', officialAccountSandbox)
  app.route('/_sandbox', cardsSandbox)
  app.route('/_sandbox', channelsSandbox)
  app.route('/_sandbox', wecomSandbox)
  app.route('/_sandbox', labReports)
  app.route('/_sandbox', wire)
  // behind the same access guard and body limit as the rest of the control API
  for (const m of mounts) app.route(m.path, m.app)
  app.route('/_sandbox', faultRoutes)
  app.route('/', phoneUi())
  app.notFound(() => new SandboxError(404, 'not_found', 'no such sandbox route').getResponse())
  app.onError((err) => errorResponse('sandbox', err, 'sandbox'))
  return app
}

export type PlatformApp = ReturnType<typeof createPlatform>
