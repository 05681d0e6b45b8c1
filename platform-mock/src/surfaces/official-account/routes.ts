import { and, asc, eq, gt } from 'drizzle-orm'
import { Hono } from 'hono'
import { accessToken } from '../../shared/access-token'
import type { PlatformEnv } from '../../shared/env'
import { apps } from '../../world/schema'
import { apiUnauthorized } from './errors'
import { oaFollowers } from './schema'

const PAGE = 10_000

/** 获取用户列表 (user/get): the followers of the Official Account, 10 000 openids a page. */
export const officialAccount = new Hono<PlatformEnv>().get('/cgi-bin/user/get', accessToken(), async (c) => {
  const appid = c.var.tokenOwner
  const [app] = await c.var.db.select().from(apps).where(eq(apps.appid, appid))
  if (app?.kind !== 'official_account') throw apiUnauthorized()
  const next = c.req.query('next_openid') ?? ''
  const all = await c.var.db.$count(oaFollowers, eq(oaFollowers.appid, appid))
  const rows = await c.var.db
    .select({ openid: oaFollowers.openid })
    .from(oaFollowers)
    .where(and(eq(oaFollowers.appid, appid), next ? gt(oaFollowers.openid, next) : undefined))
    .orderBy(asc(oaFollowers.openid))
    .limit(PAGE)
  const openids = rows.map((r) => r.openid)
  if (openids.length === 0) return c.json({ total: all, count: 0, next_openid: '' })
  return c.json({ total: all, count: openids.length, data: { openid: openids }, next_openid: openids.at(-1) })
})
