import { startCallout, type WireNote } from '../sandbox/wire-callout'

/** Why a call to a developer's server got no answer. */
export interface CallFailure {
  kind: 'timeout' | 'refused' | 'error'
  /** in words: `no answer within 5000 ms`, or the network's own message */
  message: string
}

export interface ServerAnswer {
  /** null when nothing came back */
  status: number | null
  body: string
  latencyMs: number
  failure: CallFailure | null
}

/**
 * One request from WeChat to a developer's server (URL verification, a message push, a payment
 * notification), made the way WeChat makes it: redirects are not followed and the server has
 * `timeoutMs` to answer. A timeout or a broken connection is an answer too, with its reason.
 * With `wire`, the call and its answer go into the platform's wire log (the presenter's diagram).
 */
export async function callServer(url: URL | string, init: RequestInit, timeoutMs: number, wire?: WireNote): Promise<ServerAnswer> {
  const started = performance.now()
  const latency = () => Math.round(performance.now() - started)
  const finish = wire && startCallout(wire, url, init)
  try {
    const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) })
    const body = await res.text()
    const answer: ServerAnswer = { status: res.status, body, latencyMs: latency(), failure: null }
    finish?.(answer, res.headers)
    return answer
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } }
    const kind = e.name === 'TimeoutError' ? 'timeout' : e.cause?.code === 'ECONNREFUSED' ? 'refused' : 'error'
    const message = kind === 'timeout' ? `no answer within ${timeoutMs} ms` : (e.cause?.message ?? e.message ?? String(err))
    const answer: ServerAnswer = { status: null, body: '', latencyMs: latency(), failure: { kind, message } }
    finish?.(answer, null)
    return answer
  }
}

/**
 * What is wrong with a developer server's answer to WeChat's URL verification, in words, or null
 * when it answered HTTP 200 with exactly `expected`. `doing` names what it should have done
 * ("echo echostr", "answer the decrypted echostr").
 */
export function verificationFailure(answer: ServerAnswer, expected: string, doing: string) {
  if (answer.failure) return answer.failure.kind === 'timeout' ? answer.failure.message : `request failed: ${answer.failure.message}`
  if (answer.status !== 200) return `the server answered HTTP ${answer.status}`
  if (answer.body !== expected) return `the server did not ${doing} (got ${JSON.stringify(answer.body.slice(0, 80))})`
  return null
}
