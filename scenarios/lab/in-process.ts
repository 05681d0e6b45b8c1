import { startPlatform, type RunningPlatform } from '../../platform-mock/src/server'
import { startMerchant, type RunningMerchant } from '../../merchant-demo/src/server'
import type { BrandKit } from '../../merchant-demo/src/brand'
import type { World } from '../../platform-mock/src/world/world'

type Handler = (request: Request) => Response | Promise<Response>

/**
 * The sandbox of one strategy-lab shard, without sockets: the platform and the demo store answer
 * through their own HTTP handlers, and this process's `fetch` hands every call to their origins
 * straight to them (the actors' calls, the store's calls to WeChat, WeChat Pay's notifications to
 * the store) — the same code and the same requests as over the network, minus the TCP.
 */
export interface InProcessSandbox {
  platformUrl: string
  merchantUrl: string
  staffToken: string
  platform: RunningPlatform
  merchant: RunningMerchant
  close(): Promise<void>
}

const routes = new Map<string, Handler>()
let realFetch: typeof fetch | null = null

/** Routes `fetch` calls to `origin` to `handler` in this process (installs the router on first use). */
function route(origin: string, handler: Handler) {
  if (!realFetch) {
    const passThrough = globalThis.fetch
    realFetch = passThrough
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
      const to = routes.get(originOf(url))
      if (!to) return passThrough(input, init)
      const request = input instanceof Request && !init ? input : new Request(input, init)
      return to(request)
    }) as typeof fetch
  }
  routes.set(origin, handler)
}

function unroute(origin: string) {
  routes.delete(origin)
  if (!routes.size && realFetch) {
    globalThis.fetch = realFetch
    realFetch = null
  }
}

const originOf = (url: string) => {
  const i = url.indexOf('/', url.indexOf('//') + 2)
  return i < 0 ? url : url.slice(0, i)
}

let sandboxes = 0

/** A platform seeded with `world` (memory database, frozen seeded clock) and the store configured by `kit`, both in memory. */
export async function startInProcess(seed: number, kit: BrandKit, world: World): Promise<InProcessSandbox> {
  const n = ++sandboxes
  const platformUrl = `http://platform-${n}.lab.invalid`
  const merchantUrl = `http://store-${n}.lab.invalid`
  const platform = await startPlatform({ memory: true, seed: String(seed), world, inProcess: { url: platformUrl } })
  route(platformUrl, platform.fetch)
  let merchant: RunningMerchant
  try {
    route(merchantUrl, (request) => merchant.fetch(request))
    merchant = await startMerchant({ platformUrl, memory: true, reconcileEveryMs: 0, watchSandbox: false, brand: kit, inProcess: { url: merchantUrl } })
  } catch (err) {
    unroute(merchantUrl)
    unroute(platformUrl)
    await platform.close()
    throw err
  }
  return {
    platformUrl,
    merchantUrl,
    staffToken: merchant.staffToken,
    platform,
    merchant,
    async close() {
      await merchant.close()
      await platform.platform.scheduler.idle()
      await platform.close()
      unroute(merchantUrl)
      unroute(platformUrl)
    },
  }
}
