import type { Funnel } from './actors/types'
import type { JourneyResult } from './runner'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const two = (n: number) => String(n).padStart(2, '0')

/** A virtual time as a person in China reads it (UTC+8, no daylight saving): "2 Mar 09:00", with seconds "2 Mar 09:00:05". */
export function chinaTime(iso: string, { seconds = false } = {}) {
  const t = new Date(Date.parse(iso) + 8 * 3600_000)
  if (Number.isNaN(t.getTime())) return iso
  const hm = `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}${seconds ? `:${two(t.getUTCSeconds())}` : ''}`
  return `${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]} ${hm}`
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2).replace(/\.00$/, '')}`

/** The funnel at a journey's end, as lines of text: the totals, then one line per entry channel. */
export function funnelLines(f: Funnel): string[] {
  const totals = `funnel: ${f.touches} touches → ${f.journeys} journeys opened the mini program → ${f.buyers} buyers (${f.repeatBuyers} repeat) · ${f.orders} orders · ${yuan(f.revenue)}${f.refunds ? ` · ${f.refunds} refunds` : ''} · ${f.shares} shares`
  const channels = f.byChannel.map((c) => `  ${c.channel}: ${c.journeys} journeys, ${c.paidJourneys} paid · ${c.orders} orders ${yuan(c.revenue)} (last touch ${c.lastTouchOrders} orders ${yuan(c.lastTouchRevenue)})`)
  return [totals, ...channels]
}

function funnelHtml(f: Funnel) {
  const rows = f.byChannel
    .map((c) => `<tr><td>${esc(c.channel)}</td><td>${c.journeys}</td><td>${c.paidJourneys}</td><td>${c.orders}</td><td>${yuan(c.revenue)}</td><td>${c.lastTouchOrders}</td><td>${yuan(c.lastTouchRevenue)}</td></tr>`)
    .join('')
  return `<div class="funnel"><h3>Funnel at the end</h3><dl>
<div><dt>touches</dt><dd>${f.touches}</dd></div><div><dt>journeys</dt><dd>${f.journeys}</dd></div><div><dt>launches</dt><dd>${f.launches}</dd></div><div><dt>buyers</dt><dd>${f.buyers}</dd></div><div><dt>repeat buyers</dt><dd>${f.repeatBuyers}</dd></div><div><dt>orders</dt><dd>${f.orders}</dd></div><div><dt>revenue</dt><dd>${yuan(f.revenue)}</dd></div><div><dt>refunds</dt><dd>${f.refunds}</dd></div><div><dt>shares</dt><dd>${f.shares}</dd></div></dl>
${rows ? `<table class="channels"><tr><th>entry channel</th><th>journeys</th><th>paid journeys</th><th>orders (first touch)</th><th>revenue</th><th>orders (last touch)</th><th>revenue</th></tr>${rows}</table>` : ''}</div>`
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** A payload in the event table: short ones whole, long ones folded (their first line, the rest on a click), wrapped to the column. */
function payloadHtml(payload: unknown) {
  const flat = JSON.stringify(payload) ?? ''
  if (flat.length <= 160) return `<code>${esc(flat)}</code>`
  return `<details><summary><code>${esc(flat.slice(0, 120))}…</code></summary><pre>${esc(JSON.stringify(payload, null, 2))}</pre></details>`
}

/** Machine-readable: every journey, its steps, the golden comparison and the normalised trace. */
export function jsonReport(results: JourneyResult[]) {
  const journeys = results.map(({ events: _events, ...r }) => r)
  return JSON.stringify({ ok: results.every((r) => r.ok), journeys }, null, 2)
}

/** JUnit XML: one suite per journey, one test case per step, plus the golden trace. */
export function junitReport(results: JourneyResult[]) {
  const suites = results.map((r) => {
    if (r.notApplicable) return `  <testsuite name="${esc(r.title)} [${esc(r.kit)}]" tests="1" failures="0" skipped="1" time="0">\n    <testcase classname="${esc(r.name)}" name="not applicable to ${esc(r.kit)}" time="0"><skipped message="${esc(r.notApplicable)}"/></testcase>\n  </testsuite>`
    const cases = r.steps.map((s) => {
      const failure = s.ok ? '' : `<failure message="${esc(s.error ?? 'failed')}">${esc(`${s.caption}: ${s.error}`)}</failure>`
      return `    <testcase classname="${esc(r.name)}" name="${esc(s.caption)}" time="${(s.ms / 1000).toFixed(3)}">${failure}</testcase>`
    })
    if (r.failure && !r.steps.some((s) => !s.ok)) cases.push(`    <testcase classname="${esc(r.name)}" name="journey" time="0"><failure message="${esc(r.failure)}"/></testcase>`)
    const g = r.golden
    const goldenFailure = g.status === 'mismatch' || g.status === 'missing' ? `<failure message="golden trace ${g.status}">${esc(g.diff ?? '')}</failure>` : g.status === 'skipped' ? '<skipped/>' : ''
    cases.push(`    <testcase classname="${esc(r.name)}" name="golden trace" time="0">${goldenFailure}</testcase>`)
    const failures = r.steps.filter((s) => !s.ok).length + (goldenFailure.startsWith('<failure') ? 1 : 0) + (r.failure && !r.steps.some((s) => !s.ok) ? 1 : 0)
    return `  <testsuite name="${esc(r.title)}${r.kit === 'lumen' ? '' : ` [${esc(r.kit)}]`}" tests="${cases.length}" failures="${failures}" skipped="${g.status === 'skipped' ? 1 : 0}" time="${(r.ms / 1000).toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`
  })
  const tests = results.reduce((n, r) => n + r.steps.length + 1, 0)
  const failures = results.filter((r) => !r.ok).length
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="scenarios" tests="${tests}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`
}

/** One self-contained HTML file: per journey its steps with captions, screenshots, and the event timeline. */
export function htmlReport(results: JourneyResult[], generatedAt = new Date().toISOString()) {
  const body = results.map((r) => {
    const byId = new Map(r.events.map((e) => [e.id, e]))
    const steps = r.steps.map((s, i) => {
      const events = s.events.map((id) => byId.get(id)!).filter(Boolean)
      const rows = events
        .map((e) => `<tr><td>${esc(chinaTime(e.at, { seconds: true }))}</td><td>${esc(e.type)}</td><td>${esc(e.actor)}</td><td>${esc(e.channel ?? '')}</td><td>${esc(e.journeyId ?? '')}</td><td>${payloadHtml(e.payload)}</td></tr>`)
        .join('')
      return `<li class="${s.ok ? 'ok' : 'fail'}"><h3><span class="n">${i + 1}</span> ${esc(s.caption)} <small>${s.ok ? '✓' : '✗'} ${s.ms} ms · <time datetime="${esc(s.at)}">${esc(chinaTime(s.at))}</time></small></h3>
${s.error ? `<p class="error">${esc(s.error)}</p>` : ''}${s.screenshot ? `<img alt="the phones after: ${esc(s.caption)}" src="data:image/png;base64,${s.screenshot}">` : ''}
${rows ? `<details><summary>${events.length} events</summary><table class="events"><colgroup><col class="c-time"><col class="c-type"><col class="c-actor"><col class="c-channel"><col class="c-journey"><col></colgroup><tr><th>time (China)</th><th>event</th><th>actor</th><th>channel</th><th>journey</th><th>payload</th></tr>${rows}</table></details>` : ''}</li>`
    })
    const golden = r.golden.status === 'mismatch' || r.golden.status === 'missing' ? `<pre class="diff">${esc(r.golden.diff ?? '')}</pre>` : ''
    return `<section><h2 class="${r.ok ? 'ok' : 'fail'}">${r.ok ? '✓' : '✗'} ${esc(r.title)}</h2>
<p><code>${esc(r.name)}</code> · kit ${esc(r.kit)} · seed ${r.seed} · ${r.ms} ms · ${r.notApplicable ? `not applicable: ${esc(r.notApplicable)}` : `golden trace: <b>${r.golden.status}</b>`}${r.failure ? ` · <span class="error">${esc(r.failure)}</span>` : ''}</p>${golden}
<ol>${steps.join('\n')}</ol>${r.funnel && !r.notApplicable ? funnelHtml(r.funnel) : ''}</section>`
  })
  const passed = results.filter((r) => r.ok).length
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Scenario report</title><style>
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}
h2.ok{color:#1a7f37}h2.fail,.error{color:#c0392b}ol{list-style:none;padding:0}li{border-left:4px solid #1a7f37;padding:.25rem 1rem;margin:.75rem 0}
li.fail{border-color:#c0392b}h3{font-size:1rem;margin:.25rem 0}.n{display:inline-block;width:1.6em;color:#888}small{color:#888;font-weight:normal}time{white-space:nowrap}
table{border-collapse:collapse;font-size:12px;width:100%}td,th{border-bottom:1px solid #eee;padding:2px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
table.events{table-layout:fixed}col.c-time{width:9.5em}col.c-type{width:15em}col.c-actor{width:9em}col.c-channel{width:7em}col.c-journey{width:7em}
td code,td pre{font:11px/1.4 ui-monospace,monospace;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word;margin:0}td details summary{cursor:pointer;color:#576b95}
.funnel dl{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:.5rem 0}.funnel dl div{min-width:6em}.funnel dt{color:#888;font-size:12px}.funnel dd{margin:0;font-size:1.2rem;font-weight:600}
img{max-width:100%;border:1px solid #ddd;margin:.5rem 0}pre.diff{background:#fff6f6;padding:1rem;overflow:auto;font-size:12px}</style></head><body>
<h1>Scenario report</h1><p>${passed} of ${results.length} journeys passed · written ${esc(chinaTime(generatedAt))} China time · step times are the sandbox's virtual clock, China time (UTC+8)</p>${body.join('\n')}</body></html>
`
}
