import { decrypt, encrypt, getSignature } from '@wecom/crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { decryptMessage, encryptMessage } from '../official-account/crypto'
import { msgSignature, openFor } from './callback'
import { wecomBrandServer, wecomKit } from './testkit'

// WeCom's official VerifyURL sample (reference wecom.md §5, vector B)
const B = {
  token: 'QDG6eK',
  key: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpid: 'wx5823bf96d3bd56c7',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
  msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  plain: '1616140317555161061',
}

describe('callback crypto against the WeCom sample vector', () => {
  test('the msg_signature of the sample echostr is the published one', () => {
    expect(msgSignature(B.token, B.timestamp, B.nonce, B.echostr)).toBe(B.msgSignature)
    expect(getSignature(B.token, B.timestamp, B.nonce, B.echostr)).toBe(B.msgSignature)
  })

  test('the sample echostr decrypts to its plaintext with the corpid as receiveid', () => {
    expect(openFor({ corpid: B.corpid }, B.key, B.echostr)).toEqual({ ok: true, message: B.plain, receiveId: B.corpid })
  })

  test('a different corpid is refused as -40005', () => {
    expect(openFor({ corpid: 'wwsomeoneelse' }, B.key, B.echostr)).toMatchObject({ ok: false, code: -40005 })
  })

  test('what we encrypt @wecom/crypto opens, and the reverse', () => {
    const ours = encryptMessage(B.key, B.corpid, '<xml><A>1</A></xml>')
    expect(decrypt(B.key, ours)).toMatchObject({ message: '<xml><A>1</A></xml>', id: B.corpid })
    const theirs = encrypt(B.key, '你好', B.corpid)
    expect(decryptMessage(B.key, theirs, B.corpid)).toEqual({ ok: true, message: '你好', receiveId: B.corpid })
  })
})

let p: TestPlatform
let kit: ReturnType<typeof wecomKit>
const servers: { close(): Promise<void> }[] = []

beforeAll(async () => {
  p = await testPlatform({ seed: 'wecom-callback' })
  kit = wecomKit(p)
})
afterEach(async () => {
  await kit.send('DELETE', '/_sandbox/wecom/callback')
  for (const s of servers.splice(0)) await s.close()
})
afterAll(() => p.close())

async function server(over: { token?: string; echo?: (plain: string, echostr: string) => string; corpid?: string } = {}) {
  const s = await wecomBrandServer({ token: over.token ?? kit.cred.token, encodingAESKey: kit.cred.encodingAESKey, corpid: over.corpid ?? kit.cred.corpid, echo: over.echo })
  servers.push(s)
  return s
}

describe('callback configuration (URL verification)', () => {
  test('a server that answers the decrypted echostr is verified; the GET carries msg_signature and an encrypted echostr', async () => {
    const s = await server()
    const res = await kit.configure({ url: s.url })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ corpid: kit.cred.corpid, state: 'enabled', url: s.url, token: kit.cred.token, encodingAESKey: kit.cred.encodingAESKey })
    const [q] = s.verifications
    expect([...q!.keys()].sort()).toEqual(['echostr', 'msg_signature', 'nonce', 'timestamp'])
    expect(q!.get('echostr')).toMatch(/^[A-Za-z0-9+/]+={0,2}$/)
    expect((await kit.send('GET', '/_sandbox/wecom/callback')).body.state).toBe('enabled')
    expect((await kit.events('wecom.callback.verified')).at(-1).payload.url).toBe(s.url)
  })

  test('a server that echoes the ciphertext instead of the plaintext is refused, and nothing is saved', async () => {
    const s = await server({ echo: (_plain, echostr) => echostr })
    const res = await kit.configure({ url: s.url })
    expect(res.status).toBe(422)
    expect(res.body.error).toMatchObject({ code: 'verification_failed' })
    expect(res.body.error.message).toContain('did not answer the decrypted echostr')
    expect((await kit.send('GET', '/_sandbox/wecom/callback')).body).toEqual({ corpid: kit.cred.corpid, state: 'unconfigured' })
  })

  test('a server with another token, or expecting another corpid, fails verification', async () => {
    expect((await kit.configure({ url: (await server({ token: 'otherToken' })).url })).status).toBe(422)
    expect((await kit.configure({ url: (await server({ corpid: 'wwnotthiscorp' })).url })).body.error.message).toContain('wrong corp')
  })

  test('bad fields are refused before any request', async () => {
    expect((await kit.configure({ url: 'ftp://x' })).status).toBe(400)
    expect((await kit.configure({ url: 'http://127.0.0.1:1/x', encodingAESKey: 'short' })).body.error.message).toMatch(/encodingAESKey/)
    expect((await kit.configure({ url: 'http://127.0.0.1:1/x', token: 'not ok!' })).body.error.message).toMatch(/token/)
    expect((await kit.configure({ url: 'http://127.0.0.1:1/x' })).body.error.message).toMatch(/request failed/)
  })

  test('a configured token and EncodingAESKey of the brand’s own choosing are used for verification', async () => {
    const key = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
    const s = await wecomBrandServer({ token: 'brandToken1', encodingAESKey: key, corpid: kit.cred.corpid })
    servers.push(s)
    const res = await kit.configure({ url: s.url, token: 'brandToken1', encodingAESKey: key })
    expect(res.body).toMatchObject({ state: 'enabled', token: 'brandToken1', encodingAESKey: key })
  })
})

describe('a crash while a push is made', () => {
  test('the restarted platform pushes the new external contact: the contact and its push committed together', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wecom-crash-'))
    const databaseUrl = `file:${join(dir, 'platform.db')}`
    const first = await testPlatform({ memory: false, databaseUrl, seed: 'wecom-crash' })
    let second: TestPlatform | undefined
    const firstKit = wecomKit(first)
    let n = 0
    // the first push arrives as the process dies (kill -9: it writes nothing more)
    const s = await firstKit.brand(() => {
      if (++n === 1) first.platform.db.$client.close()
    })
    servers.push(s)
    try {
      void firstKit.addsConsultant('alice').catch(() => undefined)
      await expect.poll(() => s.received.length).toBe(1)
      second = await testPlatform({ memory: false, databaseUrl })
      await expect.poll(() => s.received.length).toBeGreaterThanOrEqual(2)
      expect(s.received[1]!.message).toMatchObject({ ChangeType: 'add_external_contact', ExternalUserID: s.received[0]!.message.ExternalUserID })
      const attempted = (await (await fetch(`${second.url}/_sandbox/events?type=wecom.push.attempted`)).json()).events
      expect(attempted.map((e: any) => [e.payload.kind, e.payload.ok])).toEqual([['add_external_contact', true]])
    } finally {
      await first.close().catch(() => undefined)
      await second?.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
