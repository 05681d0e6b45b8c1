import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { CAFE_KIT } from '../merchant-demo/src/brand'

const root = resolve(import.meta.dirname, '..')
const dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-kit-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** `npm start -- --brand <file>` as a user runs it, until it exits. */
function start(kit: string) {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'launcher/cli.ts'), '--port', '0', '--merchant-port', '0', '--data', 'world', '--brand', kit], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: r.status, output: r.stdout + r.stderr }
}

test('refuses to start on a bad kit: every problem with its path, exit code 1, no usage text, no data dir', () => {
  const kit = JSON.parse(readFileSync(CAFE_KIT, 'utf8'))
  kit.colours.primary = 'brown'
  kit.products[2].price = 28.5
  kit.products[1].category = 'smoothies'
  writeFileSync(join(dir, 'bad.json'), JSON.stringify(kit, null, 2))
  const { status, output } = start('bad.json')
  expect(status).toBe(1)
  expect(output).toContain(`the sandbox did not start: ${join(dir, 'bad.json')} is not a valid brand kit (3 problems):`)
  expect(output).toContain('colours.primary: expected a #rrggbb colour')
  expect(output).toContain('products[2].price: expected a positive integer (fen)')
  expect(output).toContain('products[1].category: unknown category "smoothies"')
  expect(output).not.toContain('Usage:')
  expect(existsSync(join(dir, 'world'))).toBe(false)
}, 90_000)

test('refuses to start on a kit that is not JSON, naming the line and column', () => {
  writeFileSync(join(dir, 'broken.json'), '{\n  "id": "kicks",\n  "name": KickLab\n}\n')
  const { status, output } = start('broken.json')
  expect(status).toBe(1)
  expect(output).toContain('broken.json is not valid JSON: line 3, column 11: expected a value, found "KickLab" (strings need "quotes")')
  expect(output).not.toContain('Usage:')
}, 90_000)
