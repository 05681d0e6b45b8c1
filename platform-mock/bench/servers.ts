import { createClient } from '@libsql/client'
import { createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startPlatform } from '../src/server'

/** A fresh file database, as `npm start` uses (WAL, synchronous=NORMAL): what a real run pays. */
const benchDb = () => `file:${join(mkdtempSync(join(tmpdir(), 'sandbox-bench-')), 'platform.db')}`

/**
 * The servers a benchmark can load, each started in its own process (pinned to one core when
 * `taskset` exists) so the load generator never shares its core.
 */
export const SERVERS = {
  /** The floor: raw node:http answering a small JSON. */
  'node-http': async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end('{"hello":"world"}')
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    return (server.address() as AddressInfo).port
  },
  /** The platform on a fresh file database. */
  platform: async () => (await startPlatform({ databaseUrl: benchDb(), port: 0 })).port,
  /**
   * The bare cost of a signed order, without the platform: parse the JSON body, verify one RSA-2048
   * signature, insert one row into libSQL (same file settings), sign the response. Keys arrive in
   * the environment (BENCH_KEYS), parsed once.
   */
  'pay-bare': async () => {
    const keys = JSON.parse(process.env.BENCH_KEYS ?? '{}') as { merchantPublic: string; platformPrivate: string }
    const merchantKey = createPublicKey(keys.merchantPublic)
    const platformKey = createPrivateKey(keys.platformPrivate)
    const db = createClient({ url: benchDb(), concurrency: 1 })
    await db.execute('PRAGMA journal_mode=WAL')
    await db.execute('PRAGMA synchronous=NORMAL')
    await db.execute('CREATE TABLE orders (id INTEGER PRIMARY KEY, out_trade_no TEXT UNIQUE, body TEXT, prepay_id TEXT)')
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = []
      for await (const c of req) chunks.push(c as Buffer)
      const raw = Buffer.concat(chunks)
      const auth = String(req.headers.authorization ?? '')
      const field = (k: string) => auth.match(new RegExp(`${k}="([^"]*)"`))?.[1] ?? ''
      const message = Buffer.concat([Buffer.from(`${req.method}\n${req.url}\n${field('timestamp')}\n${field('nonce_str')}\n`), raw, Buffer.from('\n')])
      const ok = verify('sha256', message, merchantKey, Buffer.from(field('signature'), 'base64'))
      const body = JSON.parse(raw.toString()) as { out_trade_no: string }
      const prepay = `wx${randomBytes(16).toString('hex')}`
      await db.execute({ sql: 'INSERT INTO orders (out_trade_no, body, prepay_id) VALUES (?, ?, ?) ON CONFLICT(out_trade_no) DO NOTHING', args: [body.out_trade_no, raw.toString(), prepay] })
      const out = JSON.stringify({ prepay_id: prepay })
      const ts = String(Math.floor(Date.now() / 1000))
      const nonce = randomBytes(16).toString('hex')
      const signature = sign('sha256', Buffer.from(`${ts}\n${nonce}\n${out}\n`), platformKey).toString('base64')
      res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json', 'Wechatpay-Timestamp': ts, 'Wechatpay-Nonce': nonce, 'Wechatpay-Signature': signature })
      res.end(out)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    return (server.address() as AddressInfo).port
  },
} satisfies Record<string, () => Promise<number>>

export type ServerName = keyof typeof SERVERS

if (process.argv[2]) {
  const name = process.argv[2] as ServerName
  if (!(name in SERVERS)) throw new Error(`no bench server ${name}`)
  const port = await SERVERS[name]()
  console.log(`PORT ${port}`)
}
