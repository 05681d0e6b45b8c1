import { randomBytes } from 'node:crypto'
import { networkInterfaces } from 'node:os'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { BrandKitError, CAFE_KIT, loadBrandKit, type BrandKit } from '../merchant-demo/src/brand'
import { startMerchant, type RunningMerchant } from '../merchant-demo/src/server'
import { connectWeCom } from '../merchant-demo/src/wecom'
import { startPlatform } from '../platform-mock/src/server'
import { kitCatalog } from './catalog'
import { Classroom } from './classroom'
import { kitWorld } from './world'

const USAGE = `Usage: npm start -- [options]

  --port N            platform port (default 4000; env PORT)
  --merchant-port N   merchant-demo port (default: platform port + 100)
  --data DIR          where the libSQL files live (default .sandbox/)
  --memory            a throwaway world, deleted on exit
  --seed N            deterministic ids, secrets and clock for a new world
  --kit FILE          the world kit: the brand, its apps, catalog, content and people
                      (default merchant-demo/brands/cafe.json; --brand is the same)
  --no-merchant       start the platform alone
  --lab-dir DIR       where the strategy lab's runs are (npm run simulate), for the presenter's
                      list of reports (default .sandbox/lab)
  --host ADDR         address to listen on (default 127.0.0.1); another than loopback (a classroom
                      on a LAN) prints a control token the other machines need (env SANDBOX_TOKEN)
  --allow-host NAME   another name the control API and the phone answer to (repeatable)
  -h, --help          this text

  DATABASE_URL (libsql://…, http://…, file:…) and DATABASE_AUTH_TOKEN select another database.
  STAFF_TOKEN sets the merchant demo's staff credential (default: made once per store database).`

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`)
  process.exit(2)
}

function port(value: string | undefined, name: string, fallback: number) {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`${name} must be a port number, not "${value}"`)
  return n
}

/** The platform's URL as other machines reach it: with the first LAN address when listening on all. */
function lanUrl(url: string, host: string) {
  if (host !== '0.0.0.0' && host !== '::') return url
  const lan = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)
  return lan ? url.replace('//localhost:', `//${lan.address}:`) : url
}

async function main() {
  let args
  try {
    args = parseArgs({
      options: {
        port: { type: 'string' },
        'merchant-port': { type: 'string' },
        data: { type: 'string' },
        memory: { type: 'boolean', default: false },
        seed: { type: 'string' },
        kit: { type: 'string' },
        brand: { type: 'string' },
        'no-merchant': { type: 'boolean', default: false },
        'lab-dir': { type: 'string' },
        host: { type: 'string' },
        'allow-host': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values
  } catch (err) {
    fail((err as Error).message)
  }
  if (args.help) {
    console.log(USAGE)
    return
  }
  if (args.seed !== undefined && !/^\d+$/.test(args.seed)) fail(`--seed must be a whole number, not "${args.seed}"`)
  const platformPort = port(args.port ?? process.env.PORT, '--port', 4000)
  const merchantPort = port(args['merchant-port'], '--merchant-port', platformPort + 100)
  const dataDir = resolve(args.data ?? '.sandbox')
  // the kit is read before anything starts: a bad one leaves the data dir as it was
  if (args.kit !== undefined && args.brand !== undefined) fail('give --kit or --brand (the same option), not both')
  const kitFile = args.kit ?? args.brand
  let kit: BrandKit
  {
    try {
      kit = loadBrandKit(kitFile !== undefined ? resolve(kitFile) : CAFE_KIT)
    } catch (err) {
      if (!(err instanceof BrandKitError)) throw err
      // every problem at once, without the usage text: the options were fine, the file is not
      console.error(`the sandbox did not start: ${err.message}`)
      process.exit(1)
    }
  }
  const databaseUrl = process.env.DATABASE_URL ?? `file:${resolve(dataDir, 'platform.db')}`

  // on a LAN the control API (which hands out the merchant's private key) needs a token from
  // other machines; the phone keeps it in a cookie once the printed URL is opened
  const shared = args.host !== undefined && !/^(127\.\d+\.\d+\.\d+|::1|localhost)$/i.test(args.host)
  const token = shared ? process.env.SANDBOX_TOKEN || randomBytes(16).toString('hex') : null

  // classroom mode's routes (/_sandbox/classroom/…), attached to the store once it is up
  const classroom = new Classroom()
  let running
  try {
    running = await startPlatform({
      mount: [{ path: '/_sandbox/classroom', app: classroom.routes }],
      port: platformPort,
      hostname: args.host,
      allowedHosts: args['allow-host'],
      token,
      memory: args.memory,
      databaseUrl,
      authToken: process.env.DATABASE_AUTH_TOKEN,
      seed: args.seed ?? null,
      world: kitWorld(kit),
      labDir: resolve(args['lab-dir'] ?? '.sandbox/lab'),
    })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') fail(`port ${platformPort} is in use: is a sandbox already running? Try --port`)
    throw err
  }
  const { url, platform } = running
  let merchant: RunningMerchant | null = null
  let staffToken = process.env.STAFF_TOKEN || undefined
  const dbFor = (k: BrandKit) => process.env.MERCHANT_DATABASE_URL ?? `file:${resolve(dataDir, k.id === kit.id ? 'merchant.db' : `merchant-${k.id}.db`)}`
  // a world just seeded gets the kit's articles; one that has been running has them already
  const openStore = async (k: BrandKit, fresh: boolean) => {
    merchant = await startMerchant({
      platformUrl: url,
      port: merchantPort,
      hostname: args.host,
      memory: args.memory,
      databaseUrl: dbFor(k),
      brand: k,
      // the default world starts with its Official Account connected and the kit's articles published
      officialAccount: process.env.MERCHANT_OFFICIAL_ACCOUNT !== '0',
      articles: process.env.MERCHANT_OFFICIAL_ACCOUNT === '0' ? false : fresh || 'published',
      // the staff credential for /admin/*: CI and the e2e config choose it; else the first store's, kept across switches
      staffToken,
      // the kit's Channels videos and live notice, so Discover → Channels has something to show
      channels: process.env.MERCHANT_CHANNELS !== '0',
    })
    staffToken = merchant.staffToken
    // the store's WeCom callback and customer tags, so adding a consultant in a phone gets the welcome card
    if (process.env.MERCHANT_WECOM !== '0') await connectWeCom(merchant.store).catch((err: Error) => console.warn(`note: the merchant demo could not connect WeCom: ${err.message}`))
  }
  if (!args['no-merchant']) {
    try {
      await openStore(kit, platform.seededNow)
    } catch (err) {
      await running.close()
      const code = (err as NodeJS.ErrnoException).code
      if (code === 'EADDRINUSE') fail(`port ${merchantPort} is in use: try --merchant-port`)
      fail(`the merchant demo could not start: ${(err as Error).message}`)
    }
    // POST /_sandbox/world (and the presenter's world picker): the platform reseeds, the store follows
    const catalog = kitCatalog(kit, {
      stop: async () => {
        await merchant?.close()
        merchant = null
      },
      start: async (k) => {
        await openStore(k, true)
        console.log(`  World switched to ${k.name}: merchant demo ${merchant!.url}`)
      },
    })
    platform.catalog = catalog
    // a lesson's store runs on the merchant port in place of this one (launcher/classroom.ts)
    const close = async () => {
      await merchant?.close()
      merchant = null
    }
    classroom.attach({
      platform,
      platformUrl: url,
      kit: () => catalog.kit(),
      port: merchantPort,
      hostname: args.host,
      staffToken,
      store: { current: () => merchant, close, put: async (start) => (await close(), (merchant = await start())), ordinary: (k) => openStore(k, true) },
    })
  }
  if (platform.replaced) console.warn(`note: the data dir held another world (or an older kit); it was seeded again from ${kit.name}'s kit.`)
  if (args.seed !== undefined && platform.worldSeed !== args.seed) {
    console.warn(`note: this data dir holds a world seeded with ${platform.worldSeed ?? 'no seed'}; --seed applies to a new world.`)
    console.warn(`      reset it with: curl ${url}/_sandbox/reset --json '{"seed":${args.seed}}'`)
  }
  // set in openStore's closure, which the compiler does not follow
  const shown = merchant as RunningMerchant | null
  const where = args.memory ? 'in memory (deleted on exit)' : process.env.DATABASE_URL ? process.env.DATABASE_URL : dataDir
  console.log(`
  WeChat Commerce Sandbox is running

  Platform (WeChat APIs)   ${url}
    api.weixin.qq.com      ${url}/cgi-bin/…  /sns/…  /wxa/…
    api.mch.weixin.qq.com  ${url}/v3/…
    qyapi.weixin.qq.com    ${url}/wecom/cgi-bin/…
  Credentials              ${url}/_sandbox/credentials
  Event log (SSE)          ${url}/_sandbox/events/stream
  Strategy lab reports     ${url}/_sandbox/lab/reports   (${platform.labDir})
  Merchant demo            ${shown ? `${shown.url}  (${shown.store.kit.name}; pages at ${shown.url}/mp)` : 'not started (--no-merchant)'}${shown ? `
    staff (/admin/…)       Authorization: Bearer ${shown.staffToken}
                           curl -H 'Authorization: Bearer ${shown.staffToken}' ${shown.url}/admin/orders` : ''}

  Data                     ${where}
  World                    ${platform.worldSeed === null ? 'random ids, live clock' : `seed ${platform.worldSeed}, clock frozen at ${platform.clock.describe().now}`}
  Kit                      ${kit.name} (${kitFile ?? 'the default café kit'})
  Reset the world          curl -X POST ${url}/_sandbox/reset   (or delete ${args.memory ? 'nothing' : dataDir} and restart)
  Switch worlds            curl ${url}/_sandbox/world --json '{"kit":"${platform.catalog?.list().find((k) => k.id !== kit.id)?.id ?? kit.id}"}'
${token ? `
  Shared on the network    phones on other machines open ${lanUrl(url, args.host!)}/?token=${token}
  Control token            ${token}   (other machines send X-Sandbox-Token: ${token})
` : ''}
  Ctrl-C stops.
`)
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: stopping…`)
    await merchant?.close()
    await classroom.close()
    await running.close()
    console.log('stopped; the world is saved.')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((err) => {
  console.error('the sandbox could not start:', err)
  process.exit(1)
})
