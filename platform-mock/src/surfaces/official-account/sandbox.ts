import { Hono } from 'hono'
import { z } from 'zod'
import type { PlatformEnv } from '../../shared/env'
import { sandboxJson } from '../../shared/validate'
import { findOa, followerOf, identityOf } from './account'
import { conversationOf } from './conversation'
import { menuOf } from './menu'
import { follow, sendText, SUBSCRIBE_SCENES, tapMenu, unfollow } from './person'
import { configureServer, removeServer, serverOf, serverView } from './server'

const ServerBody = z.object({
  appid: z.string().optional(),
  url: z.string().min(1),
  token: z.string().optional(),
  encodingAESKey: z.string().optional(),
  mode: z.enum(['plain', 'compatible', 'safe']),
})
const AppidOnly = z.object({ appid: z.string().optional() })
const FollowBody = z.object({ appid: z.string().optional(), scene: z.enum(SUBSCRIBE_SCENES).optional() })
const TextBody = z.object({ appid: z.string().optional(), text: z.string().trim().min(1).max(2000) })
const TapBody = z.object({ appid: z.string().optional(), top: z.number().int().min(0), sub: z.number().int().min(0).optional() })

/**
 * The Official Account in the control API: the operator's server configuration (公众平台 →
 * 设置与开发 → 基本配置) and what a person's phone does with the account.
 */
export const officialAccountSandbox = new Hono<PlatformEnv>()
  .get('/official-account/server', async (c) => {
    const app = await findOa(c.var.db, c.req.query('appid'))
    return c.json({ appid: app.appid, ...serverView(await serverOf(c.var.platform, app.appid)) })
  })
  .put('/official-account/server', sandboxJson(ServerBody), async (c) => {
    const body = c.req.valid('json')
    const app = await findOa(c.var.db, body.appid)
    return c.json({ appid: app.appid, ...(await configureServer(c.var.platform, app, body)) })
  })
  .delete('/official-account/server', async (c) => {
    const app = await findOa(c.var.db, c.req.query('appid'))
    await removeServer(c.var.platform, app.appid)
    return c.json({ appid: app.appid, state: 'unconfigured' })
  })
  /** The account's profile as the person sees it: following or not, and the menu bar. */
  .get('/people/:id/official-account', async (c) => {
    const app = await findOa(c.var.db, c.req.query('appid'))
    const { openid } = await identityOf(c.var.db, app.appid, c.req.param('id'))
    const f = await followerOf(c.var.db, app.appid, openid)
    const menu = await menuOf(c.var.platform, app.appid)
    return c.json({
      appid: app.appid,
      originalId: app.originalId,
      name: app.name,
      openid,
      following: !!f,
      ...(f && { subscribeTime: new Date(f.subscribeTime * 1000).toISOString(), subscribeScene: f.subscribeScene }),
      menu: menu?.button ?? [],
    })
  })
  .post('/people/:id/official-account/follow', sandboxJson(FollowBody), async (c) => {
    const body = c.req.valid('json')
    return c.json(await follow(c.var.platform, c.req.param('id'), body))
  })
  .post('/people/:id/official-account/unfollow', sandboxJson(AppidOnly), async (c) => {
    return c.json(await unfollow(c.var.platform, c.req.param('id'), c.req.valid('json').appid))
  })
  .get('/people/:id/official-account/messages', async (c) => {
    const app = await findOa(c.var.db, c.req.query('appid'))
    await identityOf(c.var.db, app.appid, c.req.param('id'))
    return c.json({ appid: app.appid, messages: await conversationOf(c.var.db, app.appid, c.req.param('id')) })
  })
  .post('/people/:id/official-account/messages', sandboxJson(TextBody), async (c) => {
    const body = c.req.valid('json')
    return c.json(await sendText(c.var.platform, c.req.param('id'), body.text, body.appid), 201)
  })
  .post('/people/:id/official-account/menu/tap', sandboxJson(TapBody), async (c) => {
    return c.json(await tapMenu(c.var.platform, c.req.param('id'), c.req.valid('json')))
  })
