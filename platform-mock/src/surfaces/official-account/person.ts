import { and, eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { SandboxError } from '../../shared/errors'
import { launch } from '../miniprogram/launch'
import { findOa, followerOf, identityOf, type OaApp } from './account'
import { interactionQuery, messageQuery, messageView } from './conversation'
import { invalid, notFollowing } from './errors'
import { mustMenu } from './menu'
import { pushLater, type PushInput } from './push'
import { qrExpired, sceneValue, type OaQrCode } from './qrcodes'
import { oaFollowers } from './schema'

/** subscribe_scene values (user/info). */
export const SUBSCRIBE_SCENES = [
  'ADD_SCENE_SEARCH', 'ADD_SCENE_ACCOUNT_MIGRATION', 'ADD_SCENE_PROFILE_CARD', 'ADD_SCENE_QR_CODE', 'ADD_SCENE_PROFILE_LINK',
  'ADD_SCENE_PROFILE_ITEM', 'ADD_SCENE_PAID', 'ADD_SCENE_WECHAT_ADVERTISEMENT', 'ADD_SCENE_REPRINT', 'ADD_SCENE_LIVESTREAM',
  'ADD_SCENE_CHANNELS', 'ADD_SCENE_WXA', 'ADD_SCENE_OTHERS',
] as const
export type SubscribeScene = (typeof SUBSCRIBE_SCENES)[number]

async function who(platform: Platform, personId: string, appid?: string) {
  const app = await findOa(platform.db, appid)
  const id = await identityOf(platform.db, app.appid, personId)
  return { app, openid: id.openid }
}

/** Follows the account (the profile's Follow button, or a parametric code); pushes `subscribe`. */
export async function follow(platform: Platform, personId: string, opts: { appid?: string; scene?: SubscribeScene; qr?: OaQrCode } = {}) {
  const { app, openid } = await who(platform, personId, opts.appid ?? opts.qr?.appid)
  if (await followerOf(platform.db, app.appid, openid)) {
    if (!opts.qr) return { following: true, alreadyFollowing: true, push: { pushed: false } }
    return scanWhileFollowing(platform, personId, app, openid, opts.qr)
  }
  const scene = opts.qr ? 'ADD_SCENE_QR_CODE' : (opts.scene ?? 'ADD_SCENE_PROFILE_CARD')
  const now = platform.clock.now()
  const fields = opts.qr
    ? { MsgType: 'event', Event: 'subscribe', EventKey: `qrscene_${sceneValue(opts.qr)}`, Ticket: opts.qr.ticket }
    : { MsgType: 'event', Event: 'subscribe', EventKey: '' }
  const pushing = await pushLater(platform, { app, personId, openid, kind: 'subscribe', fields })
  const written = await platform.db.batch([
    platform.db.insert(oaFollowers).values({
      appid: app.appid,
      openid,
      subscribeTime: Math.floor(now / 1000),
      subscribeScene: scene,
      qrScene: opts.qr?.sceneId ?? 0,
      qrSceneStr: opts.qr?.sceneStr ?? '',
    }),
    interactionQuery(platform, app.appid, openid, opts.qr ? 'scan' : 'subscribe'),
    ...pushing.queries,
  ])
  await platform.events.append({
    actor: personId,
    surface: 'official-account',
    type: 'oa.followed',
    subject: { appid: app.appid, person: personId, ...(opts.qr && { ticket: opts.qr.ticket }) },
    channel: opts.qr ? 'qr' : 'official-account',
    payload: { subscribeScene: scene, ...(opts.qr && { scene: sceneValue(opts.qr) }) },
  })
  return { following: true, alreadyFollowing: false, subscribeScene: scene, push: await pushing.send(written) }
}

async function scanWhileFollowing(platform: Platform, personId: string, app: OaApp, openid: string, qr: OaQrCode) {
  const fields = { MsgType: 'event', Event: 'SCAN', EventKey: sceneValue(qr), Ticket: qr.ticket }
  const pushing = await pushLater(platform, { app, personId, openid, kind: 'SCAN', fields })
  const written = await platform.db.batch([interactionQuery(platform, app.appid, openid, 'scan'), ...pushing.queries])
  await platform.events.append({
    actor: personId,
    surface: 'official-account',
    type: 'oa.code.scanned',
    subject: { appid: app.appid, person: personId, ticket: qr.ticket },
    channel: 'qr',
    payload: { scene: sceneValue(qr) },
  })
  return { following: true, alreadyFollowing: true, push: await pushing.send(written) }
}

/** Scanning an Official Account parametric code: follow with `qrscene_…`, or `SCAN` for a follower. */
export async function scanFollowCode(platform: Platform, personId: string, qr: OaQrCode) {
  if (qrExpired(platform, qr)) throw new SandboxError(410, 'expired_code', '二维码已过期 (this temporary code has expired)')
  return follow(platform, personId, { qr })
}

/** 不再关注: removes the follow and pushes `unsubscribe`. */
export async function unfollow(platform: Platform, personId: string, appid?: string) {
  const { app, openid } = await who(platform, personId, appid)
  if (!(await followerOf(platform.db, app.appid, openid))) throw notFollowing(personId)
  const fields = { MsgType: 'event', Event: 'unsubscribe', EventKey: '' }
  const pushing = await pushLater(platform, { app, personId, openid, kind: 'unsubscribe', fields })
  const written = await platform.db.batch([platform.db.delete(oaFollowers).where(and(eq(oaFollowers.appid, app.appid), eq(oaFollowers.openid, openid))), ...pushing.queries])
  await platform.events.append({ actor: personId, surface: 'official-account', type: 'oa.unfollowed', subject: { appid: app.appid, person: personId } })
  return { following: false, push: await pushing.send(written) }
}

async function mustFollow(platform: Platform, personId: string, appid?: string) {
  const w = await who(platform, personId, appid)
  if (!(await followerOf(platform.db, w.app.appid, w.openid))) throw notFollowing(personId)
  return w
}

/** The person writes to the account: stored, opens the 48-hour window, pushed as a text message. */
export async function sendText(platform: Platform, personId: string, content: string, appid?: string) {
  const { app, openid } = await mustFollow(platform, personId, appid)
  const msgid = platform.ids.digits(20).replace(/^0/, '2')
  const fields = { MsgType: 'text', Content: content, MsgId: BigInt(msgid) }
  const pushing = await pushLater(platform, { app, personId, openid, kind: 'text', fields })
  const written = await platform.db.batch([
    messageQuery(platform, { appid: app.appid, personId, direction: 'in', source: 'person', kind: 'text', body: { content }, msgid }),
    interactionQuery(platform, app.appid, openid, 'message'),
    ...pushing.queries,
  ])
  const [row] = written[0]
  await platform.events.append({
    actor: personId,
    surface: 'official-account',
    type: 'oa.message.sent',
    subject: { appid: app.appid, person: personId, message: String(row!.seq) },
    channel: 'official-account',
    payload: { kind: 'text', preview: content.slice(0, 60) },
  })
  return { message: messageView(row!), push: await pushing.send(written) }
}

/**
 * Taps a menu button (`top`, and `sub` inside a sub-menu): `click` pushes CLICK; `view` pushes
 * VIEW and answers the URL to open; `miniprogram` pushes view_miniprogram and opens the mini
 * program with scene 1035.
 */
export async function tapMenu(platform: Platform, personId: string, at: { top: number; sub?: number; appid?: string }) {
  const { app, openid } = await who(platform, personId, at.appid)
  const menu = await mustMenu(platform, app.appid).catch(() => {
    throw new SandboxError(404, 'no_menu', 'the account has no menu')
  })
  const top = menu.button[at.top]
  const button = at.sub === undefined ? top : top?.sub_button?.[at.sub]
  if (!button || button.sub_button?.length) throw invalid('no such button (a button with a sub-menu opens it: give `sub`)')
  const subject = { appid: app.appid, person: personId }
  const base = { MsgType: 'event' }
  const event: Pick<PushInput, 'kind' | 'fields'> | null =
    button.type === 'click'
      ? { kind: 'CLICK', fields: { ...base, Event: 'CLICK', EventKey: button.key! } }
      : button.type === 'view'
        ? { kind: 'VIEW', fields: { ...base, Event: 'VIEW', EventKey: button.url!, MenuId: String(menu.menuid) } }
        : button.type === 'miniprogram'
          ? { kind: 'view_miniprogram', fields: { ...base, Event: 'view_miniprogram', EventKey: button.pagepath!, MenuId: String(menu.menuid) } }
          : null
  const pushing = event ? await pushLater(platform, { app, personId, openid, ...event }) : null
  const written = await platform.db.batch([interactionQuery(platform, app.appid, openid, 'menu'), ...(pushing?.queries ?? [])])
  await platform.events.append({ actor: personId, surface: 'official-account', type: 'oa.menu.tapped', subject, channel: 'official-account', payload: { name: button.name, type: button.type, key: button.key ?? null } })
  const push = () => pushing!.send(written)
  switch (button.type) {
    case 'click':
      return { type: 'click', push: await push() }
    case 'view':
      return { type: 'view', url: button.url, push: await push() }
    case 'miniprogram': {
      const pushed = await push()
      const launched = await launch(platform, personId, { entry: 'oa-menu', appid: button.appid, path: button.pagepath }, { subject: { officialAccount: app.appid } })
      return { type: 'miniprogram', push: pushed, launch: launched }
    }
    default:
      return { type: button.type, push: { pushed: false } }
  }
}
