import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { SandboxError } from '../../shared/errors'
import type { PlatformEnv } from '../../shared/env'
import { sandboxJson } from '../../shared/validate'
import { getPerson } from '../../world/people'
import { journeyOf, JOURNEY_IDLE_MS, launch } from './launch'
import { login } from './login'
import { findMiniProgram, PAGE_PATH, pagesOf, setPages } from './pages'
import { CHANNELS, ENTRIES, ENTRY_NAMES, SCENES } from './scenes'
import { openNotification, requestSubscribeMessage, serviceNotifications, SubscribeRequestFailure, subscriptionsOf } from './subscribe'
import { templatesOf } from './templates'

const AppRequest = z.object({ appid: z.string().optional() })

/** The launch API's body: an entry and what it carried (see ENTRIES and the README). */
export const LaunchRequest = z.object({
  entry: z.enum(ENTRY_NAMES),
  appid: z.string().optional(),
  path: z.string().max(1024).optional(),
  query: z.record(z.string(), z.string()).optional(),
  scene: z.number().int().optional(),
  method: z.enum(['camera', 'long-press', 'album']).optional(),
  codeScene: z.string().max(32).optional(),
  shareTicket: z.string().min(1).max(128).optional(),
  groupId: z.string().optional(),
  from: z.string().optional(),
  shareId: z.string().min(1).max(64).optional(),
  message: z.number().int().positive().optional(),
  referrerInfo: z.object({ appId: z.string(), extraData: z.record(z.string(), z.unknown()).optional() }).optional(),
  url: z.string().optional(),
})

const SubscribeRequest = z.object({
  appid: z.string().optional(),
  tmplIds: z.array(z.string()),
  decisions: z.record(z.string(), z.enum(['accept', 'reject'])).optional(),
})

const PagesRequest = z.object({
  appid: z.string().optional(),
  pages: z
    .array(
      z.union([
        z.string().regex(PAGE_PATH, 'a page path like pages/index/index'),
        z.object({ path: z.string().regex(PAGE_PATH, 'a page path like pages/index/index'), title: z.string().max(64).optional() }),
      ]),
    )
    .min(1)
    .max(500),
})

async function person(c: Context<PlatformEnv>) {
  const id = c.req.param('id')!
  const p = await getPerson(c.var.db, id)
  if (!p) throw new SandboxError(404, 'not_found', `no person ${id}`)
  return p
}

/** The mini program side of a person's phone and of the operator: `/_sandbox/…`. */
export const miniprogramSandbox = new Hono<PlatformEnv>()
  /** wx.login */
  .post('/people/:id/miniprogram/login', sandboxJson(AppRequest), async (c) => {
    const p = await person(c)
    const app = await findMiniProgram(c.var.platform, c.req.valid('json').appid)
    return c.json(await login(c.var.platform, app.appid, p.id))
  })
  /** Opening the mini program from an entry: LaunchOptions + a wx.login code. */
  .post('/people/:id/miniprogram/launch', sandboxJson(LaunchRequest), async (c) => {
    const p = await person(c)
    return c.json(await launch(c.var.platform, p.id, c.req.valid('json')), 201)
  })
  .get('/people/:id/journey', async (c) => {
    const p = await person(c)
    const row = await journeyOf(c.var.db, p.id)
    if (!row) return c.json({ journey: null })
    const now = c.var.platform.clock.now()
    return c.json({
      journey: {
        journeyId: row.journeyId,
        channel: row.channel,
        scene: row.scene,
        startedAt: new Date(row.startedAt).toISOString(),
        lastLaunchAt: new Date(row.lastLaunchAt).toISOString(),
        active: now - row.lastLaunchAt < JOURNEY_IDLE_MS,
      },
    })
  })
  /** wx.requestSubscribeMessage */
  .post('/people/:id/miniprogram/subscribe', sandboxJson(SubscribeRequest), async (c) => {
    const p = await person(c)
    const body = c.req.valid('json')
    const app = await findMiniProgram(c.var.platform, body.appid)
    try {
      return c.json(await requestSubscribeMessage(c.var.platform, app, p.id, body.tmplIds, body.decisions))
    } catch (err) {
      if (err instanceof SubscribeRequestFailure) return err.getResponse()
      throw err
    }
  })
  .get('/people/:id/miniprogram/subscriptions', async (c) => {
    const p = await person(c)
    const app = await findMiniProgram(c.var.platform, c.req.query('appid'))
    return c.json({ appid: app.appid, subscriptions: await subscriptionsOf(c.var.db, app.appid, p.id) })
  })
  /** 服务通知: the person's Service Notifications */
  .get('/people/:id/service-notifications', async (c) => {
    const p = await person(c)
    return c.json({ notifications: await serviceNotifications(c.var.db, p.id) })
  })
  .post('/people/:id/service-notifications/:notification/open', async (c) => {
    const p = await person(c)
    return c.json(await openNotification(c.var.platform, p.id, c.req.param('notification')), 201)
  })

  .get('/miniprogram/pages', async (c) => {
    const app = await findMiniProgram(c.var.platform, c.req.query('appid'))
    const pages = await pagesOf(c.var.db, app.appid)
    return c.json({ appid: app.appid, home: pages[0]?.path ?? null, pages: pages.map((p) => ({ path: p.path, title: p.title })) })
  })
  .put('/miniprogram/pages', sandboxJson(PagesRequest), async (c) => {
    const body = c.req.valid('json')
    const app = await findMiniProgram(c.var.platform, body.appid)
    const pages = body.pages.map((p) => (typeof p === 'string' ? { path: p } : p))
    const paths = pages.map((p) => p.path)
    if (new Set(paths).size !== paths.length) throw new SandboxError(400, 'invalid', 'a page is listed twice')
    await setPages(c.var.db, app.appid, pages)
    await c.var.platform.events.append({
      actor: 'sandbox',
      surface: 'miniprogram',
      type: 'miniprogram.pages.published',
      subject: { appid: app.appid },
      payload: { pages: paths },
    })
    return c.json({ appid: app.appid, home: paths[0], pages: pages.map((p) => ({ path: p.path, title: p.title ?? '' })) })
  })
  .get('/miniprogram/templates', async (c) => {
    const app = await findMiniProgram(c.var.platform, c.req.query('appid'))
    const rows = await templatesOf(c.var.db, app.appid)
    return c.json({
      appid: app.appid,
      templates: rows.map((t) => ({ templateId: t.templateId, slug: t.slug, title: t.title, titleEn: t.titleEn, keywords: t.keywords })),
    })
  })
  .get('/miniprogram/scenes', (c) =>
    c.json({
      channels: CHANNELS,
      entries: Object.entries(ENTRIES).map(([name, e]) => ({ entry: name, ...e })),
      scenes: Object.entries(SCENES).map(([scene, s]) => ({ scene: Number(scene), ...s })),
    }),
  )
