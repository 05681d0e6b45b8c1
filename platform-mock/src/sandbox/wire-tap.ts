import { performance } from 'node:perf_hooks'
import type { MiddlewareHandler } from 'hono'
import { pickHost, type WeChatHost } from '../hosts'
import type { Platform } from '../platform'
import type { PlatformEnv } from '../shared/env'
import { EMPTY, message, wireContext, wireLogOf, BODY_LIMIT, type Lane, type WireMessage } from './wire-log'
import { answerLabel, hostCallLabel, merchantSignature, paySignature, phoneCall, platformSignature, redactBody, redactUrl, type PhoneCall } from './wire-words'

/** The hosts whose calls are the brand's server talking to WeChat (not pages or pictures). */
const API_HOSTS = new Set<WeChatHost>(['api.weixin.qq.com', 'api.mch.weixin.qq.com', 'qyapi.weixin.qq.com'])
const TEXT = /json|xml|text|x-www-form-urlencoded/
/** The browser's own headers that say nothing about the exchange (and may carry a session). */
const PRIVATE_HEADERS = new Set(['cookie', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'sec-fetch-dest', 'sec-fetch-mode', 'sec-fetch-site', 'accept-language', 'accept-encoding', 'priority'])

/** Reads at most BODY_LIMIT characters of a body stream, then lets go of it. */
async function readCapped(stream: ReadableStream<Uint8Array> | null): Promise<string | null> {
  if (!stream) return null
  const reader = stream.getReader()
  const decoder = new TextDecoder()
  let text = ''
  try {
    while (text.length <= BODY_LIMIT) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
    }
  } catch {
    // a body that broke off is shown as far as it came
  } finally {
    void reader.cancel().catch(() => {})
  }
  return text
}

/** A body worth keeping: text of a sane size; anything else is named by its type and length. */
function capturable(headers: Headers) {
  const type = headers.get('content-type') ?? ''
  const length = Number(headers.get('content-length') ?? 0)
  if (length > 1024 * 1024) return `(${type || 'body'}, ${length} bytes: not shown)`
  if (type && !TEXT.test(type)) return `(${type}${length ? `, ${length} bytes` : ''}: not shown)`
  return null
}

function requestBody(req: Request) {
  if (!req.body) return Promise.resolve(null)
  const skip = capturable(req.headers)
  return skip ? Promise.resolve(skip) : readCapped(req.clone().body)
}

/**
 * Records, in the platform's wire log, the calls a brand's server makes to WeChat's API hosts and
 * the phone's calls that belong to the story (wx.login, the pay sheet, a message to the account).
 * Headers and bodies are read from copies, and only while someone watches the log; the answer
 * reaches its caller as it was.
 */
export const wireTap =
  (platform: Platform): MiddlewareHandler<PlatformEnv> =>
  async (c, next) => {
    const url = new URL(c.req.url)
    const method = c.req.method
    let phone: PhoneCall | null = null
    let host: WeChatHost | null = null
    let path = url.pathname
    if (path.startsWith('/_sandbox/')) phone = phoneCall(method, path)
    else {
      const target = pickHost(url, c.req.raw.headers)
      if (target && API_HOSTS.has(target.host)) ({ host, path } = target)
    }
    if (!phone && !host) return next()
    // what the caller believes it called: WeChat's own host, whichever way it reached the sandbox
    const called = host ? `https://${host}${path}${url.search}` : url.toString()

    const log = wireLogOf(platform)
    const captured = log.watching
    const atMs = platform.clock.now()
    const sent = log.tick()
    const started = performance.now()
    const reading = captured ? requestBody(c.req.raw) : Promise.resolve(null)
    await (phone ? wireContext.run({ person: phone.person }, next) : next())
    const back = log.tick()
    const latencyMs = Math.round(performance.now() - started)
    const res = c.res
    const from: Lane = phone ? 'phone' : 'merchant'
    const base = { seq: [sent, back] as [number, number], from, to: 'wechat' as Lane, method, status: res.status, latencyMs, starts: phone?.starts ?? false, captured, atMs, ...(phone && { person: phone.person }) }
    const label = phone ? phone.label : hostCallLabel(host!, method, path)
    const shownUrl = redactUrl(called)
    if (!captured) {
      log.add({ ...base, url: shownUrl, label, answer: String(res.status), request: EMPTY, response: EMPTY })
      return
    }
    // the answer's copy is read after the caller has it, so the log never holds a response back
    const skip = capturable(res.headers)
    const answerBody = skip ? Promise.resolve(skip) : readCapped(res.clone().body)
    void Promise.all([reading, answerBody]).then(([sentBody, body]) => {
      const reqHeaders = Object.fromEntries([...c.req.raw.headers].filter(([k]) => !PRIVATE_HEADERS.has(k)))
      const request: WireMessage = message(reqHeaders, redactBody(sentBody), {
        signature: phone ? paySignature(sentBody) : merchantSignature(method, called, reqHeaders),
      })
      const resHeaders = message(res.headers, null).headers
      const response = message(resHeaders, body, { signature: platformSignature(resHeaders) })
      log.add({ ...base, url: shownUrl, label, answer: phoneAnswer(phone, res.status, body) ?? answerLabel(res.status, body), request, response })
    })
  }

function phoneAnswer(phone: PhoneCall | null, status: number, body: string | null) {
  if (!phone?.answer || !body || status >= 400) return undefined
  try {
    const said = phone.answer(JSON.parse(body) as Record<string, unknown>)
    return said && `${status} ${said}`
  } catch {
    return undefined
  }
}
