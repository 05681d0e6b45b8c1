import { afterEach, beforeEach, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { mpKit } from '../miniprogram/testkit'
import { oaKit } from '../official-account/testkit'
import { templateIdFor } from '../official-account/seed'
import { openOpenData, sealOpenData } from '../miniprogram/open-data'

let p: TestPlatform
let kit: ReturnType<typeof mpKit>
const card = { title: 'Oat latte, 20% off', path: 'pages/product/product?id=oat-latte' }
beforeEach(async () => {
  p = await testPlatform({ seed: 'shares' })
  kit = mpKit(p)
})
afterEach(() => p.close())

const send = async (from: string, body: Record<string, unknown>) => {
  const res = await p.post(`/_sandbox/people/${from}/messages`, body)
  return { status: res.status, body: await res.json() }
}
const shareCard = (from: string, to: string) => send(from, { to, type: 'miniprogram', miniprogram: { appid: kit.mp.appid, ...card } })
const forward = (from: string, to: string, message: number) => send(from, { to, type: 'forward', message })
const events = async (type: string) => (await p.json(`/_sandbox/events?type=${type}`)).events
const lastLaunch = async () => (await p.json('/_sandbox/events?type=miniprogram.launched&order=desc&limit=1')).events[0]

test('a forwarded card keeps its content and origin, gets its own share id, and the chain is an event', async () => {
  const shared = (await shareCard('alice', 'bob')).body
  expect(shared.body.shareId).toMatch(/^shr_\w{16}$/)
  const { status, body: forwarded } = await forward('bob', 'carol', shared.seq)
  expect(status).toBe(201)
  expect(forwarded).toMatchObject({ conversation: 'p2p:bob:carol', sender: 'bob', kind: 'miniprogram', body: { ...card, appid: kit.mp.appid, forwarded: { from: 'alice', message: shared.seq } } })
  expect(forwarded.body.shareId).not.toBe(shared.body.shareId)

  const [event] = await events('chat.card.forwarded')
  expect(event).toMatchObject({
    actor: 'bob',
    subject: { conversation: 'p2p:bob:carol', share: forwarded.body.shareId, forwardedMessage: String(shared.seq) },
    payload: { recipients: ['carol'], shareId: forwarded.body.shareId, parentShareId: shared.body.shareId, firstTouchChannel: 'direct', people: ['alice', 'bob'] },
  })
  expect(event.payload.shareChain.map((s: any) => [s.person, s.action, s.to])).toEqual([
    ['alice', 'discovered', undefined],
    ['alice', 'shared', 'bob'],
    ['bob', 'forwarded', 'carol'],
  ])
  const share = await p.json(`/_sandbox/shares/${forwarded.body.shareId}`)
  expect(share).toMatchObject({ how: 'forward', sharer: 'bob', parentShareId: shared.body.shareId, message: forwarded.seq, appid: kit.mp.appid, target: card.path })
})

test('opening a forwarded card: the launch carries the chain alice→bob→carol and the first touch', async () => {
  const shared = (await shareCard('alice', 'bob')).body
  const forwarded = (await forward('bob', 'carol', shared.seq)).body
  const { status, body: launched } = await kit.launch('carol', { entry: 'chat', message: forwarded.seq })
  expect(status).toBe(201)
  expect(launched.launchOptions).toMatchObject({ scene: 1007, path: 'pages/product/product', query: { id: 'oat-latte' } })
  const event = await lastLaunch()
  expect(event.subject).toMatchObject({ sharedBy: 'bob', share: forwarded.body.shareId })
  expect(event.payload).toMatchObject({ shareId: forwarded.body.shareId, firstTouchChannel: 'direct' })
  expect(event.payload.shareChain.map((s: any) => s.person)).toEqual(['alice', 'alice', 'bob', 'carol'])
  expect(event.payload.shareChain.at(-1)).toMatchObject({ person: 'carol', action: 'opened', via: 'chat', scene: 1007 })
  expect(launched.attribution).toMatchObject({ shareId: forwarded.body.shareId, firstTouchChannel: 'direct', shareChain: event.payload.shareChain })
})

test('article → share → forward → open: the first touch is the article, on every step', async () => {
  const oa = oaKit(p)
  const token = await oa.token()
  const api = async (path: string, body: unknown) => (await p.post(`${path}?access_token=${token}`, body)).json()
  const html = `<p>New</p><mp-miniprogram data-miniprogram-appid="${kit.mp.appid}" data-miniprogram-path="${card.path}" data-miniprogram-title="Oat latte"></mp-miniprogram>`
  const { media_id } = await api('/cgi-bin/draft/add', { articles: [{ title: 'Spring menu', content: html }] })
  const { publish_id } = await api('/cgi-bin/freepublish/submit', { media_id })
  const { article_id } = await api('/cgi-bin/freepublish/get', { publish_id })
  const read = (await oa.person('alice', `/articles/${article_id}/read`, {})).body
  const fromArticle = (await oa.person('alice', `/articles/${article_id}/open-miniprogram`, { card: 0 })).body

  const shared = (await shareCard('alice', 'brunch-club')).body
  const forwarded = (await forward('bob', 'erin', shared.seq)).body
  expect(forwarded.body.shareTicket).toBeUndefined()
  await kit.launch('erin', { entry: 'chat', shareId: forwarded.body.shareId })
  const event = await lastLaunch()
  expect(event.payload.firstTouchChannel).toBe('official-account')
  expect(event.payload.shareChain).toEqual([
    { person: 'alice', at: expect.any(String), via: 'official-account', action: 'discovered', entry: 'oa-article', scene: 1058, articleId: article_id },
    { person: 'alice', at: expect.any(String), via: 'group', action: 'shared', shareId: shared.body.shareId, to: 'brunch-club' },
    { person: 'bob', at: expect.any(String), via: 'chat', action: 'forwarded', shareId: forwarded.body.shareId, to: 'erin' },
    { person: 'erin', at: expect.any(String), via: 'chat', action: 'opened', shareId: forwarded.body.shareId, entry: 'chat', scene: 1007 },
  ])
  // the card opened minutes after sharing continues alice's journey
  expect(event.journeyId).toBe(fromArticle.journeyId)

  // the article's own link, shared after reading it, starts at the read
  const linkShare = (await send('alice', { to: 'bob', type: 'link', link: { title: read.title, url: read.url } })).body
  const linkView = await p.json(`/_sandbox/shares/${linkShare.body.shareId}`)
  expect(linkView).toMatchObject({ kind: 'link', target: read.url, firstTouchChannel: 'official-account' })
  expect(linkView.shareChain[0]).toMatchObject({ person: 'alice', action: 'discovered', entry: 'oa-article', articleId: article_id })
})

test("a card opened within 30 minutes continues the sharer's journey; later, or during the opener's own journey, it does not", async () => {
  const aliceLaunch = (await kit.launch('alice', { entry: 'search' })).body
  const shared = (await shareCard('alice', 'bob')).body
  const toCarol = (await shareCard('alice', 'carol')).body
  const toDave = (await shareCard('alice', 'dave')).body
  expect((await p.json(`/_sandbox/shares/${shared.body.shareId}`)).journeyId).toBe(aliceLaunch.journeyId)

  const bob = (await kit.launch('bob', { entry: 'chat', message: shared.seq })).body
  expect(bob).toMatchObject({ journeyId: aliceLaunch.journeyId, journeyStarted: true })
  expect(bob.attribution.firstTouchChannel).toBe('search')

  const carolOwn = (await kit.launch('carol', { entry: 'recent' })).body
  const carol = (await kit.launch('carol', { entry: 'chat', message: toCarol.seq })).body
  expect(carol).toMatchObject({ journeyId: carolOwn.journeyId, journeyStarted: false })
  expect(carol.attribution.shareChain.map((s: any) => s.person)).toEqual(['alice', 'alice', 'carol'])

  await kit.advance('31m')
  const dave = (await kit.launch('dave', { entry: 'chat', message: toDave.seq })).body
  expect(dave.journeyStarted).toBe(true)
  expect(dave.journeyId).not.toBe(aliceLaunch.journeyId)
})

test('re-sharing from inside the mini program continues the chain of the card that opened it', async () => {
  const shared = (await shareCard('alice', 'bob')).body
  await kit.launch('bob', { entry: 'chat', message: shared.seq })
  const reshared = (await shareCard('bob', 'carol')).body
  const share = await p.json(`/_sandbox/shares/${reshared.body.shareId}`)
  expect(share).toMatchObject({ how: 'share', parentShareId: shared.body.shareId, people: ['alice', 'bob'] })
  await kit.launch('carol', { entry: 'chat', from: 'bob', path: card.path })
  const event = await lastLaunch()
  expect(event.subject.share).toBe(reshared.body.shareId)
  expect(event.payload.shareChain.map((s: any) => `${s.person}:${s.action}`)).toEqual(['alice:discovered', 'alice:shared', 'bob:shared', 'carol:opened'])
})

test('the phone-style launch (sender, group and shareTicket only) finds the card', async () => {
  const shared = (await shareCard('alice', 'brunch-club')).body
  await shareCard('bob', 'brunch-club')
  const { body } = await kit.launch('carol', { entry: 'group', appid: kit.mp.appid, path: card.path, from: 'alice', groupId: 'brunch-club', shareTicket: shared.body.shareTicket })
  expect(body.launchOptions).toMatchObject({ scene: 1044, shareTicket: shared.body.shareTicket })
  expect(body.attribution).toMatchObject({ shareId: shared.body.shareId })
  expect(body.attribution.shareChain.at(-1)).toMatchObject({ person: 'carol', action: 'opened', via: 'group', scene: 1044 })
})

test('attribution: the latest launch by person or openid, a continued journey keeps its chain, one launch by id', async () => {
  const shared = (await shareCard('alice', 'bob')).body
  const opened = (await kit.launch('bob', { entry: 'chat', message: shared.seq })).body
  await kit.advance('5m')
  await kit.launch('bob', { entry: 'recent' })
  const byPerson = await p.json(`/_sandbox/attribution?person=bob&appid=${kit.mp.appid}`)
  expect(byPerson).toMatchObject({ person: 'bob', appid: kit.mp.appid, journeyId: opened.journeyId, shareId: shared.body.shareId, firstTouchChannel: 'direct', people: ['alice', 'bob'] })
  const { openid } = await kit.openid('bob')
  expect(await p.json(`/_sandbox/attribution?openid=${openid}`)).toEqual(byPerson)
  const one = await p.json(`/_sandbox/attribution?id=${opened.attribution.attributionId}`)
  expect(one).toMatchObject({ attributionId: opened.attribution.attributionId, launchEventId: opened.eventId, shareChain: opened.attribution.shareChain })

  await kit.advance('1h')
  await kit.launch('bob', { entry: 'wxacode' })
  expect(await p.json(`/_sandbox/attribution?person=bob`)).toMatchObject({ shareId: null, firstTouchChannel: 'qr', people: ['bob'] })
})

test('a shareTicket resolves to its group for members only', async () => {
  const shared = (await shareCard('alice', 'brunch-club')).body
  const ticket = shared.body.shareTicket
  const res = await p.json(`/_sandbox/people/dave/share-tickets/${ticket}`)
  expect(res).toMatchObject({ shareTicket: ticket, appid: kit.mp.appid, groupId: 'brunch-club', sharedBy: 'alice', message: shared.seq, openGId: expect.stringMatching(/^tG[\w-]{26}$/) })
  expect((await p.json(`/_sandbox/people/carol/share-tickets/${ticket}`)).openGId).toBe(res.openGId)
  expect((await p.get(`/_sandbox/people/erin/share-tickets/${ticket}`)).status).toBe(404)
  expect((await p.get('/_sandbox/people/dave/share-tickets/nope')).status).toBe(404)
})

test('forwarding into a group gives a fresh shareTicket; text forwards without a share', async () => {
  const shared = (await shareCard('alice', 'bob')).body
  const intoGroup = (await forward('bob', 'brunch-club', shared.seq)).body
  expect(intoGroup.body.shareTicket).toMatch(/^[0-9a-f-]{36}$/)
  const text = (await send('alice', { to: 'bob', type: 'text', text: 'try this' })).body
  const fwdText = (await forward('bob', 'carol', text.seq)).body
  expect(fwdText).toMatchObject({ kind: 'text', body: { text: 'try this', forwarded: { from: 'alice', message: text.seq } } })
  expect(fwdText.body.shareId).toBeUndefined()
  expect((await events('chat.message.forwarded'))[0].payload.shareId).toBeUndefined()
})

test('an article link gets a share id and forwards like a card, but opens no mini program', async () => {
  const link = { title: 'Spring menu', url: 'https://mp.weixin.qq.com/s/abc' }
  const shared = (await send('alice', { to: 'bob', type: 'link', link })).body
  expect(shared.body.shareId).toMatch(/^shr_/)
  const [event] = await events('chat.link.shared')
  expect(event.payload).toMatchObject({ shareId: shared.body.shareId, firstTouchChannel: 'direct' })
  const forwarded = (await forward('bob', 'carol', shared.seq)).body
  expect((await events('chat.link.forwarded'))[0].payload.people).toEqual(['alice', 'bob'])
  expect((await kit.launch('carol', { entry: 'chat', message: forwarded.seq })).status).toBe(400)
})

test("an article read through a friend's link: its card launch continues the link's chain", async () => {
  const oa = oaKit(p)
  const token = await oa.token()
  const api = async (path: string, body: unknown) => (await p.post(`${path}?access_token=${token}`, body)).json()
  const html = `<mp-miniprogram data-miniprogram-appid="${kit.mp.appid}" data-miniprogram-path="${card.path}" data-miniprogram-title="Oat latte"></mp-miniprogram>`
  const { media_id } = await api('/cgi-bin/draft/add', { articles: [{ title: 'Spring menu', content: html }] })
  const { article_id } = await api('/cgi-bin/freepublish/get', { publish_id: (await api('/cgi-bin/freepublish/submit', { media_id })).publish_id })
  const read = (await oa.person('alice', `/articles/${article_id}/read`, {})).body
  const link = (await send('alice', { to: 'bob', type: 'link', link: { title: read.title, url: read.url } })).body
  await kit.advance('2h')
  await oa.person('bob', `/articles/${article_id}/read`, { sharedBy: 'alice' })
  const bob = (await oa.person('bob', `/articles/${article_id}/open-miniprogram`, { card: 0 })).body
  expect(bob.launchOptions.scene).toBe(1058)
  expect(bob.attribution).toMatchObject({ shareId: link.body.shareId, firstTouchChannel: 'official-account' })
  expect(bob.attribution.shareChain.map((s: any) => `${s.person}:${s.action}:${s.via}`)).toEqual(['alice:discovered:official-account', 'alice:shared:chat', 'bob:opened:official-account'])

  await oa.person('carol', `/articles/${article_id}/read`, {})
  const carol = (await oa.person('carol', `/articles/${article_id}/open-miniprogram`, { card: 0 })).body
  expect(carol.attribution).toMatchObject({ shareId: null, firstTouchChannel: 'official-account', shareChain: [{ person: 'carol', action: 'discovered', articleId: article_id }] })
})

test('refused forwards and card opens write nothing', async () => {
  const shared = (await shareCard('alice', 'bob')).body
  const before = (await p.json('/_sandbox/events')).events.length
  expect((await forward('carol', 'bob', shared.seq)).status).toBe(404)
  expect((await forward('bob', 'henry', shared.seq)).status).toBe(403)
  expect((await forward('bob', 'carol', 99999)).status).toBe(404)
  expect((await send('bob', { to: 'carol', type: 'forward' })).status).toBe(400)
  expect((await kit.launch('carol', { entry: 'chat', message: shared.seq })).status).toBe(403)
  expect((await kit.launch('carol', { entry: 'chat', shareId: 'shr_nope' })).status).toBe(404)
  expect((await p.json('/_sandbox/events')).events.length).toBe(before)
  expect((await p.json('/_sandbox/shares')).shares).toHaveLength(1)
  expect((await p.get('/_sandbox/attribution')).status).toBe(400)
  expect((await p.get('/_sandbox/attribution?person=henry')).status).toBe(404)
})

test("launches from the account's card (1074), menu (1035) and template message (1043) are attributed to the article read or follow code that came first", async () => {
  const oa = oaKit(p)
  const token = await oa.token()
  const api = async (path: string, body: unknown) => (await p.post(`${path}?access_token=${token}`, body)).json()
  const html = `<mp-miniprogram data-miniprogram-appid="${kit.mp.appid}" data-miniprogram-path="${card.path}" data-miniprogram-title="Oat latte"></mp-miniprogram>`
  const { media_id } = await api('/cgi-bin/draft/add', { articles: [{ title: 'Spring menu', content: html }] })
  const { article_id } = await api('/cgi-bin/freepublish/get', { publish_id: (await api('/cgi-bin/freepublish/submit', { media_id })).publish_id })
  await api('/cgi-bin/menu/create', { button: [{ type: 'miniprogram', name: 'Order now', url: 'https://lumen.example/', appid: kit.mp.appid, pagepath: 'pages/menu/menu' }] })
  const steps = (a: any) => a.shareChain.map((s: any) => `${s.person}:${s.action}:${s.via}:${s.entry}`)

  // Henry reads the article, follows, and opens the account's mini program card
  await oa.person('henry', `/articles/${article_id}/read`, {})
  await oa.person('henry', '/follow', {})
  const henry = (await oa.openid('henry')).openid
  await api('/cgi-bin/message/custom/send', { touser: henry, msgtype: 'miniprogrampage', miniprogrampage: { title: 'Member card', appid: kit.mp.appid, pagepath: 'pages/member/member' } })
  const cardMsg = (await oa.person('henry', '/messages')).body.messages.at(-1)
  const byCard = (await oa.person('henry', `/messages/${cardMsg.seq}/open`, {})).body
  expect(byCard.launchOptions.scene).toBe(1074)
  expect(byCard.attribution).toMatchObject({ firstTouchChannel: 'official-account', shareId: null, shareChain: [{ person: 'henry', action: 'discovered', entry: 'oa-article', articleId: article_id }, { person: 'henry', action: 'opened', scene: 1074 }] })
  expect((await p.json(`/_sandbox/attribution?person=henry&appid=${kit.mp.appid}`)).attributionId).toBe(byCard.attribution.attributionId)

  // Alice reads it, taps the menu (1035); after a template message, its jump (1043)
  await oa.person('alice', `/articles/${article_id}/read`, {})
  const byMenu = (await oa.person('alice', '/menu/tap', { top: 0 })).body.launch
  expect(byMenu.launchOptions.scene).toBe(1035)
  expect(steps(byMenu.attribution)).toEqual(['alice:discovered:official-account:oa-article', 'alice:opened:official-account:oa-menu'])
  const alice = (await oa.openid('alice')).openid
  await api('/cgi-bin/message/template/send', { touser: alice, template_id: templateIdFor(oa.oa.appid, 'order-paid'), miniprogram: { appid: kit.mp.appid, pagepath: 'pages/order/order?id=1' }, data: {} })
  await kit.advance('31m')
  await oa.person('alice', `/articles/${article_id}/read`, {})
  const tmpl = (await oa.person('alice', '/messages')).body.messages.find((m: any) => m.kind === 'template')
  const byTemplate = (await oa.person('alice', `/messages/${tmpl.seq}/open`, {})).body
  expect(byTemplate.launchOptions.scene).toBe(1043)
  expect(steps(byTemplate.attribution)).toEqual(['alice:discovered:official-account:oa-article', 'alice:opened:official-account:oa-template-message'])

  // a follow code's scan is the first touch of the card that follows it
  const { ticket } = await api('/cgi-bin/qrcode/create', { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'store=sanlitun' } } })
  const qr = await (await p.get(`/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`)).arrayBuffer()
  expect((await fetch(`${p.url}/_sandbox/people/grace/scan`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: qr })).status).toBe(201)
  const grace = (await oa.openid('grace')).openid
  await api('/cgi-bin/message/custom/send', { touser: grace, msgtype: 'miniprogrampage', miniprogrampage: { title: 'Member card', appid: kit.mp.appid, pagepath: 'pages/member/member' } })
  const graceCard = (await oa.person('grace', '/messages')).body.messages.at(-1)
  const byCode = (await oa.person('grace', `/messages/${graceCard.seq}/open`, {})).body
  expect(byCode.attribution).toMatchObject({ firstTouchChannel: 'qr', shareChain: [{ person: 'grace', action: 'discovered', entry: 'oa-follow-code', qrScene: 'store=sanlitun' }, { action: 'opened', scene: 1074 }] })

  // with no account touch in the last 30 minutes, the launch is its own first touch
  await kit.advance('31m')
  const later = (await oa.person('grace', `/messages/${graceCard.seq}/open`, {})).body
  expect(steps(later.attribution)).toEqual(['grace:discovered:official-account:oa-message'])
})

test('wx.getShareInfo gives the group as encrypted data that the session_key from jscode2session opens', async () => {
  const shared = (await shareCard('alice', 'brunch-club')).body
  const ticket = shared.body.shareTicket
  const { code } = await kit.wxLogin('dave')
  const { session_key } = await kit.code2session(code)
  const res = await p.post('/_sandbox/people/dave/miniprogram/share-info', { shareTicket: ticket })
  const info = await res.json()
  expect(info).toMatchObject({ errMsg: 'getShareInfo:ok', encryptedData: expect.any(String), iv: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/) })
  const opened = openOpenData(session_key, info.encryptedData, info.iv, kit.mp.appid)
  const { openGId } = await p.json(`/_sandbox/people/dave/share-tickets/${ticket}`)
  expect(opened).toEqual({ openGId, watermark: { appid: kit.mp.appid, timestamp: expect.any(Number) } })

  // a newer wx.login replaces the session: the old key no longer opens it
  await kit.wxLogin('dave')
  const again = await (await p.post('/_sandbox/people/dave/miniprogram/share-info', { shareTicket: ticket })).json()
  expect(() => openOpenData(session_key, again.encryptedData, again.iv, kit.mp.appid)).toThrow()
  // outsiders and unknown tickets
  expect((await p.post('/_sandbox/people/erin/miniprogram/share-info', { shareTicket: ticket })).status).toBe(404)
  expect((await p.post('/_sandbox/people/dave/miniprogram/share-info', { shareTicket: 'nope' })).status).toBe(404)
  expect((await p.post('/_sandbox/people/henry/miniprogram/share-info', {})).status).toBe(400)
})

test('open data decryption matches the official WXBizDataCrypt sample', () => {
  const encryptedData =
    'CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew=='
  const data = openOpenData('tiihtNczf5v6AKRyjwEUhQ==', encryptedData, 'r7BXXKkLb8qrSNn05n0qiA==', 'wx4f4bc4dec97d474b')
  expect(data).toMatchObject({ openId: 'oGZUI0egBJY1zhBYw2KhdUfwVJJE', nickName: 'Band', watermark: { appid: 'wx4f4bc4dec97d474b', timestamp: 1477314187 } })
  expect(() => openOpenData('tiihtNczf5v6AKRyjwEUhQ==', encryptedData, 'r7BXXKkLb8qrSNn05n0qiA==', 'wx0000000000000000')).toThrow(/appid/)
  const sealed = sealOpenData('tiihtNczf5v6AKRyjwEUhQ==', { openGId: 'tGabc' }, 'wx4f4bc4dec97d474b', 1700000000, Buffer.from('r7BXXKkLb8qrSNn05n0qiA==', 'base64'))
  expect(openOpenData('tiihtNczf5v6AKRyjwEUhQ==', sealed.encryptedData, sealed.iv, 'wx4f4bc4dec97d474b')).toEqual({ openGId: 'tGabc', watermark: { timestamp: 1700000000, appid: 'wx4f4bc4dec97d474b' } })
})
