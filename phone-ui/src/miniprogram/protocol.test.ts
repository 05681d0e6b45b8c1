import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { BRIDGE, BridgeClient, BridgeHost, decodeInit, encodeInit, type InitData } from './protocol'

const PHONE = 'http://localhost:4000'

/** Two windows wired like a phone and its mini program iframe (messages delivered asynchronously). */
function wire(handlers: ConstructorParameters<typeof BridgeHost>[1], timeoutMs = 1000) {
  const frame = {
    postMessage: (data: unknown) => queueMicrotask(() => client.handle({ source: parent, origin: PHONE, data })),
  }
  const parent = {
    postMessage: (data: unknown) =>
      queueMicrotask(() => host.handle({ source: frame, origin: 'null', data } as unknown as MessageEvent)),
  }
  const host = new BridgeHost(() => frame as unknown as Window, handlers)
  const client = new BridgeClient(parent, PHONE, timeoutMs)
  return { host, client, frame, parent }
}

describe('the wx bridge', () => {
  test('answers a known API with its result and api:ok', async () => {
    const { client } = wire({ login: async () => ({ code: 'abc' }) })
    await expect(client.call('login')).resolves.toEqual({ code: 'abc', errMsg: 'login:ok' })
  })

  test('answers an unknown API with fail, like the real wx', async () => {
    const { client } = wire({})
    await expect(client.call('getWerunData')).rejects.toEqual({ errMsg: 'getWerunData:fail api not supported' })
  })

  test('does not treat inherited object keys as APIs', async () => {
    const { client } = wire({})
    await expect(client.call('constructor')).rejects.toEqual({ errMsg: 'constructor:fail api not supported' })
  })

  test('turns a handler failure into api:fail with its reason', async () => {
    const { client } = wire({
      requestPayment: async () => {
        throw new Error('cancel')
      },
    })
    await expect(client.call('requestPayment')).rejects.toEqual({ errMsg: 'requestPayment:fail cancel' })
  })

  test('passes parameters through as plain data', async () => {
    const seen: unknown[] = []
    const { client } = wire({ showToast: async (p) => void seen.push(p) })
    await client.call('showToast', { title: 'Added', icon: 'success' })
    expect(seen).toEqual([{ title: 'Added', icon: 'success' }])
  })

  test('pushes events from the phone to the page', async () => {
    const { client, host } = wire({})
    const got: unknown[] = []
    client.on('share', (d) => got.push(d))
    host.push('share', { from: 'menu' })
    await new Promise((r) => setTimeout(r, 0))
    expect(got).toEqual([{ from: 'menu' }])
  })
})

describe('timeouts', () => {
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => void vi.useRealTimers())

  test('a call the phone never answers fails with timeout', async () => {
    const { client } = wire({ login: () => new Promise(() => undefined) }, 500)
    const result = client.call('login').catch((e) => e)
    await vi.advanceTimersByTimeAsync(500)
    expect(await result).toEqual({ errMsg: 'login:fail timeout' })
  })

  test('a call waiting on the person (the pay sheet) does not time out', async () => {
    let pay!: () => void
    const { client } = wire({ requestPayment: () => new Promise<void>((r) => (pay = r)) }, 500)
    const result = client.call('requestPayment')
    await vi.advanceTimersByTimeAsync(60_000)
    pay()
    await expect(result).resolves.toEqual({ errMsg: 'requestPayment:ok' })
  })
})

describe('origin checks', () => {
  test('the phone ignores calls from any window but its frame', () => {
    const answered: unknown[] = []
    const host = new BridgeHost(() => ({ postMessage: (m: unknown) => answered.push(m) }) as unknown as Window, { login: async () => ({}) })
    const stranger = { postMessage: (m: unknown) => answered.push(m) }
    const call = { bridge: BRIDGE, kind: 'call', id: 1, api: 'login', params: {} }
    expect(host.handle({ source: stranger, origin: 'https://evil.example', data: call } as unknown as MessageEvent)).toBe(false)
    expect(answered).toEqual([])
  })

  test('the page ignores replies from another origin or window', async () => {
    const sent: unknown[] = []
    const parent = { postMessage: (m: unknown) => sent.push(m) }
    const client = new BridgeClient(parent, PHONE, 50)
    const pending = client.call('login').catch((e) => e)
    const reply = { bridge: BRIDGE, kind: 'reply', id: 1, ok: true, result: { code: 'forged', errMsg: 'login:ok' } }
    expect(client.handle({ source: parent, origin: 'https://evil.example', data: reply })).toBe(false)
    expect(client.handle({ source: {}, origin: PHONE, data: reply })).toBe(false)
    expect(await pending).toEqual({ errMsg: 'login:fail timeout' })
    expect(sent).toHaveLength(1)
  })

  test('non-bridge messages are left to others', () => {
    const { host, frame } = wire({})
    expect(host.handle({ source: frame, data: { type: 'webpackOk' } } as unknown as MessageEvent)).toBe(false)
  })
})

test('init data survives the URL hash round trip', () => {
  const init: InitData = {
    appid: 'wx1',
    launch: { path: 'pages/product/product', query: { id: '7', scene: 'table=12' }, scene: 1047, referrerInfo: {} },
    system: { platform: 'ios' },
    storage: { cart: [1, 2] },
  }
  expect(decodeInit(`#${encodeInit(init)}`)).toEqual(init)
  expect(decodeInit('#wx=%7Bbroken')).toBeNull()
})
