import { Hono } from 'hono'
import { z } from 'zod'
import type { PlatformEnv } from '../../shared/env'
import { sandboxJson } from '../../shared/validate'
import { AddCardFailure } from './errors'
import { addCards, cardPackage } from './package'
import { jsapiSignature, liveTickets } from './tickets'
import { SandboxError } from '../../shared/errors'

const AddBody = z.object({
  appid: z.string().min(1),
  cardList: z.array(z.object({ cardId: z.string().min(1), cardExt: z.string() })).min(1),
})

const SignCheck = z.object({
  appid: z.string().min(1),
  url: z.string().min(1).max(2048),
  noncestr: z.string().min(1).max(64),
  timestamp: z.union([z.string().regex(/^\d{1,12}$/), z.number().int().min(0)]),
  signature: z.string().regex(/^[0-9a-f]{40}$/i, '40 hex digits').optional(),
})

/** The person's 卡包 in the control API: what the phone does for wx.addCard, and Me → Cards & Offers. */
export const cardsSandbox = new Hono<PlatformEnv>()
  /** wx.addCard (JS-SDK 批量添加卡券 / 小程序 wx.addCard), from the page or mini program `appid` */
  .post('/people/:id/cards/add', sandboxJson(AddBody), async (c) => {
    const body = c.req.valid('json')
    try {
      return c.json(await addCards(c.var.platform, c.req.param('id'), body.appid, body.cardList))
    } catch (err) {
      if (err instanceof AddCardFailure) return err.getResponse()
      throw err
    }
  })
  /**
   * WeChat's JS-SDK signature check (微信 JS 接口签名校验工具): string1 and the signature for each
   * of the app's unexpired jsapi_tickets, and whether a `signature` a page gave wx.config is one of
   * them — what a developer looks at when wx.config answers "invalid signature".
   */
  .post('/jsapi/signature-check', sandboxJson(SignCheck), async (c) => {
    const body = c.req.valid('json')
    const tickets = await liveTickets(c.var.platform, body.appid, 'jsapi')
    if (tickets.length === 0) throw new SandboxError(404, 'no_ticket', `app ${body.appid} holds no unexpired jsapi_ticket (GET /cgi-bin/ticket/getticket?type=jsapi first)`)
    const signed = tickets.map((jsapi_ticket) => ({ jsapi_ticket, ...jsapiSignature({ jsapi_ticket, noncestr: body.noncestr, timestamp: body.timestamp, url: body.url }) }))
    const valid = body.signature === undefined ? undefined : signed.some((s) => s.signature === body.signature!.toLowerCase())
    return c.json({ signed, ...(valid !== undefined && { valid }) })
  })
  .get('/people/:id/cards', async (c) => {
    return c.json({ cards: await cardPackage(c.var.platform, c.req.param('id')) })
  })
