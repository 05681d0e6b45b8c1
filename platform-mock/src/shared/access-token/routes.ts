import { and, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { z } from 'zod'
import { wecomAgents, wecomCorps } from '../../surfaces/wecom/schema'
import { apps } from '../../world/schema'
import { WecomError, WxError } from '../errors'
import type { PlatformEnv } from '../env'
import { wxJson } from '../validate'
import { tokenFetchFault } from './faults'
import { issueToken, stableToken } from './index'

const StableTokenRequest = z.object({
  grant_type: z.string(),
  appid: z.string(),
  secret: z.string(),
  force_refresh: z.boolean().optional(),
})

async function appWithSecret(c: { var: PlatformEnv['Variables'] }, appid: string | undefined, secret: string | undefined, grantType: string | undefined) {
  if (grantType !== 'client_credential') throw new WxError(40002, 'invalid grant_type')
  if (!appid) throw new WxError(41002, 'appid missing')
  if (!secret) throw new WxError(41004, 'appsecret missing')
  const [app] = await c.var.db.select().from(apps).where(eq(apps.appid, appid))
  if (!app) throw new WxError(40013, 'invalid appid')
  if (app.secret !== secret) throw new WxError(40125, 'invalid appsecret')
  return app
}

/** 获取接口调用凭据 (getAccessToken / getStableAccessToken), shared by every app on api.weixin.qq.com. */
export const weixinTokens = new Hono<PlatformEnv>()
  .get('/cgi-bin/token', async (c) => {
    const q = c.req.query()
    const app = await appWithSecret(c, q.appid, q.secret, q.grant_type)
    await tokenFetchFault(c.var.platform, 'weixin', { route: c.req.path, method: c.req.method, app: app.appid })
    return c.json(await issueToken(c.var.platform, 'weixin', app.appid))
  })
  .post('/cgi-bin/stable_token', wxJson(StableTokenRequest), async (c) => {
    const body = c.req.valid('json')
    const app = await appWithSecret(c, body.appid, body.secret, body.grant_type)
    await tokenFetchFault(c.var.platform, 'weixin', { route: c.req.path, method: c.req.method, app: app.appid })
    return c.json(await stableToken(c.var.platform, app.appid, body.force_refresh ?? false))
  })

/** WeCom 获取access_token: one token per (corpid, secret): an app's secret or the contact secret. */
export const wecomTokens = new Hono<PlatformEnv>().get('/cgi-bin/gettoken', async (c) => {
  const { corpid, corpsecret } = c.req.query()
  if (!corpid) throw new WecomError(41002, 'corpid missing')
  if (!corpsecret) throw new WecomError(41004, 'corpsecret missing')
  const [corp] = await c.var.db.select().from(wecomCorps).where(eq(wecomCorps.corpid, corpid))
  if (!corp) throw new WecomError(40013, 'invalid corpid')
  let owner: string
  if (corpsecret === corp.contactSecret) owner = `${corpid}:contact`
  else {
    const [agent] = await c.var.db
      .select()
      .from(wecomAgents)
      .where(and(eq(wecomAgents.corpid, corpid), eq(wecomAgents.secret, corpsecret)))
    if (!agent) throw new WecomError(40001, 'invalid secret')
    owner = `${corpid}:${agent.agentid}`
  }
  await tokenFetchFault(c.var.platform, 'wecom', { route: c.req.path, method: c.req.method, app: corpid })
  return c.json({ errcode: 0, errmsg: 'ok', ...(await issueToken(c.var.platform, 'wecom', owner)) })
})
