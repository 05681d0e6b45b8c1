import { Hono, type Context, type MiddlewareHandler } from 'hono'
import type { z } from 'zod'
import { accessToken } from '../../shared/access-token'
import { messageFault } from '../../shared/access-token/faults'
import { SandboxError, WxError } from '../../shared/errors'
import type { PlatformEnv } from '../../shared/env'
import { parseJson, wxJson } from '../../shared/validate'
import { personByOpenid } from '../../world/people'
import { codeImage, createCode } from './codes'
import { apiUnauthorized, argumentInvalid, invalidPathLength, invalidSceneLength, reservedScancodeTime } from './errors'
import { createLink, linkUrl } from './links'
import { codeToSession } from './login'
import { currentJourney } from './launch'
import { findMiniProgram, splitPath } from './pages'
import { sendSubscribeMessage } from './subscribe'
import { templateContent, templateExample, templatesOf } from './templates'
import {
  CreateQrCode,
  GenerateScheme,
  GenerateUrlLink,
  GetCode,
  GetUnlimitedCode,
  SubscribeSend,
  type TemplateListItem,
} from './wire'

/** The mini program behind the request's token; any other app's token gets 48001. */
async function tokenApp(c: Context<PlatformEnv>) {
  try {
    return await findMiniProgram(c.var.platform, c.var.tokenOwner)
  } catch (err) {
    if (err instanceof SandboxError) throw apiUnauthorized()
    throw err
  }
}

/**
 * A JSON body for the image APIs: WeChat answers a body that is not JSON with the API's own
 * "invalid length … or the data is not json string" code; a wrongly typed field gets 47003.
 */
function codeJson<T extends z.ZodType>(schema: T, notJson: () => WxError) {
  const mw: MiddlewareHandler<PlatformEnv, string, { in: { json: z.input<T> }; out: { json: z.output<T> } }> = async (c, next) => {
    let value: unknown
    try {
      value = parseJson(await c.req.text())
    } catch {
      throw notJson()
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw notJson()
    const result = schema.safeParse(value)
    if (!result.success) throw argumentInvalid(result.error.issues[0]?.path.join('.') || 'body')
    c.req.addValidatedData('json', result.data as object)
    await next()
  }
  return mw
}

const png = (bytes: Buffer) =>
  new Response(new Uint8Array(bytes), { headers: { 'Content-Type': 'image/png', 'Content-Length': String(bytes.length) } })

/** Limited codes (getwxacode, createwxaqrcode): `path` with its query, never `scancode_time`. */
function limitedPath(path: string | undefined, max: number) {
  if (!path || path.length > max) throw invalidPathLength()
  const { page, query } = splitPath(path)
  if (page === '') throw invalidPathLength()
  if (query.split('&').some((kv) => kv.split('=')[0] === 'scancode_time')) throw reservedScancodeTime()
  return { page, query }
}

/** The mini program server APIs on api.weixin.qq.com: login, codes, links, subscription messages. */
export const miniprogram = new Hono<PlatformEnv>()
  /** 小程序登录 code2Session */
  .get('/sns/jscode2session', async (c) => {
    const { platform } = c.var
    const { personId, session } = await codeToSession(platform, c.req.query())
    const journey = await currentJourney(platform, personId)
    await platform.events.append({
      actor: c.req.query('appid')!,
      surface: 'miniprogram',
      type: 'miniprogram.session.created',
      subject: { person: personId, appid: c.req.query('appid')! },
      journeyId: journey?.journeyId ?? undefined,
    })
    return c.json(session)
  })

  /** 获取不限制的小程序码 getUnlimitedQRCode */
  .post('/wxa/getwxacodeunlimit', accessToken(), codeJson(GetUnlimitedCode, invalidSceneLength), async (c) => {
    const app = await tokenApp(c)
    const body = c.req.valid('json')
    const { code } = await createCode(c.var.platform, app, {
      kind: 'unlimited',
      page: body.page ?? '',
      scene: body.scene ?? '',
      envVersion: body.env_version,
      checkPath: body.check_path,
    })
    return png(codeImage(code, app, { width: body.width, autoColor: body.auto_color, lineColor: body.line_color, isHyaline: body.is_hyaline }))
  })

  /** 获取小程序码 getQRCode */
  .post('/wxa/getwxacode', accessToken(), codeJson(GetCode, invalidPathLength), async (c) => {
    const app = await tokenApp(c)
    const body = c.req.valid('json')
    const { page, query } = limitedPath(body.path, 1024)
    const { code } = await createCode(c.var.platform, app, { kind: 'wxacode', page, query, envVersion: body.env_version })
    return png(codeImage(code, app, { width: body.width, autoColor: body.auto_color, lineColor: body.line_color, isHyaline: body.is_hyaline }))
  })

  /** 获取小程序二维码 createQRCode */
  .post('/cgi-bin/wxaapp/createwxaqrcode', accessToken(), codeJson(CreateQrCode, invalidPathLength), async (c) => {
    const app = await tokenApp(c)
    const body = c.req.valid('json')
    const { page, query } = limitedPath(body.path, 128)
    const { code } = await createCode(c.var.platform, app, { kind: 'qrcode', page, query })
    return png(codeImage(code, app, { width: body.width }))
  })

  /** 获取加密scheme码 generateScheme */
  .post('/wxa/generatescheme', accessToken(), wxJson(GenerateScheme), async (c) => {
    const app = await tokenApp(c)
    const body = c.req.valid('json')
    const link = await createLink(c.var.platform, app, 'scheme', {
      path: body.jump_wxa?.path,
      query: body.jump_wxa?.query,
      envVersion: body.jump_wxa?.env_version,
      expireType: body.expire_type,
      expireTime: body.expire_time,
      expireInterval: body.expire_interval,
    })
    return c.json({ errcode: 0, errmsg: 'ok', openlink: linkUrl(link) })
  })

  /** 获取加密URLLink generateUrlLink */
  .post('/wxa/generate_urllink', accessToken(), wxJson(GenerateUrlLink), async (c) => {
    const app = await tokenApp(c)
    const body = c.req.valid('json')
    const link = await createLink(c.var.platform, app, 'urllink', {
      path: body.path,
      query: body.query,
      envVersion: body.env_version,
      expireType: body.expire_type,
      expireTime: body.expire_time,
      expireInterval: body.expire_interval,
    })
    return c.json({ errcode: 0, errmsg: 'ok', url_link: linkUrl(link) })
  })

  /** 发送订阅消息 subscribeMessage.send */
  .post('/cgi-bin/message/subscribe/send', accessToken(), wxJson(SubscribeSend), async (c) => {
    const app = await tokenApp(c)
    const body = c.req.valid('json')
    const person = (await personByOpenid(c.var.db, app.appid, body.touser))?.personId ?? null
    await messageFault(c.var.platform, '43101', { route: c.req.path, method: c.req.method, app: app.appid, person })
    return c.json(await sendSubscribeMessage(c.var.platform, app, body))
  })

  /** 获取当前账号下的个人模板列表 getTemplateList */
  .get('/wxaapi/newtmpl/gettemplate', accessToken(), async (c) => {
    const app = await tokenApp(c)
    const data: TemplateListItem[] = (await templatesOf(c.var.db, app.appid)).map((t) => ({
      priTmplId: t.templateId,
      title: t.title,
      content: templateContent(t),
      example: templateExample(t),
      type: 2,
    }))
    return c.json({ errcode: 0, errmsg: 'ok', data })
  })
