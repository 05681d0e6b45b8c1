/**
 * The strategy lab report's page: its style and the script that draws it from the embedded
 * `#lab-data` JSON. Every text from the result goes in as textContent, an attribute or an echarts
 * label (tooltips in echarts' richText mode, drawn on the canvas), never as HTML. When every chart
 * has drawn, the script sets `document.body.dataset.ready = '1'` (the screenshot waits for it).
 */

/** The system font stack; WenQuanYi Micro Hei last, so Linux boxes without other CJK fonts show 流明. */
export const fontStack =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif'

export const pageStyle = `
:root { --accent: #07c160; --a: #576b95; --b: #2f6fb0; --ink: #1f2329; --muted: #6b7280;
  --line: #e8eaed; --bg: #f4f5f7; --good: #06a04f; --bad: #d93026; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 14px/1.5 ${fontStack}; }
.bar { height: 4px; background: var(--accent); }
main { max-width: 1480px; margin: 0 auto; padding: 20px 32px 48px; }
header.head { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 20px 24px; }
.eyebrow { color: var(--accent); font-weight: 600; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; margin: 0; }
h1 { font-size: 26px; margin: 2px 0 6px; font-weight: 650; }
h1 .zh { color: var(--muted); font-weight: 500; margin-left: 10px; }
.meta { display: flex; flex-wrap: wrap; gap: 6px 20px; margin: 8px 0 14px; color: #374151; }
.meta span b { font-weight: 600; }
.meta span small { color: var(--muted); }
.strategies { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 380px), 1fr)); gap: 12px; }
.strategy { border: 1px solid var(--line); border-left: 4px solid var(--c); border-radius: 8px; padding: 10px 14px; min-width: 0; }
.strategy h3 { margin: 0; font-size: 15px; display: flex; align-items: center; gap: 8px; overflow-wrap: anywhere; }
.strategy p { margin: 4px 0 0; color: #4b5563; overflow-wrap: anywhere; }
.strategy code { font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
nav { position: sticky; top: 0; z-index: 5; background: rgba(244, 245, 247, .94); backdrop-filter: blur(6px);
  display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 10px 2px; margin: 4px 0 0; font-size: 13px; }
nav a { color: #374151; text-decoration: none; }
nav a:hover { color: var(--accent); }
section { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 20px 24px 22px; margin: 14px 0; }
h2 { font-size: 18px; margin: 0 0 2px; font-weight: 650; }
h4 { font-size: 13px; margin: 18px 0 4px; color: #374151; font-weight: 600; }
.intro { color: var(--muted); margin: 0 0 12px; max-width: 95ch; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 460px), 1fr)); gap: 14px 24px; }
.panel { min-width: 0; }
.panel-title { display: flex; align-items: center; gap: 8px; font-weight: 600; font-size: 13px; margin: 6px 0 2px; min-width: 0; }
.panel-title span:last-child { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.chart { width: 100%; min-width: 0; }
.badge { display: inline-flex; align-items: center; justify-content: center; min-width: 20px; height: 20px; padding: 0 6px;
  border-radius: 10px; color: #fff; font-size: 11px; font-weight: 700; flex: none; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 200px), 1fr)); gap: 12px; margin: 12px 0 6px; }
.kpi { border: 1px solid var(--line); border-radius: 10px; padding: 10px 14px; min-width: 0; }
.kpi .label { color: var(--muted); font-size: 12px; display: flex; justify-content: space-between; gap: 8px; }
.kpi .label span:first-child { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.kpi .row { display: flex; align-items: baseline; gap: 8px; margin-top: 4px; }
.kpi .value { font-size: 20px; font-weight: 650; font-variant-numeric: tabular-nums; }
.kpi .delta { font-size: 12px; font-weight: 600; white-space: nowrap; }
.table-wrap { overflow-x: auto; margin-top: 10px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12px; background: #fafbfc; white-space: normal; overflow-wrap: break-word; }
th[title] { cursor: help; text-decoration: underline dotted #c4c8cf; text-underline-offset: 3px; }
th.l, td.l { text-align: left; }
td.wrap { white-space: normal; min-width: 16ch; }
td .def { display: block; color: var(--muted); font-size: 12px; font-weight: 400; white-space: normal; max-width: 60ch; }
td .sub { color: var(--muted); font-size: 11px; margin-left: 4px; }
tr.group td { border-top: 1px solid #d9dce1; }
tbody tr:hover td { background: #fafbfc; }
.good { color: var(--good); }
.bad { color: var(--bad); }
.muted { color: var(--muted); }
.defs { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 300px), 1fr)); gap: 2px 24px;
  margin: 10px 0 0; color: var(--muted); font-size: 12px; }
.defs div b { color: #374151; font-weight: 600; }
.stats { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 4px 0 8px; }
.stats span b { font-variant-numeric: tabular-nums; }
.trees { display: grid; gap: 4px; }
.tree-caption { font-size: 12px; color: var(--muted); margin: 8px 0 0; }
.key { display: inline-flex; align-items: center; gap: 6px; margin-right: 16px; }
.dot { width: 10px; height: 10px; border-radius: 50%; display: inline-block; border: 1.5px solid var(--c); background: var(--f); }
details { margin-top: 12px; }
summary { cursor: pointer; color: #374151; font-weight: 600; font-size: 13px; }
footer { color: var(--muted); font-size: 12px; margin: 18px 4px 0; }
@media (max-width: 720px) { main { padding: 12px; } section, header.head { padding: 14px; } }
`

/** Plain browser JavaScript (a string, so no bundler helper can creep in). */
export const pageScript = String.raw`
(() => {
  'use strict'
  const data = JSON.parse(document.getElementById('lab-data').textContent)
  const runs = [data.a, data.b].filter(Boolean)
  const two = runs.length === 2
  const font = getComputedStyle(document.body).fontFamily

  // ---- colours: the kit's for A, its complement for B
  const hex = (c) => (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(c || '') ? c : '#576b95')
  const rgb = (c) => {
    let h = hex(c).slice(1)
    if (h.length === 3) h = h.split('').map((x) => x + x).join('')
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16))
  }
  const toHex = (v) => '#' + v.map((x) => Math.round(Math.max(0, Math.min(255, x))).toString(16).padStart(2, '0')).join('')
  const mix = (c, white) => toHex(rgb(c).map((x) => x + (255 - x) * white))
  const contrast = (c) => {
    const [r, g, b] = rgb(c).map((x) => x / 255)
    const max = Math.max(r, g, b), min = Math.min(r, g, b)
    const d = max - min
    if (d < 0.12) return '#2f6fb0'
    let h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4
    h = ((h * 60 + 180) % 360 + 360) % 360
    const s = 0.55, l = 0.44
    const k = (n) => (n + h / 30) % 12
    const a = s * Math.min(l, 1 - l)
    const f = (n) => 255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1)))
    return toHex([f(0), f(8), f(4)])
  }
  const colors = [hex(data.kit.color), contrast(hex(data.kit.color))]
  document.documentElement.style.setProperty('--a', colors[0])
  document.documentElement.style.setProperty('--b', colors[1])

  // ---- numbers
  const nf = new Intl.NumberFormat('en-US')
  const int = (n) => (n == null ? '—' : nf.format(Math.round(n)))
  const money = (fen) => (fen == null ? '—' : '¥' + (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }))
  const moneyShort = (fen) => {
    const y = fen / 100
    return '¥' + (Math.abs(y) >= 10000 ? Math.round(y / 1000) + 'k' : Math.abs(y) >= 1000 ? (y / 1000).toFixed(1) + 'k' : nf.format(Math.round(y)))
  }
  const pct = (x) => (x == null ? '—' : (x * 100).toFixed(1) + '%')
  const dec = (x) => (x == null ? '—' : x.toFixed(2))
  const hours = (h) => (h == null ? '—' : h.toFixed(1) + ' h')
  const share = (x, of) => (of ? Math.round((x / of) * 100) + '%' : '')
  const minus = '\u2212'
  const signed = (d, f) => (d > 0 ? '+' : d < 0 ? minus : '±') + f(Math.abs(d))
  const duration = (ms) => {
    if (ms < 1000) return ms + ' ms'
    if (ms < 60000) return (ms / 1000).toFixed(1) + ' s'
    const s = Math.round(ms / 1000)
    return Math.floor(s / 60) + ' min ' + (s % 60) + ' s'
  }
  const china = { timeZone: 'Asia/Shanghai' }
  const day = new Intl.DateTimeFormat('en-GB', { ...china, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })
  const dayTime = new Intl.DateTimeFormat('en-GB', { ...china, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false })
  const shortDate = (ymd) => { const [, m, d] = ymd.split('-'); return Number(d) + '/' + Number(m) }

  const channelNames = { qr: 'QR code', 'official-account': 'Official Account', channels: 'Channels', chat: 'Chat card', group: 'Group chat', wecom: 'WeCom', 'subscribe-message': 'Subscription msg', direct: 'Direct', other: 'Other', search: 'Search' }
  const channelName = (c) => channelNames[c] || c
  const kindNames = { subscription: 'Subscription messages', template: 'Template messages', mass: 'Mass messages', wecom: 'WeCom consultant' }
  const kindName = (k) => kindNames[k] || k
  const kindShort = (k) => ({ subscription: 'Subscription', template: 'Template', mass: 'Mass', wecom: 'WeCom' })[k] || k

  /** The metrics of Summary (and of diff rows), in plain words, from result.ts. */
  const metrics = {
    people: { label: 'People', f: int, def: 'people who were in the world' },
    reached: { label: 'Reached', f: int, def: 'people touched by any channel' },
    launched: { label: 'Opened the mini program', f: int, def: 'people who opened the mini program' },
    buyers: { label: 'Buyers', f: int, def: 'people who paid at least once' },
    repeatBuyers: { label: 'Repeat buyers', f: int, def: 'buyers who paid on two occasions or more (a gift bought with an order is one)' },
    orders: { label: 'Orders', f: int, def: 'paid orders' },
    sales: { label: 'Sales', f: money, def: 'payments minus refunds' },
    averageOrder: { label: 'Average order', f: money, def: 'sales / orders' },
    shares: { label: 'Shares', f: int, def: 'mini program cards shared in chats and groups' },
    kFactor: { label: 'K-factor', f: dec, def: 'recruited buyers (people who first came from a friend’s card and bought) per buyer, all channels' },
    medianHoursToFirstPurchase: { label: 'Median time to first purchase', short: 'Median to first purchase', f: hours, def: 'median hours from a person’s first touch to their first payment (— : nobody paid)', lower: true },
    repeatRateAfterReengagement: { label: 'Repeat rate after re-engagement', f: pct, def: 'buyers who came back and paid again after a re-engagement message, over those who got one', points: true },
    payFailures: { label: 'Pay failures', f: int, def: 'failed or cancelled pay sheets', lower: true },
    events: { label: 'Events', f: int, def: 'events in the sandboxes’ logs' },
  }
  const metric = (m) => metrics[m] || { label: m, f: (x) => (x == null ? '—' : Number.isInteger(x) ? int(x) : x.toFixed(3)), def: '' }
  const deltaText = (m, d) => {
    const k = metric(m)
    if (k.points) return signed(d, (x) => (x * 100).toFixed(1) + ' pt')
    return signed(d, k.f)
  }
  const tone = (m, d) => (!d ? 'muted' : (d > 0) !== !!metric(m).lower ? 'good' : 'bad')
  // A diff row names a Summary key ('sales') or says it in words ('sales (fen)', 'qr: K-factor').
  const lowerKeys = new Map(Object.keys(metrics).map((k) => [k.toLowerCase(), k]))
  const aliases = { peoplereached: 'reached', peopletouched: 'reached', openedtheminiprogram: 'launched', launched: 'launched' }
  const keyOf = (m) => {
    if (metrics[m]) return m
    const n = String(m).toLowerCase().replace(/\((fen|yuan|¥)\)/g, '').replace(/[^a-z0-9]/g, '')
    return lowerKeys.get(n) || aliases[n] || null
  }
  const perChannel = (m) => { const x = /^([^:]+):\s*(.+)$/.exec(String(m)); return x ? { channel: x[1].trim(), key: keyOf(x[2]) || x[2] } : null }
  const diffFor = new Map(), diffExtra = [], diffChannels = []
  if (two) for (const d of data.diff || []) {
    const c = perChannel(d.metric)
    const k = c ? null : keyOf(d.metric)
    if (c) diffChannels.push({ ...d, ...c })
    else if (k && !diffFor.has(k)) diffFor.set(k, d)
    else diffExtra.push(d)
  }
  const ratioText = (r) => (r == null ? '—' : signed(r - 1, (x) => (x * 100).toFixed(1) + '%'))
  const differenceCells = (m, d) => (d ? [{ text: deltaText(m, d.delta), cls: tone(m, d.delta) }, { text: ratioText(d.ratio), cls: tone(m, d.delta) }] : ['', ''])

  // ---- DOM, text only
  const el = (tag, props, ...kids) => {
    const e = document.createElement(tag)
    for (const [k, v] of Object.entries(props || {})) {
      if (v == null) continue
      if (k === 'class') e.className = v
      else if (k === 'text') e.textContent = String(v)
      else if (k === 'style') for (const [p, x] of Object.entries(v)) e.style.setProperty(p, x)
      else e.setAttribute(k, String(v))
    }
    for (const kid of kids.flat()) if (kid != null && kid !== false) e.append(kid)
    return e
  }
  const badge = (i) => el('span', { class: 'badge', style: { background: colors[i] }, title: runs[i].strategy.name, text: 'AB'[i] })
  const main = document.getElementById('report')
  const section = (id, title, intro) => {
    const s = el('section', { id }, el('h2', { text: title }), intro ? el('p', { class: 'intro', text: intro }) : null)
    main.append(s)
    return s
  }
  const defs = (pairs) => el('div', { class: 'defs' }, pairs.map(([t, d]) => el('div', null, el('b', { text: t }), ': ' + d)))
  /** head: [label, definition?, left?]; rows: arrays of cells (string, Node, or { text, sub, cls, title }) */
  const table = (head, rows, groupEvery) => {
    const th = head.map(([label, title, left]) => el('th', { class: left ? 'l' : null, title, text: label }))
    const tr = rows.map((cells, r) =>
      el('tr', { class: groupEvery && r > 0 && r % groupEvery === 0 ? 'group' : null },
        cells.map((c, i) => {
          const left = head[i] && head[i][2]
          if (c instanceof Node) return el('td', { class: left ? 'l' : null }, c)
          if (c && typeof c === 'object') return el('td', { class: [left ? 'l' : '', c.cls || ''].join(' ').trim() || null, title: c.title }, c.text, c.sub ? el('span', { class: 'sub', text: c.sub }) : null, c.def ? el('span', { class: 'def', text: c.def }) : null)
          return el('td', { class: left ? 'l' : null, text: c })
        })))
    return el('div', { class: 'table-wrap' }, el('table', null, el('thead', null, el('tr', null, th)), el('tbody', null, tr)))
  }
  const who = (i) => el('span', { class: 'panel-title' }, badge(i), el('span', { text: runs[i].strategy.name }))
  /** One panel per strategy, next to each other. */
  const pair = (parent, fill) => {
    const grid = el('div', { class: 'pair' })
    runs.forEach((run, i) => {
      const panel = el('div', { class: 'panel' }, two ? who(i) : null)
      grid.append(panel)
      fill(panel, run, i)
    })
    parent.append(grid)
    return grid
  }

  // ---- charts: created once the page is laid out and the fonts are in
  const jobs = []
  const chart = (parent, height, option) => {
    const div = el('div', { class: 'chart', style: { height: height + 'px' } })
    parent.append(div)
    jobs.push([div, option])
  }
  const merge = (a, b) => {
    const out = { ...a }
    for (const [k, v] of Object.entries(b)) out[k] = v && typeof v === 'object' && !Array.isArray(v) && a[k] && typeof a[k] === 'object' && !Array.isArray(a[k]) ? merge(a[k], v) : v
    return out
  }
  const base = () => ({
    animationDuration: 450,
    color: colors,
    textStyle: { fontFamily: font, color: '#374151' },
    grid: { left: 18, right: 20, top: 40, bottom: 16, containLabel: true },
    legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8, textStyle: { color: '#4b5563' } },
    tooltip: { renderMode: 'richText', confine: true, backgroundColor: '#fff', borderColor: '#e5e7eb', textStyle: { color: '#1f2329', fontFamily: font, fontSize: 12 } },
  })
  const axis = { axisLine: { lineStyle: { color: '#d1d5db' } }, axisTick: { show: false }, axisLabel: { color: '#6b7280' }, splitLine: { lineStyle: { color: '#f0f1f3' } } }
  const val = (extra) => merge({ type: 'value', ...axis }, extra || {})
  const cat = (labels, extra) => merge({ type: 'category', data: labels, ...axis }, extra || {})
  const rowsAxis = (labels) => cat(labels, { inverse: true, axisLabel: { width: 118, overflow: 'truncate' } })
  const names = runs.map((r) => r.strategy.name)
  const niceMax = (values) => {
    const m = Math.max(0, ...values)
    if (!m) return 1
    const p = Math.pow(10, Math.floor(Math.log10(m)))
    return Math.ceil(m / p * 2) / 2 * p
  }

  // ==== header
  const a = data.a
  const end = new Date(Date.parse(data.startsAt) + (data.days - 1) * 86400000)
  document.title = 'Strategy lab · ' + data.kit.name + (two ? ' · ' + a.strategy.name + ' vs ' + data.b.strategy.name : ' · ' + a.strategy.name)
  const meta = (label, value, small) => el('span', null, label + ' ', el('b', { text: value }), small ? el('small', { text: ' ' + small }) : null)
  main.append(el('header', { class: 'head' },
    el('p', { class: 'eyebrow', text: 'Strategy lab' + (two ? ' · A/B comparison' : '') }),
    el('h1', null, el('span', { text: data.kit.name }), el('span', { class: 'zh', lang: 'zh-CN', text: data.kit.nameZh })),
    el('div', { class: 'meta' },
      meta('People', int(data.people)),
      meta('Days', int(data.days), day.format(new Date(data.startsAt)) + ' – ' + day.format(end) + ' (China time, virtual)'),
      meta('Seed', String(data.seed)),
      meta('Shards', int(data.shards), data.workers ? 'on ' + int(data.workers) + ' worker thread' + (data.workers === 1 ? '' : 's') : 'in one thread'),
      meta('Run time', duration(data.ms), runs.map((r, i) => 'AB'[i] + ' ' + duration(r.ms)).join(' · ')),
      meta('Generated', dayTime.format(new Date(data.generatedAt)), 'China time')),
    el('div', { class: 'strategies' }, runs.map((r, i) =>
      el('div', { class: 'strategy', style: { '--c': colors[i] } },
        el('h3', null, badge(i), el('span', { text: r.strategy.name })),
        r.strategy.description ? el('p', { text: r.strategy.description }) : null,
        el('code', { text: r.strategy.file || 'built-in (no strategy file)' }))))))
  main.append(el('nav', null, [['summary', 'Summary'], ['funnel', 'Funnels'], ['days', 'Day by day'], ['sharing', 'Sharing'], ['time', 'Time to first purchase'], ['reengagement', 'Re-engagement'], ['sales', 'Sales']].map(([id, t]) => el('a', { href: '#' + id, text: t }))))

  // ==== summary
  {
    const s = section('summary', 'Summary', 'The key numbers of each strategy, counted from what happened in the sandboxes. Money is payments minus refunds, in yuan.')
    const keys = ['buyers', 'repeatBuyers', 'orders', 'sales', 'averageOrder', 'shares', 'kFactor', 'medianHoursToFirstPurchase', 'repeatRateAfterReengagement', 'payFailures']
    s.append(el('div', { class: 'kpis' }, ['buyers', 'repeatBuyers', 'sales', 'kFactor', 'medianHoursToFirstPurchase'].map((m) => {
      const k = metric(m)
      const d = two ? diffFor.get(m) || { delta: data.b.summary[m] - a.summary[m] } : null
      return el('div', { class: 'kpi', title: k.def },
        el('div', { class: 'label' }, el('span', { text: k.short || k.label }),
          d && d.delta != null && !Number.isNaN(d.delta) ? el('span', { class: 'delta ' + tone(m, d.delta), title: 'B − A', text: deltaText(m, d.delta) }) : null),
        runs.map((r, i) => el('div', { class: 'row' }, badge(i), el('span', { class: 'value', text: k.f(r.summary[m]) }))))
    })))
    const order = [...new Set(['reached', 'launched', ...keys, ...diffFor.keys()])]
    const head = [['Metric', null, true], ...runs.map((r, i) => [two ? 'AB'[i] + ' · ' + r.strategy.name : r.strategy.name, r.strategy.description])]
    if (two) head.push(['Δ (B − A)', 'the difference, b − a'], ['Ratio', 'b / a − 1, as a percentage (— when a is 0)'])
    const rows = order.map((m) => {
      const k = metric(m)
      const d = diffFor.get(m)
      const values = runs.map((r, i) => ({ text: k.f(m in r.summary ? r.summary[m] : d && (i ? d.b : d.a)), title: k.def }))
      return [{ text: k.label, def: k.def }, ...values, ...(two ? differenceCells(m, d) : [])]
    })
    for (const d of diffExtra) rows.push([{ text: metric(d.metric).label }, metric(d.metric).f(d.a), metric(d.metric).f(d.b), ...differenceCells(d.metric, d)])
    s.append(table(head, rows))
    s.lastChild.style.setProperty('max-width', two ? '1180px' : '760px')
    if (two) s.append(el('p', { class: 'intro', style: { 'margin-top': '8px' }, text: 'Δ and ratio are the run’s differences (b − a). Green: better for the brand (for pay failures and time to first purchase, lower is better); red: worse.' }))
    s.append(el('p', { class: 'intro', style: { 'margin-top': '10px' }, text: int(data.people) + ' people in the world · ' + runs.map((r, i) => (two ? 'AB'[i] + ': ' : '') + int(r.summary.events) + ' events in the sandboxes’ logs').join(' · ') }))
  }

  // ==== funnels
  const stagesFirst = [['reached', 'Reached', 'people the channel touched first (a scan, a read, a view, a card…)'], ['launched', 'Opened', 'of those, people who opened the mini program'], ['product', 'Product', '…who opened a product page'], ['cart', 'Cart', '…who put something in the cart'], ['checkout', 'Checkout', '…who checked out (an order with WeChat Pay’s prepay)'], ['paid', 'Paid', '…who paid: buyers'], ['repeat', 'Repeat', 'buyers who paid on two occasions or more (a gift bought with an order is one)']]
  const stagesLast = [['reached', 'Sessions', 'mini program sessions launched from this channel'], ['product', 'Product', '…that opened a product page'], ['cart', 'Cart', '…that put something in the cart'], ['checkout', 'Checkout', '…that checked out (an order with WeChat Pay’s prepay)'], ['paid', 'Paid', '…that ended in a payment'], ['repeat', 'Repeat', 'paid sessions of people who had paid before']]
  const channelsOf = (rowsOf) => {
    const order = new Map()
    runs.forEach((r) => rowsOf(r).forEach((row) => order.set(row.channel, (order.get(row.channel) || 0) + row.reached)))
    return [...order.keys()].sort((x, y) => order.get(y) - order.get(x))
  }
  const funnelSection = (parent, title, rowsOf, stages, unit) => {
    parent.append(el('h4', { text: title }))
    const channels = channelsOf(rowsOf)
    const max = niceMax(runs.flatMap((r) => rowsOf(r).map((row) => row.reached)))
    pair(parent, (panel, run, i) => {
      const byChannel = new Map(rowsOf(run).map((row) => [row.channel, row]))
      chart(panel, 48 + channels.length * 34, {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: int },
        xAxis: val({ max }),
        yAxis: rowsAxis(channels.map(channelName)),
        series: stages.map(([key, label], s) => ({
          name: label, type: 'bar', barGap: '-100%', barWidth: '62%', z: 2 + s,
          itemStyle: { color: mix(colors[i], 0.82 - (0.82 * s) / (stages.length - 1)), borderRadius: 2 },
          data: channels.map((c) => (byChannel.get(c) || {})[key] || 0),
        })),
      })
    })
    const rows = []
    channels.forEach((c) => runs.forEach((r, i) => {
      const row = rowsOf(r).find((x) => x.channel === c) || { reached: 0, launched: 0, product: 0, cart: 0, checkout: 0, paid: 0, repeat: 0, revenue: 0 }
      rows.push([channelName(c), ...(two ? [badge(i)] : []), ...stages.map(([key], s) => ({ text: int(row[key]), sub: s ? share(row[key], row[stages[s - 1][0]]) : '' })), money(row.revenue)])
    }))
    parent.append(table([['Channel', null, true], ...(two ? [['', 'strategy', true]] : []), ...stages.map(([, label, def]) => [label, def]), ['Revenue', 'payments of these ' + unit + ', in yuan']], rows, two ? 2 : 0))
    parent.append(defs([...stages.map(([, l, d]) => [l, d]), ['small %', 'of the stage before']]))
  }
  {
    const s = section('funnel', 'Funnels', 'First touch follows people, by the channel that met them first. Last touch follows mini program sessions, by the channel the launch came from.')
    const totals = runs.map((r) => stagesFirst.map(([key]) => r.funnel.firstTouch.reduce((n, row) => n + row[key], 0)))
    chart(s, 300, {
      legend: { show: false },
      title: runs.map((r, i) => ({ text: (two ? 'AB'[i] + ' · ' : '') + r.strategy.name, left: two ? (i ? '67%' : '17%') : '43%', textAlign: 'center', top: 0, textStyle: { fontSize: 13, fontWeight: 600, color: colors[i], fontFamily: font } })),
      tooltip: { trigger: 'item', valueFormatter: int },
      series: runs.map((r, i) => ({
        name: r.strategy.name, type: 'funnel', sort: 'none', gap: 2, top: 30, bottom: 6, minSize: '6%',
        left: two ? (i ? '52%' : '2%') : '25%', width: two ? '30%' : '36%',
        label: { show: true, position: 'right', color: '#374151', fontSize: 12, formatter: (p) => p.name + '  ' + int(p.value) },
        labelLine: { show: true, length: 8, lineStyle: { color: '#d1d5db' } },
        itemStyle: { borderWidth: 0 },
        data: stagesFirst.map(([, label], k) => ({ name: label, value: totals[i][k], itemStyle: { color: mix(colors[i], 0.6 - (0.6 * k) / (stagesFirst.length - 1)) } })),
      })),
    })
    s.lastChild.title = 'All channels together, by first touch (people)'
    funnelSection(s, 'By first touch: people', (r) => r.funnel.firstTouch, stagesFirst, 'people')
    funnelSection(s, 'By last touch: sessions', (r) => r.funnel.lastTouch, stagesLast, 'sessions')
  }

  // ==== day by day
  {
    const s = section('days', 'Day by day', 'Each virtual day of the run (dates in China time). Buyers are people who paid that day; new buyers paid for the first time; repeat buyers paid on a later occasion (a session after their first purchase).')
    const dates = runs[0].daily.map((d) => shortDate(d.date))
    const maxDay = niceMax(runs.flatMap((r) => r.daily.map((d) => Math.max(d.newBuyers, d.repeatBuyers))))
    const maxCum = niceMax(runs.flatMap((r) => r.daily.map((d) => d.cumulativeBuyers)))
    s.append(el('h4', { text: 'Buyers per day' }))
    s.append(el('p', { class: 'intro', text: 'Solid lines: people who paid that day (left axis). Dashed lines, marked →: the running totals (right axis).' }))
    pair(s, (panel, run, i) => {
      const c = colors[i]
      chart(panel, 280, {
        tooltip: { trigger: 'axis', valueFormatter: int },
        grid: { right: 8 },
        xAxis: cat(run.daily.map((d) => shortDate(d.date)), { boundaryGap: false }),
        yAxis: [val({ max: maxDay, interval: maxDay / 5 }), val({ max: maxCum, interval: maxCum / 5, splitLine: { show: false } })],
        series: [
          { name: 'New buyers', type: 'line', smooth: 0.3, symbolSize: 5, lineStyle: { width: 2.5 }, itemStyle: { color: c }, data: run.daily.map((d) => d.newBuyers) },
          { name: 'Repeat buyers', type: 'line', smooth: 0.3, symbolSize: 5, lineStyle: { width: 2.5 }, itemStyle: { color: '#07c160' }, data: run.daily.map((d) => d.repeatBuyers) },
          { name: 'Cumulative buyers →', type: 'line', yAxisIndex: 1, smooth: 0.3, showSymbol: false, lineStyle: { width: 1.5, type: 'dashed' }, itemStyle: { color: mix(c, 0.35) }, areaStyle: { color: mix(c, 0.9), opacity: 0.5 }, data: run.daily.map((d) => d.cumulativeBuyers) },
          { name: 'Cumulative repeat →', type: 'line', yAxisIndex: 1, smooth: 0.3, showSymbol: false, lineStyle: { width: 1.5, type: 'dashed' }, itemStyle: { color: '#7fd8a6' }, data: run.daily.map((d) => d.cumulativeRepeatBuyers) },
        ],
      })
    })
    s.append(el('h4', { text: 'Sales per day' }))
    chart(s, 260, {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: money },
      xAxis: cat(dates),
      yAxis: val({ axisLabel: { formatter: moneyShort } }),
      series: runs.map((r, i) => ({ name: r.strategy.name, type: 'bar', barMaxWidth: 22, itemStyle: { color: colors[i], borderRadius: [3, 3, 0, 0] }, data: r.daily.map((d) => d.sales) })),
    })
    s.append(defs([['Sales', 'payments minus refunds that day, in yuan'], ['Cumulative buyers', 'people who have paid at least once, by the end of the day'], ['Cumulative repeat', 'people who have paid on two occasions or more, by the end of the day'], ['Shares', 'mini program cards shared in chats and groups that day']]))
    const rows = []
    runs[0].daily.forEach((_, k) => runs.forEach((r, i) => {
      const d = r.daily[k]
      if (!d) return
      rows.push([d.date, ...(two ? [badge(i)] : []), int(d.buyers), int(d.newBuyers), int(d.repeatBuyers), int(d.orders), money(d.sales), int(d.shares), int(d.cumulativeBuyers), int(d.cumulativeRepeatBuyers)])
    }))
    s.append(el('details', null, el('summary', { text: 'The numbers, day by day' }),
      table([['Date', 'the day in China time', true], ...(two ? [['', 'strategy', true]] : []), ['Buyers', 'people who paid that day'], ['New', 'people who paid for the first time that day'], ['Repeat', 'people who paid that day on a later occasion than their first'], ['Orders'], ['Sales', 'payments minus refunds'], ['Shares', 'cards shared in chats and groups'], ['Cum. buyers', 'people who have paid at least once, by the end of the day'], ['Cum. repeat', 'people who have paid on two occasions or more, by the end of the day']], rows, two ? 2 : 0)))
  }

  // ==== sharing
  {
    const s = section('sharing', 'Sharing', 'A person’s channel is the one they first came by; someone who came from a friend’s card counts for the channel of the first person in the chain.')
    const channels = channelsOf((r) => r.virality.map((v) => ({ channel: v.channel, reached: v.buyers })))
    s.append(el('h4', { text: 'K-factor per channel' }))
    chart(s, 260, {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: dec },
      xAxis: cat(channels.map(channelName)),
      yAxis: val({ axisLabel: { formatter: (v) => v.toFixed(2) } }),
      series: runs.map((r, i) => ({ name: r.strategy.name, type: 'bar', barMaxWidth: 34, itemStyle: { color: colors[i], borderRadius: [3, 3, 0, 0] }, label: { show: true, position: 'top', fontSize: 11, color: '#6b7280', formatter: (p) => dec(p.value) }, data: channels.map((c) => (r.virality.find((v) => v.channel === c) || { kFactor: 0 }).kFactor) })),
    })
    const rows = []
    channels.forEach((c) => runs.forEach((r, i) => {
      const v = r.virality.find((x) => x.channel === c)
      if (v) rows.push([channelName(c), ...(two ? [badge(i)] : []), int(v.buyers), int(v.shares), int(v.newOpens), int(v.recruitedBuyers), dec(v.kFactor), int(v.maxDepth)])
    }))
    runs.forEach((r, i) => rows.push([{ text: 'All channels', cls: 'muted' }, ...(two ? [badge(i)] : []), int(r.summary.buyers), int(r.summary.shares), '', '', dec(r.summary.kFactor), '']))
    const vdefs = [['Buyers', 'buyers whose chain starts at this channel'], ['Shares', 'cards shared by people of this channel'], ['New opens', 'opens of those cards by people who had not opened the mini program before'], ['Recruited', 'people who first came from a share and went on to buy'], ['K-factor', 'new buyers brought in by shares, per buyer of this channel'], ['Max depth', 'the deepest share chain, in hops']]
    s.append(table([['Channel', null, true], ...(two ? [['', 'strategy', true]] : []), ...vdefs], rows, two ? 2 : 0))
    s.append(defs(vdefs))
    if (diffChannels.length) {
      const rows = diffChannels.map((d) => [channelName(d.channel), metric(d.key).label, metric(d.key).f(d.a), metric(d.key).f(d.b), ...differenceCells(d.key, d)])
      s.append(el('details', null, el('summary', { text: 'B against A, channel by channel' }),
        table([['Channel', null, true], ['Metric', null, true], ['A', a.strategy.name], ['B', data.b.strategy.name], ['Δ (B − A)', 'the difference, b − a'], ['Ratio', 'b / a − 1, as a percentage (— when a is 0)']], rows)))
    }
    s.append(el('h4', { text: 'The largest share trees' }))
    s.append(el('p', { class: 'intro' }, 'Who brought whom into the mini program: the root came by the channel named, each step to the right is a friend who opened their card. ',
      el('span', { class: 'key' }, el('span', { class: 'dot', style: { '--c': '#374151', '--f': '#374151' } }, ''), 'bought'),
      el('span', { class: 'key' }, el('span', { class: 'dot', style: { '--c': '#9aa3ae', '--f': '#fff' } }, ''), 'did not buy')))
    const node = (n, c) => ({ name: n.person, bought: n.bought, itemStyle: n.bought ? { color: c, borderColor: c } : { color: '#fff', borderColor: '#9aa3ae', borderWidth: 1.5 }, children: n.children.map((x) => node(x, c)) })
    const leaves = (n) => (n.children.length ? n.children.reduce((k, x) => k + leaves(x), 0) : 1)
    const count = (n) => (n.bought ? 1 : 0) + n.children.reduce((k, x) => k + count(x), 0)
    const shown = 3
    // one hop is as wide in every tree, so trees compare at a glance
    const deepest = Math.max(1, ...runs.flatMap((r) => r.shareTrees.slice(0, shown).map((t) => t.depth)))
    pair(s, (panel, run, i) => {
      const trees = run.shareTrees.slice(0, shown)
      if (!trees.length) panel.append(el('p', { class: 'muted', text: 'No card was opened by a friend.' }))
      trees.forEach((t, k) => {
        panel.append(el('p', { class: 'tree-caption', text: '#' + (k + 1) + ' · from ' + channelName(t.channel) + ' · ' + int(t.size) + ' people · ' + int(t.depth) + ' hop' + (t.depth === 1 ? '' : 's') + ' deep · ' + int(count(t.root)) + ' bought' }))
        chart(panel, Math.min(420, Math.max(110, 28 + leaves(t.root) * 17)), {
          tooltip: { trigger: 'item', formatter: (p) => p.name + (p.data && p.data.bought ? ' · bought' : ' · did not buy') },
          series: [{ type: 'tree', data: [node(t.root, colors[i])], orient: 'LR', top: 10, bottom: 10, left: 14, right: (3 + 94 * (1 - Math.max(1, t.depth) / deepest)).toFixed(1) + '%', symbol: 'circle', symbolSize: 9, initialTreeDepth: -1, expandAndCollapse: false, roam: false, label: { show: false }, leaves: { label: { show: false } }, lineStyle: { color: '#cfd4db', width: 1.2, curveness: 0.5 }, emphasis: { focus: 'ancestor' } }],
        })
      })
      if (run.shareTrees.length > shown) panel.append(el('p', { class: 'tree-caption', text: 'and ' + (run.shareTrees.length - shown) + ' smaller: ' + run.shareTrees.slice(shown).map((t) => t.size).join(', ') + ' people' }))
    })
  }

  // ==== time to first purchase
  {
    const s = section('time', 'Time to first purchase', 'Buyers by the time from their first touch (a scan, a read, a view, a card…) to their first payment, in virtual time.')
    s.append(el('div', { class: 'stats' }, runs.map((r, i) => el('span', null, two ? badge(i) : null, ' Median ', el('b', { text: hours(r.timeToFirstPurchase.medianHours) }), ' · 90th percentile ', el('b', { text: hours(r.timeToFirstPurchase.p90Hours) }), el('span', { class: 'muted', text: ' (90% of buyers had paid by then)' })))))
    const labels = runs[0].timeToFirstPurchase.buckets.map((b) => b.label)
    chart(s, 280, {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => int(v) + ' buyers' },
      xAxis: cat(labels),
      yAxis: val(),
      series: runs.map((r, i) => ({ name: r.strategy.name, type: 'bar', barGap: '8%', barCategoryGap: '22%', itemStyle: { color: colors[i], borderRadius: [3, 3, 0, 0] }, data: labels.map((l) => (r.timeToFirstPurchase.buckets.find((b) => b.label === l) || { people: 0 }).people) })),
    })
  }

  // ==== re-engagement
  {
    const s = section('reengagement', 'Re-engagement', 'Messages that bring buyers back: one-time subscription messages, the Official Account’s template and mass messages, and the WeCom consultant.')
    const kinds = [...new Set(runs.flatMap((r) => r.reengagement.map((x) => x.kind)))]
    const maxCount = niceMax(runs.flatMap((r) => r.reengagement.map((x) => Math.max(x.sent, x.reached))))
    const maxRate = Math.min(1, niceMax(runs.flatMap((r) => r.reengagement.map((x) => x.repeatRate))))
    pair(s, (panel, run, i) => {
      const of = (k) => run.reengagement.find((x) => x.kind === k) || { sent: 0, reached: 0, opened: 0, boughtAgain: 0, repeatRate: 0 }
      chart(panel, 290, {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (ps) => ps[0].name + '\n' + ps.map((p) => p.seriesName + ': ' + (p.seriesName === 'Repeat rate' ? pct(p.value) : int(p.value))).join('\n') },
        grid: { right: 8, top: 56 },
        xAxis: cat(kinds.map(kindShort)),
        yAxis: [val({ max: maxCount, interval: maxCount / 5 }), val({ max: maxRate, interval: maxRate / 5, splitLine: { show: false }, axisLabel: { formatter: (v) => Math.round(v * 100) + '%' } })],
        series: [
          ...[['sent', 'Sent', 0.78], ['reached', 'Reached', 0.6], ['opened', 'Opened', 0.3], ['boughtAgain', 'Bought again', 0]].map(([key, name, w]) => ({ name, type: 'bar', barGap: '6%', barMaxWidth: 18, itemStyle: { color: mix(colors[i], w), borderRadius: [2, 2, 0, 0] }, data: kinds.map((k) => of(k)[key]) })),
          { name: 'Repeat rate', type: 'line', yAxisIndex: 1, symbolSize: 8, itemStyle: { color: '#07c160' }, lineStyle: { width: 2 }, label: { show: true, position: 'top', color: '#059146', fontSize: 11, formatter: (p) => pct(p.value) }, data: kinds.map((k) => of(k).repeatRate) },
        ],
      })
    })
    const rdefs = [['Sent', 'messages delivered'], ['Reached', 'people who got one'], ['Opened', 'people who opened the mini program from one'], ['Bought again', 'people who got one and paid again afterwards'], ['Repeat rate', 'bought again / reached']]
    const rows = []
    kinds.forEach((k) => runs.forEach((r, i) => {
      const x = r.reengagement.find((y) => y.kind === k)
      if (x) rows.push([kindName(k), ...(two ? [badge(i)] : []), int(x.sent), int(x.reached), { text: int(x.opened), sub: share(x.opened, x.reached) }, int(x.boughtAgain), pct(x.repeatRate)])
    }))
    runs.forEach((r, i) => rows.push([{ text: 'Repeat rate after re-engagement', cls: 'muted' }, ...(two ? [badge(i)] : []), '', '', '', '', pct(r.summary.repeatRateAfterReengagement)]))
    s.append(table([['Kind', null, true], ...(two ? [['', 'strategy', true]] : []), ...rdefs], rows, two ? 2 : 0))
    s.append(defs(rdefs))
  }

  // ==== sales
  {
    const s = section('sales', 'Sales', 'Payments minus refunds, in yuan: by the channel of the session that paid (last touch), and by product.')
    const grid = el('div', { class: 'pair' })
    s.append(grid)
    const channels = channelsOf((r) => r.sales.byChannel.map((x) => ({ channel: x.channel, reached: x.revenue })))
    const products = (() => {
      const order = new Map()
      runs.forEach((r) => r.sales.byProduct.forEach((p) => order.set(p.product, { name: p.name, revenue: ((order.get(p.product) || {}).revenue || 0) + p.revenue })))
      return [...order.entries()].sort((x, y) => y[1].revenue - x[1].revenue).map(([id, v]) => ({ id, name: v.name }))
    })()
    const bars = (panel, labels, valueOf) => chart(panel, 60 + labels.length * (two ? 36 : 26), {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: money },
      xAxis: val({ axisLabel: { formatter: moneyShort } }),
      yAxis: rowsAxis(labels),
      series: runs.map((r, i) => ({ name: r.strategy.name, type: 'bar', barGap: '10%', barMaxWidth: 14, itemStyle: { color: colors[i], borderRadius: [0, 3, 3, 0] }, data: valueOf(r) })),
    })
    const left = el('div', { class: 'panel' }, el('h4', { text: 'By channel (last touch)' }))
    const right = el('div', { class: 'panel' }, el('h4', { text: 'By product' }))
    grid.append(left, right)
    bars(left, channels.map(channelName), (r) => channels.map((c) => (r.sales.byChannel.find((x) => x.channel === c) || { revenue: 0 }).revenue))
    bars(right, products.map((p) => p.name), (r) => products.map((p) => (r.sales.byProduct.find((x) => x.product === p.id) || { revenue: 0 }).revenue))
    const chRows = []
    channels.forEach((c) => runs.forEach((r, i) => {
      const x = r.sales.byChannel.find((y) => y.channel === c)
      if (x) chRows.push([channelName(c), ...(two ? [badge(i)] : []), int(x.orders), money(x.revenue)])
    }))
    const pRows = []
    products.forEach((p) => runs.forEach((r, i) => {
      const x = r.sales.byProduct.find((y) => y.product === p.id)
      if (x) pRows.push([x.name, ...(two ? [badge(i)] : []), int(x.quantity), money(x.revenue)])
    }))
    left.append(table([['Channel', null, true], ...(two ? [['', 'strategy', true]] : []), ['Orders', 'paid orders from sessions launched by this channel'], ['Revenue', 'payments minus refunds']], chRows, two ? 2 : 0))
    right.append(table([['Product', null, true], ...(two ? [['', 'strategy', true]] : []), ['Quantity', 'items sold'], ['Revenue', 'payments minus refunds']], pRows, two ? 2 : 0))
  }

  main.append(el('footer', { text: 'result.json and the CSV files beside this report hold the same figures (money in fen). Generated ' + dayTime.format(new Date(data.generatedAt)) + ' China time.' }))

  // ---- draw
  const live = []
  const draw = () => {
    let pending = jobs.length
    const done = () => { if (--pending === 0) document.body.dataset.ready = '1' }
    if (!pending) document.body.dataset.ready = '1'
    for (const [div, option] of jobs) {
      const c = echarts.init(div, null, { renderer: 'canvas' })
      let first = true
      c.on('finished', () => { if (first) { first = false; done() } })
      c.setOption(merge(base(), option))
      live.push(c)
    }
  }
  let resizing = 0
  window.addEventListener('resize', () => { cancelAnimationFrame(resizing); resizing = requestAnimationFrame(() => live.forEach((c) => c.resize())) })
  ;(document.fonts ? document.fonts.ready : Promise.resolve()).then(draw, draw)
})()
`
