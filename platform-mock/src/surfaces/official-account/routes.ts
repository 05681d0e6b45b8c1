import { and, asc, eq, gt } from 'drizzle-orm'
import { Hono } from 'hono'
import { accessToken } from '../../shared/access-token'
import { messageFault } from '../../shared/access-token/faults'
import type { PlatformEnv } from '../../shared/env'
import { wxJson } from '../../shared/validate'
import { personByOpenid } from '../../world/people'
import { oaOfToken } from './account'
import { addDraft, deleteDraft, findDraft, findPublication, listDrafts, listPublications, newsItems, publish } from './articles'
import { invalidMediaId } from './errors'
import { imageAt, materialCount, materialKind, mediaField, storeImage } from './materials'
import { createMenu, deleteMenu, mustMenu } from './menu'
import { sendCustom, sendTemplate } from './messages'
import { checkAuth, exchangeCode, refresh, snsUserInfo } from './oauth'
import { createQrCode, findQrByTicket, qrExpired, qrPng } from './qrcodes'
import { oaFollowers } from './schema'
import { addTemplate, deleteTemplate, getIndustry, privateTemplates, setIndustry } from './templates'
import { userInfo } from './users'
import { AddTemplate, ArticleIdBody, BatchGet, CustomSend, DraftAdd, MediaIdBody, MenuCreate, Page, PublishIdBody, QrCreate, SetIndustry, TemplateIdBody, TemplateSend } from './wire'

const PAGE = 10_000
const ok = { errcode: 0, errmsg: 'ok' }
const sec = (ms: number) => Math.floor(ms / 1000)

/** The Official Account APIs on api.weixin.qq.com (access_token of an Official Account; 48001 otherwise). */
export const officialAccount = new Hono<PlatformEnv>()
  /** 获取用户列表 (user/get): the followers, 10 000 openids a page. */
  .get('/cgi-bin/user/get', accessToken(), async (c) => {
    const { appid } = await oaOfToken(c.var.db, c.var.tokenOwner)
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
  /** 获取用户基本信息 (user/info) */
  .get('/cgi-bin/user/info', accessToken(), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    return c.json(await userInfo(c.var.platform, app, c.req.query('openid') ?? ''))
  })
  /** 批量获取用户基本信息 (user/info/batchget), up to 100 */
  .post('/cgi-bin/user/info/batchget', accessToken(), wxJson(BatchGet), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    const list = []
    for (const u of c.req.valid('json').user_list) list.push(await userInfo(c.var.platform, app, u.openid))
    return c.json({ user_info_list: list })
  })
  /** 生成带参数的二维码 (qrcode/create) */
  .post('/cgi-bin/qrcode/create', accessToken(), wxJson(QrCreate), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    return c.json(await createQrCode(c.var.platform, app.appid, c.req.valid('json')))
  })
  /** 创建自定义菜单 (menu/create) */
  .post('/cgi-bin/menu/create', accessToken(), wxJson(MenuCreate), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    await createMenu(c.var.platform, app, c.req.valid('json'))
    return c.json(ok)
  })
  /** 查询自定义菜单 (menu/get) */
  .get('/cgi-bin/menu/get', accessToken(), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    return c.json({ menu: await mustMenu(c.var.platform, app.appid) })
  })
  /** 删除自定义菜单 (menu/delete) */
  .get('/cgi-bin/menu/delete', accessToken(), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    await deleteMenu(c.var.platform, app.appid)
    return c.json(ok)
  })
  /** 客服消息 (message/custom/send) */
  .post('/cgi-bin/message/custom/send', accessToken(), wxJson(CustomSend), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    const body = c.req.valid('json')
    const person = (await personByOpenid(c.var.db, app.appid, body.touser))?.personId ?? null
    await messageFault(c.var.platform, '45047', { route: c.req.path, method: c.req.method, app: app.appid, person })
    await sendCustom(c.var.platform, app, body)
    return c.json(ok)
  })
  /** 发送模板消息 (message/template/send) */
  .post('/cgi-bin/message/template/send', accessToken(), wxJson(TemplateSend), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    const { msgid } = await sendTemplate(c.var.platform, app, c.req.valid('json'))
    return c.json({ ...ok, msgid })
  })
  /** 获取模板列表 (template/get_all_private_template) */
  .get('/cgi-bin/template/get_all_private_template', accessToken(), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    return c.json({ template_list: await privateTemplates(c.var.platform, app.appid) })
  })
  /** 获得模板ID (template/api_add_template) */
  .post('/cgi-bin/template/api_add_template', accessToken(), wxJson(AddTemplate), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    const { template_id_short, keyword_name_list } = c.req.valid('json')
    return c.json({ ...ok, template_id: await addTemplate(c.var.platform, app.appid, template_id_short, keyword_name_list) })
  })
  /** 删除模板 (template/del_private_template) */
  .post('/cgi-bin/template/del_private_template', accessToken(), wxJson(TemplateIdBody), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    await deleteTemplate(c.var.platform, app.appid, c.req.valid('json').template_id)
    return c.json(ok)
  })
  /** 获取设置的行业信息 (template/get_industry) */
  .get('/cgi-bin/template/get_industry', accessToken(), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    return c.json(await getIndustry(c.var.platform, app.appid))
  })
  /** 设置所属行业 (template/api_set_industry) */
  .post('/cgi-bin/template/api_set_industry', accessToken(), wxJson(SetIndustry), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    await setIndustry(c.var.platform, app.appid, c.req.valid('json'))
    return c.json(ok)
  })
  /** 新增永久素材 (material/add_material), pictures only: multipart field `media`, `?type=image|thumb`. */
  .post('/cgi-bin/material/add_material', accessToken(), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    const kind = materialKind(c.req.query('type'))
    const file = mediaField(await c.req.parseBody().catch(() => null))
    const { mediaId, url } = await storeImage(c.var.platform, app.appid, kind, file)
    return c.json({ media_id: mediaId, url })
  })
  /** 获取素材总数 (material/get_materialcount) */
  .get('/cgi-bin/material/get_materialcount', accessToken(), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    return c.json(await materialCount(c.var.platform, app.appid))
  })
  /** 上传图文消息内的图片获取URL (media/uploadimg): jpg/png under 1 MB, answered with its URL only. */
  .post('/cgi-bin/media/uploadimg', accessToken(), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    const file = mediaField(await c.req.parseBody().catch(() => null))
    const { url } = await storeImage(c.var.platform, app.appid, 'content', file)
    return c.json({ url })
  })
  /** 新建草稿 (draft/add) */
  .post('/cgi-bin/draft/add', accessToken(), wxJson(DraftAdd), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    return c.json({ media_id: await addDraft(c.var.platform, app, c.req.valid('json').articles) })
  })
  /** 获取草稿 (draft/get) */
  .post('/cgi-bin/draft/get', accessToken(), wxJson(MediaIdBody), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    const draft = await findDraft(c.var.platform, app.appid, c.req.valid('json').media_id)
    return c.json({ news_item: draft.articles })
  })
  /** 删除草稿 (draft/delete) */
  .post('/cgi-bin/draft/delete', accessToken(), wxJson(MediaIdBody), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    await deleteDraft(c.var.platform, app.appid, c.req.valid('json').media_id)
    return c.json(ok)
  })
  /** 获取草稿列表 (draft/batchget) */
  .post('/cgi-bin/draft/batchget', accessToken(), wxJson(Page), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    const page = c.req.valid('json')
    const all = await listDrafts(c.var.platform, app.appid)
    const item = all.slice(page.offset, page.offset + page.count).map((d) => ({
      media_id: d.mediaId,
      content: { news_item: newsItems(d.articles, page.no_content === 1), create_time: sec(d.createdAt), update_time: sec(d.updatedAt) },
      update_time: sec(d.updatedAt),
    }))
    return c.json({ total_count: all.length, item_count: item.length, item })
  })
  /** 发布接口 (freepublish/submit) */
  .post('/cgi-bin/freepublish/submit', accessToken(), wxJson(MediaIdBody), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    const { publishId, msgDataId } = await publish(c.var.platform, app, c.req.valid('json').media_id)
    return c.json({ ...ok, publish_id: publishId, msg_data_id: msgDataId })
  })
  /** 发布状态轮询 (freepublish/get) */
  .post('/cgi-bin/freepublish/get', accessToken(), wxJson(PublishIdBody), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    const pub = await findPublication(c.var.platform, app.appid, { publishId: c.req.valid('json').publish_id })
    if (!pub) throw invalidMediaId()
    return c.json({
      publish_id: pub.publishId,
      publish_status: pub.status,
      article_id: pub.articleId,
      article_detail: { count: pub.articles.length, item: pub.articles.map((a, i) => ({ idx: i + 1, article_url: a.url })) },
      fail_idx: [],
    })
  })
  /** 获取成功发布列表 (freepublish/batchget) */
  .post('/cgi-bin/freepublish/batchget', accessToken(), wxJson(Page), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    const page = c.req.valid('json')
    const all = await listPublications(c.var.platform, app.appid)
    const item = all.slice(page.offset, page.offset + page.count).map((p) => ({
      article_id: p.articleId,
      content: { news_item: newsItems(p.articles, page.no_content === 1), create_time: sec(p.publishedAt), update_time: sec(p.publishedAt) },
      update_time: sec(p.publishedAt),
    }))
    return c.json({ total_count: all.length, item_count: item.length, item })
  })
  /** 通过 article_id 获取已发布文章 (freepublish/getarticle) */
  .post('/cgi-bin/freepublish/getarticle', accessToken(), wxJson(ArticleIdBody), async (c) => {
    const app = await oaOfToken(c.var.db, c.var.tokenOwner)
    const pub = await findPublication(c.var.platform, app.appid, { articleId: c.req.valid('json').article_id })
    if (!pub) throw invalidMediaId()
    return c.json({ news_item: newsItems(pub.articles) })
  })
  /** 网页授权: code → access_token (sns/oauth2/access_token) */
  .get('/sns/oauth2/access_token', async (c) => c.json(await exchangeCode(c.var.platform, c.req.query())))
  /** 网页授权: refresh (sns/oauth2/refresh_token) */
  .get('/sns/oauth2/refresh_token', async (c) => c.json(await refresh(c.var.platform, c.req.query())))
  /** 网页授权: check a token (sns/auth) */
  .get('/sns/auth', async (c) => {
    await checkAuth(c.var.platform, c.req.query('access_token'), c.req.query('openid'))
    return c.json(ok)
  })
  /** 网页授权: user info for snsapi_userinfo (sns/userinfo) */
  .get('/sns/userinfo', async (c) => {
    const base = new URL(c.req.url).origin
    return c.json(await snsUserInfo(c.var.platform, c.req.query('access_token'), c.req.query('openid'), base))
  })

/** mp.weixin.qq.com: 通过ticket换取二维码 (showqrcode), a PNG of the code's URL; no access_token. */
export const officialAccountWeb = new Hono<PlatformEnv>().get('/cgi-bin/showqrcode', async (c) => {
  const code = await findQrByTicket(c.var.platform, c.req.query('ticket') ?? '')
  if (!code || qrExpired(c.var.platform, code)) return c.text('Not Found', 404)
  return new Response(new Uint8Array(await qrPng(code)), { headers: { 'Content-Type': 'image/png', 'Cache-Control': 'max-age=604800' } })
})


/** mmbiz.qpic.cn: the pictures accounts uploaded (covers, article images); no token. */
export const officialAccountPictures = new Hono<PlatformEnv>().get('/:dir{mmbiz_(png|jpg|gif|bmp)}/:key/0', async (c) => {
  const image = await imageAt(c.var.platform, c.req.param('dir').slice('mmbiz_'.length), c.req.param('key'))
  if (!image) return c.text('Not Found', 404)
  return new Response(image.bytes, { headers: { 'Content-Type': image.contentType, 'Cache-Control': 'max-age=604800' } })
})
