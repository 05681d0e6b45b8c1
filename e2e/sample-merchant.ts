import { createHash, createPrivateKey, createSign, randomBytes } from 'node:crypto'
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

  /** A member card of the brand (created once through card/create) and a signed cardExt for wx.addCard. */
  let memberCardId: string | undefined
  async function memberCard() {
    const oa = cred.officialAccount
    const { access_token } = await (await fetch(`${platformUrl}/cgi-bin/token?grant_type=client_credential&appid=${oa.appid}&secret=${oa.secret}`)).json()
    if (!memberCardId) {
      const card = {
        card_type: 'MEMBER_CARD',
        member_card: {
          base_info: {
            logo_url: 'http://mmbiz.qpic.cn/mmbiz/sample/0', brand_name: 'Sample Store', code_type: 'CODE_TYPE_BARCODE',
            title: 'Sample Store Member', color: 'Color020', notice: 'Show the card at the till', description: 'A point per yuan',
            date_info: { type: 'DATE_TYPE_PERMANENT' }, sku: { quantity: 100 }, get_limit: 1,
          },
          prerogative: 'Points on every order', supply_bonus: true, supply_balance: false,
        },
      }
      const created = await (await fetch(`${platformUrl}/card/create?access_token=${access_token}`, { method: 'POST', body: JSON.stringify({ card }) })).json()
      memberCardId = created.card_id
    }
    const { ticket } = await (await fetch(`${platformUrl}/cgi-bin/ticket/getticket?access_token=${access_token}&type=wx_card`)).json()
    const timestamp = String(Math.floor(Date.now() / 1000))
    const nonce_str = nonce()
    const signature = createHash('sha1').update([ticket, timestamp, memberCardId!, '', '', nonce_str].sort().join('')).digest('hex')
    return { cardList: [{ cardId: memberCardId, cardExt: JSON.stringify({ timestamp, nonce_str, signature }) }] }
  }

  const server: Server = createServer(async (req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*')
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type')
    if (req.method === 'OPTIONS') return res.end()
    let text = ''
    for await (const chunk of req) text += chunk
    try {
      const { code, item } = JSON.parse(text || '{}')
      const params = req.url === '/card' ? await memberCard() : await placeOrder(code, item ?? 'latte')
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
