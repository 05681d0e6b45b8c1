import { createHash, randomBytes } from 'node:crypto'
import type { TestPlatform } from '../../testing'

/** A cash coupon's `card` object as a brand sends it to card/create (Create_a_Coupon_Voucher_or_Card). */
export function cashCoupon(over: Record<string, unknown> = {}, quantity = 100) {
  return {
    card_type: 'CASH',
    cash: {
      base_info: {
        logo_url: 'http://mmbiz.qpic.cn/mmbiz/lumen-logo/0',
        brand_name: 'Lumen Coffee',
        code_type: 'CODE_TYPE_QRCODE',
        title: '¥10 off ¥50',
        color: 'Color010',
        notice: 'Show the code at the till',
        description: 'One per order, not with other offers',
        date_info: { type: 'DATE_TYPE_FIX_TERM', fixed_term: 30, fixed_begin_term: 0 },
        sku: { quantity },
        get_limit: 3,
        ...over,
      },
      least_cost: 5000,
      reduce_cost: 1000,
    },
  }
}

/** A member card with points and stored value. */
export function memberCard() {
  return {
    card_type: 'MEMBER_CARD',
    member_card: {
      base_info: {
        logo_url: 'http://mmbiz.qpic.cn/mmbiz/lumen-logo/0',
        brand_name: 'Lumen Coffee',
        code_type: 'CODE_TYPE_BARCODE',
        title: 'Lumen Member',
        color: 'Color080',
        notice: 'Show the card at the till',
        description: 'Earn a point for every yuan',
        date_info: { type: 'DATE_TYPE_PERMANENT' },
        sku: { quantity: 1000 },
        get_limit: 1,
      },
      prerogative: 'Points on every order',
      supply_bonus: true,
      supply_balance: false,
    },
  }
}

/**
 * The brand backend's side of the card flow (not a test file): an access token, card/create,
 * the api_ticket and a cardExt signed by the documented rule, written out here independently.
 */
export function cardsKit(p: TestPlatform) {
  const creds = async () => (await p.json('/_sandbox/credentials')) as { officialAccount: { appid: string; secret: string }; miniProgram: { appid: string } }
  return {
    creds,
    async token() {
      const { officialAccount: oa } = await creds()
      const r = await p.json(`/cgi-bin/token?grant_type=client_credential&appid=${oa.appid}&secret=${oa.secret}`)
      return r.access_token as string
    },
    async create(token: string, card: object) {
      return (await (await p.post(`/card/create?access_token=${token}`, { card })).json()) as { errcode: number; errmsg: string; card_id: string }
    },
    async ticket(token: string) {
      return (await p.json(`/cgi-bin/ticket/getticket?access_token=${token}&type=wx_card`)) as { errcode: number; ticket: string; expires_in: number }
    },
    /** cardExt as a brand signs it: sorted values of api_ticket, timestamp, card_id, code, openid, nonce_str → SHA-1. */
    cardExt(apiTicket: string, cardId: string, ext: { code?: string; openid?: string; outer_str?: string; nonce_str?: string } = {}) {
      const timestamp = String(Math.floor(Date.now() / 1000))
      const nonce_str = ext.nonce_str ?? randomBytes(8).toString('hex')
      const values = [apiTicket, timestamp, cardId, ext.code ?? '', ext.openid ?? '', nonce_str].sort()
      const signature = createHash('sha1').update(values.join('')).digest('hex')
      return JSON.stringify({ ...(ext.code && { code: ext.code }), ...(ext.openid && { openid: ext.openid }), timestamp, nonce_str, signature, ...(ext.outer_str && { outer_str: ext.outer_str }) })
    },
    async add(person: string, appid: string, cardList: { cardId: string; cardExt: string }[]) {
      const res = await p.post(`/_sandbox/people/${person}/cards/add`, { appid, cardList })
      return { status: res.status, body: (await res.json()) as any }
    },
    async list(person: string) {
      return ((await p.json(`/_sandbox/people/${person}/cards`)) as { cards: any[] }).cards
    },
    async merchant(path: string, token: string, body: object) {
      return (await (await p.post(`${path}?access_token=${token}`, body)).json()) as any
    },
    async advance(by: string) {
      await p.post('/_sandbox/clock/advance', { by })
    },
  }
}
