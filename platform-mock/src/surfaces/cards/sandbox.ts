import { Hono } from 'hono'
import { z } from 'zod'
import type { PlatformEnv } from '../../shared/env'
import { sandboxJson } from '../../shared/validate'
import { AddCardFailure } from './errors'
import { addCards, cardPackage } from './package'

const AddBody = z.object({
  appid: z.string().min(1),
  cardList: z.array(z.object({ cardId: z.string().min(1), cardExt: z.string() })).min(1),
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
  .get('/people/:id/cards', async (c) => {
    return c.json({ cards: await cardPackage(c.var.platform, c.req.param('id')) })
  })
