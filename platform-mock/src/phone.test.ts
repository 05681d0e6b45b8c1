import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { phoneUi } from './phone'

test('the phone page allows only its own scripts and the platform’s API', async () => {
  const dist = mkdtempSync(join(tmpdir(), 'phone-ui-'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><wx-app></wx-app>')
  const res = await phoneUi(dist).request('/')
  const csp = Object.fromEntries(res.headers.get('content-security-policy')!.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]))
  expect(csp).toMatchObject({ 'script-src': "'self'", 'connect-src': "'self'", 'object-src': "'none'", 'base-uri': "'none'" })
  expect(csp['script-src']).not.toMatch(/unsafe/)
})
