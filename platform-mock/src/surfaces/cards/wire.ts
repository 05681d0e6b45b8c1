import { z } from 'zod'

/** 创建卡券: the card types the sandbox issues, and the key each one's fields sit under. */
export const CARD_TYPES = {
  MEMBER_CARD: 'member_card',
  GENERAL_COUPON: 'general_coupon',
  CASH: 'cash',
  DISCOUNT: 'discount',
  GIFT: 'gift',
  GROUPON: 'groupon',
} as const
export type CardType = keyof typeof CARD_TYPES
export type CardKind = (typeof CARD_TYPES)[CardType]

/** base_info.code_type (卡券的展示码型). */
export const CODE_TYPES = ['CODE_TYPE_TEXT', 'CODE_TYPE_BARCODE', 'CODE_TYPE_QRCODE', 'CODE_TYPE_ONLY_QRCODE', 'CODE_TYPE_ONLY_BARCODE', 'CODE_TYPE_NONE'] as const

/** card/getcolors: the only colours a card may take, by name. */
export const COLORS: Record<string, string> = {
  Color010: '#63b359',
  Color020: '#2c9f67',
  Color030: '#509fc9',
  Color040: '#5885cf',
  Color050: '#9062c0',
  Color060: '#d09a45',
  Color070: '#e4b138',
  Color080: '#ee903c',
  Color081: '#f08500',
  Color082: '#a9d92d',
  Color090: '#dd6549',
  Color100: '#cc463d',
  Color101: '#cf3e36',
  Color102: '#5E6671',
}

/** base_info.date_info */
export const DateInfo = z.discriminatedUnion('type', [
  z.object({ type: z.literal('DATE_TYPE_FIX_TIME_RANGE'), begin_timestamp: z.number().int(), end_timestamp: z.number().int() }),
  z.object({
    type: z.literal('DATE_TYPE_FIX_TERM'),
    fixed_term: z.number().int().min(1),
    fixed_begin_term: z.number().int().min(0).default(0),
    end_timestamp: z.number().int().optional(),
  }),
  z.object({ type: z.literal('DATE_TYPE_PERMANENT') }),
])
export type DateInfo = z.infer<typeof DateInfo>

/** 卡券基础信息字段 (base_info): the required ones, plus the optional ones the sandbox acts on. */
export const BaseInfo = z
  .object({
    logo_url: z.string().min(1),
    brand_name: z.string().min(1),
    code_type: z.string().min(1),
    title: z.string().min(1),
    color: z.string().min(1),
    notice: z.string().min(1),
    description: z.string().min(1),
    sku: z.object({ quantity: z.number().int() }),
    date_info: z.object({ type: z.string() }).loose(),
    sub_title: z.string().optional(),
    use_custom_code: z.boolean().optional(),
    bind_openid: z.boolean().optional(),
    get_limit: z.number().int().optional(),
    can_share: z.boolean().optional(),
    can_give_friend: z.boolean().optional(),
  })
  .loose()
export type BaseInfo = z.infer<typeof BaseInfo>

/** card/create */
export const CreateCard = z.object({ card: z.object({ card_type: z.string() }).loose() })
export type CreateCard = z.infer<typeof CreateCard>
export interface CreateCardResponse {
  errcode: 0
  errmsg: 'ok'
  card_id: string
}

/** cgi-bin/ticket/getticket */
export interface TicketResponse {
  errcode: 0
  errmsg: 'ok'
  ticket: string
  expires_in: number
}

/** JS-SDK 附录4: cardExt, a JSON string the merchant signs for one card of wx.addCard. */
export const CardExt = z.object({
  code: z.string().optional(),
  openid: z.string().optional(),
  timestamp: z.union([z.string(), z.number()]),
  nonce_str: z.string().max(32).optional(),
  fixed_begintimestamp: z.union([z.string(), z.number()]).optional(),
  outer_str: z.string().optional(),
  signature: z.string(),
})
export type CardExt = z.infer<typeof CardExt>

/** card/code/get */
export const GetCode = z.object({ code: z.string().min(1), card_id: z.string().optional(), check_consume: z.boolean().optional() })
export type GetCode = z.infer<typeof GetCode>

/** card/code/consume */
export const ConsumeCode = z.object({ code: z.string().min(1), card_id: z.string().optional() })
export type ConsumeCode = z.infer<typeof ConsumeCode>

/** card/code/decrypt */
export const DecryptCode = z.object({ encrypt_code: z.string().min(1) })
export type DecryptCode = z.infer<typeof DecryptCode>

/** card/membercard/updateuser */
export const UpdateMember = z
  .object({
    code: z.string().min(1),
    card_id: z.string().min(1),
    bonus: z.number().int().optional(),
    add_bonus: z.number().int().optional(),
    record_bonus: z.string().optional(),
    balance: z.number().int().optional(),
    add_balance: z.number().int().optional(),
    record_balance: z.string().optional(),
    notify_optional: z.record(z.string(), z.boolean()).optional(),
  })
  .loose()
export type UpdateMember = z.infer<typeof UpdateMember>
export interface UpdateMemberResponse {
  errcode: 0
  errmsg: 'ok'
  result_bonus: number
  result_balance: number
  openid: string
}
