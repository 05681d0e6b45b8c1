import { Hono } from 'hono'
import { accessToken } from '../../shared/access-token'
import type { PlatformEnv } from '../../shared/env'
import { wxJson } from '../../shared/validate'
import { consumeCode, decryptCode, getCode, updateMember } from './codes'
import { createCard } from './definitions'
import { asTicketType, ticketFor } from './tickets'
import { ConsumeCode, CreateCard, DecryptCode, GetCode, UpdateMember, type CreateCardResponse } from './wire'

/**
 * 微信卡券 on api.weixin.qq.com (Cards_and_Offer): creating cards, the card api_ticket, and the
 * merchant's code and member-card calls. Paths exactly as WeChat documents them: `/card/…` has no
 * `/cgi-bin` prefix; only getticket lives under it.
 */
export const cards = new Hono<PlatformEnv>()
  /** 创建卡券 (Create_a_Coupon_Voucher_or_Card) */
  .post('/card/create', accessToken(), wxJson(CreateCard), async (c) => {
    const cardId = await createCard(c.var.platform, c.var.tokenOwner, c.req.valid('json').card)
    return c.json({ errcode: 0, errmsg: 'ok', card_id: cardId } satisfies CreateCardResponse)
  })
  /** JS-SDK 附录4 卡券 api_ticket (type=wx_card); also the jsapi_ticket (type=jsapi) */
  .get('/cgi-bin/ticket/getticket', accessToken(), async (c) => {
    return c.json(await ticketFor(c.var.platform, c.var.tokenOwner, asTicketType(c.req.query('type'))))
  })
  /** 查询Code接口 (Redeeming_a_coupon_voucher_or_card 1.1) */
  .post('/card/code/get', accessToken(), wxJson(GetCode), async (c) => {
    return c.json(await getCode(c.var.platform, c.var.tokenOwner, c.req.valid('json')))
  })
  /** 核销Code接口 (Redeeming_a_coupon_voucher_or_card 1.2) */
  .post('/card/code/consume', accessToken(), wxJson(ConsumeCode), async (c) => {
    return c.json(await consumeCode(c.var.platform, c.var.tokenOwner, c.req.valid('json')))
  })
  /** Code解码接口 (Redeeming_a_coupon_voucher_or_card 2.3) */
  .post('/card/code/decrypt', accessToken(), wxJson(DecryptCode), async (c) => {
    return c.json(await decryptCode(c.var.platform, c.var.tokenOwner, c.req.valid('json').encrypt_code))
  })
  /** 更新会员信息 (Membership_Cards/Manage_Member_Card) */
  .post('/card/membercard/updateuser', accessToken(), wxJson(UpdateMember), async (c) => {
    return c.json(await updateMember(c.var.platform, c.var.tokenOwner, c.req.valid('json')))
  })
