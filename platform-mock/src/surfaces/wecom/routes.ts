import { and, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { accessToken } from '../../shared/access-token'
import type { PlatformEnv } from '../../shared/env'
import { wecomJson } from '../../shared/validate'
import { addContactWay, contactWayPng, deleteWay, externalContactDetail, externalContactsByUser, externalIdsOf, qrCodeUrl, sendWelcome, wayByCode, wayById, wayView } from './contacts'
import { corpById, ownerOf, staffOf } from './corp'
import { apiForbidden, invalidParameter, invalidUserid, missingUserid, notExternalContact, useridNotFound } from './errors'
import { kfContactWay, kfSendMsg, kfSyncMsg, kfAccountList } from './kf'
import { addMsgTemplate, sendAppMessage } from './messages'
import { wecomStaff } from './schema'
import { addCorpTag, corpTagList, markTag } from './tags'
import { AddContactWay, AddCorpTag, AddMsgTemplate, ConfigIdOnly, GetCorpTagList, KfSendMsg, KfSyncMsg, MarkTag, SendAppMessage, SendWelcomeMsg } from './wire'
import { z } from 'zod'

const ok = { errcode: 0 as const, errmsg: 'ok' as const }

/** The corp of the token (every route below is behind `accessToken('wecom')`). */
const corpOf = async (c: { var: PlatformEnv['Variables'] }) => (await corpById(c.var.platform, ownerOf(c.var.tokenOwner).corpid))!

/** 发送应用消息 needs an app's token (the contact secret's token has no app: 48002). */
const appToken = createMiddleware<PlatformEnv>(async (c, next) => {
  if (ownerOf(c.var.tokenOwner).agentid === null) throw apiForbidden()
  await next()
})

/** The WeCom APIs on qyapi.weixin.qq.com (tokens are in shared/access-token). */
export const wecom = new Hono<PlatformEnv>()
  /** 读取成员 (user/get): a member of the corp by userid. */
  .get('/cgi-bin/user/get', accessToken('wecom'), async (c) => {
    const corpid = ownerOf(c.var.tokenOwner).corpid
    const userid = c.req.query('userid')
    if (!userid) throw missingUserid()
    const [member] = await c.var.db.select().from(wecomStaff).where(and(eq(wecomStaff.corpid, corpid), eq(wecomStaff.userid, userid)))
    if (!member) throw useridNotFound()
    return c.json({ ...ok, userid: member.userid, name: member.name, department: [1], position: member.position, status: 1, main_department: 1 })
  })
  /** 发送应用消息 (message/send): text and miniprogram_notice to members. */
  .post('/cgi-bin/message/send', accessToken('wecom'), appToken, wecomJson(SendAppMessage), async (c) => {
    const { agentid } = ownerOf(c.var.tokenOwner)
    return c.json(await sendAppMessage(c.var.platform, await corpOf(c), agentid!, c.req.valid('json')))
  })
  /** 获取配置了客户联系功能的成员列表 (get_follow_user_list). */
  .get('/cgi-bin/externalcontact/get_follow_user_list', accessToken('wecom'), async (c) => {
    const corpid = ownerOf(c.var.tokenOwner).corpid
    const rows = await c.var.db.select().from(wecomStaff).where(eq(wecomStaff.corpid, corpid))
    return c.json({ ...ok, follow_user: rows.map((r) => r.userid) })
  })
  /** 配置客户联系「联系我」方式 (add_contact_way): config_id and the code's picture. */
  .post('/cgi-bin/externalcontact/add_contact_way', accessToken('wecom'), wecomJson(AddContactWay), async (c) => {
    const way = await addContactWay(c.var.platform, ownerOf(c.var.tokenOwner).corpid, c.req.valid('json'))
    return c.json({ ...ok, config_id: way.configId, qr_code: qrCodeUrl(way) })
  })
  /** 获取企业已配置的「联系我」方式 (get_contact_way). */
  .post('/cgi-bin/externalcontact/get_contact_way', accessToken('wecom'), wecomJson(ConfigIdOnly), async (c) => {
    const way = await wayById(c.var.platform, ownerOf(c.var.tokenOwner).corpid, c.req.valid('json').config_id)
    return c.json({ ...ok, contact_way: wayView(way) })
  })
  /** 删除企业已配置的「联系我」方式 (del_contact_way): the code stops working. */
  .post('/cgi-bin/externalcontact/del_contact_way', accessToken('wecom'), wecomJson(ConfigIdOnly), async (c) => {
    await deleteWay(c.var.platform, ownerOf(c.var.tokenOwner).corpid, c.req.valid('json').config_id)
    return c.json(ok)
  })
  /** 获取客户列表 (externalcontact/list): a member's customers; 84061 when there are none. */
  .get('/cgi-bin/externalcontact/list', accessToken('wecom'), async (c) => {
    const corpid = ownerOf(c.var.tokenOwner).corpid
    const userid = c.req.query('userid')
    if (!userid) throw missingUserid()
    if (!(await staffOf(c.var.platform, corpid, userid))) throw invalidUserid(userid)
    const ids = await externalIdsOf(c.var.platform, corpid, userid)
    if (!ids.length) throw notExternalContact()
    return c.json({ ...ok, external_userid: ids })
  })
  /** 获取客户详情 (externalcontact/get): external_contact and every follow_user. */
  .get('/cgi-bin/externalcontact/get', accessToken('wecom'), async (c) => {
    const id = c.req.query('external_userid')
    if (!id) throw invalidParameter('external_userid')
    return c.json({ ...ok, ...(await externalContactDetail(c.var.platform, await corpOf(c), id, new URL(c.req.url).origin)) })
  })
  /** 批量获取客户详情 (batch/get_by_user): customers of members with follow_info.tag_id. */
  .post('/cgi-bin/externalcontact/batch/get_by_user', accessToken('wecom'), wecomJson(z.object({ userid_list: z.array(z.string()), cursor: z.string().optional(), limit: z.number().int().optional() })), async (c) => {
    return c.json({ ...ok, ...(await externalContactsByUser(c.var.platform, await corpOf(c), c.req.valid('json'), new URL(c.req.url).origin)) })
  })
  /** 发送新客户欢迎语 (send_welcome_msg). */
  .post('/cgi-bin/externalcontact/send_welcome_msg', accessToken('wecom'), wecomJson(SendWelcomeMsg), async (c) => {
    await sendWelcome(c.var.platform, await corpOf(c), c.req.valid('json'))
    return c.json(ok)
  })
  /** 创建企业群发 (add_msg_template): a task the sender confirms before it goes out. */
  .post('/cgi-bin/externalcontact/add_msg_template', accessToken('wecom'), wecomJson(AddMsgTemplate), async (c) => {
    return c.json(await addMsgTemplate(c.var.platform, await corpOf(c), c.req.valid('json')))
  })
  /** 获取企业标签库 (get_corp_tag_list). */
  .post('/cgi-bin/externalcontact/get_corp_tag_list', accessToken('wecom'), wecomJson(GetCorpTagList), async (c) => {
    return c.json({ ...ok, tag_group: await corpTagList(c.var.platform, await corpOf(c), c.req.valid('json')) })
  })
  /** 添加企业客户标签 (add_corp_tag). */
  .post('/cgi-bin/externalcontact/add_corp_tag', accessToken('wecom'), wecomJson(AddCorpTag), async (c) => {
    return c.json({ ...ok, tag_group: await addCorpTag(c.var.platform, await corpOf(c), c.req.valid('json')) })
  })
  /** 编辑客户企业标签 (mark_tag): follow_user[].tags of one member's customer. */
  .post('/cgi-bin/externalcontact/mark_tag', accessToken('wecom'), wecomJson(MarkTag), async (c) => {
    await markTag(c.var.platform, await corpOf(c), c.req.valid('json'))
    return c.json(ok)
  })
  /** 获取客服账号列表 (kf/account/list). */
  .post('/cgi-bin/kf/account/list', accessToken('wecom'), wecomJson(z.object({ offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(100).optional() })), async (c) => {
    const body = c.req.valid('json')
    return c.json({ ...ok, account_list: await kfAccountList(c.var.platform, await corpOf(c), body.offset ?? 0, body.limit ?? 100) })
  })
  /** 获取客服账号链接 (kf/add_contact_way): the link a page opens with wx.openCustomerServiceChat. */
  .post('/cgi-bin/kf/add_contact_way', accessToken('wecom'), wecomJson(z.object({ open_kfid: z.string().min(1), scene: z.string().optional() })), async (c) => {
    return c.json({ ...ok, url: await kfContactWay(c.var.platform, await corpOf(c), c.req.valid('json')) })
  })
  /** 读取消息 (kf/sync_msg): the pull after a kf_msg_or_event callback. */
  .post('/cgi-bin/kf/sync_msg', accessToken('wecom'), wecomJson(KfSyncMsg), async (c) => {
    return c.json({ ...ok, ...(await kfSyncMsg(c.var.platform, await corpOf(c), c.req.valid('json'))) })
  })
  /** 发送消息 (kf/send_msg): an answer into the customer's service chat. */
  .post('/cgi-bin/kf/send_msg', accessToken('wecom'), wecomJson(KfSendMsg), async (c) => {
    return c.json({ ...ok, msgid: await kfSendMsg(c.var.platform, await corpOf(c), c.req.valid('json')) })
  })

/** p.qpic.cn: the picture of a contact-me code (`qr_code`), a real scannable PNG; no token. */
export const wecomPictures = new Hono<PlatformEnv>().get('/wwhead/:code/0', async (c) => {
  const way = await wayByCode(c.var.platform, c.req.param('code'))
  if (!way) return c.text('Not Found', 404)
  return new Response(new Uint8Array(await contactWayPng(way)), { headers: { 'Content-Type': 'image/png', 'Cache-Control': 'max-age=604800' } })
})
