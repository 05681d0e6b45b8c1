import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { WeChatPay, type Transaction } from '../../../merchant-demo/wechat/pay'
import { WeChatPayError } from '../../../merchant-demo/wechat/errors'
import { rng } from './rng'

// The kill -9 reliability suite: the real platform CLI on a libSQL file, merchants paying through
// the real WeChat Pay v3 API (the demo store's own client), a notify_url that records what it
// acknowledges, and SIGKILL at random points. Every random choice comes from one printed seed.

const root = resolve(import.meta.dirname, '../../..')

export interface TrialOptions {
  /** the RNG seed of this trial (kill points, merchant refusals, amounts) */
  rngSeed: number
  payments: number
  kills: number
  /** the platform's `--seed`, or null for a random world with a live clock */
  worldSeed: string | null
  /** payments in flight at once */
  workers?: number
  log?: (line: string) => void
}

export interface TrialFigures {
  rngSeed: number
  worldSeed: string | null
  payments: number
  kills: number
  /** paid as the payer saw it, or as the platform says, but not SUCCESS at the end */
  lost: number
  /** orders with more than one payment bill, and the wallet's difference from what was paid */
  doublePaid: number
  walletDrift: number
  /** paid orders with no delivered notification, or none the merchant acknowledged */
  undelivered: number
  /** 5xx answers the merchant or the payer got, and UNIQUE violations the platform logged */
  serverErrors: number
  uniqueViolations: number
  /** notifications the merchant got more than once (at least once is the contract) */
  duplicateDeliveries: number
}

async function freePort() {
  const s = createNetServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as AddressInfo).port
  await new Promise((r) => s.close(r))
  return port
}

/** Polls `check` until it returns a value (not undefined), or throws after `ms`. */
async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** The platform CLI as `npm start -- --no-merchant` runs it, on a fixed port and data dir. */
class PlatformProcess {
  child: ChildProcess | null = null
  output = ''
  #exited: Promise<void> = Promise.resolve()

  constructor(
    readonly port: number,
    readonly dataDir: string,
    readonly worldSeed: string | null,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`
  }

  async start() {
    const args = ['--port', String(this.port), '--no-merchant', '--data', this.dataDir, ...(this.worldSeed === null ? [] : ['--seed', this.worldSeed])]
    // tsx as a loader in this one process (its CLI would run the platform in a child that SIGKILL misses)
    const child = spawn(process.execPath, ['--import', pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href, join(root, 'launcher/cli.ts'), ...args], {
      cwd: this.dataDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    let out = ''
    child.stdout!.on('data', (c) => (out += c))
    child.stderr!.on('data', (c) => (out += c))
    this.#exited = new Promise((r) => child.once('exit', () => r()))
    let gone = false
    void this.#exited.then(() => (gone = true))
    try {
      await until('the platform to start', () => (gone ? Promise.reject(new Error(`the platform exited:\n${out}`)) : /Ctrl-C stops/.test(out) ? true : undefined), 60_000)
    } finally {
      // keep reading; the whole output is checked for UNIQUE violations at the end
      child.stdout!.removeAllListeners('data')
      child.stderr!.removeAllListeners('data')
      this.output += out
      child.stdout!.on('data', (c) => (this.output += c))
      child.stderr!.on('data', (c) => (this.output += c))
    }
  }

  async kill() {
    this.child?.kill('SIGKILL')
    await this.#exited
    this.child = null
  }

  async stop() {
    if (!this.child) return
    this.child.kill('SIGINT')
    await this.#exited
    this.child = null
  }
}

/** A merchant's notify_url: verifies and decrypts like the demo store, refuses some at random. */
async function notifyServer(pay: () => WeChatPay | null, refuse: () => boolean) {
  const acknowledged = new Map<string, Set<string>>()
  const deliveries = new Map<string, number>()
  const server: Server = createServer((req, res) => {
    let raw = ''
    req.setEncoding('utf8')
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      const client = pay()
      try {
        if (!client) throw new Error('not ready')
        const { notification, resource } = client.openNotification<Transaction>(new Headers(req.headers as Record<string, string>), raw)
        if (refuse()) {
          res.writeHead(500, { 'Content-Type': 'application/json' })
          res.end('{"code":"FAIL","message":"busy"}')
          return
        }
        deliveries.set(notification.id, (deliveries.get(notification.id) ?? 0) + 1)
        if (!acknowledged.has(resource.out_trade_no)) acknowledged.set(resource.out_trade_no, new Set())
        acknowledged.get(resource.out_trade_no)!.add(notification.id)
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end('{"code":"SUCCESS","message":"成功"}')
      } catch {
        res.writeHead(401, { 'Content-Type': 'application/json' })
        res.end('{"code":"FAIL","message":"验签失败"}')
      }
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/pay/notify`,
    acknowledged,
    deliveries,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r())
        server.closeAllConnections()
      }),
  }
}

/** A call the platform did not answer because it is down or was killed mid-request. */
function unanswered(err: unknown) {
  if (err instanceof WeChatPayError) return false
  const text = `${(err as Error)?.message} ${(err as { cause?: { code?: string; message?: string } })?.cause?.code ?? ''} ${(err as { cause?: Error })?.cause?.message ?? ''}`
  return /fetch failed|ECONNREFUSED|ECONNRESET|socket|other side closed|terminated|UND_ERR/i.test(text)
}

/**
 * One trial: a fresh data dir, `payments` JSAPI payments by alice through `workers` concurrent
 * merchants, SIGKILL at `kills` random points (each followed by a restart on the same data),
 * then recovery (the clock moved past WeChat Pay's whole retry ladder) and the count.
 */
export async function killTrial(opts: TrialOptions): Promise<TrialFigures> {
  const log = opts.log ?? (() => undefined)
  const random = rng(opts.rngSeed)
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-kill9-'))
  const platform = new PlatformProcess(await freePort(), dataDir, opts.worldSeed)
  let client: WeChatPay | null = null
  // one merchant in ten refuses a notification, so that some wait on the retry ladder at a kill
  const notify = await notifyServer(() => client, () => random.next() < 0.1)
  let serverErrors = 0
  let kills = 0
  try {
    await platform.start()
    const json = async (path: string, init?: { method?: string; body?: unknown }) => {
      const res = await fetch(platform.url + path, {
        method: init?.method ?? 'GET',
        headers: { 'Content-Type': 'application/json' },
        body: init?.body === undefined ? undefined : JSON.stringify(init.body),
      })
      if (res.status >= 500) serverErrors++
      const text = await res.text()
      if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: ${res.status} ${text.slice(0, 300)}`)
      return JSON.parse(text)
    }
    const doc = await json('/_sandbox/credentials')
    const appid: string = doc.miniProgram.appid
    client = new WeChatPay({ ...doc.pay, baseUrl: platform.url })
    const pay = client
    const person = await json('/_sandbox/people/alice')
    const openid: string = person.identities.find((i: { appid: string }) => i.appid === appid).openid
    const startBalance = 1_000_000_000
    await json('/_sandbox/pay/people/alice/wallet', { method: 'PATCH', body: { balance: startBalance } })

    // kill points: after the n-th finished payment, a random few milliseconds into the next ones
    const points = new Set<number>()
    while (points.size < opts.kills) points.add(random.between(3, Math.max(4, opts.payments - 3)))
    const killAt = [...points].sort((a, b) => a - b).map((after) => ({ after, delayMs: random.between(0, 40) }))
    log(`trial rng=${opts.rngSeed} seed=${opts.worldSeed ?? 'none'}: kills after payments ${killAt.map((k) => `${k.after}+${k.delayMs}ms`).join(', ')}`)

    const totals = Array.from({ length: opts.payments }, () => random.between(1, 99))
    const paidSeen = new Set<string>()
    let finished = 0
    let restarting: Promise<void> | null = null
    const up = () => until('the platform to be back', async () => ((await restarting, platform.child) ? true : undefined), 90_000)

    /** Pays order `i` to the end, across kills: placing it again is idempotent, paying it twice is refused. */
    const payOne = async (i: number) => {
      const outTradeNo = `K9T${opts.rngSeed}N${i}`
      for (let round = 0; ; round++) {
        if (round > 50) throw new Error(`payment ${outTradeNo} did not go through in 50 rounds`)
        try {
          await up()
          let prepayId: string
          try {
            prepayId = (await pay.jsapi({ appid, description: `Reliability #${i}`, out_trade_no: outTradeNo, notify_url: notify.url, amount: { total: totals[i]!, currency: 'CNY' }, payer: { openid } })).prepay_id
          } catch (err) {
            if (err instanceof WeChatPayError && err.code === 'ORDERPAID') return paidSeen.add(outTradeNo)
            throw err
          }
          const result = await json('/_sandbox/pay/people/alice/pay', { method: 'POST', body: { target: { requestPayment: pay.requestPaymentParams(appid, prepayId) }, password: '123456' } })
          if (result.outcome === 'success' || result.message === '该订单已支付，请勿重复支付') return paidSeen.add(outTradeNo)
          throw new Error(`payment ${outTradeNo}: ${JSON.stringify(result)}`)
        } catch (err) {
          if (err instanceof WeChatPayError && err.status >= 500) serverErrors++
          else if (!unanswered(err) && !/: 5\d\d /.test((err as Error).message)) throw err
          // down, killed mid-call or a 5xx: wait for the platform and go again
          await new Promise((r) => setTimeout(r, 10))
        }
      }
    }

    const onFinished = () => {
      finished++
      const next = killAt[0]
      if (next && finished >= next.after && !restarting) {
        killAt.shift()
        restarting = (async () => {
          await new Promise((r) => setTimeout(r, next.delayMs))
          await platform.kill()
          kills++
          await platform.start()
        })().finally(() => (restarting = null))
      }
    }
    let nextIndex = 0
    const worker = async () => {
      while (nextIndex < opts.payments) {
        const i = nextIndex++
        await payOne(i)
        onFinished()
      }
    }
    await Promise.all(Array.from({ length: opts.workers ?? 3 }, worker))
    await up()

    // recovery: move the clock past the whole ladder (24 h 4 m) until every paid order's notification is acknowledged
    type OrderView = { outTradeNo: string; tradeState: string; notifications: { id: string; status: string }[] }
    const orders = async () => (await json(`/_sandbox/pay/merchants/${doc.pay.mchid}/orders?limit=1000`)).orders as OrderView[]
    let final: OrderView[] = []
    await until(
      'every notification to be delivered',
      async () => {
        await json('/_sandbox/clock/advance', { method: 'POST', body: { by: '25h' } })
        final = await orders()
        const paid = final.filter((o) => o.tradeState === 'SUCCESS')
        return paid.every((o) => o.notifications.some((n) => n.status === 'delivered') && notify.acknowledged.has(o.outTradeNo)) ? true : undefined
      },
      30_000,
    ).catch(() => undefined)
    if (final.length >= 1000) throw new Error('more orders than the control API lists at once')

    const state = new Map(final.map((o) => [o.outTradeNo, o]))
    const paidAtPlatform = final.filter((o) => o.tradeState === 'SUCCESS')
    const lost = [...paidSeen].filter((no) => state.get(no)?.tradeState !== 'SUCCESS').length + (opts.payments - paidSeen.size)
    const bills = (await json('/_sandbox/pay/people/alice/bills?kind=payment')).bills as { outTradeNo: string; amount: number }[]
    const billsPer = new Map<string, number>()
    for (const b of bills) billsPer.set(b.outTradeNo, (billsPer.get(b.outTradeNo) ?? 0) + 1)
    const doublePaid = [...billsPer.values()].filter((n) => n > 1).length
    const wallet = await json('/_sandbox/pay/people/alice/wallet')
    const expectedSpent = paidAtPlatform.reduce((sum, o) => sum + totals[Number(o.outTradeNo.split('N').at(-1))]!, 0)
    const walletDrift = startBalance - wallet.balance - expectedSpent
    const undelivered = paidAtPlatform.filter((o) => !o.notifications.some((n) => n.status === 'delivered') || !notify.acknowledged.has(o.outTradeNo)).length
    const duplicateDeliveries = [...notify.deliveries.values()].filter((n) => n > 1).length
    await platform.stop()
    const uniqueViolations = (platform.output.match(/UNIQUE constraint failed/g) ?? []).length
    const figures: TrialFigures = {
      rngSeed: opts.rngSeed,
      worldSeed: opts.worldSeed,
      payments: opts.payments,
      kills,
      lost,
      doublePaid,
      walletDrift,
      undelivered,
      serverErrors,
      uniqueViolations,
      duplicateDeliveries,
    }
    log(`trial rng=${opts.rngSeed}: ${JSON.stringify(figures)}`)
    if (uniqueViolations || serverErrors) log(platform.output.split('\n').filter((l) => /UNIQUE|error|Error/.test(l)).slice(0, 20).join('\n'))
    return figures
  } finally {
    await platform.kill().catch(() => undefined)
    await notify.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Trials in a row, each with its own seed drawn from `rngSeed`; the sum of their figures. */
export async function killTrials(opts: { rngSeed: number; trials: number; payments: number; kills: number; worldSeed: string | null; log?: (line: string) => void }) {
  const seeds = rng(opts.rngSeed)
  const trials: TrialFigures[] = []
  for (let t = 0; t < opts.trials; t++) {
    trials.push(await killTrial({ ...opts, rngSeed: seeds.between(1, 2 ** 31 - 1) }))
  }
  const sum = (k: keyof TrialFigures) => trials.reduce((s, f) => s + Math.abs(f[k] as number), 0)
  return {
    trials: trials.length,
    payments: sum('payments'),
    kills: sum('kills'),
    lost: sum('lost'),
    doublePaid: sum('doublePaid'),
    walletDrift: sum('walletDrift'),
    undelivered: sum('undelivered'),
    serverErrors: sum('serverErrors'),
    uniqueViolations: sum('uniqueViolations'),
    duplicateDeliveries: sum('duplicateDeliveries'),
    each: trials,
  }
}

/** What must be zero after every trial: the figures a test compares with `NO_ANOMALIES`. */
export function anomalies(f: Pick<TrialFigures, 'lost' | 'doublePaid' | 'walletDrift' | 'undelivered' | 'serverErrors' | 'uniqueViolations'>) {
  const { lost, doublePaid, walletDrift, undelivered, serverErrors, uniqueViolations } = f
  return { lost, doublePaid, walletDrift, undelivered, serverErrors, uniqueViolations }
}

export const NO_ANOMALIES = { lost: 0, doublePaid: 0, walletDrift: 0, undelivered: 0, serverErrors: 0, uniqueViolations: 0 }
