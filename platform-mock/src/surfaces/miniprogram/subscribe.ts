import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import { fire } from '../../faults/rules'
import type { Platform } from '../../platform'
import type { Db } from '../../shared/db'
import { personByOpenid } from '../../world/people'
import { apps } from '../../world/schema'
import {
  argumentInvalid,
  invalidOpenid,
  invalidPage,
  invalidTemplateId,
  noSuchNotification,
  notClickable,
  userRefused,
} from './errors'
import { currentJourney, launch } from './launch'
import { isPublishedPage, PAGE_PATH, splitPath, type MiniProgramApp } from './pages'
import { unreleasedPage } from './page-faults'
import { mpNotifications, mpSubscriptions } from './schema'
import { findTemplate, keywordProblem, templatesOf } from './templates'
import type { SubscribeSend } from './wire'

export type Decision = 'accept' | 'reject'
/** What the person's WeChat answers for a template: their decision, or WeChat's ban (fault `ban`). */
export type Answer = Decision | 'ban'

/** What `wx.requestSubscribeMessage` can fail with (its errCode), as the real client reports it. */
export class SubscribeRequestFailure extends Error {
  constructor(
    readonly errCode: number,
    message: string,
  ) {
    super(message)
  }

  getResponse() {
    return Response.json(
      { errMsg: `requestSubscribeMessage:fail ${this.message}`, errCode: this.errCode, error: { code: 'request_failed', message: this.message } },
      { status: 400 },
    )
  }
}

/**
 * wx.requestSubscribeMessage: the person answers each template; every `accept` is one more send
 * the mini program may make with it. Answers `{errMsg, [tmplId]: 'accept' | 'reject'}`.
 */
export async function requestSubscribeMessage(
  platform: Platform,
  app: MiniProgramApp,
  personId: string,
  tmplIds: string[],
  decisions: Record<string, Decision> = {},
) {
  const { db, clock, events } = platform
  if (tmplIds.length === 0) throw new SubscribeRequestFailure(10001, 'TmplIds can\'t be empty')
  if (tmplIds.length > 5) throw new SubscribeRequestFailure(20003, 'Templates count out of max bounds')
  const known = new Set((await templatesOf(db, app.appid)).map((t) => t.templateId))
  const unknown = tmplIds.find((id) => !known.has(id))
  // `!== undefined`: an empty id is as unknown as any other (and falsy)
  if (unknown !== undefined) throw new SubscribeRequestFailure(20001, `No template data return, verify the template id exist: ${unknown}`)
  const now = clock.now()
  const answers: Record<string, Answer> = {}
  for (const id of tmplIds) answers[id] = decisions[id] ?? 'accept'
  // fault `reject` / `ban`: WeChat answers that for the rule's templates, whatever was chosen
  const fired = await fire<{ tmplIds?: string[] }>(platform, { surface: 'miniprogram', faults: ['reject', 'ban'], route: '/subscribe', app: app.appid, person: personId })
  if (fired) for (const id of tmplIds) if (!fired.params.tmplIds || fired.params.tmplIds.includes(id)) answers[id] = fired.rule.fault as Answer
  const accepted = [...new Set(tmplIds.filter((id) => answers[id] === 'accept'))]
  if (accepted.length > 0) {
    const [first, ...rest] = accepted.map((templateId) =>
      db
        .insert(mpSubscriptions)
        .values({ appid: app.appid, personId, templateId, credits: 1, updatedAt: now })
        .onConflictDoUpdate({
          target: [mpSubscriptions.appid, mpSubscriptions.personId, mpSubscriptions.templateId],
          set: { credits: sql`${mpSubscriptions.credits} + 1`, updatedAt: now },
        }),
    )
    await db.batch([first!, ...rest])
  }
  const journey = await currentJourney(platform, personId)
  await events.append({
    actor: personId,
    surface: 'miniprogram',
    type: 'miniprogram.subscribe.answered',
    subject: { person: personId, appid: app.appid },
    journeyId: journey?.journeyId ?? undefined,
    payload: { answers },
  })
  return { errMsg: 'requestSubscribeMessage:ok', ...answers }
}

/** The consents a person has left with an app: sends remaining per template. */
export async function subscriptionsOf(db: Db, appid: string, personId: string) {
  const rows = await db
    .select()
    .from(mpSubscriptions)
    .where(and(eq(mpSubscriptions.appid, appid), eq(mpSubscriptions.personId, personId), gt(mpSubscriptions.credits, 0)))
  return rows.map((r) => ({ templateId: r.templateId, remaining: r.credits }))
}

/**
 * subscribeMessage.send: checks the recipient, template, page and every keyword value, then uses
 * one consent and delivers the message into the person's Service Notifications.
 */
export async function sendSubscribeMessage(platform: Platform, app: MiniProgramApp, msg: SubscribeSend) {
  const { db, clock, ids, events } = platform
  const identity = await personByOpenid(db, app.appid, msg.touser)
  if (!identity) throw invalidOpenid()
  const template = await findTemplate(db, app.appid, msg.template_id)
  if (!template) throw invalidTemplateId()
  const state = msg.miniprogram_state ?? 'formal'
  if (msg.page !== undefined && msg.page !== '') {
    const { page } = splitPath(msg.page)
    if (!PAGE_PATH.test(page) || (state === 'formal' && !(await isPublishedPage(db, app.appid, page)))) throw invalidPage()
    if (state === 'formal' && (await unreleasedPage(platform, { route: '/cgi-bin/message/subscribe/send', appid: app.appid }))) throw invalidPage()
  }
  const data: Record<string, string> = {}
  for (const kw of template.keywords) {
    const entry = msg.data[kw.key]
    const value = entry === undefined ? '' : String(entry.value)
    const problem = keywordProblem(kw.key, value)
    if (problem) throw argumentInvalid(`data.${kw.key}.value`, problem)
    data[kw.key] = value
  }
  const now = clock.now()
  // msgid: a 16-digit number that stays exact in a JavaScript number
  const msgid = Number(`2${ids.digits(15)}`)
  const row = {
    id: `sn_${ids.alnum(16)}`,
    msgid,
    appid: app.appid,
    personId: identity.personId,
    templateId: template.templateId,
    page: msg.page ? msg.page.replace(/^\/+/, '') : null,
    state,
    lang: msg.lang ?? 'zh_CN',
    data,
    sentAt: now,
  }
  // Delivery and the use of one consent happen together or not at all: both only where a consent is left.
  const consentLeft = and(
    eq(mpSubscriptions.appid, app.appid),
    eq(mpSubscriptions.personId, identity.personId),
    eq(mpSubscriptions.templateId, template.templateId),
    gt(mpSubscriptions.credits, 0),
  )
  const [delivered] = await db.batch([
    db.run(sql`INSERT INTO mp_notifications (id, msgid, appid, person_id, template_id, page, state, lang, data, sent_at)
      SELECT ${row.id}, ${row.msgid}, ${row.appid}, ${row.personId}, ${row.templateId}, ${row.page}, ${row.state}, ${row.lang},
        ${JSON.stringify(data)}, ${now}
      FROM ${mpSubscriptions} WHERE ${consentLeft}`),
    db
      .update(mpSubscriptions)
      .set({ credits: sql`${mpSubscriptions.credits} - 1`, updatedAt: now })
      .where(consentLeft),
  ])
  if (delivered.rowsAffected === 0) throw userRefused()
  const journey = await currentJourney(platform, identity.personId)
  await events.append({
    actor: app.appid,
    surface: 'miniprogram',
    type: 'miniprogram.subscribe-message.sent',
    subject: { person: identity.personId, appid: app.appid, template: template.templateId, notification: row.id },
    journeyId: journey?.journeyId ?? undefined,
    payload: { template: template.slug, title: template.title, titleEn: template.titleEn, page: row.page, msgid },
  })
  return { errcode: 0, errmsg: 'ok', msgid }
}

/** A person's Service Notifications (服务通知), newest first, with each template's keyword names. */
export async function serviceNotifications(db: Db, personId: string) {
  const rows = await db
    .select({ n: mpNotifications, appName: apps.name })
    .from(mpNotifications)
    .leftJoin(apps, eq(apps.appid, mpNotifications.appid))
    .where(eq(mpNotifications.personId, personId))
    .orderBy(desc(mpNotifications.sentAt), desc(mpNotifications.msgid))
  const templateIds = [...new Set(rows.map((r) => r.n.templateId))]
  const templates = new Map<string, Awaited<ReturnType<typeof templatesOf>>[number]>()
  for (const appid of new Set(rows.map((r) => r.n.appid))) {
    for (const t of await templatesOf(db, appid)) if (templateIds.includes(t.templateId)) templates.set(t.templateId, t)
  }
  return rows.map(({ n, appName }) => {
    const t = templates.get(n.templateId)
    return {
      id: n.id,
      appid: n.appid,
      appName: appName ?? n.appid,
      templateId: n.templateId,
      title: t?.title ?? '',
      titleEn: t?.titleEn ?? '',
      keywords: (t?.keywords ?? []).map((kw) => ({ key: kw.key, name: kw.name, nameEn: kw.nameEn, value: n.data[kw.key] ?? '' })),
      page: n.page,
      clickable: n.page !== null,
      sentAt: new Date(n.sentAt).toISOString(),
      openedAt: n.openedAt === null ? null : new Date(n.openedAt).toISOString(),
    }
  })
}

/** Tapping a notification: the mini program opens at its page with scene 1014. */
export async function openNotification(platform: Platform, personId: string, id: string) {
  const { db, clock } = platform
  const [n] = await db
    .select()
    .from(mpNotifications)
    .where(and(eq(mpNotifications.id, id), eq(mpNotifications.personId, personId)))
  if (!n) throw noSuchNotification(id)
  if (n.page === null) throw notClickable()
  const result = await launch(
    platform,
    personId,
    { entry: 'subscribe-message', appid: n.appid, path: n.page },
    { subject: { notification: n.id, template: n.templateId } },
  )
  await db
    .update(mpNotifications)
    .set({ openedAt: clock.now() })
    .where(and(eq(mpNotifications.id, n.id), isNull(mpNotifications.openedAt)))
  return result
}
