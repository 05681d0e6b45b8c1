import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { CAFE_KIT, loadBrandKit, type BrandKit } from './brand'
import { Catalog } from './catalog'
import { fetchCredentials } from './config'
import type { Store } from './context'
import { memoryMerchantDb, openMerchantDb } from './db'
import { createMerchantApp } from './app'
import { publish } from './publish'
import { publishChannels } from './channels'
import { seedStock } from './orders'
import { reconcile } from './aftersales'
import { expirePoints } from './points'
import { remindExpiringCoupons } from './messages'
import { WeChatClient } from '../wechat/client'
import { WeChatPay } from '../wechat/pay'
import { OfficialAccountClient } from '../wechat/official-account'
import { OaCrypto } from '../wechat/oa-crypto'
import { connectOfficialAccount, publishArticles } from './official-account'
import { StoreClock } from './clock'
import { reengage } from './wecom'
import { watchSandbox, type SandboxWatch } from './sandbox-watch'
import { staffToken } from './staff'

export interface MerchantOptions {
  /** the platform (its `/_sandbox/credentials` configures the store) */
  platformUrl: string
  /** 0 picks a free port; default 4100 */
  port?: number
  hostname?: string
  /** a libSQL URL; default `file:.sandbox/merchant.db` */
  databaseUrl?: string
  authToken?: string
  /** a throwaway database, deleted on close */
  memory?: boolean
  /** a brand kit file (default: the café kit) or an already-parsed kit */
  brand?: string | BrandKit
  /** publish the pages to the platform at start (default true) */
  publish?: boolean
  /** where the pages are built (tests) */
  pagesDir?: string
  /**
   * how often (in business time) the jobs run: reconciliation of overdue orders and refunds, points
   * lapsing, coupon-expiring reminders (default 60 s; 0: never — tests and scenarios run them by hand)
   */
  reconcileEveryMs?: number
  /** how long the store waits for WeChat Pay's answers (default 10 s) */
  payTimeoutMs?: number
  /** how often the jobs' timer reads the sandbox's clock (default 2 s), so an advance runs them soon after */
  clockSyncEveryMs?: number
  /**
   * connect the Official Account at start: server configuration (safe mode) and menu. Off by
   * default so the scenarios' golden traces stay as they are; `MERCHANT_OFFICIAL_ACCOUNT=1` turns it on.
   */
  officialAccount?: boolean
  /** publish the kit's campaign articles (`'published'`: the world has them already) */
  articles?: boolean | 'published'
  /** post the kit's Channels videos and schedule its live at start (default: MERCHANT_CHANNELS=1); `POST /admin/channels/publish` does it later */
  channels?: boolean
  /**
   * set everything up again when the sandbox's world is reset or restored (`sandbox-watch.ts`):
   * default true; false leaves the store as it is (it then has to be republished by hand)
   */
  watchSandbox?: boolean
  /**
   * the staff credential `/admin/*` asks for (`Authorization: Bearer <token>`); default: the one in
   * the store's database, made at its first start (the CLI passes `STAFF_TOKEN` when it is set)
   */
  staffToken?: string
  /**
   * No socket: the store answers only through `fetch` of the result, under this origin (the
   * strategy lab routes a process's calls to it in memory). `port` and `hostname` are then unused.
   */
  inProcess?: { url: string }
}

export interface RunningMerchant {
  url: string
  port: number
  store: Store
  /** what the staff send to `/admin/*`: `Authorization: Bearer <staffToken>` */
  staffToken: string
  /** publish the pages again (after a platform reset) */
  publish(): Promise<void>
  /** configure the Official Account's server and menu again (after a platform reset) */
  connectOfficialAccount(): ReturnType<typeof connectOfficialAccount>
  /** the watcher that sets the store up again after a sandbox reset (null when turned off) */
  sandboxWatch: SandboxWatch | null
  /** the store's HTTP handler (what its server runs; an in-process store has only this) */
  fetch(request: Request): Response | Promise<Response>
  close(): Promise<void>
}

/** Starts the demo store: credentials from the platform, its own database, HTTP, then publishing. */
export async function startMerchant(opts: MerchantOptions): Promise<RunningMerchant> {
  const kit = typeof opts.brand === 'object' ? opts.brand : loadBrandKit(opts.brand ? resolve(opts.brand) : CAFE_KIT)
  const platformUrl = opts.platformUrl.replace(/\/$/, '')
  const cred = await fetchCredentials(platformUrl)
  const opened = opts.memory ? await memoryMerchantDb() : await openMerchantDb(opts.databaseUrl ?? `file:${resolve('.sandbox/merchant.db')}`, opts.authToken)
  const staff = await staffToken(opened.db, opts.staffToken).catch((err) => {
    opened.close()
    throw err
  })

  let app: ReturnType<typeof createMerchantApp> | null = null
  const handler = (req: Request, env?: unknown) => app?.fetch(req, env as never) ?? new Response('starting', { status: 503 })
  let server: ServerType | null = null
  let port = 0
  let url: string
  if (opts.inProcess) url = opts.inProcess.url.replace(/\/$/, '')
  else {
    const s = await new Promise<ServerType>((done, fail) => {
      const s = serve({ fetch: handler, port: opts.port ?? 4100, hostname: opts.hostname ?? '127.0.0.1', overrideGlobalObjects: false }, () => done(s))
      s.once('error', (err) => {
        opened.close()
        fail(err)
      })
    })
    // idle keep-alive sockets stay open longer than clients keep them (Node's 5 s lost the race with
    // a client reusing one just as it closed: ECONNRESET on its next request)
    ;(s as { keepAliveTimeout?: number; headersTimeout?: number }).keepAliveTimeout = 65_000
    ;(s as { keepAliveTimeout?: number; headersTimeout?: number }).headersTimeout = 66_000
    server = s
    port = (s.address() as AddressInfo).port
    const host = opts.hostname && !['0.0.0.0', '127.0.0.1'].includes(opts.hostname) ? opts.hostname : 'localhost'
    url = `http://${host}:${port}`
  }

  const apiBase = cred.platform.hosts['api.weixin.qq.com'] ?? cred.platform.baseUrl
  const payBase = cred.platform.hosts['api.mch.weixin.qq.com'] ?? cred.platform.baseUrl
  const clock = new StoreClock(platformUrl)
  await clock.sync()
  const store: Store = {
    db: opened.db,
    kit,
    catalog: new Catalog(kit),
    wechat: new WeChatClient({ appid: cred.miniProgram.appid, secret: cred.miniProgram.secret, baseUrl: apiBase }),
    pay: new WeChatPay({ ...cred.pay, baseUrl: payBase, timeoutMs: opts.payTimeoutMs }),
    oa: new OfficialAccountClient({ appid: cred.officialAccount.appid, secret: cred.officialAccount.secret, baseUrl: apiBase, mpBaseUrl: cred.platform.hosts['mp.weixin.qq.com'] ?? cred.platform.baseUrl }),
    officialAccount: { appid: cred.officialAccount.appid, originalId: cred.officialAccount.originalId, token: cred.officialAccount.token, encodingAESKey: cred.officialAccount.encodingAESKey },
    oaCrypto: new OaCrypto(cred.officialAccount.token, cred.officialAccount.encodingAESKey, cred.officialAccount.appid),
    sandbox: true,
    appid: cred.miniProgram.appid,
    platformUrl,
    publicUrl: url,
    clock,
    now: () => clock.now(),
    setUp: new Set(),
  }
  await seedStock(store)
  let sandboxWatch: SandboxWatch | null = null
  app = createMerchantApp(store, { staffToken: staff, pagesDir: opts.pagesDir, sandboxWatch: () => sandboxWatch })
  if (opts.publish !== false) await publish(store)
  if (opts.officialAccount ?? ['1', 'true', 'on'].includes(process.env.MERCHANT_OFFICIAL_ACCOUNT ?? '')) await connectOfficialAccount(store)
  // the kit's articles: published into a world that has none yet; a world that has them is only
  // remembered as set up, so that a reset (which empties the account) publishes them again
  if (opts.articles === 'published') store.setUp.add('articles')
  else if (opts.articles) await publishArticles(store)
  if (opts.channels ?? ['1', 'true', 'on'].includes(process.env.MERCHANT_CHANNELS ?? '')) await publishChannels(store)
  // the jobs (reconciliation, points lapsing, coupon reminders, WeCom re-engagement) run every `every` ms of business
  // time: a tick reads the sandbox's clock, so a clock advance of days runs them at once, and a
  // frozen clock holds them (nothing is due when no time passes)
  const every = opts.reconcileEveryMs ?? 60_000
  let lastRun = clock.now().getTime()
  let running = false
  const timer = every > 0 ? setInterval(() => {
    if (running) return
    running = true
    clock
      .sync()
      .then(async () => {
        const now = clock.now().getTime()
        // a platform reset or snapshot restore moves business time back: count from there
        if (now < lastRun) lastRun = now
        if (now - lastRun < every) return
        lastRun = now
        await Promise.all([reconcile(store), expirePoints(store), remindExpiringCoupons(store), store.setUp.has('wecom') && reengage(store)])
      })
      .catch((err) => console.warn('merchant-demo: jobs failed:', (err as Error).message))
      .finally(() => (running = false))
  }, Math.min(every, opts.clockSyncEveryMs ?? 2000)) : null
  timer?.unref()
  // a reset sends a seeded clock back to its start: the jobs count business time from there
  sandboxWatch = store.sandbox && opts.watchSandbox !== false ? watchSandbox(store, { onReplaced: () => (lastRun = clock.now().getTime()) }) : null
  return {
    url,
    port,
    store,
    staffToken: staff,
    publish: () => publish(store),
    connectOfficialAccount: () => connectOfficialAccount(store),
    sandboxWatch,
    fetch: (request) => handler(request),
    async close() {
      if (timer) clearInterval(timer)
      await sandboxWatch?.close()
      if (server) {
        const s = server
        await new Promise<void>((done) => {
          s.close(() => done())
          ;(s as { closeAllConnections?: () => void }).closeAllConnections?.()
        })
      }
      opened.close()
    },
  }
}
