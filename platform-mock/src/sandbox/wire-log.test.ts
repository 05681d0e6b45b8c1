import { afterAll, beforeAll, expect, test } from 'vitest'
import { brandServer, oaKit } from '../surfaces/official-account/testkit'
import { payWorld, type PayWorld } from '../surfaces/pay/testing'
import type { WireExchange } from './wire-log'

let w: PayWorld
let servers: Awaited<ReturnType<typeof brandServer>>[] = []

beforeAll(async () => {
  w = await payWorld({ seed: 'wire' })
})
afterAll(async () => {
  for (const s of servers) await s.close()
  await w.p.close()
})

const wire = async (query = '') => (await w.p.json(`/_sandbox/wire${query}`)) as { latest: number; exchanges: WireExchange[] }
const one = (xs: WireExchange[], label: string) => {
  const found = xs.filter((x) => x.label === label)
  expect(found.map((x) => x.label)).toEqual([label])
  return found[0]!
}
/** Exchanges land in the log once their answer's copy is read: a moment after the caller has it. */
const settle = () => new Promise((r) => setTimeout(r, 50))

test('keeps only the words of an exchange while nobody reads the log', async () => {
  await w.p.json(`/cgi-bin/token?grant_type=client_credential&appid=${w.doc.miniProgram.appid}&secret=${w.doc.miniProgram.secret}`)
  await settle()
  const { exchanges } = await wire()
  const token = one(exchanges, 'get access_token')
  expect(token).toMatchObject({ from: 'merchant', to: 'wechat', method: 'GET', status: 200, answer: '200', captured: false, request: { body: null, headers: {} } })
  expect(token.url).not.toContain(w.doc.miniProgram.secret)
})

test('records wx.login and code2session, with the AppSecret hidden and the person found by the code', async () => {
  const { latest } = await wire()
  const login = await w.p.post('/_sandbox/people/alice/miniprogram/login', { appid: w.mpAppid })
  const { code } = (await login.json()) as { code: string }
  const { secret } = w.doc.miniProgram
  await w.p.json(`/sns/jscode2session?appid=${w.mpAppid}&secret=${secret}&js_code=${code}&grant_type=authorization_code`)
  await settle()
  const { exchanges } = await wire(`?after=${latest}`)
  expect(exchanges.map((x) => [x.from, x.to, x.label, x.answer])).toEqual([
    ['phone', 'wechat', 'wx.login', '200 code'],
    ['merchant', 'wechat', 'code2session', '200 openid'],
  ])
  const session = exchanges[1]!
  expect(session).toMatchObject({ person: 'alice', captured: true, url: expect.stringMatching(/^https:\/\/api\.weixin\.qq\.com\/sns\/jscode2session\?/) })
  expect(session.url).toContain(`js_code=${code}`)
  expect(JSON.stringify(session)).not.toContain(secret)
  expect(JSON.parse(session.response.body!)).toMatchObject({ openid: await w.openid('alice') })
})

test('records a signed JSAPI order, the pay sheet, and the notification opened beside its ciphertext with the acknowledgement', async () => {
  const { latest } = await wire()
  const { body, prepayId } = await w.placeJsapi()
  const paid = await w.payPrepay('alice', prepayId)
  expect(paid.outcome).toBe('success')
  await settle()
  const { exchanges } = await wire(`?after=${latest}&person=alice`)
  expect(exchanges.map((x) => x.label)).toEqual(['JSAPI prepay', 'payment notification', 'pay on the pay sheet'])

  const prepay = one(exchanges, 'JSAPI prepay')
  expect(prepay).toMatchObject({ from: 'merchant', to: 'wechat', method: 'POST', url: 'https://api.mch.weixin.qq.com/v3/pay/transactions/jsapi', status: 200, answer: '200 prepay_id' })
  expect(JSON.parse(prepay.request.body!)).toMatchObject({ out_trade_no: body.out_trade_no })
  expect(prepay.request.headers.authorization).toMatch(/^WECHATPAY2-SHA256-RSA2048 /)
  expect(prepay.request.signature).toMatchObject({ scheme: 'WECHATPAY2-SHA256-RSA2048', fields: expect.arrayContaining([{ name: 'mchid', value: w.cred.mchid }, { name: 'signature', value: expect.any(String) }]) })
  expect(prepay.response.signature?.fields.map((f) => f.name)).toEqual(['Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Serial', 'Wechatpay-Signature'])

  const sheet = one(exchanges, 'pay on the pay sheet')
  expect(sheet).toMatchObject({ from: 'phone', to: 'wechat', answer: '200 success', person: 'alice' })
  expect(sheet.request.body).not.toContain('123456')
  expect(sheet.request.signature?.fields.find((f) => f.name === 'package')?.value).toBe(`prepay_id=${prepayId}`)

  const notice = one(exchanges, 'payment notification')
  expect(notice).toMatchObject({ from: 'wechat', to: 'merchant', method: 'POST', url: w.sink.url, status: 204, answer: 'acknowledged 204', person: 'alice' })
  // drawn inside the pay call that made it
  expect(notice.seq[0]).toBeGreaterThan(sheet.seq[0])
  expect(notice.seq[1]).toBeLessThan(sheet.seq[1])
  const envelope = JSON.parse(notice.request.body!)
  expect(envelope).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', resource: { algorithm: 'AEAD_AES_256_GCM' } })
  expect(notice.request.body).not.toContain(body.out_trade_no)
  expect(JSON.parse(notice.request.plaintext!)).toMatchObject({ out_trade_no: body.out_trade_no, trade_state: 'SUCCESS', payer: { openid: body.payer.openid } })
  expect(notice.request.signature?.fields.find((f) => f.name === 'Wechatpay-Signature')?.value).toBe(w.sink.received.at(-1)!.headers['wechatpay-signature'])

  // the keys that sign and seal never travel
  const all = JSON.stringify(exchanges)
  expect(all).not.toContain(w.cred.apiV3Key)
  expect(all).not.toContain(w.cred.merchantPrivateKey.split('\n')[1])
})

test('records a retry after a rejected notification', async () => {
  const { latest } = await wire()
  const rejecting = await (await import('../surfaces/pay/testing')).notificationReceiver((n) => (n === 1 ? { status: 500, body: '{"code":"FAIL","message":"busy"}' } : { status: 200, body: '{"code":"SUCCESS"}' }))
  const { prepayId } = await w.placeJsapi({ notify_url: rejecting.url })
  await w.payPrepay('alice', prepayId)
  await w.p.post('/_sandbox/clock/advance', { by: '15s' })
  await settle()
  const notices = (await wire(`?after=${latest}`)).exchanges.filter((x) => x.to === 'merchant')
  expect(notices.map((x) => [x.label, x.answer])).toEqual([
    ['payment notification', 'rejected 500'],
    ['payment notification · retry 1', 'acknowledged 200'],
  ])
  expect(notices[1]!.person).toBe('alice')
  await rejecting.close()
})

test('records an Official Account push in safe mode with its decrypted body and the passive reply opened', async () => {
  const kit = oaKit(w.p)
  const s = await brandServer({ token: kit.oa.token, encodingAESKey: kit.oa.encodingAESKey, appid: kit.oa.appid, handler: (m) => s.reply(m, { MsgType: 'text', Content: `Welcome, ${m.Content}` }, true) })
  servers.push(s)
  await kit.configure({ url: s.url, mode: 'safe' })
  const { latest } = await wire()
  await kit.person('alice', '/messages', { text: 'oat latte?' })
  await settle()
  const { exchanges } = await wire(`?after=${latest}`)
  expect(exchanges.map((x) => [x.from, x.to, x.label, x.answer])).toEqual([
    ['wechat', 'merchant', 'push: text message', '200 passive reply (encrypted)'],
    ['phone', 'wechat', 'message the account', '201'],
  ])
  const [push, phone] = exchanges as [WireExchange, WireExchange]
  expect(phone.starts).toBe(true)
  expect(push.person).toBe('alice')
  expect(push.request.body).toMatch(/^<xml><ToUserName><!\[CDATA\[gh_\w+\]\]><\/ToUserName><Encrypt>/)
  expect(push.request.body).not.toContain('oat latte?')
  expect(push.request.plaintext).toContain('<Content><![CDATA[oat latte?]]></Content>')
  expect(push.request.signature?.fields.map((f) => f.name)).toEqual(['signature', 'msg_signature', 'timestamp', 'nonce', 'encrypt_type'])
  expect(push.response.body).not.toContain('Welcome')
  expect(push.response.plaintext).toContain('<Content><![CDATA[Welcome, oat latte?]]></Content>')
  expect(push.response.signature?.scheme).toBe('MsgSignature (SHA1)')
})

test('follows the log live over server-sent events', async () => {
  const { latest } = await wire()
  const res = await fetch(`${w.p.url}/_sandbox/wire/stream?after=${latest}`)
  const reader = res.body!.getReader()
  await w.p.json(`/cgi-bin/token?grant_type=client_credential&appid=${w.doc.officialAccount.appid}&secret=${w.doc.officialAccount.secret}`)
  let text = ''
  while (!text.includes('event: exchange')) text += new TextDecoder().decode((await reader.read()).value)
  await reader.cancel()
  expect(text).toContain('event: ready')
  const data = JSON.parse(/event: exchange\ndata: (.*)\n/.exec(text)![1]!)
  expect(data).toMatchObject({ id: latest + 1, label: 'get access_token', captured: true })
})

test('answers a bad query in the sandbox envelope and empties with the world', async () => {
  expect((await w.p.get('/_sandbox/wire?limit=-1')).status).toBe(400)
  expect((await wire()).exchanges.length).toBeGreaterThan(0)
  await w.p.post('/_sandbox/reset', {})
  expect((await wire()).exchanges).toEqual([])
})
