import axios from 'axios'
import { createServer, type Server } from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { createPlatform } from './app'
import { interceptWeChat, type Interception } from './intercept'
import { testPlatform, type TestPlatform } from './testing'

let p: TestPlatform
let cred: any
let interception: Interception | undefined

beforeAll(async () => {
  p = await testPlatform()
  cred = await p.json('/_sandbox/credentials')
})
afterEach(() => interception?.close())
afterAll(() => p.close())

const tokenUrl = () =>
  `https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=${cred.miniProgram.appid}&secret=${cred.miniProgram.secret}`

function httpsGet(url: string) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = https.request(url, (res) => {
      let text = ''
      res.on('data', (c) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }))
    })
    req.on('error', reject)
    req.end()
  })
}

for (const mode of ['in-process', 'at a URL'] as const) {
  describe(`interception ${mode}`, () => {
    const start = () => {
      interception = interceptWeChat(mode === 'in-process' ? createPlatform(p.platform) : p.url)
    }

    test('answers a global fetch to api.weixin.qq.com from the sandbox', async () => {
      start()
      const res = await fetch(tokenUrl())
      expect(res.status).toBe(200)
      expect((await res.json()).expires_in).toBe(7200)
      expect(interception!.calls).toEqual([`GET ${tokenUrl()}`])
    })

    test('answers an https.request', async () => {
      start()
      const { status, body } = await httpsGet(tokenUrl())
      expect(status).toBe(200)
      expect(body.access_token).toMatch(/^[\w-]{100,}$/)
    })

    test('answers an axios POST with its body, and WeCom by its own host', async () => {
      start()
      const stable = await axios.post('https://api.weixin.qq.com/cgi-bin/stable_token', {
        grant_type: 'client_credential',
        appid: cred.officialAccount.appid,
        secret: cred.officialAccount.secret,
      })
      expect(stable.data.expires_in).toBeGreaterThan(7000)
      const wecom = await axios.get(
        `https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=${cred.wecom.corpid}&corpsecret=${cred.wecom.agentSecret}`,
      )
      expect(wecom.data).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 })
    })

    test('answers WeChat Pay on api.mch.weixin.qq.com in its own envelope', async () => {
      start()
      const res = await fetch('https://api.mch.weixin.qq.com/v3/no-such-api')
      expect(res.status).toBe(404)
      expect(res.headers.get('request-id')).toBeTruthy()
    })
  })
}

describe('what interception leaves alone', () => {
  let other: Server
  let otherUrl: string
  beforeAll(async () => {
    other = createServer((_req, res) => res.end('not wechat'))
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r))
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`
  })
  afterAll(() => new Promise<void>((r) => other.close(() => r())))

  test('other traffic passes through to where it was going', async () => {
    interception = interceptWeChat(createPlatform(p.platform))
    expect(await (await fetch(otherUrl)).text()).toBe('not wechat')
    expect((await axios.get(otherUrl)).data).toBe('not wechat')
  })

  test('a WeChat host the sandbox does not emulate fails loudly instead of leaking out', async () => {
    interception = interceptWeChat(createPlatform(p.platform))
    const errors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => void errors.push(args.join(' '))
    try {
      await expect(fetch('https://open.weixin.qq.com/connect/qrconnect')).rejects.toThrow()
    } finally {
      console.error = original
    }
    expect(errors.join('\n')).toMatch(/open\.weixin\.qq\.com.*does not emulate/)
  })

  test('after close, calls are no longer answered by the sandbox', async () => {
    const i = interceptWeChat(createPlatform(p.platform))
    i.close()
    interception = undefined
    // with no network here, the real host cannot be reached: any outcome but the sandbox's answer
    const outcome = await fetch(tokenUrl(), { signal: AbortSignal.timeout(3000) }).then(
      (r) => r.headers.get('content-type'),
      () => 'unreachable',
    )
    expect(i.calls).toEqual([])
    expect(outcome).not.toBe('application/json')
  })
})
