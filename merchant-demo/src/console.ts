import { count, desc, eq, sql } from 'drizzle-orm'
import { Hono, type Context } from 'hono'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { Store } from './context'
import { ApiError, readJson } from './errors'
import { memberView } from './members'
import { members, orders, wecomKfMessages, wecomKfSessions } from './schema'
import { sendServiceText, wecomOf } from './wecom'
import { answerAsConsultant, consultantChat, consultantChats } from './consultant-chats'

/** Where the built console page is, under the built mini program pages (`npm run build`). */
const CONSOLE_HTML = 'console/console.html'

/**
 * `GET /admin`: the brand console's page. The shell carries no data and loads without the staff
 * token (it asks for it); every call it makes is an `/admin/*` call with the token as a bearer.
 * Its scripts are the built pages' (`/mp/…`), so the page names its folder as its base.
 */
export async function consolePage(c: Context, store: Store, pagesDir: string) {
  let html: string
  try {
    html = await readFile(join(pagesDir, CONSOLE_HTML), 'utf8')
  } catch {
    return c.text('The brand console is not built: run npm run build', 404)
  }
  const page = html.replace('<head>', `<head><base href="${new URL('/mp/console/', store.publicUrl).pathname}">`)
  // the page holds the staff token: never framed, never sent to another site as a referrer
  return c.html(page, 200, { 'cache-control': 'no-cache', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer', 'content-security-policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'self'" })
}

/** The console's data calls (staff token, like every `/admin/*` call). */
export function consoleRoutes(store: Store) {
  return new Hono()
    .get('/admin/console', async (c) => {
      const { id, name, nameZh, tagline, colours, fulfilment, stores, campaigns, channels, loyalty } = store.kit
      const { corpName } = await wecomOf(store).catch(() => ({ corpName: null }))
      return c.json({
        brand: { id, name, nameZh: nameZh ?? null, tagline, colours, fulfilment, logo: `${store.publicUrl}/img/logo.svg` },
        stores: stores.map((s) => ({ id: s.id, name: s.name })),
        products: store.kit.products.map((p) => productName(store, p.id)),
        campaigns,
        channels: { videos: channels.videos.map((v) => ({ id: v.id, title: v.title })), live: channels.live ? { title: channels.live.title, products: channels.live.products.map((p) => productName(store, p)) } : null },
        levels: loyalty.levels,
        wecom: { corpName },
        setUp: [...store.setUp],
      })
    })
    .get('/admin/members', async (c) => c.json({ members: await memberList(store) }))
    .get('/admin/wecom/chats', async (c) => c.json({ chats: await serviceChats(store) }))
    .get('/admin/wecom/chats/:externalUserid', async (c) => c.json(await serviceChatView(store, c.req.param('externalUserid'))))
    .post('/admin/wecom/chats/:externalUserid/messages', async (c) => {
      const { text } = await readJson(c.req, z.object({ text: z.string().trim().min(1).max(2048) }))
      const chat = await serviceChatView(store, c.req.param('externalUserid'))
      const sent = await sendServiceText(store, chat.externalUserid, chat.openKfid, text, 'consultant')
      return c.json({ message: messageView(sent) }, 201)
    })
    // the consultants' 1:1 chats (the WeCom client's side, see consultant-chats.ts)
    .get('/admin/wecom/consultant-chats', async (c) => c.json({ chats: await consultantChats(store) }))
    .get('/admin/wecom/consultant-chats/:userid/:externalUserid', async (c) => c.json(await consultantChat(store, c.req.param('userid'), c.req.param('externalUserid'))))
    .post('/admin/wecom/consultant-chats/:userid/:externalUserid/messages', async (c) => {
      const { text } = await readJson(c.req, z.object({ text: z.string().trim().min(1).max(2000) }))
      return c.json({ message: await answerAsConsultant(store, c.req.param('userid'), c.req.param('externalUserid'), text) }, 201)
    })
}

function productName(store: Store, id: string) {
  const p = store.kit.products.find((x) => x.id === id)
  return { id, name: p?.name ?? id, nameZh: p?.nameZh ?? null }
}

/**
 * Members, most points first: points, level, spend, their paid orders, and the person the
 * platform's attribution named as the buyer of their latest attributed order (the last of its chain).
 */
async function memberList(store: Store) {
  const rows = await store.db.select().from(members).orderBy(desc(members.points), desc(members.lifetimeSpend)).limit(200)
  const tallies = await store.db
    .select({ memberId: orders.memberId, orders: count(), paid: sql<number>`sum(case when ${orders.paidAt} is not null then 1 else 0 end)` })
    .from(orders)
    .groupBy(orders.memberId)
  const byMember = new Map(tallies.map((t) => [t.memberId, t]))
  const chains = await store.db.select({ memberId: orders.memberId, chain: orders.shareChain }).from(orders).where(sql`${orders.shareChain} is not null`).orderBy(orders.createdAt)
  const person = new Map<string, string>()
  for (const c of chains) {
    const people = (JSON.parse(c.chain ?? '{}') as { people?: string[] }).people ?? []
    if (people.length) person.set(c.memberId, people[people.length - 1]!)
  }
  return rows.map((m) => ({ ...memberView(store, m), openid: m.openid, person: person.get(m.id) ?? null, orders: byMember.get(m.id)?.orders ?? 0, paidOrders: Number(byMember.get(m.id)?.paid ?? 0) }))
}

/** The customer-service chats the brand has had, newest message first. */
async function serviceChats(store: Store) {
  const last = await store.db
    .select({ externalUserid: wecomKfMessages.externalUserid, lastId: sql<number>`max(${wecomKfMessages.id})`, messages: count() })
    .from(wecomKfMessages)
    .groupBy(wecomKfMessages.externalUserid)
    .orderBy(desc(sql`max(${wecomKfMessages.id})`))
  return Promise.all(
    last.map(async (l) => {
      const [message] = await store.db.select().from(wecomKfMessages).where(eq(wecomKfMessages.id, l.lastId))
      return { ...(await chatHeader(store, l.externalUserid)), messages: l.messages, lastMessage: messageView(message!) }
    }),
  )
}

async function serviceChatView(store: Store, externalUserid: string) {
  const header = await chatHeader(store, externalUserid)
  const rows = await store.db.select().from(wecomKfMessages).where(eq(wecomKfMessages.externalUserid, externalUserid)).orderBy(wecomKfMessages.id)
  if (!rows.length && !header.openKfid) throw new ApiError(404, 'unknown_chat', `no customer-service chat with ${externalUserid}`)
  return { ...header, openKfid: header.openKfid ?? rows[0]!.openKfid, messages: rows.map(messageView) }
}

/** Who the chat is with, as the brand can tell: the order it was opened from and that order's member. */
async function chatHeader(store: Store, externalUserid: string) {
  const [session] = await store.db.select().from(wecomKfSessions).where(eq(wecomKfSessions.externalUserid, externalUserid))
  const [order] = session?.orderId ? await store.db.select().from(orders).where(eq(orders.id, session.orderId)) : []
  const people = order ? ((JSON.parse(order.shareChain ?? '{}') as { people?: string[] }).people ?? []) : []
  const [kept] = session ? [] : await store.db.select({ openKfid: wecomKfMessages.openKfid }).from(wecomKfMessages).where(eq(wecomKfMessages.externalUserid, externalUserid)).limit(1)
  return {
    externalUserid,
    openKfid: session?.openKfid ?? kept?.openKfid ?? null,
    order: order ? { id: order.id, pickupNo: order.pickupNo, status: order.status, total: order.total } : null,
    memberId: order?.memberId ?? null,
    person: people.at(-1) ?? null,
  }
}

function messageView(m: typeof wecomKfMessages.$inferSelect) {
  return { id: m.id, msgid: m.msgid, from: m.from, content: m.content, sentAt: m.sentAt }
}
