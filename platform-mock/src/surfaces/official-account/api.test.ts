import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { decodePng } from '../miniprogram/testkit'
import { templateIdFor } from './seed'
import { brandServer, oaKit, pngOf } from './testkit'

let p: TestPlatform
let kit: ReturnType<typeof oaKit>
let token: string

beforeAll(async () => {
  p = await testPlatform({ seed: 'oa-api' })
  kit = oaKit(p)
  token = await kit.token()
})
afterAll(() => p.close())

const api = (path: string, body?: unknown) => kit.api(path, body, token)
const stripRid = (b: any) => ({ ...b, errmsg: String(b.errmsg).replace(/ rid: .*$/, '') })

describe('access', () => {
  test('a mini program token gets 48001 and an expired token 42001', async () => {
    const mpToken = await kit.token(kit.mp)
    expect(stripRid(await kit.api('/cgi-bin/user/info?openid=x', undefined, mpToken))).toEqual({ errcode: 48001, errmsg: 'api unauthorized' })
    const old = await kit.token()
    await p.post('/_sandbox/clock/advance', { by: '2h1m' })
    expect(stripRid(await kit.api('/cgi-bin/menu/get', undefined, old))).toEqual({ errcode: 42001, errmsg: 'access_token expired' })
    token = await kit.token()
  })
})

describe('parametric QR codes', () => {
  test('a temporary scene_str code is an image that a phone scans into a follow with qrscene_', async () => {
    const s = await brandServer({ token: kit.oa.token, encodingAESKey: kit.oa.encodingAESKey, appid: kit.oa.appid })
    await kit.configure({ url: s.url, mode: 'safe' })
    const created = await api('/cgi-bin/qrcode/create', { expire_seconds: 604800, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'store-7' } } })
    expect(created).toEqual({ ticket: expect.any(String), expire_seconds: 604800, url: expect.stringMatching(/^http:\/\/weixin\.qq\.com\/q\/[\w-]{22}$/) })
    const img = await fetch(`${p.url}/cgi-bin/showqrcode?ticket=${encodeURIComponent(created.ticket)}`)
    expect(img.headers.get('content-type')).toBe('image/png')
    const { text } = decodePng(await img.arrayBuffer())
    expect(text).toBe(created.url)

    const scanned = await (await p.post('/_sandbox/people/bob/scan', { payload: text })).json()
    expect(scanned).toMatchObject({ action: 'follow-official-account', following: true, alreadyFollowing: false, subscribeScene: 'ADD_SCENE_QR_CODE', push: { outcome: 'no-reply' } })
    expect(s.received[0]!.message).toMatchObject({ MsgType: 'event', Event: 'subscribe', EventKey: 'qrscene_store-7', Ticket: created.ticket })
    const bob = (await kit.openid('bob')).openid
    expect(await api(`/cgi-bin/user/info?openid=${bob}&lang=zh_CN`)).toMatchObject({ subscribe: 1, subscribe_scene: 'ADD_SCENE_QR_CODE', qr_scene: 0, qr_scene_str: 'store-7' })

    // already following: SCAN with the bare scene value
    await p.post('/_sandbox/people/bob/scan', { payload: text })
    expect(s.received[1]!.message).toMatchObject({ Event: 'SCAN', EventKey: 'store-7' })
    await kit.send('DELETE', '/_sandbox/official-account/server')
    await s.close()
  })

  test('a permanent scene_id code has no expiry; bad scenes are 47003; an expired code cannot be scanned', async () => {
    const perm = await api('/cgi-bin/qrcode/create', { action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 42 } } })
    expect(perm.expire_seconds).toBeUndefined()
    expect((await api('/cgi-bin/qrcode/create', { action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 100001 } } })).errcode).toBe(47003)
    expect((await api('/cgi-bin/qrcode/create', { action_name: 'QR_STR_SCENE', action_info: { scene: {} } })).errcode).toBe(47003)
    expect((await api('/cgi-bin/qrcode/create', { action_name: 'QR_NOPE', action_info: { scene: {} } })).errcode).toBe(47003)
    const temp = await api('/cgi-bin/qrcode/create', { action_name: 'QR_SCENE', action_info: { scene: { scene_id: 9 } } })
    expect(temp.expire_seconds).toBe(30)
    await p.post('/_sandbox/clock/advance', { by: '31s' })
    const res = await p.post('/_sandbox/people/dave/scan', { payload: temp.url })
    expect(res.status).toBe(410)
    expect((await fetch(`${p.url}/cgi-bin/showqrcode?ticket=${encodeURIComponent(temp.ticket)}`)).status).toBe(404)
    const ok = await (await p.post('/_sandbox/people/dave/scan', { payload: perm.url })).json()
    expect(ok.subscribeScene).toBe('ADD_SCENE_QR_CODE')
    expect(await api(`/cgi-bin/user/info?openid=${(await kit.openid('dave')).openid}`)).toMatchObject({ qr_scene: 42, qr_scene_str: '' })
  })
})

describe('menu', () => {
  const menu = (appid: string) => ({
    button: [
      { type: 'miniprogram', name: 'Order now', url: 'https://lumen.example/', appid, pagepath: 'pages/menu/menu' },
      { type: 'click', name: 'Coupons', key: 'COUPON_TODAY' },
      { name: 'More', sub_button: [{ type: 'view', name: 'Site', url: 'https://lumen.example/about' }] },
    ],
  })

  test('create, get and taps: CLICK and VIEW pushes, and a miniprogram button launches with scene 1035', async () => {
    const s = await brandServer({ token: kit.oa.token, encodingAESKey: kit.oa.encodingAESKey, appid: kit.oa.appid })
    await kit.configure({ url: s.url, mode: 'plain' })
    expect(stripRid(await api('/cgi-bin/menu/create', menu(kit.mp.appid)))).toEqual({ errcode: 0, errmsg: 'ok' })
    const got = await api('/cgi-bin/menu/get')
    expect(got.menu.button[1]).toEqual({ type: 'click', name: 'Coupons', key: 'COUPON_TODAY' })
    expect(got.menu.menuid).toEqual(expect.any(Number))

    expect((await kit.person('alice', '/menu/tap', { top: 1 })).body.type).toBe('click')
    expect(s.received.at(-1)!.message).toMatchObject({ Event: 'CLICK', EventKey: 'COUPON_TODAY' })
    expect((await kit.person('alice', '/menu/tap', { top: 2, sub: 0 })).body).toMatchObject({ type: 'view', url: 'https://lumen.example/about' })
    expect(s.received.at(-1)!.message).toMatchObject({ Event: 'VIEW', EventKey: 'https://lumen.example/about', MenuId: String(got.menu.menuid) })
    const mp = (await kit.person('alice', '/menu/tap', { top: 0 })).body
    expect(s.received.at(-1)!.message).toMatchObject({ Event: 'view_miniprogram', EventKey: 'pages/menu/menu' })
    expect(mp.launch.launchOptions).toMatchObject({ path: 'pages/menu/menu', scene: 1035, referrerInfo: { appId: kit.oa.appid } })
    expect((await kit.person('alice', '')).body.menu).toHaveLength(3)
    await kit.send('DELETE', '/_sandbox/official-account/server')
    await s.close()
  })

  test('WeChat\'s menu errors, and a rejected menu leaves the old one', async () => {
    const codes = async (button: unknown[]) => (await api('/cgi-bin/menu/create', { button })).errcode
    expect(await codes([])).toBe(40016)
    expect(await codes([{ type: 'bogus', name: 'x' }])).toBe(40017)
    expect(await codes([{ type: 'click', name: 'a very long button name', key: 'k' }])).toBe(40018)
    expect(await codes([{ type: 'click', name: 'k', key: 'k'.repeat(129) }])).toBe(40019)
    expect(await codes([{ type: 'view', name: 'v' }])).toBe(40020)
    expect(await codes([{ name: 'm', sub_button: Array(6).fill({ type: 'click', name: 's', key: 'k' }) }])).toBe(40023)
    expect(await codes([{ type: 'miniprogram', name: 'mp', url: 'https://x/', appid: 'wx0000000000000000', pagepath: 'p' }])).toBe(40166)
    expect((await api('/cgi-bin/menu/get')).menu.button).toHaveLength(3)
    expect((await api('/cgi-bin/menu/delete')).errcode).toBe(0)
    expect((await api('/cgi-bin/menu/get')).errcode).toBe(46003)
  })
})

describe('customer-service and template messages', () => {
  test('custom/send works inside 48 hours of the person\'s last message and answers 45015 after', async () => {
    const grace = (await kit.openid('grace')).openid
    const send = (msg: object) => api('/cgi-bin/message/custom/send', { touser: grace, ...msg })
    expect((await send({ msgtype: 'text', text: { content: 'hello' } })).errcode).toBe(45015)
    await kit.person('grace', '/messages', { text: 'is the shop open?' })
    expect(stripRid(await send({ msgtype: 'text', text: { content: 'Yes, until 22:00' } }))).toEqual({ errcode: 0, errmsg: 'ok' })
    const card = { msgtype: 'miniprogrampage', miniprogrampage: { title: 'Member card', appid: kit.mp.appid, pagepath: 'pages/member/member', thumb_media_id: 'T' } }
    expect((await send(card)).errcode).toBe(0)
    const msgs = (await kit.person('grace', '/messages')).body.messages
    const cardMsg = msgs.at(-1)
    expect(cardMsg).toMatchObject({ from: 'account', source: 'custom', kind: 'miniprogrampage', body: { appid: kit.mp.appid, pagepath: 'pages/member/member' } })
    const opened = (await kit.send('POST', `/_sandbox/people/grace/official-account/messages/${cardMsg.seq}/open`, {})).body
    expect(opened.launchOptions).toMatchObject({ scene: 1074, path: 'pages/member/member' })
    expect((await send({ ...card, miniprogrampage: { ...card.miniprogrampage, appid: 'wx0000000000000000' } })).errcode).toBe(40166)
    await p.post('/_sandbox/clock/advance', { by: '47h59m' })
    token = await kit.token()
    expect((await send({ msgtype: 'text', text: { content: 'still?' } })).errcode).toBe(0)
    await p.post('/_sandbox/clock/advance', { by: '2m' })
    expect(stripRid(await send({ msgtype: 'text', text: { content: 'late' } }))).toEqual({ errcode: 45015, errmsg: 'response out of time limit or subscription is canceled' })
    expect((await send({ msgtype: 'text', text: {} })).errcode).toBe(47003)
    expect((await api('/cgi-bin/message/custom/send', { touser: 'nobody', msgtype: 'text', text: { content: 'x' } })).errcode).toBe(40003)
  })

  test('template/send with a mini program jump opens it with scene 1043; client_msg_id de-duplicates', async () => {
    const alice = (await kit.openid('alice')).openid
    const body = {
      touser: alice,
      template_id: templateIdFor(kit.oa.appid, 'order-paid'),
      miniprogram: { appid: kit.mp.appid, pagepath: 'pages/order/detail?id=7' },
      client_msg_id: 'order-7-paid',
      data: { thing1: { value: 'Oat latte' }, amount2: { value: '32.00' }, character_string3: { value: 'LM7' } },
    }
    const first = await api('/cgi-bin/message/template/send', body)
    expect(first).toMatchObject({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) })
    expect((await api('/cgi-bin/message/template/send', body)).msgid).toBe(first.msgid)
    const msgs = (await kit.person('alice', '/messages')).body.messages.filter((m: any) => m.kind === 'template')
    expect(msgs).toHaveLength(1)
    expect(msgs[0].body).toMatchObject({ title: '订单支付成功通知', miniprogram: { appid: kit.mp.appid, pagepath: 'pages/order/detail?id=7' } })
    const opened = (await kit.send('POST', `/_sandbox/people/alice/official-account/messages/${msgs[0].seq}/open`, {})).body
    expect(opened.launchOptions).toMatchObject({ scene: 1043, path: 'pages/order/detail', query: { id: '7' } })
    expect((await api('/cgi-bin/message/template/send', { ...body, client_msg_id: undefined, template_id: 'nope' })).errcode).toBe(40037)
    const henry = (await kit.openid('henry')).openid
    expect((await api('/cgi-bin/message/template/send', { ...body, client_msg_id: undefined, touser: henry })).errcode).toBe(43004)
  })
})

describe('users', () => {
  test('user/info has the current field set; a non-follower only subscribe and openid; batchget', async () => {
    const carol = await kit.openid('carol')
    const info = await api(`/cgi-bin/user/info?openid=${carol.openid}&lang=zh_CN`)
    expect(Object.keys(info).sort()).toEqual(['groupid', 'language', 'openid', 'qr_scene', 'qr_scene_str', 'remark', 'subscribe', 'subscribe_scene', 'subscribe_time', 'tagid_list', 'unionid'])
    expect(info).toMatchObject({ subscribe: 1, unionid: carol.unionid, subscribe_scene: 'ADD_SCENE_QR_CODE' })
    const frank = (await kit.openid('frank')).openid
    expect(await api(`/cgi-bin/user/info?openid=${frank}`)).toEqual({ subscribe: 0, openid: frank, tagid_list: [] })
    expect((await api('/cgi-bin/user/info?openid=nobody')).errcode).toBe(40003)
    const batch = await api('/cgi-bin/user/info/batchget', { user_list: [{ openid: carol.openid }, { openid: frank, lang: 'zh_CN' }] })
    expect(batch.user_info_list.map((u: any) => u.subscribe)).toEqual([1, 0])
    expect((await api('/cgi-bin/user/info/batchget', { user_list: [] })).errcode).toBe(47003)
  })

  test('unfollowing pushes unsubscribe and drops the person from the follower list', async () => {
    const before = (await api('/cgi-bin/user/get')).total
    expect((await kit.person('carol', '/unfollow', {})).body.following).toBe(false)
    expect((await api('/cgi-bin/user/get')).total).toBe(before - 1)
    expect((await kit.person('carol', '/unfollow', {})).status).toBe(409)
    const again = (await kit.person('carol', '/follow', { scene: 'ADD_SCENE_SEARCH' })).body
    expect(again).toMatchObject({ following: true, subscribeScene: 'ADD_SCENE_SEARCH' })
  })
})

describe('drafts and publishing', () => {
  const content =
    '<p onclick="steal()">Spring blend <script>alert(1)</script><a href="javascript:alert(2)">x</a></p>' +
    `<mp-miniprogram data-miniprogram-appid="APPID" data-miniprogram-path="pages/product/product?id=oolong" data-miniprogram-title="Oolong" data-miniprogram-imageurl="https://mmbiz.qpic.cn/a/0"></mp-miniprogram>` +
    `<p><a data-miniprogram-appid="APPID" data-miniprogram-path="pages/menu/menu" href="">See the menu</a></p>`

  test('draft → publish → reader: HTML is sanitized, mini program cards open with scene 1058', async () => {
    const html = content.replaceAll('APPID', kit.mp.appid)
    const thumb = await kit.upload('/cgi-bin/material/add_material?type=image', pngOf(750, 320), { token })
    const { media_id } = await api('/cgi-bin/draft/add', { articles: [{ title: 'Spring menu', author: 'Lumen', content: html, thumb_media_id: thumb.media_id }] })
    expect(media_id).toEqual(expect.any(String))
    const draft = await api('/cgi-bin/draft/get', { media_id })
    const stored = draft.news_item[0].content as string
    expect(stored).not.toMatch(/script|onclick|javascript:/)
    expect(stored).toContain(`data-miniprogram-appid="${kit.mp.appid}"`)
    const submitted = await api('/cgi-bin/freepublish/submit', { media_id })
    expect(submitted).toMatchObject({ errcode: 0, publish_id: expect.any(String), msg_data_id: expect.any(Number) })
    const status = await api('/cgi-bin/freepublish/get', { publish_id: submitted.publish_id })
    expect(status).toMatchObject({ publish_status: 0, article_detail: { count: 1, item: [{ idx: 1, article_url: expect.stringMatching(/^https:\/\/mp\.weixin\.qq\.com\/s\//) }] }, fail_idx: [] })
    const list = await api('/cgi-bin/freepublish/batchget', { offset: 0, count: 10, no_content: 1 })
    expect(list).toMatchObject({ total_count: 1, item_count: 1, item: [{ article_id: status.article_id, content: { news_item: [{ title: 'Spring menu', content: '' }] } }] })
    expect((await api('/cgi-bin/freepublish/getarticle', { article_id: status.article_id })).news_item[0].title).toBe('Spring menu')

    const articles = (await kit.person('bob', '/articles')).body.articles
    expect(articles[0]).toMatchObject({ articleId: status.article_id, title: 'Spring menu', miniprograms: [{ form: 'card', title: 'Oolong' }, { form: 'text', title: 'See the menu' }] })
    const read = (await kit.person('bob', `/articles/${status.article_id}/read`, {})).body
    expect(read.content).toBe(stored)
    expect((await kit.events('oa.article.read')).at(-1)).toMatchObject({ actor: 'bob', channel: 'official-account', subject: { articleId: status.article_id } })
    const opened = (await kit.person('bob', `/articles/${status.article_id}/open-miniprogram`, { card: 0 })).body
    expect(opened.launchOptions).toMatchObject({ scene: 1058, path: 'pages/product/product', query: { id: 'oolong' } })
  })

  test('bad drafts are refused and change nothing', async () => {
    const before = (await api('/cgi-bin/draft/batchget', { offset: 0, count: 20 })).total_count
    expect((await api('/cgi-bin/draft/add', { articles: [{ title: 'x'.repeat(33), content: 'c' }] })).errcode).toBe(47003)
    expect((await api('/cgi-bin/draft/add', { articles: [{ title: 't', content: content.replaceAll('APPID', 'wx0000000000000000') }] })).errcode).toBe(40166)
    expect((await (await fetch(`${p.url}/cgi-bin/draft/add?access_token=${token}`, { method: 'POST', body: '{not json' })).json()).errcode).toBe(47001)
    expect((await api('/cgi-bin/freepublish/submit', { media_id: 'nope' })).errcode).toBe(40007)
    expect((await api('/cgi-bin/draft/batchget', { offset: 0, count: 20 })).total_count).toBe(before)
  })

  test('draft/delete removes a draft once: its get and a second delete are 40007', async () => {
    const { media_id } = await api('/cgi-bin/draft/add', { articles: [{ title: 'To delete', content: '<p>x</p>' }] })
    const before = (await api('/cgi-bin/draft/batchget', { offset: 0, count: 20 })).total_count
    expect(stripRid(await api('/cgi-bin/draft/delete', { media_id }))).toEqual({ errcode: 0, errmsg: 'ok' })
    expect((await api('/cgi-bin/draft/get', { media_id })).errcode).toBe(40007)
    expect((await api('/cgi-bin/draft/delete', { media_id })).errcode).toBe(40007)
    expect((await api('/cgi-bin/freepublish/submit', { media_id })).errcode).toBe(40007)
    expect((await api('/cgi-bin/draft/batchget', { offset: 0, count: 20 })).total_count).toBe(before - 1)
  })
})

describe('web OAuth', () => {
  const exchange = (code: string, secret = kit.oa.secret) =>
    p.json(`/sns/oauth2/access_token?appid=${kit.oa.appid}&secret=${secret}&code=${code}&grant_type=authorization_code`)

  test('snsapi_userinfo: code → token → userinfo; the code is single use', async () => {
    const auth = (await kit.person('erin', '/oauth/authorize', { redirect_uri: 'https://h5.lumen.example/cb?x=1', scope: 'snsapi_userinfo', state: 'abc' })).body
    expect(auth.location).toBe(`https://h5.lumen.example/cb?x=1&code=${auth.code}&state=abc`)
    const erin = await kit.openid('erin')
    const tok = await exchange(auth.code)
    expect(tok).toEqual({ access_token: expect.any(String), expires_in: 7200, refresh_token: expect.any(String), openid: erin.openid, scope: 'snsapi_userinfo', unionid: erin.unionid })
    expect((await exchange(auth.code)).errcode).toBe(40163)
    const info = await p.json(`/sns/userinfo?access_token=${tok.access_token}&openid=${erin.openid}&lang=zh_CN`)
    expect(info).toMatchObject({ openid: erin.openid, nickname: 'Erin Liu', unionid: erin.unionid, privilege: [] })
    expect((await p.json(`/sns/auth?access_token=${tok.access_token}&openid=${erin.openid}`)).errcode).toBe(0)
    const refreshed = await p.json(`/sns/oauth2/refresh_token?appid=${kit.oa.appid}&grant_type=refresh_token&refresh_token=${tok.refresh_token}`)
    expect(refreshed.refresh_token).toBe(tok.refresh_token)
    expect(refreshed.access_token).not.toBe(tok.access_token)
  })

  test('snsapi_base gives no userinfo; wrong secret, unknown and expired codes are refused', async () => {
    const base = (await kit.person('henry', '/oauth/authorize', { redirect_uri: 'https://h5.lumen.example/cb', scope: 'snsapi_base' })).body
    const henry = (await kit.openid('henry')).openid
    expect((await exchange(base.code, 'wrong')).errcode).toBe(40125)
    const tok = await exchange(base.code)
    expect(tok.scope).toBe('snsapi_base')
    expect((await p.json(`/sns/userinfo?access_token=${tok.access_token}&openid=${henry}`)).errcode).toBe(48001)
    expect((await exchange('nope')).errcode).toBe(40029)
    const late = (await kit.person('henry', '/oauth/authorize', { redirect_uri: 'https://h5.lumen.example/cb', scope: 'snsapi_base' })).body
    await p.post('/_sandbox/clock/advance', { by: '6m' })
    expect((await exchange(late.code)).errcode).toBe(42003)
    await p.post('/_sandbox/clock/advance', { by: '2h' })
    expect((await p.json(`/sns/auth?access_token=${tok.access_token}&openid=${henry}`)).errcode).toBe(42001)
    token = await kit.token()
  })
})
