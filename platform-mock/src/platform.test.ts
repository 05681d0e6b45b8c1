import { createPublicKey, createSign, createVerify, X509Certificate } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { Platform } from './platform'
import { openDb, closeDb } from './shared/db'
import { testPlatform } from './testing'

const dirs: string[] = []
function dataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-data-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('credentials', () => {
  test('are generated once and stay the same across restarts', async () => {
    const url = `file:${join(dataDir(), 'platform.db')}`
    const first = await testPlatform({ memory: false, databaseUrl: url })
    const before = await first.json('/_sandbox/credentials')
    await first.close()
    const second = await testPlatform({ memory: false, databaseUrl: url })
    const after = await second.json('/_sandbox/credentials')
    await second.close()
    expect(after.pay).toEqual(before.pay)
    expect(after.miniProgram).toEqual(before.miniProgram)
    expect(after.officialAccount).toEqual(before.officialAccount)
    expect(after.wecom).toEqual(before.wecom)
  })

  test('survive a reset, so a configured merchant keeps working', async () => {
    const p = await testPlatform()
    const before = await p.json('/_sandbox/credentials')
    await p.post('/_sandbox/reset')
    expect((await p.json('/_sandbox/credentials')).pay).toEqual(before.pay)
    await p.close()
  })

  test('hold a merchant key that matches its certificate, and certificates issued by the root', async () => {
    const p = await testPlatform()
    const { pay, miniProgram, officialAccount, wecom } = await p.json('/_sandbox/credentials')
    await p.close()
    const cert = new X509Certificate(pay.merchantCertificate)
    expect(cert.serialNumber.toUpperCase()).toBe(pay.merchantSerialNo)
    expect(pay.merchantSerialNo).toMatch(/^[0-7][0-9A-F]{39}$/)
    const signature = createSign('RSA-SHA256').update('hello').sign(pay.merchantPrivateKey, 'base64')
    expect(createVerify('RSA-SHA256').update('hello').verify(cert.publicKey, signature, 'base64')).toBe(true)
    const root = new X509Certificate(pay.rootCertificate)
    expect(cert.verify(root.publicKey)).toBe(true)
    const platformCert = new X509Certificate(pay.platformCertificate)
    expect(platformCert.serialNumber.toUpperCase()).toBe(pay.platformCertificateSerialNo)
    expect(platformCert.verify(root.publicKey)).toBe(true)
    expect(createPublicKey(pay.platformPublicKey).asymmetricKeyDetails?.modulusLength).toBe(2048)
    expect(pay.platformPublicKeyId).toMatch(/^PUB_KEY_ID_\d{34}$/)
    expect(pay.apiV3Key).toMatch(/^[0-9A-Za-z]{32}$/)
    expect(pay.mchid).toMatch(/^\d{10}$/)
    expect(miniProgram.appid).toMatch(/^wx[0-9a-f]{16}$/)
    expect(officialAccount.encodingAESKey).toMatch(/^[0-9A-Za-z]{43}$/)
    expect(wecom.corpid).toMatch(/^ww[0-9a-f]{16}$/)
  })
})

describe('seeded world', () => {
  test('has at least six people with wallets, friendships, a group and per-app openids', async () => {
    const p = await testPlatform()
    const { people } = await p.json('/_sandbox/people')
    expect(people.length).toBeGreaterThanOrEqual(6)
    expect(people.map((x: any) => x.id)).toEqual(expect.arrayContaining(['alice', 'bob', 'carol', 'dave', 'erin', 'frank']))
    const alice = await p.json('/_sandbox/people/alice')
    expect(alice.friends).toEqual(['bob', 'carol', 'dave', 'grace'])
    expect(alice.identities).toHaveLength(2)
    const [a, b] = alice.identities
    expect(a.openid).not.toBe(b.openid)
    expect(a.unionid).toBe(b.unionid)
    const avatar = await p.get('/_sandbox/people/alice/avatar.svg')
    expect(avatar.headers.get('content-type')).toBe('image/svg+xml')
    expect(await avatar.text()).toMatch(/^<svg /)
    await p.close()
  })

  test('is reproduced exactly from the same seed: ids, openids, clock and events', async () => {
    const run = async () => {
      const p = await testPlatform({ seed: '42' })
      await p.post('/_sandbox/people', { id: 'zoe', name: 'Zoe Ma' })
      await p.post('/_sandbox/people/zoe/friends', { with: 'alice' })
      const result = {
        credentials: await p.json('/_sandbox/credentials'),
        zoe: await p.json('/_sandbox/people/zoe'),
        events: await p.json('/_sandbox/events'),
        clock: (await p.json('/_sandbox/clock')).now,
      }
      await p.close()
      return result
    }
    const [one, two] = [await run(), await run()]
    const { pay: payOne, platform: _a, ...restOne } = one.credentials
    const { pay: payTwo, platform: _b, ...restTwo } = two.credentials
    // RSA keys come from the OS's randomness; every other id and secret comes from the seed
    expect(restTwo).toEqual(restOne)
    expect(payTwo.mchid).toBe(payOne.mchid)
    expect(payTwo.apiV3Key).toBe(payOne.apiV3Key)
    expect(two.zoe).toEqual(one.zoe)
    expect(two.events).toEqual(one.events)
    expect(one.clock).toBe('2026-03-02T01:00:00.000Z')
  })
})

describe('start-up', () => {
  test('on an empty data dir seeds a world; on an existing one keeps it', async () => {
    const url = `file:${join(dataDir(), 'nested', 'platform.db')}`
    const first = await testPlatform({ memory: false, databaseUrl: url })
    await first.post('/_sandbox/people', { id: 'zoe', name: 'Zoe Ma' })
    const seededEvents = (await first.json('/_sandbox/events?type=world.seeded')).events
    await first.close()
    const second = await testPlatform({ memory: false, databaseUrl: url })
    expect((await second.get('/_sandbox/people/zoe')).status).toBe(200)
    expect((await second.json('/_sandbox/events?type=world.seeded')).events).toEqual(seededEvents)
    await second.close()
  })

  test('applies migrations to a database opened twice without harm', async () => {
    const url = `file:${join(dataDir(), 'platform.db')}`
    const db = await openDb(url)
    const platform = await Platform.open(db)
    await platform.close()
    const again = await openDb(url)
    const rows = await again.$client.execute('SELECT count(*) AS n FROM people')
    expect(Number(rows.rows[0]!.n)).toBeGreaterThanOrEqual(6)
    closeDb(again)
  })
})
