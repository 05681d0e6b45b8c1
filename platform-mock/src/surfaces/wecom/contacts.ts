import { and, asc, eq } from 'drizzle-orm'
import QRCode from 'qrcode'
import type { Platform } from '../../platform'
import { SandboxError } from '../../shared/errors'
import { getPerson } from '../../world/people'
import { unionidFor } from '../../world/credentials'
import { pushEventLater } from './callback'
import { chatStarted, deliver, bubblesOf } from './conversations'
import { corpById, externalUseridFor, staffOf, type Corp } from './corp'
import { invalidConfigId, invalidExternalUserid, invalidParameter, invalidUserid, welcomeNotAllowed } from './errors'
import { wecomContactWays, wecomFollows } from './schema'
import type { AddContactWay, SendWelcomeMsg } from './wire'

export type ContactWay = typeof wecomContactWays.$inferSelect
export type Follow = typeof wecomFollows.$inferSelect

/** What a contact-me QR code encodes (WeCom does not publish the format; the scanner resolves it). */
export const CONTACT_ME_PREFIX = 'https://work.weixin.qq.com/u/'
const CONTACT_ME = /^https?:\/\/work\.weixin\.qq\.com\/u\/([A-Za-z0-9]+)$/

/** The welcome code of an add event is usable for 20 s. */
export const WELCOME_TTL_MS = 20_000

/** add_way of a follow_user: 1 = 扫描二维码 (a contact-me code). */
export const ADD_WAY_QR = 1

/** 配置客户联系「联系我」方式: checks members and limits, then stores the code. */
export async function addContactWay(platform: Platform, corpid: string, req: AddContactWay) {
  const users = req.user ?? []
  if (req.party?.length && req.type === 1) throw invalidParameter('type 1 takes exactly one user, no party')
  if (req.type === 1 && users.length !== 1) throw invalidParameter('type 1 takes exactly one user')
  if (req.type === 2 && users.length === 0) throw invalidParameter('type 2 needs users (parties are not emulated)')
  for (const u of users) if (!(await staffOf(platform, corpid, u))) throw invalidUserid(u)
  if (req.is_temp) throw invalidParameter('is_temp (temporary sessions) is not emulated')
  const row: ContactWay = {
    configId: platform.ids.hex(32),
    corpid,
    code: platform.ids.alnum(28),
    type: req.type,
    scene: req.scene,
    style: req.style ?? null,
    remark: req.remark ?? '',
    skipVerify: req.skip_verify ?? true,
    state: req.state ?? '',
    users,
    createdAt: platform.clock.now(),
  }
  await platform.db.insert(wecomContactWays).values(row)
  await platform.events.append({
    actor: corpid,
    surface: 'wecom',
    type: 'wecom.contact_way.created',
    subject: { corpid, configId: row.configId },
    payload: { type: row.type, scene: row.scene, state: row.state, users, skipVerify: row.skipVerify },
  })
  return row
}

/** The `qr_code` address of a way: WeCom's picture host (served by the sandbox at `/wwhead/…`). */
export const qrCodeUrl = (way: ContactWay) => `http://p.qpic.cn/wwhead/${way.code}/0`

export const contactMePayload = (way: ContactWay) => `${CONTACT_ME_PREFIX}${way.code}`

/** The code's picture: a real, scannable QR of its payload. */
export const contactWayPng = (way: ContactWay) => QRCode.toBuffer(contactMePayload(way), { type: 'png', width: 430, margin: 2, errorCorrectionLevel: 'M' })

export async function wayByCode(platform: Platform, code: string) {
  const [row] = await platform.db.select().from(wecomContactWays).where(eq(wecomContactWays.code, code))
  return row
}

export async function wayById(platform: Platform, corpid: string, configId: string) {
  const [row] = await platform.db.select().from(wecomContactWays).where(and(eq(wecomContactWays.configId, configId), eq(wecomContactWays.corpid, corpid)))
  if (!row) throw invalidConfigId()
  return row
}

/** A scanned payload that is a contact-me code, or undefined when it is not one of ours. */
export async function wayByPayload(platform: Platform, payload: string) {
  const m = CONTACT_ME.exec(payload.trim())
  return m ? wayByCode(platform, m[1]!) : undefined
}

export function wayView(w: ContactWay) {
  return {
    config_id: w.configId,
    type: w.type,
    scene: w.scene,
    ...(w.style !== null && { style: w.style }),
    remark: w.remark,
    skip_verify: w.skipVerify,
    state: w.state,
    qr_code: qrCodeUrl(w),
    user: w.users,
    party: [] as number[],
    is_temp: false,
  }
}

export async function deleteWay(platform: Platform, corpid: string, configId: string) {
  await wayById(platform, corpid, configId)
  await platform.db.delete(wecomContactWays).where(eq(wecomContactWays.configId, configId))
}

/** The consultant a code leads to: type 1 its only user; type 2 the member with the fewest customers. */
async function consultantOf(platform: Platform, way: ContactWay) {
  if (way.users.length === 1) return way.users[0]!
  let best = way.users[0]!
  let fewest = Infinity
  for (const u of way.users) {
    const n = (await platform.db.select({ p: wecomFollows.personId }).from(wecomFollows).where(and(eq(wecomFollows.corpid, way.corpid), eq(wecomFollows.userid, u)))).length
    if (n < fewest) [best, fewest] = [u, n]
  }
  return best
}

/** What the phone shows after scanning a contact-me code: the consultant's card and the corp. */
export async function wayProfile(platform: Platform, way: ContactWay, personId: string) {
  const corp = (await corpById(platform, way.corpid))!
  const userid = await consultantOf(platform, way)
  const staff = (await staffOf(platform, way.corpid, userid))!
  const existing = await followOf(platform, way.corpid, userid, personId)
  return {
    configId: way.configId,
    corpid: corp.corpid,
    corpName: corp.name,
    corpTag: `@${corp.name}`,
    consultant: { userid, name: staff.name, nameZh: staff.nameZh ?? staff.name, position: staff.position, avatar: staff.avatar },
    added: !!existing,
  }
}

export async function followOf(platform: Platform, corpid: string, userid: string, personId: string) {
  const [row] = await platform.db
    .select()
    .from(wecomFollows)
    .where(and(eq(wecomFollows.corpid, corpid), eq(wecomFollows.userid, userid), eq(wecomFollows.personId, personId)))
  return row
}

/**
 * The person taps "Add to Contacts" on a contact-me code's card: the relationship is made
 * (skip_verify or not: the consultant is taken to accept at once), and the corp's callback gets
 * `change_external_contact` / `add_external_contact` with State and, unless the chat has already
 * started, a WelcomeCode valid for 20 s.
 */
export async function addContact(platform: Platform, personId: string, way: ContactWay) {
  const person = await getPerson(platform.db, personId)
  if (!person) throw new SandboxError(404, 'not_found', `no person ${personId}`)
  const corp = (await corpById(platform, way.corpid))!
  const userid = await consultantOf(platform, way)
  const existing = await followOf(platform, corp.corpid, userid, personId)
  const externalUserid = externalUseridFor(platform.credentials.worldSecret, corp.corpid, personId)
  if (existing) return { added: false, alreadyAdded: true, corpid: corp.corpid, userid, externalUserid, conversation: `wecom:${corp.corpid}:${userid}`, push: { pushed: false } }
  const now = platform.clock.now()
  const started = await chatStarted(platform, corp.corpid, userid, personId)
  const welcomeCode = started ? null : platform.ids.alnum(43)
  const row: Follow = {
    corpid: corp.corpid,
    userid,
    personId,
    externalUserid,
    remark: '',
    description: '',
    state: way.state,
    addWay: ADD_WAY_QR,
    configId: way.configId,
    tags: [],
    createtime: Math.floor(now / 1000),
    welcomeCode,
    welcomeExpiresAt: welcomeCode ? now + WELCOME_TTL_MS : null,
    welcomeUsedAt: null,
  }
  const pushing = await pushEventLater(platform, corp, 'add_external_contact', {
    FromUserName: 'sys',
    CreateTime: row.createtime,
    MsgType: 'event',
    Event: 'change_external_contact',
    ChangeType: 'add_external_contact',
    UserID: userid,
    ExternalUserID: externalUserid,
    ...(way.state && { State: way.state }),
    ...(welcomeCode && { WelcomeCode: welcomeCode }),
  })
  const written = await platform.db.batch([platform.db.insert(wecomFollows).values(row), ...pushing.queries])
  await platform.events.append({
    actor: personId,
    surface: 'wecom',
    type: 'wecom.contact.added',
    subject: { corpid: corp.corpid, userid, person: personId, externalUserid, configId: way.configId },
    payload: { state: way.state, addWay: ADD_WAY_QR, welcomeCode: !!welcomeCode, recipients: [personId] },
  })
  const push = await pushing.send(written)
  return { added: true, alreadyAdded: false, corpid: corp.corpid, userid, externalUserid, conversation: `wecom:${corp.corpid}:${userid}`, push }
}

/**
 * 发送新客户欢迎语: once, within 20 s of the add event, and only while the chat is empty (41051);
 * the text and attachments land in the person's chat with the consultant.
 */
export async function sendWelcome(platform: Platform, corp: Corp, req: SendWelcomeMsg) {
  if (!req.text?.content && !req.attachments?.length) throw invalidParameter('text or attachments')
  if ((req.attachments?.length ?? 0) > 9) throw invalidParameter('at most 9 attachments')
  const [follow] = await platform.db.select().from(wecomFollows).where(and(eq(wecomFollows.corpid, corp.corpid), eq(wecomFollows.welcomeCode, req.welcome_code)))
  if (!follow) throw invalidParameter('welcome_code')
  const now = platform.clock.now()
  if (follow.welcomeUsedAt !== null || now >= (follow.welcomeExpiresAt ?? 0) || (await chatStarted(platform, corp.corpid, follow.userid, follow.personId))) throw welcomeNotAllowed()
  await platform.db
    .update(wecomFollows)
    .set({ welcomeUsedAt: now })
    .where(and(eq(wecomFollows.corpid, corp.corpid), eq(wecomFollows.userid, follow.userid), eq(wecomFollows.personId, follow.personId)))
  const rows = await deliver(platform, { channel: 'contact', corpid: corp.corpid, peer: follow.userid, personId: follow.personId }, 'staff', 'welcome', bubblesOf(req.text, req.attachments), corp.corpid)
  return rows
}

/** 获取客户列表: the external_userids of a member's customers. */
export async function externalIdsOf(platform: Platform, corpid: string, userid: string) {
  const rows = await platform.db.select().from(wecomFollows).where(and(eq(wecomFollows.corpid, corpid), eq(wecomFollows.userid, userid))).orderBy(asc(wecomFollows.createtime))
  return rows.map((r) => r.externalUserid)
}

export async function followsOfExternal(platform: Platform, corpid: string, externalUserid: string) {
  return platform.db.select().from(wecomFollows).where(and(eq(wecomFollows.corpid, corpid), eq(wecomFollows.externalUserid, externalUserid))).orderBy(asc(wecomFollows.createtime))
}

/** 获取客户详情: external_contact and follow_user of a customer of the corp (40096 otherwise). */
export async function externalContactDetail(platform: Platform, corp: Corp, externalUserid: string, avatarBase: string) {
  const follows = await followsOfExternal(platform, corp.corpid, externalUserid)
  if (!follows.length) throw invalidExternalUserid()
  const person = (await getPerson(platform.db, follows[0]!.personId))!
  return {
    external_contact: {
      external_userid: externalUserid,
      name: person.name,
      avatar: `${avatarBase}/_sandbox/people/${person.id}/avatar.svg`,
      type: 1,
      gender: 0,
      unionid: unionidFor(platform.credentials.worldSecret, corp.brandId, person.id),
    },
    follow_user: follows.map((f) => ({
      userid: f.userid,
      remark: f.remark,
      description: f.description,
      createtime: f.createtime,
      tags: f.tags,
      remark_mobiles: [] as string[],
      add_way: f.addWay,
      oper_userid: externalUserid,
      ...(f.state && { state: f.state }),
    })),
    next_cursor: '',
  }
}

/** The consultants a person has added, across corps, for the phone's Contacts. */
export async function followsOfPerson(platform: Platform, personId: string) {
  return platform.db.select().from(wecomFollows).where(eq(wecomFollows.personId, personId)).orderBy(asc(wecomFollows.createtime))
}

/**
 * 批量获取客户详情 (batch/get_by_user): the customers of the given members, one entry per
 * relationship (`follow_info` with `tag_id[]`), paged by an opaque cursor (`limit` ≤ 100).
 */
export async function externalContactsByUser(platform: Platform, corp: Corp, req: { userid_list: string[]; cursor?: string; limit?: number }, avatarBase: string) {
  if (!req.userid_list.length || req.userid_list.length > 100) throw invalidParameter('userid_list (1 to 100 members)')
  for (const u of req.userid_list) if (!(await staffOf(platform, corp.corpid, u))) throw invalidUserid(u)
  const limit = req.limit ?? 50
  if (limit < 1 || limit > 100) throw invalidParameter('limit (1 to 100)')
  let offset = 0
  if (req.cursor) {
    const m = /^o(\d+)$/.exec(Buffer.from(req.cursor, 'base64url').toString())
    if (!m) throw invalidParameter('cursor')
    offset = Number(m[1])
  }
  const all: Follow[] = []
  for (const u of req.userid_list) all.push(...(await platform.db.select().from(wecomFollows).where(and(eq(wecomFollows.corpid, corp.corpid), eq(wecomFollows.userid, u))).orderBy(asc(wecomFollows.createtime))))
  const page = all.slice(offset, offset + limit)
  const list = []
  for (const f of page) {
    const { external_contact } = await externalContactDetail(platform, corp, f.externalUserid, avatarBase)
    list.push({
      external_contact,
      follow_info: {
        userid: f.userid,
        remark: f.remark,
        description: f.description,
        createtime: f.createtime,
        tag_id: f.tags.map((t) => t.tag_id),
        remark_mobiles: [] as string[],
        add_way: f.addWay,
        oper_userid: f.externalUserid,
        ...(f.state && { state: f.state }),
      },
    })
  }
  const next = offset + limit < all.length ? Buffer.from(`o${offset + limit}`).toString('base64url') : ''
  return { external_contact_list: list, next_cursor: next }
}

/** A member's customers (follow relationships), oldest first. */
export async function followsOfMember(platform: Platform, corpid: string, userid: string) {
  return platform.db.select().from(wecomFollows).where(and(eq(wecomFollows.corpid, corpid), eq(wecomFollows.userid, userid))).orderBy(asc(wecomFollows.createtime))
}
