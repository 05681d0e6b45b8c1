import { and, eq, isNotNull, isNull } from 'drizzle-orm'
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { Store } from './context'
import { ApiError, readJson } from './errors'
import type { Member } from './members'
import { resolveFulfilment } from './fulfilment'
import { modeOf } from './orders'
import { orders, members, wecomCustomers, wecomInbox, wecomKfCursors, wecomKfMessages, wecomKfSessions, wecomOrderCodes } from './schema'
import { OaCrypto, OaCryptoError, parseXml } from '../wechat/oa-crypto'
import { WeChatApiError } from '../wechat/errors'
import { WeComClient, type KfMessage } from '../wechat/wecom'

/** Where the platform pushes the corp's events (应用管理 / 客户联系 → 接收事件服务器 → URL). */
export const WECOM_PATH = '/wechat/wecom'

/** The customer tags the brand keeps (企业客户标签, group "Purchase"). */
export const TAGS = { group: 'Purchase', bought: 'Bought', repeat: 'Repeat buyer' } as const

/**
 * The card picture's media id. A real brand uploads the picture (media/upload) and uses the id it
 * gets; the sandbox takes media ids as given.
 */
const CARD_MEDIA = 'lumen-card-cover'

/** Re-engagement: a week after the purchase (store clock). */
export const REENGAGE_AFTER_DAYS = 7

interface WeComSide {
  client: WeComClient
  corpid: string
  corpName: string
  token: string
  encodingAESKey: string
  /** the callback crypto: the OA's safe-mode scheme with the corpid as receiveid */
  crypto: OaCrypto
  /** the platform's URL of a picture host path (`qr_code` is on p.qpic.cn) */
  pictureBase: string
}

interface WecomCredentials {
  platform: { baseUrl: string; hosts: Record<string, string> }
  wecom: { corpid: string; corpName: string; contactSecret: string; token: string; encodingAESKey: string }
}

const sides = new WeakMap<Store, Promise<WeComSide>>()

/**
 * The brand's WeCom settings, as it copies them from the WeCom admin console (here from the
 * sandbox's credentials, read once per store).
 */
export function wecomOf(store: Store): Promise<WeComSide> {
  let side = sides.get(store)
  if (!side) {
    side = (async () => {
      const res = await fetch(`${store.platformUrl}/_sandbox/credentials`)
      if (!res.ok) throw new ApiError(503, 'wecom_unavailable', `cannot read the WeCom credentials (HTTP ${res.status})`)
      const cred = (await res.json()) as WecomCredentials
      const w = cred.wecom
      return {
        client: new WeComClient({ corpid: w.corpid, secret: w.contactSecret, baseUrl: cred.platform.hosts['qyapi.weixin.qq.com'] ?? `${cred.platform.baseUrl}/wecom` }),
        corpid: w.corpid,
        corpName: w.corpName,
        token: w.token,
        encodingAESKey: w.encodingAESKey,
        crypto: new OaCrypto(w.token, w.encodingAESKey, w.corpid),
        pictureBase: cred.platform.baseUrl,
      }
    })()
    side.catch(() => sides.delete(store))
    sides.set(store, side)
  }
  return side
}

const tagIds = new WeakMap<Store, Promise<{ bought: string; repeat: string }>>()

/** The brand's tag ids: looked up in get_corp_tag_list, created with add_corp_tag the first time. */
export function brandTags(store: Store) {
  let ids = tagIds.get(store)
  if (!ids) {
    ids = (async () => {
      const { client } = await wecomOf(store)
      const find = (groups: { group_name: string; tag: { id: string; name: string }[] }[], name: string) => groups.find((g) => g.group_name === TAGS.group)?.tag.find((t) => t.name === name)?.id
      let groups = (await client.corpTags()).tag_group
      const missing = [TAGS.bought, TAGS.repeat].filter((n) => !find(groups, n))
      if (missing.length) {
        await client.addCorpTag({ group_name: TAGS.group, tag: missing.map((name) => ({ name })) })
        groups = (await client.corpTags()).tag_group
      }
      return { bought: find(groups, TAGS.bought)!, repeat: find(groups, TAGS.repeat)! }
    })()
    ids.catch(() => tagIds.delete(store))
    tagIds.set(store, ids)
  }
  return ids
}

/**
 * What the brand does once in the WeCom admin console (客户联系 → API → 接收事件服务器): the
 * sandbox's `PUT /_sandbox/wecom/callback` stands for saving URL, Token and EncodingAESKey (the
 * platform verifies the URL with an encrypted echostr first). Then its customer tags.
 */
export async function connectWeCom(store: Store) {
  const side = await wecomOf(store)
  const res = await fetch(`${store.platformUrl}/_sandbox/wecom/callback`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${store.publicUrl}${WECOM_PATH}`, token: side.token, encodingAESKey: side.encodingAESKey }),
  })
  const callback = await res.json()
  if (!res.ok) throw new ApiError(502, 'wecom_callback_refused', `the platform refused the callback URL: ${JSON.stringify(callback)}`)
  tagIds.delete(store)
  const tags = await brandTags(store)
  store.setUp.add('wecom')
  return { callback, tags }
}

/** After a sandbox reset: a new client (the old world's token is void) and the tags looked up again. */
export function forgetWeComSide(store: Store) {
  sides.delete(store)
  tagIds.delete(store)
}

// ---------------------------------------------------------------------------------------------
// the callback server

/** GET: URL verification: msg_signature over the encrypted echostr, answered with its plaintext only. */
export async function verifyWeComUrl(store: Store, c: Context) {
  const { crypto } = await wecomOf(store)
  const q = c.req.query()
  try {
    return c.text(crypto.open({ timestamp: q.timestamp ?? '', nonce: q.nonce ?? '', msg_signature: q.msg_signature ?? null }, q.echostr ?? ''))
  } catch (err) {
    if (err instanceof OaCryptoError) return c.text(`${err.code} ${err.message}`, 401)
    throw err
  }
}

/**
 * POST: an event. msg_signature over Encrypt, decrypted (receiveid must be our corpid: a push
 * for another corp is 401 and changes nothing), handled once (WeCom retries the same event), and
 * answered with an empty 200. The work is done before answering (well within WeCom's 5 s), so
 * the welcome message goes out within its 20 s.
 */
export async function receiveWeComPush(store: Store, c: Context) {
  const { crypto } = await wecomOf(store)
  const q = c.req.query()
  const outer = parseXml(await c.req.text())
  if (!outer?.Encrypt) return c.text('not a WeCom push', 400)
  let event: Record<string, string>
  try {
    const inner = parseXml(crypto.open({ timestamp: q.timestamp ?? '', nonce: q.nonce ?? '', msg_signature: q.msg_signature ?? null }, outer.Encrypt))
    if (!inner) throw new OaCryptoError(-40002, 'the decrypted event is not XML')
    event = inner
  } catch (err) {
    if (err instanceof OaCryptoError) return c.text(`${err.code} ${err.message}`, 401)
    throw err
  }
  const kind = event.Event === 'change_external_contact' ? event.ChangeType : event.Event
  const key = `${kind}:${event.Token ?? event.ExternalUserID ?? ''}:${event.UserID ?? ''}:${event.CreateTime ?? ''}`
  const fresh = await store.db.insert(wecomInbox).values({ key, kind: kind ?? 'unknown' }).onConflictDoNothing().returning()
  if (!fresh.length) return c.body(null, 200)
  try {
    if (kind === 'add_external_contact') await welcomeCustomer(store, event)
    else if (kind === 'kf_msg_or_event') await answerService(store, event.OpenKfId ?? '', event.Token ?? '')
  } catch (err) {
    // acknowledged anyway: a retry would not make WeCom accept the same call
    console.warn(`merchant-demo: WeCom ${kind} handling failed:`, (err as Error).message)
  }
  return c.body(null, 200)
}

async function memberByUnionid(store: Store, unionid: string | undefined) {
  if (!unionid) return undefined
  const [m] = await store.db.select().from(members).where(eq(members.unionid, unionid))
  return m
}

/**
 * add_external_contact: who it is (externalcontact/get → unionid → member), which order's code
 * brought them (State), the welcome message with the order's card (send_welcome_msg, once, with
 * the event's WelcomeCode) and the "Bought" tag (mark_tag).
 */
async function welcomeCustomer(store: Store, e: Record<string, string>) {
  const { client } = await wecomOf(store)
  const externalUserid = e.ExternalUserID!
  const userid = e.UserID!
  const detail = await client.externalContact(externalUserid)
  const member = await memberByUnionid(store, detail.external_contact.unionid)
  const [order] = e.State ? await store.db.select().from(orders).where(eq(orders.id, e.State)) : []
  await store.db
    .insert(wecomCustomers)
    .values({ externalUserid, userid, memberId: member?.id ?? null, orderId: order?.id ?? null, addedAt: store.now().toISOString() })
    .onConflictDoUpdate({ target: [wecomCustomers.externalUserid, wecomCustomers.userid], set: { memberId: member?.id ?? null, orderId: order?.id ?? null } })
  if (e.WelcomeCode) {
    const name = detail.external_contact.name.split(' ')[0]
    await client.sendWelcomeMsg({
      welcome_code: e.WelcomeCode,
      text: { content: order ? `Hi ${name}, I'm your ${store.kit.name} consultant. Thanks for order ${order.pickupNo}! Ask me anything, any time.` : `Hi ${name}, I'm your ${store.kit.name} consultant. Ask me anything, any time.` },
      attachments: [
        {
          msgtype: 'miniprogram',
          // WeCom-side pages end in .html
          miniprogram: order
            ? { title: `Your order ${order.pickupNo}`, pic_media_id: CARD_MEDIA, appid: store.appid, page: `/pages/order/order.html?id=${order.id}&src=wecom` }
            : { title: `${store.kit.name} member centre`, pic_media_id: CARD_MEDIA, appid: store.appid, page: '/pages/member/member.html?src=wecom' },
        },
      ],
    })
    await store.db.update(wecomCustomers).set({ welcomed: true }).where(and(eq(wecomCustomers.externalUserid, externalUserid), eq(wecomCustomers.userid, userid)))
  }
  if (order) {
    const tags = await brandTags(store)
    await client.markTag({ userid, external_userid: externalUserid, add_tag: [tags.bought] })
  }
}

const STATUS: Record<string, string> = {
  pending: 'waiting for payment',
  collected: 'collected',
  closed: 'closed (not paid)',
  refunded: 'refunded',
}

/** The auto-reply to a customer-service message: the status of the order the chat was opened from. */
async function replyFor(store: Store, externalUserid: string) {
  const [session] = await store.db.select().from(wecomKfSessions).where(eq(wecomKfSessions.externalUserid, externalUserid))
  const [order] = session?.orderId ? await store.db.select().from(orders).where(eq(orders.id, session.orderId)) : []
  if (!order) return `Thanks for writing to ${store.kit.name}! A colleague will answer shortly.`
  // being made, ready, on its way: in the words of the kit's fulfilment for the order's mode
  const words = resolveFulfilment(store.kit.fulfilment).words[modeOf(store, order)]
  const status = order.status === 'paid' ? `paid and ${words.preparing.en.toLowerCase()}` : order.status === 'ready' || order.status === 'shipped' ? words.ready.en.toLowerCase() : (STATUS[order.status] ?? order.status)
  return `Order ${order.pickupNo} is ${status}. Total ¥${(order.total / 100).toFixed(2)}. Anything else? A colleague is here too.`
}

/**
 * kf_msg_or_event: pull with sync_msg (the event's Token, from the saved cursor, until has_more
 * is 0), remember which order a chat was opened from (enter_session scene_param), and answer each
 * customer text with send_msg.
 */
async function answerService(store: Store, openKfid: string, token: string) {
  const { client } = await wecomOf(store)
  const [saved] = await store.db.select().from(wecomKfCursors).where(eq(wecomKfCursors.openKfid, openKfid))
  let cursor: string | undefined = saved?.cursor
  const messages: KfMessage[] = []
  for (;;) {
    let page
    try {
      page = await client.kfSyncMsg({ token, open_kfid: openKfid, limit: 1000, ...(cursor && { cursor }) })
    } catch (err) {
      // a cursor past the 3 days WeCom keeps: start again from what is readable
      if (err instanceof WeChatApiError && err.errcode === 95008 && cursor) {
        cursor = undefined
        continue
      }
      throw err
    }
    messages.push(...page.msg_list)
    cursor = page.next_cursor || cursor
    if (!page.has_more) break
  }
  if (cursor) await store.db.insert(wecomKfCursors).values({ openKfid, cursor }).onConflictDoUpdate({ target: wecomKfCursors.openKfid, set: { cursor } })
  for (const m of messages) {
    if (m.msgtype === 'event' && m.event?.event_type === 'enter_session') {
      const orderId = m.event.scene_param || null
      const session = { externalUserid: m.external_userid, openKfid, orderId, enteredAt: store.now().toISOString() }
      await store.db.insert(wecomKfSessions).values(session).onConflictDoUpdate({ target: wecomKfSessions.externalUserid, set: session })
    } else if (m.origin === 3 && m.msgtype === 'text') {
      const sentAt = new Date(m.send_time * 1000).toISOString()
      await store.db.insert(wecomKfMessages).values({ externalUserid: m.external_userid, openKfid, msgid: m.msgid, from: 'customer', content: m.text?.content ?? '', sentAt })
      await sendServiceText(store, m.external_userid, openKfid, await replyFor(store, m.external_userid), 'auto')
    }
  }
}

/** A text into the customer's service chat (kf/send_msg), kept with WeCom's msgid for the console. */
export async function sendServiceText(store: Store, externalUserid: string, openKfid: string, content: string, from: 'auto' | 'consultant') {
  const { client } = await wecomOf(store)
  const { msgid } = await client.kfSendMsg({ touser: externalUserid, open_kfid: openKfid, msgtype: 'text', text: { content } })
  const [row] = await store.db.insert(wecomKfMessages).values({ externalUserid, openKfid, msgid, from, content, sentAt: store.now().toISOString() }).returning()
  return row
}

// ---------------------------------------------------------------------------------------------
// the order page's consultant code, customer service, re-engagement

/**
 * The order's consultant "contact me" code (add_contact_way, type 1, QR, `state` = the order
 * id), made once per order, for paid orders only. `image` is the code's picture on the platform.
 */
export async function orderConsultantCode(store: Store, member: Member, orderId: string) {
  const [order] = await store.db.select().from(orders).where(and(eq(orders.id, orderId), eq(orders.memberId, member.id)))
  if (!order) throw new ApiError(404, 'unknown_order', `no order ${orderId}`)
  if (order.status === 'pending' || order.status === 'closed') throw new ApiError(409, 'not_paid', 'a consultant code is for paid orders')
  const side = await wecomOf(store)
  let [code] = await store.db.select().from(wecomOrderCodes).where(eq(wecomOrderCodes.orderId, orderId))
  if (!code) {
    const { follow_user } = await side.client.api<{ follow_user: string[] }>('cgi-bin/externalcontact/get_follow_user_list')
    // the kit's first consultant when they have customer contact (WeChat lists members in no set order)
    const first = store.kit.apps.wecom.consultants?.[0]?.userid
    const userid = first && follow_user.includes(first) ? first : follow_user[0]
    if (!userid) throw new ApiError(503, 'no_consultant', 'no member of the corp has customer contact')
    const made = await side.client.addContactWay({ type: 1, scene: 2, remark: `order ${order.pickupNo}`.slice(0, 30), skip_verify: true, state: order.id, user: [userid] })
    ;[code] = await store.db.insert(wecomOrderCodes).values({ orderId, configId: made.config_id, qrCode: made.qr_code, userid }).onConflictDoNothing().returning()
    code ??= (await store.db.select().from(wecomOrderCodes).where(eq(wecomOrderCodes.orderId, orderId)))[0]!
  }
  return { orderId, configId: code.configId, userid: code.userid, corpName: side.corpName, qrCode: code.qrCode, image: `${side.pictureBase}${new URL(code.qrCode).pathname}` }
}

/** What the page passes to wx.openCustomerServiceChat: the kf link (kf/add_contact_way) and the corpid. */
export async function serviceChat(store: Store) {
  const { client, corpid } = await wecomOf(store)
  const [account] = (await client.kfAccounts()).account_list
  if (!account) throw new ApiError(503, 'no_service_account', 'the corp has no customer-service account')
  const { url } = await client.api<{ url: string }>('cgi-bin/kf/add_contact_way', { open_kfid: account.open_kfid, scene: 'order' })
  return { corpId: corpid, url, openKfid: account.open_kfid }
}

/**
 * The re-engagement job: customers who added a consultant from an order paid at least `afterDays`
 * ago (store clock) and were not re-engaged yet get a mass message (add_msg_template, one task per
 * consultant, only customers tagged "Bought") with the menu's card. The consultant still confirms
 * the task in the WeCom client before anything is sent.
 */
export async function reengage(store: Store, afterDays = REENGAGE_AFTER_DAYS) {
  const { client } = await wecomOf(store)
  const repeatBuyers = await tagRepeatBuyers(store)
  const cutoff = store.now().getTime() - afterDays * 86_400_000
  const rows = await store.db
    .select({ c: wecomCustomers, paidAt: orders.paidAt })
    .from(wecomCustomers)
    .innerJoin(orders, eq(orders.id, wecomCustomers.orderId))
    .where(isNull(wecomCustomers.reengageMsgid))
  const due = rows.filter((r) => r.paidAt && Date.parse(r.paidAt) <= cutoff).map((r) => r.c)
  if (!due.length) return { due: 0, tasks: [], repeatBuyers }
  const tags = await brandTags(store)
  const bySender = new Map<string, string[]>()
  for (const c of due) bySender.set(c.userid, [...(bySender.get(c.userid) ?? []), c.externalUserid])
  const tasks = []
  for (const [sender, ids] of bySender) {
    const res = await client.addMsgTemplate({
      chat_type: 'single',
      sender,
      external_userid: ids,
      tag_filter: { group_list: [{ tag_list: [tags.bought] }] },
      text: { content: `It's been a week! Your next ${store.kit.name} favourite is waiting — order ahead in the mini program.` },
      attachments: [{ msgtype: 'miniprogram', miniprogram: { title: `Order again at ${store.kit.name}`, pic_media_id: CARD_MEDIA, appid: store.appid, page: '/pages/menu/menu.html?src=wecom' } }],
    })
    const at = store.now().toISOString()
    for (const id of ids) {
      if (res.fail_list.includes(id)) continue
      await store.db.update(wecomCustomers).set({ reengageMsgid: res.msgid, reengagedAt: at }).where(and(eq(wecomCustomers.externalUserid, id), eq(wecomCustomers.userid, sender)))
    }
    tasks.push({ msgid: res.msgid, sender, customers: ids.length - res.fail_list.length, failList: res.fail_list })
  }
  return { due: due.length, tasks, repeatBuyers }
}

/**
 * Re-engaged customers who bought again since (a paid order of their member after the mass message)
 * get the "Repeat buyer" tag, once (what WeCom already shows in follow_user[].tags is not marked again).
 */
async function tagRepeatBuyers(store: Store) {
  const { client } = await wecomOf(store)
  const rows = await store.db.select().from(wecomCustomers).where(and(isNotNull(wecomCustomers.reengagedAt), isNotNull(wecomCustomers.memberId)))
  let tagged = 0
  for (const c of rows) {
    const paid = await store.db.select({ paidAt: orders.paidAt }).from(orders).where(and(eq(orders.memberId, c.memberId!), isNotNull(orders.paidAt)))
    if (!paid.some((o) => Date.parse(o.paidAt!) >= Date.parse(c.reengagedAt!))) continue
    const tags = await brandTags(store)
    const follow = (await client.externalContact(c.externalUserid)).follow_user.find((f) => f.userid === c.userid)
    if (!follow || follow.tags.some((t) => t.tag_id === tags.repeat)) continue
    await client.markTag({ userid: c.userid, external_userid: c.externalUserid, add_tag: [tags.repeat] })
    tagged++
  }
  return tagged
}

export async function customerView(store: Store, externalUserid: string) {
  const rows = await store.db.select().from(wecomCustomers).where(eq(wecomCustomers.externalUserid, externalUserid))
  if (!rows.length) throw new ApiError(404, 'unknown_customer', `no WeCom customer ${externalUserid}`)
  return rows
}

/** The routes: the callback, the page's calls (member session), and staff's. */
export function wecomRoutes(store: Store, me: (c: Context) => Promise<Member>) {
  return new Hono()
    .get(WECOM_PATH, (c) => verifyWeComUrl(store, c))
    .post(WECOM_PATH, (c) => receiveWeComPush(store, c))
    .get('/api/orders/:id/consultant', async (c) => c.json(await orderConsultantCode(store, await me(c), c.req.param('id'))))
    .get('/api/service-chat', async (c) => {
      await me(c)
      return c.json(await serviceChat(store))
    })
    .post('/admin/wecom/connect', async (c) => c.json(await connectWeCom(store)))
    .post('/admin/jobs/wecom-reengage', async (c) => {
      const body = c.req.header('content-length') === '0' || !c.req.header('content-type') ? {} : await readJson(c.req, z.object({ afterDays: z.number().min(0).max(365).optional() }))
      return c.json(await reengage(store, body.afterDays))
    })
    .get('/admin/wecom/customers/:externalUserid', async (c) => c.json({ customers: await customerView(store, c.req.param('externalUserid')) }))
}
