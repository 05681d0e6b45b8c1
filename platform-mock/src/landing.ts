/** What `/` shows until the phone UI is served there: where everything is. */
export function landingPage(origin: string) {
  const link = (path: string, label: string) => `<li><a href="${path}">${label}</a> <code>${origin}${path}</code></li>`
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>WeChat Commerce Sandbox</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:40px auto;max-width:720px;color:#191919}
h1{color:#07c160}code{background:#f2f2f2;padding:1px 5px;border-radius:4px}li{margin:6px 0}</style></head>
<body><h1>WeChat Commerce Sandbox</h1><p>The mock WeChat platform is running. The phone UI is not built yet: run <code>npm run build</code> (npm start does it for you) and reload.</p><ul>
${link('/_sandbox/health', 'Health')}
${link('/_sandbox/credentials', 'Credentials for your merchant backend')}
${link('/_sandbox/people', 'People of the world')}
${link('/_sandbox/events', 'Event log')}
${link('/_sandbox/clock', 'Virtual clock')}
</ul><p>WeChat APIs answer here with their real paths: <code>/cgi-bin/…</code>, <code>/sns/…</code>,
<code>/wxa/…</code> (api.weixin.qq.com), <code>/v3/…</code> (WeChat Pay), <code>/wecom/cgi-bin/…</code> (WeCom).</p></body></html>`
}
