import { and, eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { apps } from '../../world/schema'
import { followerOf, personOfOpenid, type OaApp } from './account'
import { announce, deliver, insideWindow, messageQuery, messageView } from './conversation'
import { invalidTemplateId, notLinkedMiniProgram, outOfWindow, requireSubscribe } from './errors'
import { pushLater } from './push'
import { oaMessages, oaTemplates } from './schema'
import type { CustomSend, TemplateSend } from './wire'

async function linkedMiniProgram(platform: Platform, app: OaApp, appid: string) {
  const [mp] = await platform.db.select().from(apps).where(eq(apps.appid, appid))
  if (mp?.kind !== 'miniprogram' || mp.brandId !== app.brandId) throw notLinkedMiniProgram()
  return mp
}

/**
 * 客服消息 (message/custom/send): only to a follower inside the 48 hours after their last
 * interaction on the virtual clock, else 45015. A miniprogrampage card names a linked mini program.
 */
export async function sendCustom(platform: Platform, app: OaApp, msg: CustomSend) {
  const who = await personOfOpenid(platform.db, app.appid, msg.touser)
  if (!(await followerOf(platform.db, app.appid, msg.touser)) || !(await insideWindow(platform, app.appid, msg.touser))) throw outOfWindow()
  let body: Record<string, unknown>
  switch (msg.msgtype) {
    case 'text':
      body = { content: msg.text.content }
      break
    case 'image':
      body = { media_id: msg.image.media_id }
      break
    case 'news':
      body = { articles: msg.news.articles }
      break
    case 'miniprogrampage': {
      const mp = await linkedMiniProgram(platform, app, msg.miniprogrampage.appid)
      body = { ...msg.miniprogrampage, appName: mp.name }
      break
    }
  }
  const row = await deliver(platform, { appid: app.appid, personId: who.personId, direction: 'out', source: 'custom', kind: msg.msgtype, body })
  return messageView(row)
}

/**
 * 模板消息 (message/template/send): to a follower (43004 otherwise), with a picked template
 * (40037) and an optional mini program jump; `client_msg_id` makes a retry return the first msgid.
 * The account's server then gets TEMPLATESENDJOBFINISH.
 */
export async function sendTemplate(platform: Platform, app: OaApp, msg: TemplateSend) {
  const who = await personOfOpenid(platform.db, app.appid, msg.touser)
  const [template] = await platform.db
    .select()
    .from(oaTemplates)
    .where(and(eq(oaTemplates.appid, app.appid), eq(oaTemplates.templateId, msg.template_id)))
  if (!template) throw invalidTemplateId()
  if (!(await followerOf(platform.db, app.appid, msg.touser))) throw requireSubscribe()
  if (msg.miniprogram) await linkedMiniProgram(platform, app, msg.miniprogram.appid)
  if (msg.client_msg_id) {
    const [dup] = await platform.db
      .select()
      .from(oaMessages)
      .where(and(eq(oaMessages.appid, app.appid), eq(oaMessages.msgid, `client:${msg.client_msg_id}`)))
    if (dup) return { msgid: Number((dup.body as { msgid: number }).msgid), duplicate: true }
  }
  const msgid = Number(platform.ids.digits(10).replace(/^0/, '1'))
  const body = {
    msgid,
    templateId: template.templateId,
    title: template.title,
    data: msg.data,
    ...(msg.url && { url: msg.url }),
    ...(msg.miniprogram && { miniprogram: { appid: msg.miniprogram.appid, pagepath: msg.miniprogram.pagepath ?? '' } }),
  }
  // the report of the send goes out with it (an outbox), after the person sees the message
  const pushing = await pushLater(platform, {
    app,
    personId: who.personId,
    openid: msg.touser,
    kind: 'TEMPLATESENDJOBFINISH',
    fields: { MsgType: 'event', Event: 'TEMPLATESENDJOBFINISH', MsgID: msgid, Status: 'success' },
  })
  const written = await platform.db.batch([
    messageQuery(platform, {
      appid: app.appid,
      personId: who.personId,
      direction: 'out',
      source: 'template',
      kind: 'template',
      body,
      msgid: msg.client_msg_id ? `client:${msg.client_msg_id}` : `template:${msgid}`,
    }),
    ...pushing.queries,
  ])
  const [row] = written[0]
  await announce(platform, row!)
  await pushing.send(written)
  return { msgid, duplicate: false }
}
