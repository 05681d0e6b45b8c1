import { createPrivateKey, createSign, randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * The sample mini program's backend, for the e2e tests: an ordinary WeChat merchant that logs the
 * person in with jscode2session, places a JSAPI order on WeChat Pay v3 (signed requests) and hands
 * the page its signed wx.requestPayment parameters. It talks to the sandbox over HTTP only.
 */
export async function startSampleMerchant(platformUrl: string) {
  const cred = await (await fetch(`${platformUrl}/_sandbox/credentials`)).json()
  const { appid, secret } = cred.miniProgram
  const { mchid, merchantSerialNo } = cred.pay
  const key = createPrivateKey(cred.pay.merchantPrivateKey)
  const sign = (message: string) => createSign('RSA-SHA256').update(message).sign(key, 'base64')
  const nonce = () => randomBytes(16).toString('hex')
  let orders = 0

  async function placeOrder(code: string, item: string) {
    const session = await (
      await fetch(`${platformUrl}/sns/jscode2session?appid=${appid}&secret=${secret}&js_code=${code}&grant_type=authorization_code`)
    ).json()
    if (!session.openid) throw new Error(`jscode2session: ${JSON.stringify(session)}`)
    const body = JSON.stringify({
      appid,
      mchid,
      description: `Sample Store - ${item}`,
      out_trade_no: `SAMPLE${Date.now()}${++orders}`,
      notify_url: 'https://merchant.example/pay/notify',
      amount: { total: 1800, currency: 'CNY' },
      payer: { openid: session.openid },
    })
    const path = '/v3/pay/transactions/jsapi'
    const ts = Math.floor(Date.now() / 1000)
    const n = nonce()
    const authorization =
      `WECHATPAY2-SHA256-RSA2048 mchid="${mchid}",nonce_str="${n}",timestamp="${ts}",serial_no="${merchantSerialNo}",` +
      `signature="${sign(`POST\n${path}\n${ts}\n${n}\n${body}\n`)}"`
    const res = await fetch(platformUrl + path, {
      method: 'POST',
      headers: { Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/json' },
      body,
    })
    const { prepay_id } = await res.json()
    if (!prepay_id) throw new Error(`jsapi order failed with ${res.status}`)
    const params = { appId: appid, timeStamp: String(Math.floor(Date.now() / 1000)), nonceStr: nonce(), package: `prepay_id=${prepay_id}`, signType: 'RSA' }
    return { ...params, paySign: sign(`${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`) }
  }

  const server: Server = createServer(async (req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*')
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type')
    if (req.method === 'OPTIONS') return res.end()
    let text = ''
    for await (const chunk of req) text += chunk
    try {
      const { code, item } = JSON.parse(text || '{}')
      const params = await placeOrder(code, item ?? 'latte')
      res.setHeader('Content-Type', 'application/json')
      res.end(JSON.stringify(params))
    } catch (err) {
      res.statusCode = 500
      res.end(JSON.stringify({ error: String(err) }))
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    appid,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
