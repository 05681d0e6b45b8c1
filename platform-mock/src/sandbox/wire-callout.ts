import { performance } from 'node:perf_hooks'
import type { Platform } from '../platform'
import type { ServerAnswer } from '../shared/callout'
import { message, wireLogOf, EMPTY } from './wire-log'
import { platformSignature, querySignature, replySignature } from './wire-words'

/** What a caller of `callServer` tells the wire log about its call to the brand's server. */
export interface WireNote {
  platform: Platform
  /** the request in a few words: `payment notification`, `push: text message` */
  label: string
  person?: string | null
  journey?: string | null
  /** a WeCom callback (its signature is explained as WeCom's) */
  wecom?: boolean
  /** the request's body opened, when it travels encrypted; called only while someone watches */
  plaintext?: () => string | null
  /** the answer's body opened, when it came back encrypted */
  answerPlaintext?: (body: string) => string | null
  /** the answer in a few words; by default its status */
  answer?: (a: ServerAnswer) => string
}

const headersOf = (init: RequestInit) => Object.fromEntries(new Headers(init.headers ?? {}))

/**
 * Starts the record of one call from WeChat to the brand's server; `finish` adds it to the wire
 * log with the answer. While nobody watches, only its label, status and answer's words are kept.
 */
export function startCallout(note: WireNote, url: URL | string, init: RequestInit) {
  const log = wireLogOf(note.platform)
  const atMs = note.platform.clock.now()
  const sent = log.tick()
  const started = performance.now()
  return (answer: ServerAnswer, headers: Headers | null) => {
    const captured = log.watching
    const href = String(url)
    const failure = answer.failure && (answer.failure.kind === 'timeout' ? 'no answer: timeout' : `no answer: ${answer.failure.kind}`)
    const said = note.answer?.(answer) ?? failure ?? String(answer.status)
    const base = {
      seq: [sent, log.tick()] as [number, number],
      from: 'wechat' as const,
      to: 'merchant' as const,
      method: init.method ?? 'GET',
      url: href,
      status: answer.status,
      latencyMs: Math.round(performance.now() - started),
      label: note.label,
      answer: said,
      starts: false,
      captured,
      atMs,
      person: note.person,
      journey: note.journey,
    }
    if (!captured) return void log.add({ ...base, request: EMPTY, response: EMPTY })
    const sentHeaders = headersOf(init)
    const body = typeof init.body === 'string' ? init.body : null
    const request = message(sentHeaders, body, {
      plaintext: safely(() => note.plaintext?.() ?? null),
      signature: platformSignature(message(sentHeaders, null).headers) ?? querySignature(href, note.wecom ?? false),
    })
    const shown = answer.failure ? answer.failure.message : answer.body
    const response = message(headers, shown, {
      plaintext: answer.failure ? null : safely(() => note.answerPlaintext?.(answer.body) ?? null),
      signature: replySignature(answer.body),
    })
    log.add({ ...base, request, response })
  }
}

/** Opening a body for the log never breaks the call it describes. */
function safely(open: () => string | null) {
  try {
    return open()
  } catch {
    return null
  }
}
