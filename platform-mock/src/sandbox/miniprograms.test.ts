import { afterEach, beforeEach, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../testing'

let p: TestPlatform
let appid: string
beforeEach(async () => {
  p = await testPlatform()
  appid = (await p.json('/_sandbox/credentials')).miniProgram.appid
})
afterEach(() => p.close())

const put = (path: string, body: unknown) =>
  fetch(p.url + path, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

test('the world mini program shows the bundled sample until the merchant registers its pages', async () => {
  expect(await p.json(`/_sandbox/miniprogram/apps/${appid}`)).toEqual({
    appid,
    name: 'Lumen Coffee Store',
    nameZh: '流明咖啡小程序',
    brandColor: '#8A5A3C',
    pagesUrl: `${p.url}/sample-mp`,
  })
  const res = await put(`/_sandbox/miniprogram/apps/${appid}`, { pagesUrl: 'http://localhost:4100/mp' })
  expect(res.status).toBe(200)
  expect((await p.json('/_sandbox/miniprogram/apps')).apps).toEqual([expect.objectContaining({ appid, pagesUrl: 'http://localhost:4100/mp' })])
})

test('a reset goes back to the sample pages; bad input changes nothing', async () => {
  await put(`/_sandbox/miniprogram/apps/${appid}`, { pagesUrl: 'http://localhost:4100/mp' })
  expect((await put(`/_sandbox/miniprogram/apps/${appid}`, { pagesUrl: 'not a url' })).status).toBe(400)
  // the phone frames this address: http(s) only
  expect((await put(`/_sandbox/miniprogram/apps/${appid}`, { pagesUrl: "javascript:alert('x')//" })).status).toBe(400)
  expect((await put(`/_sandbox/miniprogram/apps/${appid}`, { pagesUrl: 'data:text/html,<script>alert(1)</script>' })).status).toBe(400)
  expect((await put('/_sandbox/miniprogram/apps/wx0000000000000000', { pagesUrl: 'http://x.example' })).status).toBe(404)
  expect((await p.json(`/_sandbox/miniprogram/apps/${appid}`)).pagesUrl).toBe('http://localhost:4100/mp')
  await p.post('/_sandbox/reset')
  expect((await p.json(`/_sandbox/miniprogram/apps/${appid}`)).pagesUrl).toBe(`${p.url}/sample-mp`)
})

// needs `npm run build` first (npm test does it)
test('the phone UI, its runtime and the sample mini program are served, and nothing else', async () => {
  expect(await (await p.get('/')).text()).toContain('<wx-app>')
  const runtime = await p.get('/runtime/wx.js')
  expect(runtime.headers.get('content-type')).toMatch(/javascript/)
  expect(await runtime.text()).toContain('wx-bridge/1')
  expect((await p.get('/sample-mp/pages/index/index.html')).status).toBe(200)
  expect((await p.get('/fonts/wx-cjk.woff2')).headers.get('content-type')).toBe('font/woff2')
  expect((await p.get('/assets/%2e%2e/%2e%2e/package.json')).status).toBe(404)
  expect((await p.get('/sample-mp/../../../package.json')).status).toBe(404)
})
