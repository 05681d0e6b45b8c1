import { and, desc, eq, sql } from 'drizzle-orm'
import { Hono, type Context } from 'hono'
import { cors } from 'hono/cors'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { Store } from './context'
import { ApiError, readJson } from './errors'
import { limitBody } from './body-limit'
import { heroSvg, logoSvg, menuCoverSvg, productSvg } from './images'
import { login, memberOf, memberView } from './members'
import { MODES, resolveFulfilment } from './fulfilment'
import { slotsOffered } from './booking'
import { addToCart, cartOf, stockLeft, checkout, firstSighting, fulfil, markReady, markShipped, memberOrder, orderView, ordersOf, recordConsent, setCartQuantity } from './orders'
import { buyGift, claimGift, giftCard, giftKinds, giftsOf, redeemInStore } from './gifts'
import { addConsents, consentsOf, remindExpiringCoupons, templateIds } from './messages'
import { publish } from './publish'
import { claimCoupon, couponsOf } from './coupons'
import { expirePoints, pointsHistory } from './points'
import { members, orders } from './schema'
import { WeChatApiError, WeChatPayError } from '../wechat/errors'
import type { Refund, Transaction } from '../wechat/pay'
import { cancelOrder, payAgain, reconcile, refundOrder, settleRefund } from './aftersales'
import { connectOfficialAccount, followerView, OA_PATH, publishCampaign, receivePush, storeFollowCode, verifyUrl } from './official-account'
import type { SandboxWatch } from './sandbox-watch'
import { liveAction, liveStats, publishChannels } from './channels'
import { wecomRoutes } from './wecom'
import { pagesOnly, staffOnly } from './staff'
import { consolePage, consoleRoutes } from './console'

/** Where `npm run build` puts the mini program pages. */
export const PAGES_DIR = fileURLToPath(new URL('../dist/mp', import.meta.url))
/** The URL the page sources use for the wx runtime; replaced with the real platform URL when served. */
const RUNTIME_PLACEHOLDER = 'http://localhost:4000/runtime/wx.js'

/** The largest body the store takes (its API, staff actions and WeChat's notifications are small). */
export const MAX_BODY_BYTES = 1024 * 1024

const Options = z.record(z.string(), z.string().max(40)).optional()
const Query = z.record(z.string(), z.string().max(1024))
const Entry = z.object({ scene: z.number().int().optional(), query: Query.optional() })

/**
 * The store's HTTP API, its pay notification endpoint, staff actions (`/admin/*`, staff token only),
 * generated images and the mini program pages.
 */
export function createMerchantApp(store: Store, opts: { staffToken: string; pagesDir?: string; sandboxWatch?: () => SandboxWatch | null }) {
  const pagesDir = opts.pagesDir ?? PAGES_DIR
  const me = (c: Context) => memberOf(store, c.req.header('authorization'))

  const app = new Hono()
  // the store's API and pages answer its own pages only (sandboxed frames: Origin null); its
  // pictures anyone may show or read; the back office, WeChat's callbacks and /health get no CORS
  app.use('/api/*', pagesOnly(store.publicUrl))
  app.use('/mp/*', pagesOnly(store.publicUrl))
  app.use('/img/*', cors({ origin: '*', allowMethods: ['GET'] }))
  // the brand console's page: a shell without data that asks for the staff token (console.ts)
  app.get('/admin', (c) => consolePage(c, store, pagesDir))
  // the staff credential comes before everything else an /admin call does (even the clock's sync)
  app.use('/admin/*', staffOnly(opts.staffToken))
  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(err.toJSON(), err.status)
    if (err instanceof WeChatApiError || err instanceof WeChatPayError) return c.json({ error: { code: 'wechat_error', message: err.message } }, 502)
    console.error('merchant-demo:', err)
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500)
  })
  // bodies are counted while they stream in, so a huge or endless one never sits in memory
  app.use('*', limitBody(MAX_BODY_BYTES, (c) => c.json(new ApiError(413, 'payload_too_large', 'the body is over 1 MiB').toJSON(), 413)))
  // business time is the sandbox's clock when there is one (clock.ts): read it before the store's
  // API, its staff actions and WeChat Pay's notifications, so a clock advance counts at once
  for (const path of ['/api/*', '/admin/*', '/pay/*'])
    app.use(path, async (_c, next) => {
      await store.clock.sync()
      await next()
    })
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404))

  app.get('/health', (c) => c.json({ ok: true, brand: store.kit.id, appid: store.appid, platform: store.platformUrl }))

  // ---- catalog (public)
  app.get('/api/brand', async (c) => {
    const left = await stockLeft(store)
    const { id, name, nameZh, tagline, taglineZh, colours, stores, categories, campaigns, coupons, loyalty, fulfilment } = store.kit
    const products = store.kit.products.map((p) => ({ ...p, stock: left.get(p.id) ?? null, image: `${store.publicUrl}/img/products/${p.id}.svg` }))
    return c.json({ id, name, nameZh, tagline, taglineZh, colours, fulfilment: resolveFulfilment(fulfilment), stores, categories, campaigns, coupons, gifts: giftKinds(store), loyalty, products, logo: `${store.publicUrl}/img/logo.svg`, menuImage: `${store.publicUrl}/img/menu.svg` })
  })
  app.get('/api/products/:id', (c) => {
    const p = store.catalog.product(c.req.param('id'))
    return c.json({ ...p, image: `${store.publicUrl}/img/products/${p.id}.svg` })
  })

  // ---- members
  app.post('/api/login', async (c) => {
    const { code } = await readJson(c.req, z.object({ code: z.string().min(1).max(128) }))
    const { token, member } = await login(store, code)
    return c.json({ token, member: memberView(store, member) })
  })
  app.get('/api/me', async (c) => {
    const member = await me(c)
    // points that lapsed since the last look go first
    if (await expirePoints(store, member.id)) return c.json({ member: memberView(store, await me(c)) })
    return c.json({ member: memberView(store, member) })
  })

  // the member centre's points history (the ledger, newest first)
  app.get('/api/points', async (c) => {
    const member = await me(c)
    await expirePoints(store, member.id)
    return c.json({ history: await pointsHistory(store, member.id) })
  })

  // ---- cart
  app.get('/api/cart', async (c) => c.json(await cartOf(store, (await me(c)).id)))
  app.post('/api/cart/items', async (c) => {
    const member = await me(c)
    const item = await readJson(c.req, z.object({ productId: z.string().min(1), options: Options, quantity: z.number().int().min(1).max(99).default(1) }))
    await addToCart(store, member.id, item)
    return c.json(await cartOf(store, member.id), 201)
  })
  app.patch('/api/cart/items/:id', async (c) => {
    const member = await me(c)
    const { quantity } = await readJson(c.req, z.object({ quantity: z.number().int().min(0).max(99) }))
    const line = Number(c.req.param('id'))
    if (!Number.isInteger(line)) throw new ApiError(404, 'unknown_line', `no cart line ${c.req.param('id')}`)
    await setCartQuantity(store, member.id, line, quantity)
    return c.json(await cartOf(store, member.id))
  })

  // ---- orders
  app.post('/api/orders', async (c) => {
    const member = await me(c)
    const input = await readJson(
      c.req,
      z.object({
        storeId: z.string().optional(),
        couponId: z.string().max(40).optional(),
        giftId: z.string().max(40).optional(),
        usePoints: z.number().int().min(1).max(1_000_000).optional(),
        address: z.object({ name: z.string().trim().min(1).max(40), phone: z.string().regex(/^\+?[0-9 -]{5,20}$/, 'a phone number'), address: z.string().trim().min(4).max(200) }).optional(),
        mode: z.enum(MODES).optional(),
        /** booking kits: the slot, "YYYY-MM-DDTHH:MM" China time (GET /api/booking/slots) */
        slot: z.string().max(20).optional(),
        entry: Entry.optional(),
      }),
    )
    return c.json(await checkout(store, member, input), 201)
  })
  app.get('/api/booking/slots', async (c) => c.json({ slots: await slotsOffered(store) }))
  app.get('/api/orders', async (c) => c.json({ orders: await ordersOf(store, (await me(c)).id) }))
  app.get('/api/orders/:id', async (c) => c.json({ order: await memberOrder(store, await me(c), c.req.param('id')) }))
  // "pay again" on an unpaid order's page: fresh wx.requestPayment parameters for its prepay
  app.post('/api/orders/:id/payment', async (c) => c.json(await payAgain(store, (await me(c)).id, c.req.param('id'))))
  // the customer cancels: unpaid → closed; paid and not ready yet → refunded in full
  app.post('/api/orders/:id/cancel', async (c) => c.json(await cancelOrder(store, (await me(c)).id, c.req.param('id'))))
  app.post('/api/orders/:id/consent', async (c) => {
    const member = await me(c)
    const { accepted } = await readJson(c.req, z.object({ accepted: z.boolean() }))
    return c.json({ order: await recordConsent(store, member, c.req.param('id'), accepted) })
  })
  app.get('/api/coupons', async (c) => c.json(await couponsOf(store, (await me(c)).id)))
  app.post('/api/coupons/:id/claim', async (c) => c.json({ coupon: await claimCoupon(store, (await me(c)).id, c.req.param('id')) }, 201))
  app.get('/api/subscriptions', async (c) => c.json(await templateIds(store)))
  // the member messages the person accepted in wx.requestSubscribeMessage: one message each
  app.get('/api/consents', async (c) => c.json({ consents: await consentsOf(store, (await me(c)).id) }))
  app.post('/api/consents', async (c) => {
    const member = await me(c)
    const { accepted } = await readJson(c.req, z.object({ accepted: z.array(z.enum(['pointsChanged', 'couponExpiring'])).max(2) }))
    return c.json({ consents: await addConsents(store, member.id, accepted) })
  })

  // ---- gifts: buy, share the card (token in its path), the friend claims, redeems at checkout or in store
  app.get('/api/gifts', async (c) => c.json(await giftsOf(store, (await me(c)).id)))
  app.post('/api/gifts', async (c) => {
    const member = await me(c)
    const input = await readJson(c.req, z.object({ giftId: z.string().min(1).max(40), message: z.string().max(60).optional(), entry: Entry.optional() }))
    return c.json(await buyGift(store, member, input), 201)
  })
  app.get('/api/gifts/:token', async (c) => c.json(await giftCard(store, await me(c), c.req.param('token'))))
  app.post('/api/gifts/:token/claim', async (c) => c.json({ gift: await claimGift(store, await me(c), c.req.param('token')) }, 201))

  // ---- WeChat Pay notifications: verified, decrypted, handled once however often they come
  app.post('/pay/notify', async (c) => {
    const raw = await c.req.text()
    let opened
    try {
      opened = store.pay.openNotification<Transaction>(c.req.raw.headers, raw)
    } catch (err) {
      console.warn('merchant-demo: refused a pay notification:', (err as Error).message)
      return c.json({ code: 'FAIL', message: (err as Error).message }, 401)
    }
    const { notification, resource } = opened
    if (notification.event_type === 'TRANSACTION.SUCCESS') await fulfil(store, resource)
    if (notification.event_type.startsWith('REFUND.')) await settleRefund(store, resource as unknown as Refund)
    await firstSighting(store, notification.id, notification.event_type, resource.out_trade_no ?? null)
    return c.json({ code: 'SUCCESS', message: '成功' })
  })

  // ---- the Official Account's message server (基本配置 → 服务器地址): URL verification and pushes
  app.get(OA_PATH, (c) => verifyUrl(store, c))
  app.post(OA_PATH, (c) => receivePush(store, c))

  // ---- the brand's staff (the sandbox's stand-in for the store's back office)
  app.post('/admin/official-account/connect', async (c) => c.json(await connectOfficialAccount(store)))
  // ---- Channels (视频号): the kit's videos and live stream, through the sandbox's creator side
  app.post('/admin/channels/publish', async (c) => c.json(await publishChannels(store), 201))
  app.post('/admin/channels/live/start', async (c) => c.json(await liveAction(store, 'start')))
  app.post('/admin/channels/live/end', async (c) => c.json(await liveAction(store, 'end')))
  app.get('/admin/channels/live', async (c) => c.json(await liveStats(store)))
  // ---- WeCom: callback server, the order's consultant code, customer service, re-engagement
  app.route('/', wecomRoutes(store, me))
  // ---- the brand console's data: kit summary, members, customer-service chats and answers
  app.route('/', consoleRoutes(store))
  app.get('/admin/official-account/followers/:openid', async (c) => c.json({ follower: await followerView(store, c.req.param('openid')) }))
  app.post('/admin/campaigns/:id/publish', async (c) => c.json(await publishCampaign(store, c.req.param('id')), 201))
  app.get('/admin/stores/:id/follow-code.png', async (c) => {
    const code = await storeFollowCode(store, c.req.param('id'))
    return c.body(code.bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': code.type, 'x-wechat-ticket': code.ticket, 'x-wechat-qr-url': code.url })
  })
  app.get('/admin/orders', async (c) => {
    const status = c.req.query('status') as (typeof orders.$inferSelect)['status'] | undefined
    const rows = await store.db.select({ id: orders.id }).from(orders).where(status ? eq(orders.status, status) : undefined).orderBy(desc(orders.createdAt), sql`rowid desc`).limit(100)
    return c.json({ orders: await Promise.all(rows.map((r) => orderView(store, r.id))) })
  })
  app.post('/admin/publish', async (c) => {
    await publish(store)
    return c.json({ ok: true, pagesUrl: `${store.publicUrl}/mp` })
  })
  // what the store set up on the sandbox and whether it is setting it up again after a reset
  app.get('/admin/sandbox-watch', (c) => {
    const watch = opts.sandboxWatch?.() ?? null
    return c.json({ watching: watch !== null, setUp: [...store.setUp], replays: watch?.replays ?? 0, busy: watch?.busy ?? false })
  })
  app.post('/admin/orders/:id/ready', async (c) => c.json(await markReady(store, c.req.param('id'))))
  app.post('/admin/orders/:id/ship', async (c) => {
    const input = await readJson(c.req, z.object({ carrier: z.string().trim().min(1).max(20), trackingNo: z.string().regex(/^[\x21-\x7e]{4,32}$/, '4 to 32 letters and digits').optional() }))
    return c.json(await markShipped(store, c.req.param('id'), input))
  })
  app.post('/admin/gifts/:token/redeem', async (c) => {
    const { storeId } = await readJson(c.req, z.object({ storeId: z.string().optional() }))
    return c.json({ gift: await redeemInStore(store, c.req.param('token'), storeId) })
  })
  app.post('/admin/jobs/coupon-reminders', async (c) => {
    const { withinDays } = await readJson(c.req, z.object({ withinDays: z.number().int().min(0).max(60).optional() }))
    return c.json(await remindExpiringCoupons(store, { withinDays }))
  })
  app.post('/admin/orders/:id/refund', async (c) => {
    const input = await readJson(c.req, z.object({ amount: z.number().int().positive().optional(), reason: z.string().max(80).optional() }))
    return c.json(await refundOrder(store, c.req.param('id'), input), 201)
  })
  app.post('/admin/reconcile', async (c) => {
    const { olderThanMs } = await readJson(c.req, z.object({ olderThanMs: z.number().int().min(0).optional() }))
    return c.json(await reconcile(store, { olderThanMs }))
  })
  app.get('/admin/members/:openid', async (c) => {
    const [m] = await store.db.select().from(members).where(and(eq(members.openid, c.req.param('openid'))))
    if (!m) throw new ApiError(404, 'unknown_member', 'no member with that openid')
    return c.json({ member: memberView(store, m) })
  })
  app.get('/admin/tables/:table/code.png', async (c) => {
    const table = c.req.param('table')
    const shop = store.kit.stores[0]
    if (!/^\d{1,3}$/.test(table) || Number(table) < 1 || Number(table) > shop.tables) throw new ApiError(404, 'unknown_table', `${shop.name} has no table ${table}`)
    return code(c, { scene: `t=${table}`, page: 'pages/menu/menu', width: Number(c.req.query('width') ?? 430) })
  })

  // product posters and campaign codes: mini program codes whose scene names what they show
  app.get('/admin/products/:id/poster.png', async (c) => {
    const product = store.catalog.product(c.req.param('id'))
    return code(c, { scene: `p=${product.id}`.slice(0, 32), page: 'pages/product/product', width: Number(c.req.query('width') ?? 430) })
  })
  app.get('/admin/campaigns/:id/code.png', async (c) => {
    const campaign = store.kit.campaigns.find((k) => k.id === c.req.param('id'))
    if (!campaign) throw new ApiError(404, 'unknown_campaign', `no campaign "${c.req.param('id')}"`)
    return code(c, { scene: `c=${campaign.id}`.slice(0, 32), page: 'pages/index/index', width: Number(c.req.query('width') ?? 430) })
  })

  // ---- generated images
  // the kit's own logo file when it has one (served so that nothing in it can run), else its initial on its colour
  app.get('/img/logo.svg', (c) => {
    const own = store.kit.logo?.match(/^data:image\/(svg\+xml|png);base64,(.*)$/)
    if (!own) return svg(c, logoSvg(store.kit))
    return c.body(Buffer.from(own[2]!, 'base64'), 200, {
      'content-type': own[1] === 'png' ? 'image/png' : 'image/svg+xml',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      'cache-control': 'public, max-age=600',
    })
  })
  app.get('/img/products/:file{[a-z0-9-]+\\.svg}', (c) => svg(c, productSvg(store.kit, store.catalog.product(c.req.param('file').slice(0, -4)))))
  app.get('/img/menu.svg', (c) => svg(c, menuCoverSvg(store.kit)))
  app.get('/img/hero.svg', (c) => {
    const campaign = store.kit.campaigns[0]
    return svg(c, heroSvg(store.kit, campaign?.title ?? store.kit.name, campaign?.subtitle ?? store.kit.tagline))
  })

  // ---- the mini program pages (built by Vite), with the platform's wx runtime URL filled in
  app.get('/mp/*', async (c) => {
    const rel = normalize(decodeURIComponent(c.req.path.slice('/mp/'.length)))
    if (rel.startsWith('..') || rel.includes('\0')) throw new ApiError(404, 'not_found', 'no such page')
    const file = join(pagesDir, rel)
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      throw new ApiError(404, 'not_found', `no page file ${rel} (run npm run build)`)
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream'
    if (type.startsWith('text/html')) return c.body(body.toString('utf8').replaceAll(RUNTIME_PLACEHOLDER, `${store.platformUrl}/runtime/wx.js`), 200, { 'content-type': type, 'cache-control': 'no-cache' })
    return c.body(new Uint8Array(body), 200, { 'content-type': type, 'cache-control': 'public, max-age=3600' })
  })

  async function code(c: Context, params: { scene: string; page: string; width: number }) {
    const png = await store.wechat.unlimitedCode(params)
    return c.body(png as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'image/png' })
  }

  return app
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' }

function svg(c: Context, body: string) {
  return c.body(body, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=600' })
}
