import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, afterEach, expect, test } from 'vitest'

const root = resolve(import.meta.dirname, '..')
const dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
// a start that failed its checks must not keep its ports for the next test
const running = new Set<ReturnType<typeof spawn>>()
afterEach(() => {
  for (const child of running) child.kill('SIGKILL')
  running.clear()
})

/** Runs `npm start`'s program as a user would, until it prints where it is. */
async function start(args: string[]) {
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'launcher/cli.ts'), ...args], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  let out = ''
  child.stdout.on('data', (c) => (out += c))
  child.stderr.on('data', (c) => (out += c))
  const exited = new Promise<number | null>((r) =>
    child.on('exit', (code) => {
      running.delete(child)
      r(code)
    }),
  )
  // the platform, then the store (publishing, WeCom, Channels): seconds, more on a loaded machine
  await expect.poll(() => out, { timeout: 45_000 }).toMatch(/Ctrl-C stops/)
  const url = out.match(/Platform \(WeChat APIs\)\s+(\S+)/)![1]!
  return {
    url,
    output: () => out,
    async stop() {
      child.kill('SIGINT')
      return exited
    },
  }
}

test('starts on an empty data dir, prints where everything is, and stops cleanly on Ctrl-C', async () => {
  const sandbox = await start(['--port', '0', '--merchant-port', '0', '--data', 'world'])
  expect(sandbox.output()).toContain(`Data                     ${join(dir, 'world')}`)
  expect(sandbox.output()).toMatch(/Credentials\s+http:\/\/localhost:\d+\/_sandbox\/credentials/)
  expect(sandbox.output()).toMatch(/Reset the world/)
  const health = await (await fetch(`${sandbox.url}/_sandbox/health`)).json()
  expect(health).toMatchObject({ status: 'ok', database: 'file' })
  const res = await fetch(`${sandbox.url}/_sandbox/people`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id: 'zoe', name: 'Zoe Ma' }),
  })
  expect(res.status).toBe(201)
  expect(await sandbox.stop()).toBe(0)
  expect(sandbox.output()).toMatch(/stopped; the world is saved/)
  expect(existsSync(join(dir, 'world', 'platform.db'))).toBe(true)
}, 60_000)

test('starts on an existing data dir with the world it left', async () => {
  const sandbox = await start(['--port', '0', '--merchant-port', '0', '--data', 'world'])
  const zoe = await fetch(`${sandbox.url}/_sandbox/people/zoe`)
  expect(zoe.status).toBe(200)
  expect(await sandbox.stop()).toBe(0)
}, 60_000)

test("prints the store's staff token, which its /admin routes ask for, and keeps it across restarts", async () => {
  const first = await start(['--port', '0', '--merchant-port', '0', '--data', 'staff'])
  const printed = (out: string) => ({ merchant: out.match(/Merchant demo\s+(\S+)/)![1]!, token: out.match(/staff \(\/admin\/…\)\s+Authorization: Bearer (\S+)/)![1]! })
  const { merchant, token } = printed(first.output())
  expect((await fetch(`${merchant}/admin/orders`)).status).toBe(401)
  expect((await fetch(`${merchant}/admin/orders`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
  expect(await first.stop()).toBe(0)
  const again = await start(['--port', '0', '--merchant-port', '0', '--data', 'staff'])
  expect(printed(again.output()).token).toBe(token)
  expect(await again.stop()).toBe(0)
}, 120_000)

test('refuses a bad flag with usage and exit code 2', async () => {
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'launcher/cli.ts'), '--seed', 'abc'], {
    cwd: dir,
  })
  let err = ''
  child.stderr.on('data', (c) => (err += c))
  const code = await new Promise((r) => child.on('exit', r))
  expect(code).toBe(2)
  expect(err).toMatch(/--seed must be a whole number[\s\S]*Usage: npm start/)
})

test('--host on a LAN prints a control token, and the printed URL keeps it in a cookie', async () => {
  const sandbox = await start(['--port', '0', '--merchant-port', '0', '--memory', '--no-merchant', '--host', '0.0.0.0'])
  const token = sandbox.output().match(/Control token\s+([0-9a-f]{32})/)?.[1]
  expect(token).toBeDefined()
  expect(sandbox.output()).toMatch(new RegExp(`phones on other machines open http://\\S+:\\d+/\\?token=${token}`))
  const opened = await fetch(`${sandbox.url}/?token=${token}`, { redirect: 'manual' })
  expect(opened.status).toBe(303)
  expect(opened.headers.get('set-cookie')).toContain(`sandbox_token=${token}`)
  // scripts send it as a header
  expect((await fetch(`${sandbox.url}/_sandbox/health`, { headers: { 'X-Sandbox-Token': token! } })).status).toBe(200)
  expect(await sandbox.stop()).toBe(0)
})

test('lists the strategy lab runs of .sandbox/lab, or of --lab-dir', async () => {
  const run = (lab: string, id: string) => {
    mkdirSync(join(dir, lab, id), { recursive: true })
    const result = { kit: { id: 'lumen', name: 'Lumen Coffee', nameZh: '流明咖啡' }, people: 10, days: 1, seed: 1, generatedAt: '2026-12-07T10:00:00.000Z', a: { strategy: { name: 'baseline' }, summary: { buyers: 1, orders: 1, sales: 100, kFactor: 0 } }, b: null }
    writeFileSync(join(dir, lab, id, 'result.json'), JSON.stringify(result))
  }
  run('.sandbox/lab', 'default-run')
  run('elsewhere', 'flagged-run')
  const ids = async (url: string) => (await (await fetch(`${url}/_sandbox/lab/reports`)).json()).reports.map((r: { id: string }) => r.id)
  const byDefault = await start(['--port', '0', '--memory', '--no-merchant'])
  expect(byDefault.output()).toContain(`(${join(dir, '.sandbox/lab')})`)
  expect(await ids(byDefault.url)).toEqual(['default-run'])
  expect(await byDefault.stop()).toBe(0)
  const flagged = await start(['--port', '0', '--memory', '--no-merchant', '--lab-dir', 'elsewhere'])
  expect(await ids(flagged.url)).toEqual(['flagged-run'])
  expect(await flagged.stop()).toBe(0)
})

test('--kit: that brand everywhere the platform names it, its articles published once, and another kit on the same data dir seeds its world', async () => {
  const events = async (url: string, type: string) => (await (await fetch(`${url}/_sandbox/events?type=${type}`)).json()).events as { payload: Record<string, unknown> }[]
  const first = await start(['--port', '0', '--merchant-port', '0', '--data', 'kits', '--kit', join(root, 'merchant-demo/brands/sportswear.json')])
  const cred = await (await fetch(`${first.url}/_sandbox/credentials`)).json()
  expect(cred.brand.name).toBe('Stride Athletics')
  expect(cred.pay.merchantName).toBe('Stride Athletics Co., Ltd.')
  // the account is connected and the kit's campaign article is there, with no curl
  expect((await events(first.url, 'oa.server.verified')).length).toBeGreaterThan(0)
  expect((await events(first.url, 'oa.article.published')).length).toBe(1)
  expect(await first.stop()).toBe(0)

  const again = await start(['--port', '0', '--merchant-port', '0', '--data', 'kits', '--brand', join(root, 'merchant-demo/brands/sportswear.json')])
  expect((await events(again.url, 'oa.article.published')).length).toBe(1)
  expect(again.output()).not.toMatch(/seeded again/)
  expect(await again.stop()).toBe(0)

  const cafe = await start(['--port', '0', '--merchant-port', '0', '--data', 'kits'])
  expect(cafe.output()).toMatch(/the data dir held another world .* seeded again from Lumen Coffee's kit/)
  expect((await (await fetch(`${cafe.url}/_sandbox/credentials`)).json()).brand.name).toBe('Lumen Coffee')
  expect(await cafe.stop()).toBe(0)
}, 150_000)
