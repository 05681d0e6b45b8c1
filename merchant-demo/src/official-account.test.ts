import { PNG } from 'pngjs'
import { beforeEach, expect, test } from 'vitest'
import { fakePagesDir, platformAndMerchant } from './testing'
import { forgetOrderPaidTemplate, settled } from './official-account'
import { OaCrypto, parseXml, sha1Signature, toXml } from '../wechat/oa-crypto'

const env = platformAndMerchant({ pagesDir: fakePagesDir(), officialAccount: true })
beforeEach(async () => {
  await env.platform.post('/_sandbox/reset', {})
  await env.merchant.publish()
  await env.merchant.connectOfficialAccount()
})

const oa = (person: string, path = '', body?: unknown) => env.merchant.platform(`/_sandbox/people/${person}/official-account${path}`, body)
const conversation = async (person: string) => {
  await settled(env.merchant.store)
  return (await oa(person, '/messages')).messages as { from: string; source: string; kind: string; body: Record<string, any> }[]
}
const openidOf = async (person: string) => (await oa(person)).openid as string

test('the platform verified the message server in safe mode and the menu has Order now, Member and a click button', async () => {
  const server = await env.platform.json('/_sandbox/official-account/server')
  expect(server).toMatchObject({ state: 'enabled', mode: 'safe', url: `${env.merchant.url}/wechat/oa` })
  const profile = await oa('alice')
  const menu = JSON.stringify(profile)
  expect(menu).toContain('Order now')
  const token = await env.merchant.store.oa.wx.accessToken()
  const got = await env.platform.json(`/cgi-bin/menu/get?access_token=${token}`)
  expect(got.menu.button).toEqual([
    expect.objectContaining({ type: 'miniprogram', name: 'Order now', appid: env.merchant.store.appid, pagepath: 'pages/menu/menu' }),
    expect.objectContaining({ type: 'miniprogram', name: 'Member', appid: env.merchant.store.appid, pagepath: 'pages/member/member' }),
    expect.objectContaining({ type: 'click', name: 'Today', key: 'TODAY' }),
  ])
})

test('URL verification echoes echostr only for our signature', async () => {
  const { token } = env.merchant.store.officialAccount
  const ok = await fetch(`${env.merchant.url}/wechat/oa?signature=${sha1Signature(token, '1700000000', 'n1')}&timestamp=1700000000&nonce=n1&echostr=abc123`)
  expect([ok.status, await ok.text()]).toEqual([200, 'abc123'])
  const bad = await fetch(`${env.merchant.url}/wechat/oa?signature=${sha1Signature('otherToken', '1700000000', 'n1')}&timestamp=1700000000&nonce=n1&echostr=abc123`)
  expect(bad.status).toBe(401)
  expect(await bad.text()).not.toContain('abc123')
})

test('following: a welcome text as the passive reply, then the member card in the OA conversation', async () => {
  const followed = await oa('dave', '/follow', {})
  expect(followed.push ?? followed).toBeTruthy()
  const messages = await conversation('dave')
  const fromAccount = messages.filter((m) => m.from === 'account')
  expect(fromAccount.map((m) => [m.source, m.kind])).toEqual([
    ['passive-reply', 'text'],
    ['custom', 'miniprogrampage'],
  ])
  expect(fromAccount[0]!.body.content).toContain('Welcome to Lumen Coffee')
  expect(fromAccount[1]!.body).toMatchObject({ appid: env.merchant.store.appid, pagepath: 'pages/member/member' })
  const follower = await env.merchant.call('GET', `/admin/official-account/followers/${await openidOf('dave')}`)
  expect(follower.body.follower).toMatchObject({ subscribed: true, storeId: null, unionid: expect.any(String) })
})

test('keywords get their replies: menu links the mini program, hours lists the stores, 会员 the member card', async () => {
  await oa('bob', '/follow', {})
  const menu = await oa('bob', '/messages', { text: 'Menu' })
  expect(menu.push).toMatchObject({ outcome: 'replied', reply: { source: 'passive-reply', body: { content: expect.stringContaining('data-miniprogram-path="pages/menu/menu"') } } })
  const hours = await oa('bob', '/messages', { text: 'hours' })
  expect(hours.push.reply.body.content).toContain(env.merchant.store.kit.stores[0]!.address)
  const member = await oa('bob', '/messages', { text: '会员' })
  expect(member.push.reply.body.content).toContain('pages/member/member')
  const other = await oa('bob', '/messages', { text: 'is the oat latte vegan?' })
  expect(other.push.reply.body.content).toContain('Thanks for your message')
  const today = await oa('bob', '/menu/tap', { top: 2 })
  expect(JSON.stringify(today)).toContain(env.merchant.store.kit.campaigns[0]!.title)
})

test('encrypted round trip: a safe-mode push is opened, and the reply is sealed with a valid msg_signature', async () => {
  const { token, encodingAESKey, appid, originalId } = env.merchant.store.officialAccount
  const crypto = new OaCrypto(token, encodingAESKey, appid)
  const openid = await openidOf('carol')
  const plain = toXml({ ToUserName: originalId, FromUserName: openid, CreateTime: 1700000000, MsgType: 'text', Content: 'hours', MsgId: 24000000000000000001 })
  const encrypted = crypto.encrypt(plain)
  const ts = String(Math.floor(Date.now() / 1000))
  const q = new URLSearchParams({ signature: sha1Signature(token, ts, 'n2'), timestamp: ts, nonce: 'n2', openid, encrypt_type: 'aes', msg_signature: sha1Signature(token, ts, 'n2', encrypted) })
  const res = await fetch(`${env.merchant.url}/wechat/oa?${q}`, { method: 'POST', body: toXml({ ToUserName: originalId, Encrypt: encrypted }) })
  expect(res.status).toBe(200)
  const sealed = parseXml(await res.text())!
  expect(sealed.MsgSignature).toBe(sha1Signature(token, sealed.TimeStamp!, sealed.Nonce!, sealed.Encrypt!))
  const reply = parseXml(crypto.decrypt(sealed.Encrypt!))!
  expect(reply).toMatchObject({ ToUserName: openid, FromUserName: originalId, MsgType: 'text' })
  expect(reply.Content).toContain(env.merchant.store.kit.stores[0]!.name)

  // a wrong key or a forged msg_signature is refused
  const wrongKey = new OaCrypto(token, 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appid).encrypt(plain)
  const q2 = new URLSearchParams({ ...Object.fromEntries(q), msg_signature: sha1Signature(token, ts, 'n2', wrongKey) })
  expect((await fetch(`${env.merchant.url}/wechat/oa?${q2}`, { method: 'POST', body: toXml({ ToUserName: originalId, Encrypt: wrongKey }) })).status).toBe(401)
  const q3 = new URLSearchParams({ ...Object.fromEntries(q), msg_signature: 'f'.repeat(40) })
  expect((await fetch(`${env.merchant.url}/wechat/oa?${q3}`, { method: 'POST', body: toXml({ ToUserName: originalId, Encrypt: encrypted }) })).status).toBe(401)
})

test('the crypto matches the official sample vectors', () => {
  const a = new OaCrypto('any', 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', 'wxb11529c136998cb6')
  expect(a.encrypt('我是中文abcd123', Buffer.from('aaaabbbbccccdddd'))).toBe('jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==')
  const c = new OaCrypto('spamtest', 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', 'wx2c2769f8efd9abc2')
  const enc =
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE='
  const msg = c.open({ timestamp: '1409735669', nonce: '1320562132', msg_signature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa' }, enc)
  expect(parseXml(msg)).toMatchObject({ Content: 'abcdteT', MsgId: '6054768590064713728' })
  expect(sha1Signature('pamtest', '1409304348', 'xxxxxx')).toBe('76480565cbe296026c53aaacd1ad523a1ddba24f')
})

test('a campaign article is published with product cards and followers can read it', async () => {
  const res = await env.merchant.call('POST', '/admin/campaigns/spring26/publish')
  expect(res.status).toBe(201)
  expect(res.body).toMatchObject({ campaign: 'spring26', publishStatus: 0, articleId: expect.any(String), url: expect.stringMatching(/^https:\/\/mp\.weixin\.qq\.com\/s\//) })
  const list = await oa('frank', '/articles')
  const article = JSON.stringify(list)
  expect(article).toContain(res.body.articleId)
  const read = await oa('frank', `/articles/${res.body.articleId}/read`, {})
  expect(JSON.stringify(read)).toContain('pages/product/product?id=')
  expect((await env.merchant.call('POST', '/admin/campaigns/nope/publish')).status).toBe(404)
})

test('a campaign article has a cover: a PNG uploaded as permanent material, named by thumb_media_id', async () => {
  const res = await env.merchant.call('POST', '/admin/campaigns/spring26/publish')
  const { cover } = res.body
  expect(cover).toEqual({ mediaId: expect.any(String), url: expect.stringMatching(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_png\//) })
  const token = await env.merchant.store.oa.wx.accessToken()
  const got = await (await env.platform.post(`/cgi-bin/freepublish/getarticle?access_token=${token}`, { article_id: res.body.articleId })).json()
  expect(got.news_item[0]).toMatchObject({ thumb_media_id: cover.mediaId, thumb_url: cover.url })
  const picture = await fetch(`${env.platform.url}${new URL(cover.url).pathname}`)
  expect(picture.headers.get('content-type')).toBe('image/png')
  const png = PNG.sync.read(Buffer.from(await picture.arrayBuffer()))
  expect([png.width, png.height]).toEqual([900, 383])
  const articles = (await oa('frank', '/articles')).articles as { articleId: string; thumbUrl: string }[]
  expect(articles.find((a) => a.articleId === res.body.articleId)?.thumbUrl).toBe(cover.url)
})

test('followers from before the server was connected are synced with user/get, so they get the paid message too', async () => {
  const alice = (await env.merchant.call('GET', `/admin/official-account/followers/${await openidOf('alice')}`)).body.follower
  expect(alice).toMatchObject({ subscribed: true, unionid: expect.any(String) })
  const token = await env.merchant.loginAs('alice')
  const { order, payment } = await env.merchant.orderTwoDrinks(token)
  await env.merchant.payAs('alice', payment)
  expect((await env.merchant.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order.officialAccountMessageSent).toBe(true)
})

test('a template message after purchase reaches a follower, with a jump to the order page; a non-follower gets none', async () => {
  await oa('erin', '/follow', {})
  const token = await env.merchant.loginAs('erin')
  const { order, payment } = await env.merchant.orderTwoDrinks(token)
  await env.merchant.payAs('erin', payment)
  const view = (await env.merchant.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order
  expect(view).toMatchObject({ status: 'paid', officialAccountMessageSent: true })
  const template = (await conversation('erin')).find((m) => m.source === 'template')
  expect(JSON.stringify(template)).toContain(`pages/order/order?id=${order.id}`)

  const frankToken = await env.merchant.loginAs('frank')
  const other = await env.merchant.orderTwoDrinks(frankToken)
  await env.merchant.payAs('frank', other.payment)
  expect((await env.merchant.call('GET', `/api/orders/${other.order.id}`, undefined, frankToken)).body.order).toMatchObject({ status: 'paid', officialAccountMessageSent: false })
})

test('an account that has not picked the order-paid template gets it picked from the library, and the follower still hears of the order', async () => {
  const token = await env.merchant.store.oa.wx.accessToken()
  const api = (path: string, body?: unknown) => env.platform.json(`${path}?access_token=${token}`, body === undefined ? undefined : { method: 'POST', body: JSON.stringify(body) })
  const seeded = (await api('/cgi-bin/template/get_all_private_template')).template_list.find((t: { title: string }) => t.title === '订单支付成功通知')
  expect((await api('/cgi-bin/template/del_private_template', { template_id: seeded.template_id })).errcode).toBe(0)
  forgetOrderPaidTemplate(env.merchant.store)

  await oa('erin', '/follow', {})
  const erin = await env.merchant.loginAs('erin')
  const { order, payment } = await env.merchant.orderTwoDrinks(erin)
  await env.merchant.payAs('erin', payment)
  expect((await env.merchant.call('GET', `/api/orders/${order.id}`, undefined, erin)).body.order.officialAccountMessageSent).toBe(true)
  const picked = (await api('/cgi-bin/template/get_all_private_template')).template_list.filter((t: { title: string }) => t.title === '订单支付成功通知')
  expect(picked).toHaveLength(1)
  expect(picked[0].template_id).not.toBe(seeded.template_id)
  const template = (await conversation('erin')).find((m) => m.source === 'template')
  expect(template?.body).toMatchObject({ templateId: picked[0].template_id, title: '订单支付成功通知' })
  forgetOrderPaidTemplate(env.merchant.store)
})

test('a store follow code: scanning it follows with qrscene_store=…, the follower and their order are attributed to the store', async () => {
  const storeId = env.merchant.store.kit.stores[0]!.id
  const png = await env.merchant.staffFetch(`/admin/stores/${storeId}/follow-code.png`)
  expect(png.status).toBe(200)
  const image = new Uint8Array(await png.arrayBuffer())
  const scan = await fetch(`${env.platform.url}/_sandbox/people/henry/scan`, { method: 'POST', headers: { 'content-type': png.headers.get('content-type')! }, body: image })
  expect(scan.status).toBe(201)
  const messages = await conversation('henry')
  expect(messages.find((m) => m.source === 'passive-reply')!.body.content).toContain(`You found us at ${env.merchant.store.kit.stores[0]!.name}`)
  const follower = (await env.merchant.call('GET', `/admin/official-account/followers/${await openidOf('henry')}`)).body.follower
  expect(follower).toMatchObject({ storeId, scene: `store=${storeId}` })

  // scanning again as a follower is a SCAN: recorded too
  await fetch(`${env.platform.url}/_sandbox/people/henry/scan`, { method: 'POST', headers: { 'content-type': png.headers.get('content-type')! }, body: image })
  expect((await env.merchant.call('GET', `/admin/official-account/followers/${await openidOf('henry')}`)).body.follower).toMatchObject({ lastScanStoreId: storeId })

  const token = await env.merchant.loginAs('henry')
  const { order } = await env.merchant.orderTwoDrinks(token)
  const view = (await env.merchant.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order
  expect(view.attribution).toMatchObject({ followStoreId: storeId })
})

test('an order after a chain of two shares carries the full chain', async () => {
  const appid = env.merchant.store.appid
  const send = (from: string, body: unknown) => env.merchant.platform(`/_sandbox/people/${from}/messages`, body)
  const shared = await send('alice', { to: 'bob', type: 'miniprogram', miniprogram: { appid, title: 'Oolong milk tea', path: 'pages/product/product?id=oolong-milk-tea' } })
  const forwarded = await send('bob', { to: 'carol', type: 'forward', message: shared.seq })
  const launched = await env.merchant.platform('/_sandbox/people/carol/miniprogram/launch', { entry: 'chat', shareId: forwarded.body.shareId })
  expect(launched.attribution.shareId).toBe(forwarded.body.shareId)

  const token = await env.merchant.loginAs('carol')
  const { order } = await env.merchant.orderTwoDrinks(token, { scene: 1007, query: { id: 'oolong-milk-tea' } })
  const view = (await env.merchant.call('GET', `/api/orders/${order.id}`, undefined, token)).body.order
  expect(view.entry).toMatchObject({ scene: 1007, channel: 'chat' })
  expect(view.attribution).toMatchObject({ attributionId: launched.attribution.attributionId, shareId: forwarded.body.shareId, firstTouchChannel: 'direct', people: ['alice', 'bob', 'carol'] })
  expect(view.attribution.shareChain.map((s: { person: string; action: string }) => `${s.person} ${s.action}`)).toEqual(['alice discovered', 'alice shared', 'bob forwarded', 'carol opened'])
})
