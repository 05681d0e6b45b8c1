import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { UNAVAILABLE } from './conversation'
import { brandServer, oaKit, type Handler } from './testkit'

let p: TestPlatform
let kit: ReturnType<typeof oaKit>
const servers: Awaited<ReturnType<typeof brandServer>>[] = []

beforeAll(async () => {
  p = await testPlatform({ seed: 'oa-push' })
  kit = oaKit(p)
})
afterEach(async () => {
  await kit.send('DELETE', '/_sandbox/official-account/server')
  for (const s of servers.splice(0)) await s.close()
})
afterAll(() => p.close())

async function brand(handler?: Handler, over: { token?: string; encodingAESKey?: string; echo?: (e: string) => string } = {}) {
  const s = await brandServer({ token: over.token ?? kit.oa.token, encodingAESKey: over.encodingAESKey ?? kit.oa.encodingAESKey, appid: kit.oa.appid, handler, echo: over.echo })
  servers.push(s)
  return s
}

describe('server configuration', () => {
  test('a server that echoes echostr is verified and its state is shown', async () => {
    const s = await brand()
    const res = await kit.configure({ url: s.url, mode: 'plain' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ appid: kit.oa.appid, state: 'enabled', mode: 'plain', token: kit.oa.token, url: s.url })
    const get = s.received // GETs are not recorded as pushes
    expect(get).toHaveLength(0)
    expect((await kit.send('GET', '/_sandbox/official-account/server')).body.state).toBe('enabled')
  })

  test('a server that rejects the signature (different token) is refused and nothing changes', async () => {
    const s = await brand(undefined, { token: 'someOtherToken' })
    const res = await kit.configure({ url: s.url, mode: 'safe' })
    expect(res.status).toBe(422)
    expect(res.body.error).toMatchObject({ code: 'verification_failed' })
    expect(res.body.error.message).toContain('did not echo echostr')
    expect((await kit.send('GET', '/_sandbox/official-account/server')).body).toEqual({ appid: kit.oa.appid, state: 'unconfigured' })
    const [ev] = (await kit.events('oa.server.verification_failed')).slice(-1)
    expect(ev.payload.url).toBe(s.url)
  })

  test('bad fields are refused before any request: token, EncodingAESKey, URL, mode', async () => {
    expect((await kit.configure({ url: 'http://127.0.0.1:1/x', mode: 'safe', encodingAESKey: 'short' })).body.error.message).toMatch(/encodingAESKey/)
    expect((await kit.configure({ url: 'http://127.0.0.1:1/x', mode: 'plain', token: 'a' })).body.error.message).toMatch(/token/)
    expect((await kit.configure({ url: 'ftp://x', mode: 'plain' })).status).toBe(400)
    expect((await kit.configure({ url: 'http://x', mode: 'secret' })).status).toBe(400)
    expect((await kit.configure({ url: 'http://127.0.0.1:1/x', mode: 'plain' })).body.error.message).toMatch(/request failed/)
  })

  test('nothing is pushed while no server is configured', async () => {
    const res = await kit.person('grace', '/messages', { text: 'hi' })
    expect(res.status).toBe(201)
    expect(res.body.push).toEqual({ pushed: false })
  })
})

describe('pushes and passive replies', () => {
  test('plain mode: a text message is signed, carries openid, and the text reply reaches the chat', async () => {
    const s = await brand((m) => s.reply(m, { MsgType: 'text', Content: `echo: ${m.Content}` }))
    await kit.configure({ url: s.url, mode: 'plain' })
    const alice = await kit.openid('alice')
    const res = await kit.person('alice', '/messages', { text: 'latte?' })
    expect(res.body.push).toMatchObject({ pushed: true, outcome: 'replied', attempts: 1, reply: { from: 'account', source: 'passive-reply', kind: 'text', body: { content: 'echo: latte?' } } })
    const [r] = s.received
    expect(r!.signatureOk).toBe(true)
    expect(r!.query.get('openid')).toBe(alice.openid)
    expect(r!.query.has('encrypt_type')).toBe(false)
    expect(r!.message).toMatchObject({ ToUserName: expect.stringMatching(/^gh_/), FromUserName: alice.openid, MsgType: 'text', Content: 'latte?' })
    expect(r!.body).toMatch(/<MsgId>\d{20}<\/MsgId>/)
    expect(r!.body).toMatch(/<CreateTime>\d+<\/CreateTime>/)
    const conv = (await kit.person('alice', '/messages')).body.messages
    expect(conv.slice(-2).map((m: any) => [m.from, m.body.content])).toEqual([
      ['person', 'latte?'],
      ['account', 'echo: latte?'],
    ])
    const delivered = (await kit.events('oa.message.delivered')).at(-1)
    expect(delivered.payload.recipients).toEqual(['alice'])
  })

  test('safe mode: the push is encrypted with msg_signature and an encrypted news reply is opened', async () => {
    const s = await brand((m) =>
      s.reply(m, { MsgType: 'news', ArticleCount: 1, Articles: [{ Title: 'Welcome', Description: 'Member card', PicUrl: 'https://x/p.png', Url: 'https://x/a' }] }, true),
    )
    await kit.configure({ url: s.url, mode: 'safe' })
    const res = await kit.person('carol', '/messages', { text: '会员' })
    expect(res.body.push).toMatchObject({ outcome: 'replied', reply: { kind: 'news', body: { articles: [{ title: 'Welcome', url: 'https://x/a' }] } } })
    const r = s.received[0]!
    expect(r.query.get('encrypt_type')).toBe('aes')
    expect(r.msgSignatureOk).toBe(true)
    expect(r.signatureOk).toBe(true)
    expect(r.body).not.toContain('会员')
    expect(r.body).toMatch(/^<xml><ToUserName><!\[CDATA\[gh_\w+\]\]><\/ToUserName><Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt><\/xml>$/)
    expect(r.message.Content).toBe('会员')
  })

  test('compatible mode sends plaintext and Encrypt, and accepts a plain image reply', async () => {
    const s = await brand((m) => s.reply(m, { MsgType: 'image', Image: { MediaId: 'MEDIA_1' } }))
    await kit.configure({ url: s.url, mode: 'compatible' })
    const res = await kit.person('alice', '/messages', { text: 'menu' })
    expect(res.body.push).toMatchObject({ outcome: 'replied', reply: { kind: 'image', body: { media_id: 'MEDIA_1' } } })
    const r = s.received[0]!
    expect(r.body).toContain('<Content><![CDATA[menu]]></Content>')
    expect(r.body).toContain('<Encrypt>')
    expect(r.msgSignatureOk).toBe(true)
    expect(r.message.Content).toBe('menu')
  })

  test('a reply encrypted with the wrong AES key is refused and the person sees WeChat\'s notice', async () => {
    const wrong = await brandServer({ token: kit.oa.token, encodingAESKey: 'B'.repeat(43), appid: kit.oa.appid })
    servers.push(wrong)
    const s = await brand((m) => wrong.reply(m, { MsgType: 'text', Content: 'hi' }, true))
    await kit.configure({ url: s.url, mode: 'safe' })
    const res = await kit.person('alice', '/messages', { text: 'x' })
    expect(res.body.push).toMatchObject({ outcome: 'bad-reply', attempts: 1, reply: { source: 'system', body: { content: UNAVAILABLE } } })
    expect(res.body.push.detail).toMatch(/cannot decrypt|MsgSignature/)
  })

  test('a plain reply is refused in safe mode', async () => {
    const s = await brand((m) => s.reply(m, { MsgType: 'text', Content: 'hi' }))
    await kit.configure({ url: s.url, mode: 'safe' })
    expect((await kit.person('alice', '/messages', { text: 'x' })).body.push).toMatchObject({ outcome: 'bad-reply', detail: expect.stringMatching(/plain reply/) })
  })

  test('success and an empty body mean no reply', async () => {
    const s = await brand((_, n) => (n === 1 ? 'success' : ''))
    await kit.configure({ url: s.url, mode: 'plain' })
    const before = (await kit.person('alice', '/messages')).body.messages.length
    expect((await kit.person('alice', '/messages', { text: 'a' })).body.push).toMatchObject({ outcome: 'no-reply', reply: null })
    expect((await kit.person('alice', '/messages', { text: 'b' })).body.push).toMatchObject({ outcome: 'no-reply', reply: null })
    expect((await kit.person('alice', '/messages')).body.messages.length).toBe(before + 2)
  })

  test('a failing server gets three tries of the same message, each one an event', async () => {
    const s = await brand(() => ({ status: 500, body: 'oops' }))
    await kit.configure({ url: s.url, mode: 'plain' })
    const res = await kit.person('alice', '/messages', { text: 'anyone?' })
    expect(res.body.push).toMatchObject({ outcome: 'failed', attempts: 3, detail: 'HTTP 500', reply: { source: 'system' } })
    expect(s.received).toHaveLength(3)
    expect(new Set(s.received.map((r) => r.message.MsgId)).size).toBe(1)
    const attempts = (await kit.events('oa.push.attempted')).slice(-3)
    expect(attempts.map((e) => [e.payload.n, e.payload.status, e.payload.ok])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 500, false],
    ])
  })

  test('a server that answers after 5 s is dropped and the retry\'s reply is delivered', async () => {
    const s = await brand((m, n) => (n === 1 ? { delayMs: 5500, body: 'late' } : s.reply(m, { MsgType: 'text', Content: 'second try' })))
    await kit.configure({ url: s.url, mode: 'plain' })
    const res = await kit.person('alice', '/messages', { text: 'slow?' })
    expect(res.body.push).toMatchObject({ outcome: 'replied', attempts: 2, reply: { body: { content: 'second try' } } })
    const [first] = (await kit.events('oa.push.attempted')).slice(-2)
    expect(first.payload.answer).toMatch(/no answer within 5000 ms/)
  }, 15_000)
})

describe('a crash while a push is made', () => {
  test("the restarted platform pushes the person's message: the message and its push committed together", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oa-crash-'))
    const databaseUrl = `file:${join(dir, 'platform.db')}`
    const first = await testPlatform({ memory: false, databaseUrl, seed: 'oa-crash' })
    let second: TestPlatform | undefined
    const firstKit = oaKit(first)
    // the first push arrives as the process dies (kill -9: it writes nothing more); the second is answered
    const s = await brandServer({
      token: firstKit.oa.token,
      encodingAESKey: firstKit.oa.encodingAESKey,
      appid: firstKit.oa.appid,
      handler: (m, n) => {
        if (n === 1) first.platform.db.$client.close()
        return s.reply(m, { MsgType: 'text', Content: `echo: ${m.Content}` })
      },
    })
    servers.push(s)
    try {
      expect((await firstKit.configure({ url: s.url, mode: 'plain' })).status).toBe(200)
      void firstKit.person('alice', '/messages', { text: 'still there?' }).catch(() => undefined)
      await expect.poll(() => s.received.length).toBe(1)
      second = await testPlatform({ memory: false, databaseUrl })
      const secondKit = oaKit(second)
      await expect.poll(() => s.received.length).toBeGreaterThanOrEqual(2)
      expect(s.received[1]!.message).toMatchObject({ MsgType: 'text', Content: 'still there?', MsgId: s.received[0]!.message.MsgId })
      await expect.poll(async () => (await secondKit.person('alice', '/messages')).body.messages.slice(-2).map((m: any) => m.body.content)).toEqual(['still there?', 'echo: still there?'])
    } finally {
      await first.close().catch(() => undefined)
      await second?.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
