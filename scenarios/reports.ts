import type { JourneyResult } from './runner'

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

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
        .map((e) => `<tr><td>${esc(e.at.slice(11, 19))}</td><td>${esc(e.type)}</td><td>${esc(e.actor)}</td><td>${esc(e.channel ?? '')}</td><td>${esc(e.journeyId ?? '')}</td><td><code>${esc(JSON.stringify(e.payload).slice(0, 240))}</code></td></tr>`)
        .join('')
      return `<li class="${s.ok ? 'ok' : 'fail'}"><h3><span class="n">${i + 1}</span> ${esc(s.caption)} <small>${s.ok ? '✓' : '✗'} ${s.ms} ms · ${esc(s.at)}</small></h3>
${s.error ? `<p class="error">${esc(s.error)}</p>` : ''}${s.screenshot ? `<img alt="the phones after: ${esc(s.caption)}" src="data:image/png;base64,${s.screenshot}">` : ''}
${rows ? `<details><summary>${events.length} events</summary><table><tr><th>time</th><th>event</th><th>actor</th><th>channel</th><th>journey</th><th>payload</th></tr>${rows}</table></details>` : ''}</li>`
    })
    const golden = r.golden.status === 'mismatch' || r.golden.status === 'missing' ? `<pre class="diff">${esc(r.golden.diff ?? '')}</pre>` : ''
    return `<section><h2 class="${r.ok ? 'ok' : 'fail'}">${r.ok ? '✓' : '✗'} ${esc(r.title)}</h2>
<p><code>${esc(r.name)}</code> · kit ${esc(r.kit)} · seed ${r.seed} · ${r.ms} ms · ${r.notApplicable ? `not applicable: ${esc(r.notApplicable)}` : `golden trace: <b>${r.golden.status}</b>`}${r.failure ? ` · <span class="error">${esc(r.failure)}</span>` : ''}</p>${golden}
<ol>${steps.join('\n')}</ol></section>`
  })
  const passed = results.filter((r) => r.ok).length
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Scenario report</title><style>
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}
h2.ok{color:#1a7f37}h2.fail,.error{color:#c0392b}ol{list-style:none;padding:0}li{border-left:4px solid #1a7f37;padding:.25rem 1rem;margin:.75rem 0}
li.fail{border-color:#c0392b}h3{font-size:1rem;margin:.25rem 0}.n{display:inline-block;width:1.6em;color:#888}small{color:#888;font-weight:normal}
table{border-collapse:collapse;font-size:12px;width:100%}td,th{border-bottom:1px solid #eee;padding:2px 6px;text-align:left;vertical-align:top}
img{max-width:100%;border:1px solid #ddd;margin:.5rem 0}pre.diff{background:#fff6f6;padding:1rem;overflow:auto;font-size:12px}</style></head><body>
<h1>Scenario report</h1><p>${passed} of ${results.length} journeys passed · ${esc(generatedAt)}</p>${body.join('\n')}</body></html>
`
}
