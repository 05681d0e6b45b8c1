import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { payWorld, type PayWorld } from './testing'

let w: PayWorld
beforeAll(async () => {
  w = await payWorld()
})
afterAll(() => w.p.close())

const sheet = (w: PayWorld, prepayId: string, person = 'alice', extra: Record<string, unknown> = {}) =>
  w.p.post(`/_sandbox/pay/people/${person}/pay`, { target: { requestPayment: w.merchant.requestPayment(w.mpAppid, prepayId) }, password: '123456', ...extra })

describe('placing orders', () => {
  test('answers a JSAPI order with a prepay_id, signed with the WeChat Pay public key', async () => {
    const res = await w.merchant.post('/v3/pay/transactions/jsapi', await w.jsapiOrder())
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ prepay_id: expect.stringMatching(/^wx\d{14}[0-9a-f]{20}$/) })
    expect(res.text).toBe(JSON.stringify(res.body))
    expect(res.headers.get('wechatpay-serial')).toBe(w.cred.platformPublicKeyId)
    expect(res.headers.get('request-id')).toMatch(/^[0-9A-F]{40}-0$/)
    expect(Math.abs(Number(res.headers.get('wechatpay-timestamp')) - Date.now() / 1000)).toBeLessThan(5)
    expect(w.merchant.verify(res.headers, res.text)).toBe(true)
  })

  test('answers Native with a scannable code_url, H5 with an h5_url and APP with a prepay_id', async () => {
    const base = await w.jsapiOrder()
    const { payer: _, ...common } = base
    const native = await w.merchant.post('/v3/pay/transactions/native', { ...common, out_trade_no: `${base.out_trade_no}N` })
    expect(native.body).toEqual({ code_url: expect.stringMatching(/^weixin:\/\/wxpay\/bizpayurl\?pr=[0-9A-Za-z]{9}$/) })
    const h5 = await w.merchant.post('/v3/pay/transactions/h5', {
      ...common,
      out_trade_no: `${base.out_trade_no}H`,
      scene_info: { payer_client_ip: '14.23.150.211', h5_info: { type: 'iOS' } },
    })
    expect(h5.body).toEqual({ h5_url: expect.stringMatching(/^https:\/\/wx\.tenpay\.com\/cgi-bin\/mmpayweb-bin\/checkmweb\?prepay_id=wx/) })
    const app = await w.merchant.post('/v3/pay/transactions/app', { ...common, out_trade_no: `${base.out_trade_no}A` })
    expect(app.body).toEqual({ prepay_id: expect.stringMatching(/^wx/) })
    const noH5Info = await w.merchant.post('/v3/pay/transactions/h5', { ...common, out_trade_no: `${base.out_trade_no}X` })
    expect(noH5Info.status).toBe(400)
    expect(noH5Info.body).toMatchObject({ code: 'PARAM_ERROR', detail: { field: '/scene_info' } })
  })

  test('places the same out_trade_no with the same content idempotently, and refuses it with other content', async () => {
    const body = await w.jsapiOrder()
    const first = await w.merchant.post('/v3/pay/transactions/jsapi', body)
    const again = await w.merchant.post('/v3/pay/transactions/jsapi', { ...body, amount: { currency: 'CNY', total: 3200 } })
    expect(again.body.prepay_id).toBe(first.body.prepay_id)
    const changed = await w.merchant.post('/v3/pay/transactions/jsapi', { ...body, amount: { total: 3300, currency: 'CNY' } })
    expect(changed.status).toBe(400)
    expect(changed.body).toMatchObject({ code: 'INVALID_REQUEST' })
    const { payer: _, ...native } = body
    const otherType = await w.merchant.post('/v3/pay/transactions/native', native)
    expect(otherType.body.code).toBe('INVALID_REQUEST')
  })

  test('keeps attach, goods_tag, detail, scene_info and settle_info, and echoes what queries echo', async () => {
    const body = await w.jsapiOrder({
      attach: 'table=12',
      goods_tag: 'WXG',
      detail: { cost_price: 3600, goods_detail: [{ merchant_goods_id: 'oat-latte', quantity: 1, unit_price: 3200, goods_name: '燕麦拿铁' }] },
      scene_info: { payer_client_ip: '127.0.0.1', device_id: 'POS-7', store_info: { id: 'SH-001', name: '静安店' } },
      settle_info: { profit_sharing: false },
    })
    await w.merchant.post('/v3/pay/transactions/jsapi', body)
    const q = await w.merchant.get(`/v3/pay/transactions/out-trade-no/${body.out_trade_no}?mchid=${w.cred.mchid}`)
    expect(q.status).toBe(200)
    expect(w.merchant.verify(q.headers, q.text)).toBe(true)
    expect(q.body).toEqual({
      appid: w.mpAppid,
      mchid: w.cred.mchid,
      out_trade_no: body.out_trade_no,
      trade_state: 'NOTPAY',
      trade_state_desc: '订单未支付',
      attach: 'table=12',
      payer: {},
      amount: { total: 3200, currency: 'CNY', payer_currency: 'CNY' },
      scene_info: { device_id: 'POS-7' },
      promotion_detail: [],
    })
    const stored = await w.p.json(`/_sandbox/pay/merchants/${w.cred.mchid}/orders/${body.out_trade_no}`)
    expect(stored.request).toMatchObject({ goods_tag: 'WXG', settle_info: { profit_sharing: false }, detail: { cost_price: 3600 } })
  })
})

describe('querying and closing', () => {
  test('queries a paid order by transaction_id and by out_trade_no alike', async () => {
    const body = await w.jsapiOrder({ attach: 'a1' })
    const { prepay_id } = (await w.merchant.post('/v3/pay/transactions/jsapi', body)).body
    const paid = await (await sheet(w, prepay_id)).json()
    expect(paid.outcome).toBe('success')
    const byNo = await w.merchant.get(`/v3/pay/transactions/out-trade-no/${body.out_trade_no}?mchid=${w.cred.mchid}`)
    const byId = await w.merchant.get(`/v3/pay/transactions/id/${paid.transactionId}?mchid=${w.cred.mchid}`)
    expect(byId.body).toEqual(byNo.body)
    expect(byId.body).toEqual({
      appid: w.mpAppid,
      mchid: w.cred.mchid,
      out_trade_no: body.out_trade_no,
      transaction_id: expect.stringMatching(/^42000\d{23}$/),
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      attach: 'a1',
      success_time: '2026-03-02T09:00:00+08:00',
      payer: { openid: body.payer.openid },
      amount: { total: 3200, payer_total: 3200, currency: 'CNY', payer_currency: 'CNY' },
    })
  })

  test('answers 404 ORDER_NOT_EXIST for unknown orders, and PARAM_ERROR without mchid', async () => {
    const byNo = await w.merchant.get(`/v3/pay/transactions/out-trade-no/NOSUCHORDER1?mchid=${w.cred.mchid}`)
    expect([byNo.status, byNo.body]).toEqual([404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' }])
    const byId = await w.merchant.get(`/v3/pay/transactions/id/4200000000202603020000000000?mchid=${w.cred.mchid}`)
    expect(byId.status).toBe(404)
    expect(byId.body.code).toBe('ORDER_NOT_EXIST')
    expect(byId.headers.get('wechatpay-signature')).toBeNull()
    const noMchid = await w.merchant.get('/v3/pay/transactions/out-trade-no/NOSUCHORDER1')
    expect(noMchid.status).toBe(400)
    expect(noMchid.body).toMatchObject({ code: 'PARAM_ERROR', detail: { location: 'query' } })
    const otherMchid = await w.merchant.get('/v3/pay/transactions/out-trade-no/NOSUCHORDER1?mchid=1900000000')
    expect([otherMchid.status, otherMchid.body.code]).toEqual([400, 'MCH_NOT_EXISTS'])
  })

  test('closes an unpaid order with a signed 204, after which it can be neither paid nor placed again', async () => {
    const body = await w.jsapiOrder()
    const { prepay_id } = (await w.merchant.post('/v3/pay/transactions/jsapi', body)).body
    const closed = await w.merchant.post(`/v3/pay/transactions/out-trade-no/${body.out_trade_no}/close`, { mchid: w.cred.mchid })
    expect(closed.status).toBe(204)
    expect(closed.text).toBe('')
    expect(closed.headers.get('wechatpay-signature')).toBeTruthy()
    expect(w.merchant.verify(closed.headers, '')).toBe(true)
    const again = await w.merchant.post(`/v3/pay/transactions/out-trade-no/${body.out_trade_no}/close`, { mchid: w.cred.mchid })
    expect(again.status).toBe(204)
    const q = await w.merchant.get(`/v3/pay/transactions/out-trade-no/${body.out_trade_no}?mchid=${w.cred.mchid}`)
    expect(q.body).toMatchObject({ trade_state: 'CLOSED', trade_state_desc: '订单已关闭' })
    expect(await (await sheet(w, prepay_id)).json()).toMatchObject({ outcome: 'fail', errMsg: 'requestPayment:fail 订单已关闭，请重新下单' })
    const reorder = await w.merchant.post('/v3/pay/transactions/jsapi', body)
    expect([reorder.status, reorder.body.code]).toEqual([400, 'ORDER_CLOSED'])
  })

  test('answers ORDERPAID when a paid order is closed or placed again', async () => {
    const body = await w.jsapiOrder()
    const { prepay_id } = (await w.merchant.post('/v3/pay/transactions/jsapi', body)).body
    await sheet(w, prepay_id)
    const close = await w.merchant.post(`/v3/pay/transactions/out-trade-no/${body.out_trade_no}/close`, { mchid: w.cred.mchid })
    expect([close.status, close.body.code]).toEqual([400, 'ORDERPAID'])
    const reorder = await w.merchant.post('/v3/pay/transactions/jsapi', body)
    expect([reorder.status, reorder.body.code]).toEqual([400, 'ORDERPAID'])
  })

  test('closing without mchid is the PARAM_ERROR WeChat gives, and an unknown order ORDER_NOT_EXIST', async () => {
    const res = await w.merchant.post('/v3/pay/transactions/out-trade-no/NOSUCHORDER2/close', {})
    expect(res.status).toBe(400)
    expect(res.body).toEqual({
      code: 'PARAM_ERROR',
      detail: { location: 'uri_template', value: '' },
      message: '输入源“/uri_template/mchid”映射到字段“直连商户号”必填性规则校验失败，此字段为必填项',
    })
    const unknown = await w.merchant.post('/v3/pay/transactions/out-trade-no/NOSUCHORDER2/close', { mchid: w.cred.mchid })
    expect([unknown.status, unknown.body.code]).toEqual([404, 'ORDER_NOT_EXIST'])
  })
})

describe('expiry on the virtual clock', () => {
  test('closes an unpaid order at its time_expire', async () => {
    const body = await w.jsapiOrder({ time_expire: '2026-03-02T09:10:00+08:00' })
    await w.merchant.post('/v3/pay/transactions/jsapi', body)
    const query = async () => (await w.merchant.get(`/v3/pay/transactions/out-trade-no/${body.out_trade_no}?mchid=${w.cred.mchid}`)).body
    await w.p.post('/_sandbox/clock/advance', { to: '2026-03-02T09:09:59+08:00' })
    expect((await query()).trade_state).toBe('NOTPAY')
    await w.p.post('/_sandbox/clock/advance', { by: '1s' })
    expect((await query()).trade_state).toBe('CLOSED')
    const { events } = await w.p.json('/_sandbox/events?type=pay.order.expired')
    expect(events.map((e: any) => e.subject.out_trade_no)).toContain(body.out_trade_no)
  })

  test('closes an unpaid order two hours after creation by default', async () => {
    const body = await w.jsapiOrder()
    await w.merchant.post('/v3/pay/transactions/jsapi', body)
    const query = async () => (await w.merchant.get(`/v3/pay/transactions/out-trade-no/${body.out_trade_no}?mchid=${w.cred.mchid}`)).body
    await w.p.post('/_sandbox/clock/advance', { by: '1h59m' })
    expect((await query()).trade_state).toBe('NOTPAY')
    await w.p.post('/_sandbox/clock/advance', { by: '1m' })
    expect((await query()).trade_state).toBe('CLOSED')
  })

  test('refuses a time_expire in the past', async () => {
    const res = await w.merchant.post('/v3/pay/transactions/jsapi', await w.jsapiOrder({ time_expire: '2020-01-01T00:00:00+08:00' }))
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ code: 'PARAM_ERROR', detail: { field: '/time_expire' } })
  })
})

describe('bad input: the right 4xx and no row', () => {
  const orderCount = async () => (await w.p.json(`/_sandbox/pay/merchants/${w.cred.mchid}/orders?limit=1000`)).orders.length

  test.each([
    ['malformed JSON', (b: any) => JSON.stringify(b).slice(0, -2), undefined],
    ['a wrong type', (b: any) => JSON.stringify({ ...b, amount: { total: '3200' } }), '/amount/total'],
    ['a missing field', (b: any) => JSON.stringify({ ...b, description: undefined }), '/description'],
    ['a zero amount', (b: any) => JSON.stringify({ ...b, amount: { total: 0 } }), '/amount/total'],
    ['another currency', (b: any) => JSON.stringify({ ...b, amount: { total: 100, currency: 'USD' } }), '/amount/currency'],
    ['a 4-byte character in description', (b: any) => JSON.stringify({ ...b, description: 'Latte ☕ 🥛' }), '/description'],
    ['a description over 127 bytes', (b: any) => JSON.stringify({ ...b, description: '拿'.repeat(43) }), '/description'],
    ['a short out_trade_no', (b: any) => JSON.stringify({ ...b, out_trade_no: 'A1' }), '/out_trade_no'],
    ['a notify_url with a query', (b: any) => JSON.stringify({ ...b, notify_url: 'https://m.example/n?x=1' }), '/notify_url'],
    ['an empty body', () => '', undefined],
    ['a JSON array', () => '[]', undefined],
  ])('%s gets 400 PARAM_ERROR naming the field', async (_, make, field) => {
    const before = await orderCount()
    const raw = make(await w.jsapiOrder())
    const res = await w.merchant.call('POST', '/v3/pay/transactions/jsapi', undefined, { rawBody: raw })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('PARAM_ERROR')
    if (field) expect(res.body.detail.field).toBe(field)
    expect(await orderCount()).toBe(before)
  })

  test('an oversized body gets 400 PARAM_ERROR, not a 500', async () => {
    const body = await w.jsapiOrder({ attach: 'x'.repeat(200_000) })
    const res = await w.merchant.post('/v3/pay/transactions/jsapi', body)
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('PARAM_ERROR')
  })

  test('an appid not bound to the merchant gets APPID_MCHID_NOT_MATCH, an unknown mchid MCH_NOT_EXISTS', async () => {
    const wrongApp = await w.merchant.post('/v3/pay/transactions/jsapi', await w.jsapiOrder({ appid: 'wx0000000000000000' }))
    expect([wrongApp.status, wrongApp.body.code]).toEqual([400, 'APPID_MCHID_NOT_MATCH'])
    const wrongMch = await w.merchant.post('/v3/pay/transactions/jsapi', await w.jsapiOrder({ mchid: '1900000000' }))
    expect([wrongMch.status, wrongMch.body.code]).toEqual([400, 'MCH_NOT_EXISTS'])
  })

  test('an openid from another app gets OPENID_MISMATCH', async () => {
    const res = await w.merchant.post('/v3/pay/transactions/jsapi', await w.jsapiOrder({ payer: { openid: await w.openid('alice', w.oaAppid) } }))
    expect([res.status, res.body.code]).toEqual([500, 'OPENID_MISMATCH'])
  })
})
