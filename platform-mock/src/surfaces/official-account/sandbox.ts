import { Hono } from 'hono'
import { z } from 'zod'
import type { PlatformEnv } from '../../shared/env'
import { sandboxJson } from '../../shared/validate'
import { findOa, followerOf, identityOf } from './account'
import { openArticleCard, publishedArticles, readArticle } from './articles'
import { conversationOf, findMessage } from './conversation'
import { invalid } from './errors'
import { launch } from '../miniprogram/launch'
import { authorize } from './oauth'
import { menuOf } from './menu'
import { follow, sendText, SUBSCRIBE_SCENES, tapMenu, unfollow } from './person'
import { configureServer, removeServer, serverOf, serverView } from './server'
import { INDUSTRIES, TEMPLATE_LIBRARY } from './templates'

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
const ReadBody = z.object({ appid: z.string().optional(), idx: z.number().int().min(1).optional(), sharedBy: z.string().optional() })
const CardBody = z.object({ appid: z.string().optional(), idx: z.number().int().min(1).optional(), card: z.number().int().min(0).optional() })
const AuthorizeBody = z.object({ appid: z.string().optional(), redirect_uri: z.string().min(1), scope: z.enum(['snsapi_base', 'snsapi_userinfo']), state: z.string().max(128).optional() })
const TapBody = z.object({ appid: z.string().optional(), top: z.number().int().min(0), sub: z.number().int().min(0).optional() })

/**
 * The Official Account in the control API: the operator's server configuration (公众平台 →
 * 设置与开发 → 基本配置) and what a person's phone does with the account.
 */
export const officialAccountSandbox = new Hono<PlatformEnv>()
  /** The template library the accounts pick from (in WeChat it is browsed in the console, not the API). */
  .get('/official-account/template-library', (c) =>
    c.json({
      templates: TEMPLATE_LIBRARY.map((t) => ({
        template_id_short: t.shortId,
        title: t.title,
        industry: { id: t.industry, first_class: INDUSTRIES[t.industry]![0], second_class: INDUSTRIES[t.industry]![1] },
        keywords: t.keywords.map(([name, field, example]) => ({ name, field, example })),
      })),
    }),
  )
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
      nameZh: app.nameZh ?? app.name,
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
  /** The account's published articles (the profile's list). */
  .get('/people/:id/official-account/articles', async (c) => {
    const app = await findOa(c.var.db, c.req.query('appid'))
    await identityOf(c.var.db, app.appid, c.req.param('id'))
    return c.json({ appid: app.appid, articles: await publishedArticles(c.var.platform, app.appid) })
  })
  /** Opens an article in the reader (writes `oa.article.read`). */
  .post('/people/:id/official-account/articles/:articleId/read', sandboxJson(ReadBody), async (c) => {
    const body = c.req.valid('json')
    const app = await findOa(c.var.db, body.appid)
    return c.json(await readArticle(c.var.platform, c.req.param('id'), app, c.req.param('articleId'), body.idx, body.sharedBy))
  })
  /** Taps a mini program embedded in an article: launch with scene 1058. */
  .post('/people/:id/official-account/articles/:articleId/open-miniprogram', sandboxJson(CardBody), async (c) => {
    const body = c.req.valid('json')
    const app = await findOa(c.var.db, body.appid)
    return c.json(await openArticleCard(c.var.platform, c.req.param('id'), app, c.req.param('articleId'), body.idx ?? 1, body.card ?? 0), 201)
  })
  /** Taps a message from the account: a template message's mini program jump (1043) or a card (1074). */
  .post('/people/:id/official-account/messages/:seq/open', sandboxJson(AppidOnly), async (c) => {
    const app = await findOa(c.var.db, c.req.valid('json').appid)
    const m = await findMessage(c.var.db, app.appid, c.req.param('id'), Number(c.req.param('seq')))
    const b = (m?.body ?? {}) as { miniprogram?: { appid: string; pagepath: string }; appid?: string; pagepath?: string }
    const subject = { officialAccount: app.appid, message: String(m?.seq) }
    if (m?.kind === 'template' && b.miniprogram) {
      return c.json(await launch(c.var.platform, c.req.param('id'), { entry: 'oa-template-message', appid: b.miniprogram.appid, path: b.miniprogram.pagepath }, { subject }), 201)
    }
    if (m?.kind === 'miniprogrampage') {
      return c.json(await launch(c.var.platform, c.req.param('id'), { entry: 'oa-message', appid: b.appid, path: b.pagepath }, { subject }), 201)
    }
    throw invalid('only a template message with a mini program jump or a mini program card opens something')
  })
  /** 网页授权 as the person's WeChat browser does it: the code and the redirect it lands on. */
  .post('/people/:id/official-account/oauth/authorize', sandboxJson(AuthorizeBody), async (c) => {
    return c.json(await authorize(c.var.platform, c.req.param('id'), c.req.valid('json')), 201)
  })
