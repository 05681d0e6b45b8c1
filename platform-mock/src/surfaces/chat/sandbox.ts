import { Hono } from 'hono'
import { z } from 'zod'
import { SandboxError } from '../../shared/errors'
import type { PlatformEnv } from '../../shared/env'
import { sandboxJson } from '../../shared/validate'
import { createHmac } from 'node:crypto'
import { getPerson, personByOpenid } from '../../world/people'
import { findMiniProgram } from '../miniprogram/pages'
import { conversationsOf, markRead, membersOf, messagesOf, sendMessage } from './conversations'
import { orderAttribution, personAttribution } from './attribution'
import { attributionView, chainOf, findAttribution, findShare, latestAttribution, listShares, peopleOf, shareTicketInfo } from './shares'
import type { ShareRow } from './shares'
import { SendMessage } from './wire'
import { currentSessionKey } from '../miniprogram/login'
import { sealOpenData } from '../miniprogram/open-data'
import { ALBUM, photo, photoUrl, STICKERS, sticker, stickerUrl } from './media'

async function person(c: { var: PlatformEnv['Variables'] }, id: string) {
  const p = await getPerson(c.var.db, id)
  if (!p) throw new SandboxError(404, 'not_found', `no person ${id}`)
  return p
}

/** A group's openGId for a mini program: stable per app and group, like WeChat's. */
const openGIdFor = (secret: string, appid: string, groupId: string) => `tG${createHmac('sha256', secret).update(`opengid:${appid}:${groupId}`).digest('base64url').slice(0, 26)}`

/** The chat side of a person's phone: `/_sandbox/people/:id/conversations…` and `/messages`. */
export const chatSandbox = new Hono<PlatformEnv>()
  .get('/people/:id/conversations', async (c) => {
    const p = await person(c, c.req.param('id'))
    return c.json({ conversations: await conversationsOf(c.var.db, p.id) })
  })
  .get('/people/:id/conversations/:conversation/messages', async (c) => {
    const p = await person(c, c.req.param('id'))
    return c.json({ messages: await messagesOf(c.var.db, p.id, c.req.param('conversation')) })
  })
  .post('/people/:id/conversations/:conversation/read', sandboxJson(z.object({ seq: z.number().int().min(0) })), async (c) => {
    const p = await person(c, c.req.param('id'))
    const conversation = c.req.param('conversation')
    await messagesOf(c.var.db, p.id, conversation, 1) // membership check
    await markRead(c.var.db, p.id, conversation, c.req.valid('json').seq)
    return c.body(null, 204)
  })
  .post('/people/:id/messages', sandboxJson(SendMessage), async (c) => {
    const p = await person(c, c.req.param('id'))
    return c.json(await sendMessage(c.var.platform, p.id, c.req.valid('json')), 201)
  })
  /** The sticker panel and the photo album every phone has (drawn by the sandbox; see media.ts). */
  .get('/chat/stickers', (c) => c.json({ stickers: STICKERS.map((s) => ({ id: s.id, name: s.name, nameZh: s.nameZh, url: stickerUrl(s.id) })) }))
  .get('/chat/stickers/:file', (c) => {
    const s = sticker(c.req.param('file').replace(/\.svg$/, ''))
    if (!s) throw new SandboxError(404, 'not_found', `no sticker ${c.req.param('file')}`)
    return c.body(s.svg, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' })
  })
  .get('/chat/album', (c) => c.json({ photos: ALBUM.map((p) => ({ id: p.id, title: p.title, titleZh: p.titleZh, width: p.width, height: p.height, url: photoUrl(p.id) })) }))
  .get('/chat/album/:file', (c) => {
    const p = photo(c.req.param('file').replace(/\.svg$/, ''))
    if (!p) throw new SandboxError(404, 'not_found', `no photo ${c.req.param('file')}`)
    return c.body(p.svg, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' })
  })
  /** wx.getShareInfo's answer, plainly: the group behind a shareTicket, for a member of it. */
  .get('/people/:id/share-tickets/:ticket', async (c) => {
    const p = await person(c, c.req.param('id'))
    const ticket = await shareTicketInfo(c.var.db, c.req.param('ticket'))
    if (!ticket || !(await membersOf(c.var.db, ticket.conversation))?.includes(p.id)) throw new SandboxError(404, 'not_found', `no shareTicket ${c.req.param('ticket')} in a group of ${p.id}`)
    const groupId = ticket.conversation.slice('group:'.length)
    const secret = c.var.platform.credentials.worldSecret
    return c.json({
      shareTicket: c.req.param('ticket'),
      appid: ticket.appid,
      groupId,
      openGId: openGIdFor(secret, ticket.appid, groupId),
      sharedBy: ticket.sender,
      message: ticket.seq,
    })
  })
  /**
   * wx.getShareInfo({shareTicket}): the group as encrypted open data (`{openGId, watermark}`,
   * AES-128-CBC with the session_key of the person's latest wx.login), for a member of the group.
   */
  .post('/people/:id/miniprogram/share-info', sandboxJson(z.object({ shareTicket: z.string().min(1), appid: z.string().optional() })), async (c) => {
    const p = await person(c, c.req.param('id'))
    const body = c.req.valid('json')
    const ticket = await shareTicketInfo(c.var.db, body.shareTicket)
    if (!ticket || !(await membersOf(c.var.db, ticket.conversation))?.includes(p.id)) throw new SandboxError(404, 'not_found', `getShareInfo:fail invalid shareTicket`)
    const appid = body.appid ?? ticket.appid
    if (appid !== ticket.appid) throw new SandboxError(400, 'invalid', 'getShareInfo:fail the shareTicket belongs to another mini program')
    const sessionKey = await currentSessionKey(c.var.db, appid, p.id)
    if (!sessionKey) throw new SandboxError(409, 'no_session', 'getShareInfo:fail no session: call wx.login first')
    const groupId = ticket.conversation.slice('group:'.length)
    const platform = c.var.platform
    const openGId = openGIdFor(platform.credentials.worldSecret, appid, groupId)
    const sealed = sealOpenData(sessionKey, { openGId }, appid, Math.floor(platform.clock.now() / 1000), platform.ids.bytes(16))
    return c.json({ ...sealed, errMsg: 'getShareInfo:ok' })
  })
  /** Every share and forward, newest first (`?sharer=`), each with its chain. */
  .get('/shares', async (c) => {
    const rows = await listShares(c.var.db, { sharer: c.req.query('sharer') })
    return c.json({ shares: await Promise.all(rows.map((s) => shareView(c.var.db, s))) })
  })
  .get('/shares/:shareId', async (c) => {
    const share = await findShare(c.var.db, c.req.param('shareId'))
    if (!share) throw new SandboxError(404, 'not_found', `no share ${c.req.param('shareId')}`)
    return c.json(await shareView(c.var.db, share))
  })
  /** The chain behind a person's latest launch (`person` or `openid`, and `appid`), or one launch's (`id`). */
  .get('/attribution', async (c) => {
    const { id, person: personId, openid } = c.req.query()
    if (id) {
      const row = await findAttribution(c.var.db, id)
      if (!row) throw new SandboxError(404, 'not_found', `no attribution ${id}`)
      return c.json(attributionView(row))
    }
    const app = await findMiniProgram(c.var.platform, c.req.query('appid'))
    const who = personId ? (await person(c, personId)).id : openid ? (await personByOpenid(c.var.db, app.appid, openid))?.personId : undefined
    if (!who) throw new SandboxError(personId || openid ? 404 : 400, personId || openid ? 'not_found' : 'invalid', personId || openid ? `no person with openid ${openid} in ${app.appid}` : 'name a person, an openid or an attribution id')
    const row = await latestAttribution(c.var.db, who, app.appid)
    if (!row) throw new SandboxError(404, 'not_found', `${who} has not launched ${app.appid}`)
    return c.json(attributionView(row))
  })
  /** An order's chain, for the presenter: the payer's first touch, shares and forwards, open, and the payment(s). */
  .get('/attribution/orders/:outTradeNo', async (c) => {
    const outTradeNo = c.req.param('outTradeNo')
    const chain = await orderAttribution(c.var.platform, outTradeNo)
    if (!chain) throw new SandboxError(404, 'not_found', `no paid order ${outTradeNo}`)
    return c.json(chain)
  })
  /** A person's chain: their latest launch (`?appid=` to name the app) and what they paid after it. */
  .get('/attribution/people/:id', async (c) => {
    const p = await person(c, c.req.param('id'))
    const appid = c.req.query('appid')
    const chain = await personAttribution(c.var.platform, p.id, appid)
    if (!chain) throw new SandboxError(404, 'not_found', `${p.id} has not opened ${appid ?? 'a mini program'} yet`)
    return c.json(chain)
  })

async function shareView(db: PlatformEnv['Variables']['db'], s: ShareRow) {
  const chain = await chainOf(db, s)
  return {
    shareId: s.id,
    parentShareId: s.parentId,
    how: s.how,
    kind: s.kind,
    sharer: s.sharer,
    conversation: s.conversation,
    message: s.messageSeq,
    appid: s.appid,
    target: s.target,
    title: s.title,
    journeyId: s.journeyId,
    sentAt: new Date(s.sentAt).toISOString(),
    firstTouchChannel: chain[0]!.via,
    people: peopleOf(chain),
    shareChain: chain,
  }
}
