import type { Lane, WireExchange } from '../../../platform-mock/src/sandbox/wire-log'

/** One arrow of the sequence diagram: an exchange's request, or its answer. */
export interface Arrow {
  exchange: number
  side: 'request' | 'response'
  from: string
  to: string
  text: string
}

/**
 * A label as mermaid text: letters, digits and plain punctuation as they are, everything else
 * (`#;:<>&"%{}` and the rest, which mermaid would read as syntax, entities, comments or markup)
 * as mermaid's `#code;` entity, so nothing a merchant or a person wrote can change the diagram.
 */
export function escapeLabel(text: string): string {
  return [...text.replace(/[\r\n\t]+/g, ' ')].map((ch) => (/[\p{L}\p{N} _.,()\-+=/'’·…→?!*@$]/u.test(ch) ? ch : `#${ch.codePointAt(0)};`)).join('')
}

/** The exchanges of the current step: from the latest one that begins a step (`starts`), at most `max` of them. */
export function currentStep(exchanges: WireExchange[], max = 30): WireExchange[] {
  const bySeq = [...exchanges].sort((a, b) => a.seq[0] - b.seq[0])
  const start = bySeq.filter((x) => x.starts).at(-1)
  const step = start ? bySeq.filter((x) => x.seq[0] >= start.seq[0]) : bySeq
  return step.slice(-max)
}

/** The lane an exchange's end is drawn in: each person's phone its own, then WeChat, then the brand's server. */
function laneOf(lane: Lane, x: WireExchange) {
  return lane === 'phone' ? `phone:${x.person ?? ''}` : lane
}

/**
 * A mermaid sequence diagram of exchanges, in the order their messages went (a call made while
 * serving another is drawn inside it), with the arrows in the order mermaid draws their labels.
 */
export function sequenceDiagram(exchanges: WireExchange[], names: Map<string, string> = new Map()): { text: string; arrows: Arrow[] } {
  const lanes = new Set<string>()
  for (const x of [...exchanges].sort((a, b) => a.seq[0] - b.seq[0])) for (const l of [laneOf(x.from, x), laneOf(x.to, x)]) if (l.startsWith('phone:')) lanes.add(l)
  const phones = [...lanes]
  const id = (lane: string) => (lane === 'wechat' ? 'W' : lane === 'merchant' ? 'M' : `P${phones.indexOf(lane)}`)
  const title = (lane: string) => {
    const person = lane.slice('phone:'.length)
    return person ? `${names.get(person) ?? person}’s phone` : 'Phone'
  }
  const lines = ['sequenceDiagram', ...phones.map((l) => `  participant ${id(l)} as ${escapeLabel(title(l))}`), '  participant W as WeChat', '  participant M as Brand’s server']
  const messages = exchanges.flatMap((x) => [
    { seq: x.seq[0], x, side: 'request' as const },
    { seq: x.seq[1], x, side: 'response' as const },
  ])
  messages.sort((a, b) => a.seq - b.seq)
  const arrows: Arrow[] = []
  for (const { x, side } of messages) {
    const from = id(laneOf(side === 'request' ? x.from : x.to, x))
    const to = id(laneOf(side === 'request' ? x.to : x.from, x))
    const text = side === 'request' ? x.label : x.answer
    const arrow = side === 'request' ? '->>' : x.status === null ? '--x' : '-->>'
    lines.push(`  ${from}${arrow}${to}: ${escapeLabel(text) || ' '}`)
    arrows.push({ exchange: x.id, side, from, to, text })
  }
  return { text: lines.join('\n'), arrows }
}
