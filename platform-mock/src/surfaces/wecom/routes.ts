import { and, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { accessToken } from '../../shared/access-token'
import type { PlatformEnv } from '../../shared/env'
import { missingUserid, useridNotFound } from './errors'
import { wecomStaff } from './schema'

/** 读取成员 (user/get): a member of the corp by userid. */
export const wecom = new Hono<PlatformEnv>().get('/cgi-bin/user/get', accessToken('wecom'), async (c) => {
  const corpid = c.var.tokenOwner.split(':')[0]!
  const userid = c.req.query('userid')
  if (!userid) throw missingUserid()
  const [member] = await c.var.db
    .select()
    .from(wecomStaff)
    .where(and(eq(wecomStaff.corpid, corpid), eq(wecomStaff.userid, userid)))
  if (!member) throw useridNotFound()
  return c.json({
    errcode: 0,
    errmsg: 'ok',
    userid: member.userid,
    name: member.name,
    department: [1],
    position: member.position,
    status: 1,
    main_department: 1,
  })
})
