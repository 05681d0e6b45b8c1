import autocannon from 'autocannon'
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ServerName } from './servers'

/**
 * `npm run bench`: each case loads one server in its own process with autocannon (50
 * connections) and is reported as requests/s, p99 latency, and the ratio to its baseline measured
 * in the same run: this machine is shared and noisy, so only same-run ratios mean anything.
 */
interface Case {
  name: string
  server: ServerName
  /** prepares the server (tokens, orders…) and returns the request to repeat */
  request: (baseUrl: string) => Promise<{ method?: string; path: string; headers?: Record<string, string>; body?: string }>
  baseline?: string
}

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

async function startServer(name: ServerName): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL('./servers.ts', import.meta.url))
  const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url))
  const argv = [process.execPath, tsx, script, name]
  const child = hasTaskset ? spawn('taskset', ['-c', '0', ...argv]) : spawn(argv[0]!, argv.slice(1))
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

async function load(url: string, req: Awaited<ReturnType<Case['request']>>) {
  const result = await autocannon({
    url: url + req.path,
    method: (req.method ?? 'GET') as 'GET',
    headers: req.headers,
    body: req.body,
    connections: 50,
    duration: seconds,
  })
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors }
}

const results = new Map<string, { rps: number; p99: number; non2xx: number; errors: number }>()
console.log(`benchmarks: ${seconds}s each, 50 connections${hasTaskset ? ', server pinned to core 0' : ''}\n`)
for (const c of CASES) {
  if (only.length && !only.some((o) => c.name.includes(o)) && !results.has(c.baseline ?? '')) continue
  const { url, child } = await startServer(c.server)
  try {
    const req = await c.request(url)
    await load(url, req) // warm-up is a short run of the same load
      .catch(() => undefined)
    const r = await load(url, req)
    results.set(c.name, r)
    const base = c.baseline ? results.get(c.baseline) : undefined
    const ratio = base ? `  ${(r.rps / base.rps).toFixed(2)}× ${c.baseline}` : ''
    const bad = r.non2xx || r.errors ? `  (${r.non2xx} non-2xx, ${r.errors} errors)` : ''
    console.log(`${c.name.padEnd(44)} ${r.rps.toFixed(0).padStart(7)} req/s  p99 ${String(r.p99).padStart(4)} ms${ratio}${bad}`)
  } finally {
    child.kill()
  }
}
