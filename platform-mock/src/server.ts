import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { hostname as machineName, networkInterfaces } from 'node:os'
import { createPlatform, type Mount } from './app'
import { Platform } from './platform'
import { memoryDb, openDb, type Db } from './shared/db'
import type { World, WorldCatalog } from './world/world'

export interface StartOptions {
  /** 0 picks a free port */
  port?: number
  hostname?: string
  /** a libSQL URL (`file:…`, `libsql://…`, `http://…`); ignored with `memory` */
  databaseUrl?: string
  authToken?: string
  memory?: boolean
  seed?: string | null
  /** the world to seed (default: the café); a stored world declared otherwise is replaced by it */
  world?: World
  /** the kits `POST /_sandbox/world` can switch to */
  catalog?: WorldCatalog
  /** the strategy lab's directory of runs (`npm run simulate`), listed at `/_sandbox/lab/reports` */
  labDir?: string | null
  /** an already-open database (tests) */
  db?: Db
  /** more host names the control API and the phone answer to (loopback and `hostname` always do) */
  allowedHosts?: string[]
  /** callers on other machines must present it (see `controlAccess`); the CLI makes one for `--host` */
  token?: string | null
  /**
   * No socket: the platform answers only through `fetch` of the result, under this origin (the
   * strategy lab routes a process's calls to it in memory). `port` and `hostname` are then unused.
   */
  inProcess?: { url: string }
  /** more control routes (`/_sandbox/…`) from the caller: the launcher's classroom; the platform imports no scenario */
  mount?: readonly Mount[]
}

export interface RunningPlatform {
  url: string
  port: number
  platform: Platform
  /** the platform's HTTP handler (what the server runs; an in-process platform has only this) */
  fetch(request: Request): Response | Promise<Response>
  close(): Promise<void>
}

/** The names a machine listening on `address` is reached by: the address, or every interface's. */
function listenNames(address: string | undefined): string[] {
  if (!address) return []
  if (address !== '0.0.0.0' && address !== '::') return [address]
  const addresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address))
  return [...addresses, machineName(), `${machineName()}.local`]
}

/** Opens the database, the world and an HTTP server; `close()` undoes all three. */
export async function startPlatform(opts: StartOptions = {}): Promise<RunningPlatform> {
  const db = opts.db ?? (opts.memory ? await memoryDb() : await openDb(opts.databaseUrl ?? 'file:.sandbox/platform.db', { authToken: opts.authToken }))
  const platform = await Platform.open(db, { seed: opts.seed ?? null, world: opts.world })
  platform.catalog = opts.catalog ?? null
  platform.labDir = opts.labDir ?? null
  platform.scheduler.startTicking()
  if (opts.inProcess) {
    const url = opts.inProcess.url.replace(/\/$/, '')
    const app = createPlatform(platform, { allowedHosts: [new URL(url).hostname, ...(opts.allowedHosts ?? [])], token: opts.token ?? null }, opts.mount)
    return { url, port: 0, platform, fetch: (request) => app.fetch(request), close: () => platform.close() }
  }
  const app = createPlatform(platform, { allowedHosts: [...listenNames(opts.hostname), ...(opts.allowedHosts ?? [])], token: opts.token ?? null }, opts.mount)
  const server = await new Promise<ServerType>((resolve, reject) => {
    // overrideGlobalObjects: false keeps msw's fetch interception working in the same process
    const s = serve(
      { fetch: app.fetch, port: opts.port ?? 4000, hostname: opts.hostname ?? '127.0.0.1', overrideGlobalObjects: false },
      () => resolve(s),
    )
    s.once('error', reject)
  })
  // idle keep-alive sockets stay open longer than clients keep them (Node's 5 s lost the race with
  // a client reusing one just as it closed: ECONNRESET on its next request)
  ;(server as { keepAliveTimeout?: number; headersTimeout?: number }).keepAliveTimeout = 65_000
  ;(server as { keepAliveTimeout?: number; headersTimeout?: number }).headersTimeout = 66_000
  const port = (server.address() as AddressInfo).port
  const host = opts.hostname && opts.hostname !== '0.0.0.0' ? opts.hostname : 'localhost'
  return {
    url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`,
    port,
    platform,
    fetch: (request) => app.fetch(request),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        // SSE streams would hold the server open
        ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      })
      await platform.close()
    },
  }
}
