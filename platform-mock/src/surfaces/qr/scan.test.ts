import { PNG } from 'pngjs'
import QRCode from 'qrcode'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { mpKit } from '../miniprogram/testkit'
import { merchantClient, type PayCredentials } from '../pay/testing'

let p: TestPlatform
let kit: ReturnType<typeof mpKit>

beforeAll(async () => {
  p = await testPlatform({ seed: 'scan' })
  kit = mpKit(p)
})
afterAll(() => p.close())

const scan = async (person: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await p.post(`/_sandbox/people/${person}/scan`, body, headers)
  return { status: res.status, body: (await res.json()) as any }
}

/** A PNG of any text, as a third-party QR generator would make it. */
const foreignPng = async (text: string) => QRCode.toBuffer(text, { type: 'png', margin: 2, width: 240 })

async function unlimitedCodePng(scene: string, page = 'pages/menu/menu') {
  const res = await p.post(`/wxa/getwxacodeunlimit?access_token=${await kit.token()}`, { scene, page })
  return Buffer.from(await res.arrayBuffer())
}

const lastEvents = async (n: number) => (await p.json(`/_sandbox/events?order=desc&limit=${n}`)).events.reverse()

describe('scanning a picture', () => {
  test('a code’s PNG uploaded raw opens its page with the scene URL-encoded, from the album (1049)', async () => {
    const png = await unlimitedCodePng('table=12&store=SH01')
    const res = await fetch(`${p.url}/_sandbox/people/alice/scan`, { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: png })
    expect(res.status).toBe(201)
    const body = await res.json()
    expect(body).toMatchObject({
      action: 'open-miniprogram',
      via: 'wxacode',
      source: 'image',
      method: 'album',
      launchOptions: { path: 'pages/menu/menu', query: { scene: 'table%3D12%26store%3DSH01' }, scene: 1049 },
      login: { code: expect.any(String), errMsg: 'login:ok' },
    })
    expect(decodeURIComponent(body.launchOptions.query.scene)).toBe('table=12&store=SH01')
  })

  test('a base64 image in JSON, scanned with the camera, gives 1047; a data: URL by long-press 1048', async () => {
    const png = await unlimitedCodePng('p=1')
    const camera = await scan('bob', { image: png.toString('base64'), method: 'camera' })
    expect(camera.body.launchOptions.scene).toBe(1047)
    const longPress = await scan('bob', { image: `data:image/png;base64,${png.toString('base64')}`, method: 'long-press' })
    expect(longPress.body.launchOptions.scene).toBe(1048)
  })

  test('a multipart upload works like the phone’s file picker', async () => {
    const form = new FormData()
    form.set('image', new Blob([new Uint8Array(await unlimitedCodePng('form'))], { type: 'image/png' }), 'code.png')
    const res = await fetch(`${p.url}/_sandbox/people/carol/scan`, { method: 'POST', body: form })
    expect(res.status).toBe(201)
    expect((await res.json()).launchOptions).toMatchObject({ query: { scene: 'form' }, scene: 1049 })
  })

  test('a transparent code decodes like an opaque one', async () => {
    const res = await p.post(`/wxa/getwxacodeunlimit?access_token=${await kit.token()}`, { scene: 'clear', is_hyaline: true })
    const scanned = await scan('carol', { image: Buffer.from(await res.arrayBuffer()).toString('base64') })
    expect(scanned.body.launchOptions.query.scene).toBe('clear')
  })

  test('not a PNG is a 400, a PNG without a code a 422', async () => {
    expect((await scan('alice', { image: Buffer.from('GIF89a not really').toString('base64') })).body.error.code).toBe('not_png')
    const blank = new PNG({ width: 64, height: 64 })
    blank.data.fill(255)
    const none = await scan('alice', { image: PNG.sync.write(blank).toString('base64') })
    expect(none.status).toBe(422)
    expect(none.body.error.code).toBe('no_code')
  })
})

describe('what a payload does', () => {
  test('a scan writes qr.scanned then miniprogram.launched on one journey, the header’s if given', async () => {
    const png = await unlimitedCodePng('j=1')
    const { body } = await scan('dave', { image: png.toString('base64') }, { 'X-Sandbox-Journey': 'poster-test' })
    expect(body.journeyId).toBe('poster-test')
    const [scanned, launched] = await lastEvents(2)
    expect(scanned).toMatchObject({ type: 'qr.scanned', surface: 'qr', actor: 'dave', channel: 'qr', journeyId: 'poster-test', payload: { action: 'open-miniprogram', via: 'wxacode', source: 'image' } })
    expect(launched).toMatchObject({ type: 'miniprogram.launched', journeyId: 'poster-test', channel: 'qr', subject: { code: scanned.subject.code, scan: String(scanned.id) } })
  })

  test('a Native pay code resolves to its order, which the pay control API then pays', async () => {
    const doc = await p.json('/_sandbox/credentials')
    const merchant = merchantClient(p, doc.pay as PayCredentials)
    const order = await merchant.post('/v3/pay/transactions/native', {
      appid: doc.miniProgram.appid,
      mchid: doc.pay.mchid,
      description: 'Lumen Coffee - Beans 500g',
      out_trade_no: 'LUMENSCAN0001',
      notify_url: 'https://merchant.example/wxpay/notify',
      amount: { total: 8800, currency: 'CNY' },
    })
    expect(order.status).toBe(200)
    const scanned = await scan('erin', { image: (await foreignPng(order.body.code_url)).toString('base64') })
    expect(scanned.status).toBe(201)
    expect(scanned.body).toMatchObject({
      action: 'pay',
      codeUrl: order.body.code_url,
      ok: true,
      order: { outTradeNo: 'LUMENSCAN0001', total: 8800, tradeType: 'NATIVE', tradeState: 'NOTPAY' },
    })
    const [event] = await lastEvents(1)
    expect(event).toMatchObject({ type: 'qr.scanned', subject: { person: 'erin', outTradeNo: 'LUMENSCAN0001' }, payload: { action: 'pay', ok: true } })
    const paid = await p.post('/_sandbox/pay/people/erin/pay', { target: { codeUrl: scanned.body.codeUrl }, password: '123456' })
    expect((await paid.json()).outcome).toBe('success')
    const unknown = await scan('erin', { payload: 'weixin://wxpay/bizpayurl?pr=AAAAAAAAA' })
    expect(unknown.body).toMatchObject({ action: 'pay', ok: false, message: expect.any(String) })
  })

  test('an Official Account code the platform never made is unknown (404); a WeCom code is not emulated yet (501)', async () => {
    const oa = await scan('frank', { payload: 'http://weixin.qq.com/q/02abcDEF123' })
    expect(oa.status).toBe(404)
    expect(oa.body.error).toEqual({ code: 'unknown_code', message: expect.stringMatching(/Official Account/) })
    expect((await scan('frank', { payload: 'https://work.weixin.qq.com/kfid/kfc123' })).status).toBe(501)
    expect((await scan('frank', { payload: 'https://work.weixin.qq.com/u/notOneOfOurs' })).status).toBe(404)
  })

  test('anything else is not a WeChat code (422) and leaves no trace', async () => {
    const before = (await lastEvents(1))[0].id
    for (const payload of ['https://example.com/menu', 'hello', 'weixin://dl/business/?x=1']) {
      const res = await scan('frank', { payload })
      expect(res.status).toBe(422)
      expect(res.body.error.code).toBe('not_wechat_code')
    }
    const picture = await scan('frank', { image: (await foreignPng('https://example.com')).toString('base64') })
    expect(picture.body.error.code).toBe('not_wechat_code')
    expect((await lastEvents(1))[0].id).toBe(before)
  })

  test('a sandbox code URL the platform never made is a 404; bad requests are 400s', async () => {
    expect((await scan('grace', { payload: 'https://wxa.sandbox.invalid/c/NOPENOPENOPE' })).status).toBe(404)
    expect((await scan('grace', {})).status).toBe(400)
    expect((await scan('grace', { payload: 'x', image: 'y' })).status).toBe(400)
    expect((await scan('grace', { payload: 'x', method: 'telepathy' })).status).toBe(400)
    expect((await scan('grace', '{oops')).status).toBe(400)
    expect((await scan('nobody', { payload: 'https://wxaurl.cn/AAAAAAAAAAA' })).status).toBe(404)
  })

  test('resolve says what a payload would do, without doing it', async () => {
    const png = await unlimitedCodePng('peek', 'pages/coupons/coupons')
    const before = (await lastEvents(1))[0].id
    const res = await fetch(`${p.url}/_sandbox/qr/resolve`, { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: png })
    expect(await res.json()).toMatchObject({
      action: 'open-miniprogram',
      via: 'wxacode',
      appid: kit.mp.appid,
      path: 'pages/coupons/coupons',
      query: { scene: 'peek' },
      scene: 1049,
      code: expect.any(String),
    })
    expect((await lastEvents(1))[0].id).toBe(before)
  })
})

describe('wx.scanCode inside the mini program', () => {
  test('answers the text, WX_CODE and the page path for the app’s own code; QR_CODE and no path otherwise', async () => {
    const png = await unlimitedCodePng('t=9')
    const own = await (await p.post('/_sandbox/people/henry/miniprogram/scan-code', { image: png.toString('base64') })).json()
    expect(own).toEqual({
      errMsg: 'scanCode:ok',
      result: expect.stringMatching(/^https:\/\/wxa\.sandbox\.invalid\/c\//),
      scanType: 'WX_CODE',
      charSet: 'UTF-8',
      path: 'pages/menu/menu?scene=t%3D9',
      rawData: Buffer.from(own.result).toString('base64'),
    })
    const other = await (await p.post('/_sandbox/people/henry/miniprogram/scan-code', { payload: 'https://example.com' })).json()
    expect(other).toMatchObject({ errMsg: 'scanCode:ok', result: 'https://example.com', scanType: 'QR_CODE' })
    expect(other.path).toBeUndefined()
  })
})

test('a multipart body without its boundary is 400 and scans nothing', async () => {
  const before = (await p.json('/_sandbox/events')).events.length
  const res = await fetch(`${p.url}/_sandbox/people/carol/scan`, { method: 'POST', headers: { 'Content-Type': 'multipart/form-data' }, body: 'image=x' })
  expect(res.status).toBe(400)
  expect(await res.json()).toEqual({ error: { code: 'invalid', message: 'the body is not a valid multipart form' } })
  expect((await p.json('/_sandbox/events')).events.length).toBe(before)
})
