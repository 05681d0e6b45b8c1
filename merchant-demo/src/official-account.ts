import { and, eq } from 'drizzle-orm'
import type { Context } from 'hono'
import type { Store } from './context'
import { ApiError } from './errors'
import { members, oaFollowers, oaInbox, orders } from './schema'
import { coverPng } from './images'
import { orderView } from './orders'
import { OaCrypto, OaCryptoError, parseXml, sameSignature, sha1Signature, toXml } from '../wechat/oa-crypto'
import type { MenuButton } from '../wechat/official-account'
import { WeChatApiError } from '../wechat/errors'

/** Where the platform pushes the Official Account's messages (基本配置 → 服务器地址). */
export const OA_PATH = '/wechat/oa'

/** The mini program pages the account links to. */
const PAGES = { index: 'pages/index/index', menu: 'pages/menu/menu', member: 'pages/member/member', order: 'pages/order/order', product: 'pages/product/product' } as const

/** Keywords a follower can type (lower-cased, trimmed), and what they get. */
const KEYWORDS: [RegExp, keyof ReturnType<typeof replies>][] = [
  [/^(menu|order|菜单|点单)$/, 'menu'],
  [/^(hours|open|opening hours|营业时间|时间)$/, 'hours'],
  [/^(member|members|points|会员|积分)$/, 'member'],
  [/^(hi|hello|help|你好|帮助|\?)$/, 'help'],
]

function replies(store: Store) {
  const { kit, appid } = store
  const link = (text: string, path: string) => `<a data-miniprogram-appid="${appid}" data-miniprogram-path="${path}" href="${store.publicUrl}/mp/${path}.html">${text}</a>`
  return {
    welcome: `Welcome to ${kit.name}${kit.nameZh ? ` ${kit.nameZh}` : ''}! ${kit.tagline}${/[.!?。！？]$/.test(kit.tagline) ? '' : '.'} Type "menu" to order, "hours" for our stores, "会员" for your member card.`,
    menu: `Our menu is in the mini program: ${link('Order now', PAGES.menu)}`,
    hours: kit.stores.map((s) => `${s.name}: ${s.address}, 08:00–21:00`).join('\n'),
    member: `Points, coupons and gifts are on your member card: ${link('Open my member card', PAGES.member)}`,
    help: `Type "menu", "hours" or "会员".`,
    today: kit.campaigns[0] ? `${kit.campaigns[0].title}: ${kit.campaigns[0].subtitle} ${link('Order now', PAGES.index)}` : `Today at ${kit.name}: ${link('Order now', PAGES.menu)}`,
  }
}

/** The account's menu: the kit's buttons, else Order now / Member (mini program pages) and a Today reply. */
export function menuButtons(store: Store): MenuButton[] {
  const mp = (name: string, pagepath: string): MenuButton => ({ type: 'miniprogram', name, appid: store.appid, pagepath, url: `${store.publicUrl}/mp/${pagepath}.html` })
  const declared = store.kit.apps.officialAccount.menu
  if (!declared) return [mp('Order now', PAGES.menu), mp('Member', PAGES.member), { type: 'click', name: 'Today', key: 'TODAY' }]
  return declared.map((b) => ('page' in b ? mp(b.name, PAGES[b.page]) : { type: 'click', name: b.name, key: b.reply.toUpperCase() }))
}

/**
 * What the brand does once in its admin consoles (公众平台 → 基本配置 → 服务器配置, safe mode) and
 * through the menu API: `PUT /_sandbox/official-account/server` stands for saving the server
 * configuration (the platform verifies the URL with a signed GET before it pushes anything), then
 * `/cgi-bin/menu/create`. Called at start when the merchant is started with `officialAccount`,
 * and by `POST /admin/official-account/connect` (after a platform reset).
 */
export async function connectOfficialAccount(store: Store) {
  const oa = store.officialAccount
  const res = await fetch(`${store.platformUrl}/_sandbox/official-account/server`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appid: oa.appid, url: `${store.publicUrl}${OA_PATH}`, token: oa.token, encodingAESKey: oa.encodingAESKey, mode: 'safe' }),
  })
  const server = await res.json()
  if (!res.ok) throw new ApiError(502, 'oa_server_refused', `the platform refused the server configuration: ${JSON.stringify(server)}`)
  await store.oa.createMenu(menuButtons(store))
  const followers = await syncFollowers(store)
  store.setUp.add('officialAccount')
  return { server, menu: (await store.oa.menu())?.menu ?? null, followers }
}

/**
 * Who followed before the server was connected: `/cgi-bin/user/get` (pages of 10 000 openids) and
 * `/cgi-bin/user/info/batchget` (100 at a time) give each follower's unionid and the code they
 * followed with. Rows the pushes wrote are kept; the count of followers is returned.
 */
export async function syncFollowers(store: Store) {
  let next = ''
  let count = 0
  for (;;) {
    const page = await store.oa.followers(next)
    const openids = page.data?.openid ?? []
    for (let i = 0; i < openids.length; i += 100) {
      for (const u of await store.oa.users(openids.slice(i, i + 100))) {
        if (!u.subscribe) continue
        const shop = storeOfScene(store, u.qr_scene_str ?? null)
        await store.db
          .insert(oaFollowers)
          .values({ openid: u.openid, unionid: u.unionid ?? null, subscribed: true, storeId: shop?.id ?? null, scene: u.qr_scene_str || null, followedAt: u.subscribe_time ? new Date(u.subscribe_time * 1000).toISOString() : null })
          .onConflictDoUpdate({ target: oaFollowers.openid, set: { subscribed: true, unionid: u.unionid ?? null } })
      }
    }
    count += openids.length
    if (!page.next_openid || openids.length === 0 || count >= page.total) return count
    next = page.next_openid
  }
}

// ---------------------------------------------------------------------------------------------
// the message server

/** GET: URL verification. 200 with `echostr` verbatim when the signature is ours, else 401. */
export function verifyUrl(store: Store, c: Context) {
  const q = c.req.query()
  const expected = sha1Signature(store.officialAccount.token, q.timestamp ?? '', q.nonce ?? '')
  if (!q.echostr || !sameSignature(q.signature, expected)) return c.text('bad signature', 401)
  return c.text(q.echostr)
}

/** Work to do after the passive reply went out (customer-service messages); tests await it. */
const afterReply = new WeakMap<Store, Set<Promise<unknown>>>()
export async function settled(store: Store) {
  const pending = afterReply.get(store)
  while (pending?.size) await Promise.allSettled([...pending])
}
function later(store: Store, work: () => Promise<unknown>) {
  let set = afterReply.get(store)
  if (!set) afterReply.set(store, (set = new Set()))
  // after the response is written: WeChat shows the passive reply first, then the card
  const p: Promise<unknown> = new Promise((r) => setTimeout(r, 20))
    .then(work)
    .catch((err) => console.warn('merchant-demo: official account follow-up failed:', (err as Error).message))
    .finally(() => set.delete(p))
  set.add(p)
}

/**
 * POST: a push. Checks `signature` (plain) or `msg_signature` + decrypts (`encrypt_type=aes`),
 * handles the message once, and answers with a passive reply (encrypted when the push was) or
 * `success`. A push that fails its checks gets 401 and changes nothing.
 */
export async function receivePush(store: Store, c: Context) {
  const oa = store.officialAccount
  const q = c.req.query()
  if (!sameSignature(q.signature, sha1Signature(oa.token, q.timestamp ?? '', q.nonce ?? ''))) return c.text('bad signature', 401)
  const raw = await c.req.text()
  const outer = parseXml(raw)
  if (!outer) return c.text('not xml', 400)
  const encrypted = q.encrypt_type === 'aes' && outer.Encrypt !== undefined
  let message = outer
  if (encrypted) {
    try {
      const inner = parseXml(store.oaCrypto.open({ timestamp: q.timestamp ?? '', nonce: q.nonce ?? '', msg_signature: q.msg_signature ?? null }, outer.Encrypt!))
      if (!inner) throw new OaCryptoError(-40002, 'the decrypted message is not XML')
      message = inner
    } catch (err) {
      if (err instanceof OaCryptoError) return c.text(`${err.code} ${err.message}`, 401)
      throw err
    }
  }
  const reply = await handleMessage(store, message)
  if (!reply) return c.text('success')
  const xml = toXml({ ToUserName: message.FromUserName ?? '', FromUserName: message.ToUserName ?? '', CreateTime: Math.floor(Date.now() / 1000), MsgType: 'text', Content: reply })
  return c.body(encrypted ? store.oaCrypto.seal(xml) : xml, 200, { 'content-type': 'application/xml; charset=utf-8' })
}

/** What a push does; the text of the passive reply, or null for none. */
export async function handleMessage(store: Store, m: Record<string, string>): Promise<string | null> {
  const openid = m.FromUserName
  if (!openid) return null
  const say = replies(store)
  // WeChat retries a push that got no answer: side effects once (MsgId, or sender + CreateTime)
  const first = await once(store, m.MsgId ? `msg:${m.MsgId}` : `evt:${openid}:${m.CreateTime}:${m.Event ?? ''}`, m.MsgType ?? '')
  if (m.MsgType === 'text') {
    const text = (m.Content ?? '').trim().toLowerCase()
    const kind = KEYWORDS.find(([re]) => re.test(text))?.[1]
    return kind ? say[kind] : `Thanks for your message! ${say.help}`
  }
  if (m.MsgType !== 'event') return null
  const event = m.Event ?? ''
  if (event === 'subscribe') {
    const scene = m.EventKey?.startsWith('qrscene_') ? m.EventKey.slice('qrscene_'.length) : null
    await recordFollow(store, openid, scene)
    if (first) later(store, () => sendMemberCard(store, openid))
    const shop = storeOfScene(store, scene)
    return shop ? `${say.welcome}\nYou found us at ${shop.name}.` : say.welcome
  }
  if (event === 'unsubscribe') {
    await store.db.update(oaFollowers).set({ subscribed: false }).where(eq(oaFollowers.openid, openid))
    return null
  }
  if (event === 'SCAN') {
    const shop = storeOfScene(store, m.EventKey ?? null)
    if (!shop) return null
    await recordFollow(store, openid, null)
    await store.db.update(oaFollowers).set({ lastScanStoreId: shop.id, lastScanAt: new Date().toISOString() }).where(eq(oaFollowers.openid, openid))
    return `Welcome back to ${shop.name}! ${say.menu}`
  }
  // a click button's key names its reply (TODAY, HOURS…)
  const reply = event === 'CLICK' ? (m.EventKey ?? '').toLowerCase() : ''
  if (reply && Object.hasOwn(say, reply)) return say[reply as keyof typeof say]
  return null
}

async function once(store: Store, key: string, kind: string) {
  return (await store.db.insert(oaInbox).values({ key, kind }).onConflictDoNothing().returning()).length === 1
}

/** `store=<id>` (a follow code's scene) → that store of the kit. */
function storeOfScene(store: Store, scene: string | null) {
  const id = scene ? new URLSearchParams(scene).get('store') : null
  return id ? (store.kit.stores.find((s) => s.id === id) ?? null) : null
}

/** A follow: the follower row (unionid from user/info, to find them as a member), with the store of the code they scanned. */
async function recordFollow(store: Store, openid: string, scene: string | null) {
  const user = await store.oa.user(openid).catch(() => null)
  const shop = storeOfScene(store, scene)
  const now = new Date().toISOString()
  const [existing] = await store.db.select().from(oaFollowers).where(eq(oaFollowers.openid, openid))
  if (!existing) {
    await store.db.insert(oaFollowers).values({ openid, unionid: user?.unionid ?? null, subscribed: true, storeId: shop?.id ?? null, scene, followedAt: now }).onConflictDoNothing()
    return
  }
  await store.db
    .update(oaFollowers)
    .set({ subscribed: true, unionid: user?.unionid ?? existing.unionid, ...(scene !== null ? { scene, storeId: shop?.id ?? existing.storeId, followedAt: now } : {}) })
    .where(eq(oaFollowers.openid, openid))
}

/** The welcome's second part: a customer-service mini program card of the member centre. */
async function sendMemberCard(store: Store, openid: string) {
  await store.oa.sendCustom({ touser: openid, msgtype: 'miniprogrampage', miniprogrampage: { title: `${store.kit.name} member card`, appid: store.appid, pagepath: PAGES.member } })
}

/** A follower as the staff see it. */
export async function followerView(store: Store, openid: string) {
  const [f] = await store.db.select().from(oaFollowers).where(eq(oaFollowers.openid, openid))
  if (!f) throw new ApiError(404, 'unknown_follower', `no follower ${openid}`)
  return { openid: f.openid, unionid: f.unionid, subscribed: f.subscribed, storeId: f.storeId, scene: f.scene, followedAt: f.followedAt, lastScanStoreId: f.lastScanStoreId, lastScanAt: f.lastScanAt }
}

/** The member's follower row (same unionid), if they follow the account now. */
export async function followerOfMember(store: Store, memberId: string) {
  const [row] = await store.db
    .select({ follower: oaFollowers })
    .from(members)
    .innerJoin(oaFollowers, eq(oaFollowers.unionid, members.unionid))
    .where(and(eq(members.id, memberId), eq(oaFollowers.subscribed, true)))
  return row?.follower ?? null
}

// ---------------------------------------------------------------------------------------------
// follow codes, campaign articles, template messages

/** A permanent parametric code per store (`QR_LIMIT_STR_SCENE` `store=<id>`), cached by the platform's ticket. */
export async function storeFollowCode(store: Store, storeId: string) {
  const shop = store.kit.stores.find((s) => s.id === storeId)
  if (!shop) throw new ApiError(404, 'unknown_store', `no store "${storeId}"`)
  const code = await store.oa.createQrCode(`store=${shop.id}`)
  return { store: shop, ...code, ...(await store.oa.qrImage(code.ticket)) }
}

/** A campaign article: a draft with one product card per product (`<mp-miniprogram>`), published. */
export async function publishCampaign(store: Store, campaignId: string) {
  const campaign = store.kit.campaigns.find((k) => k.id === campaignId)
  if (!campaign) throw new ApiError(404, 'unknown_campaign', `no campaign "${campaignId}"`)
  const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!)
  const cards = store.kit.products.slice(0, 3).map(
    (p) =>
      `<section><h3>${esc(p.name)} · ¥${(p.price / 100).toFixed(2)}</h3><p>${esc(p.description ?? '')}</p>` +
      `<mp-miniprogram data-miniprogram-appid="${store.appid}" data-miniprogram-path="${PAGES.product}?id=${encodeURIComponent(p.id)}&c=${encodeURIComponent(campaign.id)}" data-miniprogram-title="${esc(p.name)}" data-miniprogram-imageurl="${store.publicUrl}/img/products/${p.id}.svg"></mp-miniprogram></section>`,
  )
  const content = `<p>${esc(campaign.subtitle)}</p>${cards.join('')}<p><a data-miniprogram-appid="${store.appid}" data-miniprogram-path="${PAGES.menu}" href="${store.publicUrl}/mp/${PAGES.menu}.html">See the whole menu</a></p>`
  // the cover is permanent material (add_material), named by its media_id in the draft
  const cover = await store.oa.addMaterial('image', { bytes: coverPng(store.kit, campaign.id), filename: `${campaign.id}-cover.png`, contentType: 'image/png' })
  const mediaId = await store.oa.addDraft([{ title: campaign.title.slice(0, 32), author: store.kit.name.slice(0, 16), digest: campaign.subtitle.slice(0, 128), content, thumb_media_id: cover.media_id }])
  const publishId = await store.oa.publish(mediaId)
  const job = await store.oa.publishStatus(publishId)
  return { campaign: campaign.id, mediaId, publishId, publishStatus: job.publish_status, articleId: job.article_id ?? null, url: job.article_detail?.item[0]?.article_url ?? null, cover: { mediaId: cover.media_id, url: cover.url }, products: store.kit.products.slice(0, 3).map((p) => p.id) }
}

/**
 * The kit's content on the account: every campaign's article, published (a world starts with
 * them), redone after a reset, which empties the account.
 */
export async function publishArticles(store: Store) {
  const published = []
  for (const campaign of store.kit.campaigns) published.push(await publishCampaign(store, campaign.id))
  store.setUp.add('articles')
  return published
}

/**
 * The id of the account's 订单支付成功通知 template, found by its title in the account's list
 * (get_all_private_template); an account that has not picked it yet picks it from the library
 * (api_add_template: category template 43216 with the keywords the store fills).
 */
const ORDER_PAID = { title: '订单支付成功通知', short: '43216', keywords: ['商品名称', '支付金额', '订单号'] }
const templateCache = new WeakMap<Store, Promise<string>>()
export function orderPaidTemplate(store: Store) {
  let found = templateCache.get(store)
  if (!found) {
    found = store.oa.templates().then((list) => list.find((t) => t.title === ORDER_PAID.title)?.template_id ?? store.oa.addTemplate(ORDER_PAID.short, ORDER_PAID.keywords))
    found.catch(() => templateCache.delete(store))
    templateCache.set(store, found)
  }
  return found
}

/** The template id belongs to the platform's world: looked up again after a sandbox reset. */
export function forgetOrderPaidTemplate(store: Store) {
  templateCache.delete(store)
}

/**
 * After payment: a template message to the buyer's Official Account conversation with a jump to
 * the order page, only when they follow the account (their unionid is a follower's). Once per
 * order (`client_msg_id` too); never fails the payment.
 */
export async function notifyPaidFollower(store: Store, orderId: string): Promise<{ sent: boolean; reason?: string }> {
  const [order] = await store.db.select().from(orders).where(eq(orders.id, orderId))
  if (!order || order.oaTemplateMsgId) return { sent: false, reason: 'already sent' }
  const follower = await followerOfMember(store, order.memberId)
  if (!follower) return { sent: false, reason: 'not a follower' }
  const view = await orderView(store, orderId)
  const items = view.items.map((i) => `${i.name}${i.quantity > 1 ? ` x${i.quantity}` : ''}`).join(', ')
  try {
    const { msgid } = await store.oa.sendTemplate({
      touser: follower.openid,
      template_id: await orderPaidTemplate(store),
      miniprogram: { appid: store.appid, pagepath: `${PAGES.order}?id=${orderId}` },
      client_msg_id: `paid-${orderId}`.slice(0, 64),
      data: { thing1: { value: items.length > 20 ? `${items.slice(0, 19)}…` : items }, amount2: { value: (order.total / 100).toFixed(2) }, character_string3: { value: orderId.slice(0, 32) } },
    })
    await store.db.update(orders).set({ oaTemplateMsgId: msgid }).where(eq(orders.id, orderId))
    return { sent: true }
  } catch (err) {
    if (!(err instanceof WeChatApiError)) throw err
    return { sent: false, reason: `${err.errcode} ${err.errmsg}` }
  }
}
