import autocannon from 'autocannon'
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { createPrivateKey, randomBytes, sign } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { benchJourney } from './journeys'
import { benchLab } from './lab'
import type { ServerName } from './servers'

/**
 * `npm run bench`: each case loads one server in its own process with autocannon (50
 * connections) and is reported as requests/s, p99 latency, and the ratio to its baseline measured
 * in the same run: this machine is shared and noisy, so only same-run ratios mean anything.
 */
interface Req {
  method?: string
  path: string
  headers?: Record<string, string>
  body?: string
}

interface Case {
  name: string
  server: ServerName
  /** prepares the server (tokens, orders…) and returns the request to repeat, or many to cycle through */
  request: (baseUrl: string) => Promise<Req | Req[]>
  baseline?: string
}

/** Keys for the pay cases: the sandbox's own credentials, read once from a throwaway platform. */
let payKeys: { cred: any; env: string } | undefined

/** Signed JSAPI orders, each with its own out_trade_no, signed before the load starts. */
function signedOrders(cred: any, count: number): Req[] {
  const key = createPrivateKey(cred.pay.merchantPrivateKey)
  const path = '/v3/pay/transactions/jsapi'
  const openid = cred.benchOpenid
  return Array.from({ length: count }, (_, i) => {
    const body = JSON.stringify({
      appid: cred.miniProgram.appid,
      mchid: cred.pay.mchid,
      description: 'Lumen Coffee - Oat Latte',
      out_trade_no: `BENCH${Date.now()}${i}`,
      notify_url: 'http://127.0.0.1:9/notify',
      amount: { total: 2800, currency: 'CNY' },
      payer: { openid },
    })
    const ts = String(Math.floor(Date.now() / 1000))
    const nonce = randomBytes(16).toString('hex')
    const signature = sign('sha256', Buffer.from(`POST\n${path}\n${ts}\n${nonce}\n${body}\n`), key).toString('base64')
    const authorization = `WECHATPAY2-SHA256-RSA2048 mchid="${cred.pay.mchid}",nonce_str="${nonce}",timestamp="${ts}",serial_no="${cred.pay.merchantSerialNo}",signature="${signature}"`
    return { method: 'POST', path, body, headers: { Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/json' } }
  })
}

const ORDERS_PER_RUN = Number(process.env.BENCH_ORDERS ?? 6000)

const CASES: Case[] = [
  { name: 'node:http hello JSON (floor)', server: 'node-http', request: async () => ({ path: '/' }) },
  {
    name: 'platform: control API health',
    server: 'platform',
    baseline: 'node:http hello JSON (floor)',
    request: async () => ({ path: '/_sandbox/health' }),
  },
  {
    name: 'platform: token-checked follower list',
    server: 'platform',
    baseline: 'node:http hello JSON (floor)',
    request: async (base) => {
      const cred = await (await fetch(`${base}/_sandbox/credentials`)).json()
      const q = `grant_type=client_credential&appid=${cred.officialAccount.appid}&secret=${cred.officialAccount.secret}`
      const { access_token } = await (await fetch(`${base}/cgi-bin/token?${q}`)).json()
      return { path: `/cgi-bin/user/get?access_token=${access_token}` }
    },
  },
  {
    name: 'bare: verify + insert + sign (pay floor)',
    server: 'pay-bare',
    request: async () => signedOrders(payKeys!.cred, ORDERS_PER_RUN),
  },
  {
    name: 'pay: signed JSAPI order creation',
    server: 'platform',
    baseline: 'bare: verify + insert + sign (pay floor)',
    request: async (base) => {
      // this platform has its own keys: sign with them
      const cred = await (await fetch(`${base}/_sandbox/credentials`)).json()
      const alice = await (await fetch(`${base}/_sandbox/people/alice`)).json()
      cred.benchOpenid = alice.identities.find((i: any) => i.appid === cred.miniProgram.appid).openid
      return signedOrders(cred, ORDERS_PER_RUN)
    },
  },
]

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const only = process.argv.slice(2)
const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

async function startServer(name: ServerName, env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL('./servers.ts', import.meta.url))
  const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url))
  const argv = [process.execPath, tsx, script, name]
  const options = { env: { ...process.env, ...env } }
  const child = hasTaskset ? spawn('taskset', ['-c', '0', ...argv], options) : spawn(argv[0]!, argv.slice(1), options)
  child.stderr!.pipe(process.stderr)
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk) => {
      out += chunk
      const m = out.match(/PORT (\d+)/)
      if (m) resolve(Number(m[1]))
    })
    child.on('exit', (code) => reject(new Error(`bench server ${name} exited with ${code}`)))
  })
  return { url: `http://127.0.0.1:${port}`, child }
}

async function load(url: string, req: Req | Req[], duration = seconds) {
  const many = Array.isArray(req) ? req : null
  const first = many ? many[0]! : (req as Req)
  let next = 0
  const result = await autocannon({
    url: url + first.path,
    method: (first.method ?? 'GET') as 'GET',
    headers: first.headers,
    body: first.body,
    connections: 50,
    duration,
    // cycle through distinct requests (each signed order once) when there are many
    ...(many && {
      requests: [{ setupRequest: (r: any) => ({ ...r, ...many[next++ % many.length]!, method: many[0]!.method }) }],
    }),
  })
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors }
}

/** Credentials of a throwaway platform, for the bare pay floor's keys and requests. */
async function benchKeys() {
  const { url, child } = await startServer('platform')
  try {
    const cred = await (await fetch(`${url}/_sandbox/credentials`)).json()
    const alice = await (await fetch(`${url}/_sandbox/people/alice`)).json()
    cred.benchOpenid = alice.identities[0].openid
    const { X509Certificate } = await import('node:crypto')
    const merchantPublic = new X509Certificate(cred.pay.merchantCertificate).publicKey.export({ type: 'spki', format: 'pem' }).toString()
    return { cred, env: JSON.stringify({ merchantPublic, platformPrivate: cred.pay.merchantPrivateKey }) }
  } finally {
    child.kill()
  }
}

const results = new Map<string, { rps: number; p99: number; non2xx: number; errors: number }>()
console.log(`benchmarks: ${seconds}s each, 50 connections${hasTaskset ? ', server pinned to core 0' : ''}\n`)
for (const c of CASES) {
  if (only.length && !only.some((o) => c.name.includes(o)) && !results.has(c.baseline ?? '')) continue
  if (c.server === 'pay-bare' && !payKeys) payKeys = await benchKeys()
  const { url, child } = await startServer(c.server, c.server === 'pay-bare' ? { BENCH_KEYS: payKeys!.env } : {})
  try {
    const req = await c.request(url)
    await load(url, Array.isArray(req) ? req.slice(-1000) : req, 1) // a short warm-up
      .catch(() => undefined)
    const r = await load(url, Array.isArray(req) ? req.slice(0, -1000) : req)
    results.set(c.name, r)
    const base = c.baseline ? results.get(c.baseline) : undefined
    const ratio = base ? `  ${(r.rps / base.rps).toFixed(2)}× ${c.baseline}` : ''
    const bad = r.non2xx || r.errors ? `  (${r.non2xx} non-2xx, ${r.errors} errors)` : ''
    console.log(`${c.name.padEnd(44)} ${r.rps.toFixed(0).padStart(7)} req/s  p99 ${String(r.p99).padStart(4)} ms${ratio}${bad}`)
  } finally {
    child.kill()
  }
}

// ---- headless journeys: journey 1 replayed in this process, beside the raw request cost above
if (!only.length || only.some((o) => 'journey'.includes(o) || o.includes('journey'))) {
  const runs = Number(process.env.BENCH_JOURNEYS ?? 10)
  const j = await benchJourney('offline-table-qr', runs, 4)
  const perRequest = j.medianStepsMs / j.stepRequests
  console.log(`\nheadless journeys (${j.runs} runs each, a fresh sandbox per run, in this process)`)
  console.log(`${'journey 1: offline-table-qr, one at a time'.padEnd(44)} ${j.perSecond.toFixed(2).padStart(7)} journeys/s  median ${j.medianMs.toFixed(0)} ms (steps only ${j.medianStepsMs.toFixed(0)} ms)`)
  console.log(`${`journey 1: offline-table-qr, ${j.parallel} at once`.padEnd(44)} ${j.parallelPerSecond.toFixed(2).padStart(7)} journeys/s`)
  const raw = results.get('platform: control API health')
  const rawMs = raw ? 1000 / raw.rps : undefined
  console.log(
    `${'one journey: HTTP requests, ms per request'.padEnd(44)} ${String(j.requests).padStart(7)} requests (${j.stepRequests} in its steps)  ${perRequest.toFixed(2)} ms per step request` +
      (rawMs ? `  ${(perRequest / rawMs).toFixed(0)}× the raw request cost (platform: control API health, ${rawMs.toFixed(3)} ms/request at 50 connections)` : ''),
  )
}

// ---- the strategy lab: whole runs of the default strategy, 30 days, growing populations
if (!only.length || only.includes('lab')) {
  const sizes = (process.env.BENCH_LAB_PEOPLE ?? '1000,10000,100000').split(',').map(Number)
  const runs = await benchLab(sizes)
  const first = runs[0]!
  console.log(`\nstrategy lab (default strategy, café kit, 30 days, seed 1; communities of 5 000 people, one sandbox each)`)
  for (const r of runs) {
    const growth = r === first ? '' : `  ${(r.ms / first.ms).toFixed(1)}× the time of ${first.people.toLocaleString('en-US')} for ${(r.people / first.people).toFixed(0)}× the people`
    console.log(`${`${r.people.toLocaleString('en-US')} people on ${r.workers} thread${r.workers === 1 ? '' : 's'}`.padEnd(44)} ${(r.ms / 1000).toFixed(1).padStart(7)} s  ${r.peoplePerSecond.toFixed(0).padStart(6)} people/s  ${r.shards} shard${r.shards === 1 ? '' : 's'}, max heap per shard ${r.maxShardHeapMb} MB${growth}`)
  }
  const all = runs.find((r) => r.people === 10_000 && r.workers > 1)
  const one = runs.find((r) => r.people === 10_000 && r.workers === 1)
  if (all && one) console.log(`${'10 000 people: every core against one'.padEnd(44)} ${(one.ms / all.ms).toFixed(2).padStart(7)}×  (goal: under 60 s on every core: ${all.ms < 60_000 ? 'met' : 'NOT met'})`)
}
