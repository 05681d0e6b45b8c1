import type { SandboxEvent } from './actors/types'

/**
 * A golden trace: the journey's whole event log, normalised of what is legitimately different
 * between two runs with one seed (see README "What is normalised"), one event per line.
 */
export interface Trace {
  journey: string
  seed: number
  events: TraceEvent[]
}

export type TraceEvent = Omit<SandboxEvent, 'id'> & { id: number }

/** Fields whose values are real-time measurements or fresh RSA signatures. */
const VOLATILE_FIELDS: Record<string, string> = { latencyMs: '<ms>', paySign: '<signature>', signature: '<signature>' }

/** Ids the demo merchant makes from real time and the OS's randomness (the platform's come from the seed). */
const merchantIds = (prefix: string): [RegExp, string][] => [
  [new RegExp(`${prefix}G[0-9A-Z]{8}[0-9A-F]{8}`, 'g'), 'gift-order'], // a gift voucher's out_trade_no: prefix + G + Date.now() in base 36 + 4 random bytes
  [/(?<=token=|"token":")[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])/g, 'gift-token'], // a gift card's token (16 random bytes, base64url): in the shared path and the launch's query
  [new RegExp(`${prefix}[0-9A-Z]{8}[0-9A-F]{10}`, 'g'), 'order'], // out_trade_no: the kit's prefix + Date.now() in base 36 + 5 random bytes (also inside refund numbers R<order>-n)
  [/\bm_[0-9a-f]{16}\b/g, 'member'], // member ids
]

/** The store's out_trade_no prefix for a kit id (merchant-demo/src/orders.ts outTradeNo): the café's is LUME. */
export const orderPrefix = (kitId: string) => kitId.replace(/[^a-z0-9]/gi, '').slice(0, 4).toUpperCase()

/** What the store's encrypted Official Account replies hold that is random (AES IV and padding, nonce) or real time. */
const SEALED_REPLY: [RegExp, string][] = [
  [/<Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt>/g, '<Encrypt><![CDATA[<encrypted>]]></Encrypt>'],
  [/<MsgSignature><!\[CDATA\[[0-9a-f]{40}\]\]><\/MsgSignature>/g, '<MsgSignature><![CDATA[<signature>]]></MsgSignature>'],
  [/<TimeStamp>\d+<\/TimeStamp>/g, '<TimeStamp><timestamp></TimeStamp>'],
  [/<Nonce><!\[CDATA\[\w+\]\]><\/Nonce>/g, '<Nonce><![CDATA[<nonce>]]></Nonce>'],
]

export function normalise(events: SandboxEvent[], urls: { platform: string; merchant: string }, journey: string, seed: number, prefix = 'LUME'): Trace {
  let text = JSON.stringify(events, (key, value) => (key in VOLATILE_FIELDS && value !== null ? VOLATILE_FIELDS[key] : value))
  for (const [pattern, placeholder] of SEALED_REPLY) text = text.replace(pattern, placeholder)
  text = text.replaceAll(urls.merchant, '<merchant>').replaceAll(urls.platform, '<platform>')
  // connection errors name the address itself (ECONNREFUSED 127.0.0.1:<port>)
  for (const [url, name] of [[urls.merchant, '<merchant-address>'], [urls.platform, '<platform-address>']]) {
    const port = new URL(url).port
    text = text.replaceAll(`127.0.0.1:${port}`, name).replaceAll(`localhost:${port}`, name)
  }
  for (const [pattern, kind] of merchantIds(prefix)) {
    const seen = new Map<string, string>()
    text = text.replace(pattern, (id) => {
      if (!seen.has(id)) seen.set(id, `<${kind}-${seen.size + 1}>`)
      return seen.get(id)!
    })
  }
  return { journey, seed, events: JSON.parse(text) }
}

/** One event per line, so a golden file diffs line by line. */
export function serialise(trace: Trace): string {
  const lines = trace.events.map((e) => `    ${JSON.stringify(e)}`)
  return `{\n  "journey": ${JSON.stringify(trace.journey)},\n  "seed": ${trace.seed},\n  "events": [\n${lines.join(',\n')}\n  ]\n}\n`
}

/** A readable line diff of two traces (`-` golden, `+` this run), with a line of context; '' when equal. */
export function diffTraces(golden: Trace, actual: Trace): string {
  const a = golden.events.map(eventLine)
  const b = actual.events.map(eventLine)
  const header = golden.seed !== actual.seed ? [`seed: golden ${golden.seed}, this run ${actual.seed}`] : []
  const ops = lineDiff(a, b)
  if (!ops.some((o) => o.op !== ' ') && header.length === 0) return ''
  const out: string[] = [...header]
  ops.forEach((o, i) => {
    const near = ops.slice(Math.max(0, i - 1), i + 2).some((x) => x.op !== ' ')
    if (o.op !== ' ' || near) out.push(`${o.op} ${o.line}`)
    else if (out.at(-1) !== '  …') out.push('  …')
  })
  return out.join('\n')
}

const eventLine = (e: TraceEvent) => `#${e.id} ${e.at} ${e.type} ${e.actor} ${JSON.stringify({ subject: e.subject, journeyId: e.journeyId, channel: e.channel, payload: e.payload })}`

/** Longest-common-subsequence diff of two line lists. */
function lineDiff(a: string[], b: string[]): { op: ' ' | '-' | '+'; line: string }[] {
  const n = a.length
  const m = b.length
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1])
  const out: { op: ' ' | '-' | '+'; line: string }[] = []
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (a[i] === b[j]) (out.push({ op: ' ', line: a[i] }), i++, j++)
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ op: '-', line: a[i++] })
    else out.push({ op: '+', line: b[j++] })
  }
  while (i < n) out.push({ op: '-', line: a[i++] })
  while (j < m) out.push({ op: '+', line: b[j++] })
  return out
}
