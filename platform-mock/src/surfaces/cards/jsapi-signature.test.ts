import API from 'co-wechat-api'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { interceptWeChat, type Interception } from '../../intercept'
import { testPlatform, type TestPlatform } from '../../testing'
import { jsapiSignature } from './tickets'

// The JS-SDK signature (附录1) and the sandbox's signature check, with co-wechat-api's getJsConfig
// as the page's server.

let p: TestPlatform
let interception: Interception
let oa: { appid: string; secret: string }
beforeAll(async () => {
  p = await testPlatform({ seed: 'jsapi-sign' })
  interception = interceptWeChat(p.url)
  oa = (await p.json('/_sandbox/credentials')).officialAccount
})
afterAll(async () => {
  interception.close()
  await p.close()
})

test("reproduces WeChat's published example of 附录1", () => {
  const signed = jsapiSignature({
    jsapi_ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
    noncestr: 'Wm3WZYTPz0wzccnW',
    timestamp: 1414587457,
    url: 'http://mp.weixin.qq.com?params=value',
  })
  expect(signed.string1).toBe(
    'jsapi_ticket=sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg&noncestr=Wm3WZYTPz0wzccnW&timestamp=1414587457&url=http://mp.weixin.qq.com?params=value',
  )
  expect(signed.signature).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed')
  // the fragment is not signed
  expect(jsapiSignature({ jsapi_ticket: 't', noncestr: 'n', timestamp: 1, url: 'https://a.example/p?x=1#top' }).string1).toBe('jsapi_ticket=t&noncestr=n&timestamp=1&url=https://a.example/p?x=1')
})

test("the signature check accepts co-wechat-api's wx.config for the page and refuses it for another page", async () => {
  const check = (body: object) => p.post('/_sandbox/jsapi/signature-check', { appid: oa.appid, ...body })
  // no ticket yet
  expect((await check({ url: 'https://shop.example/', noncestr: 'n', timestamp: 1 })).status).toBe(404)
  const api = new API(oa.appid, oa.secret) as unknown as { getJsConfig(p: object): Promise<{ nonceStr: string; timestamp: string; signature: string }> }
  const url = 'https://shop.example/article?id=7'
  const config = await api.getJsConfig({ url, jsApiList: ['updateAppMessageShareData'] })
  const good = await check({ url: `${url}#comments`, noncestr: config.nonceStr, timestamp: config.timestamp, signature: config.signature })
  expect(good.status).toBe(200)
  const body = await good.json()
  expect(body.valid).toBe(true)
  expect(body.signed[0].string1).toContain(`&url=${url}`)
  const other = await (await check({ url: 'https://shop.example/other', noncestr: config.nonceStr, timestamp: config.timestamp, signature: config.signature })).json()
  expect(other.valid).toBe(false)
  // bad input is refused, naming the field
  const bad = await check({ url, noncestr: 'n', timestamp: 'yesterday' })
  expect(bad.status).toBe(400)
  expect(JSON.stringify(await bad.json())).toContain('timestamp')
})
