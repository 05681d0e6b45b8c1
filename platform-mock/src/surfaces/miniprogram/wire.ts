import { z } from 'zod'

/** A number that SDKs sometimes send as a string. */
const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)])
const EnvVersion = z.enum(['release', 'trial', 'develop'])
const LineColor = z.object({ r: num, g: num, b: num })

/** code2Session answer (no errcode on success). */
export interface Code2SessionResponse {
  openid: string
  session_key: string
  unionid?: string
}

/** getUnlimitedQRCode (`POST /wxa/getwxacodeunlimit`). */
export const GetUnlimitedCode = z.object({
  scene: z.union([z.string(), z.number().transform(String)]).optional(),
  page: z.string().optional(),
  check_path: z.boolean().optional(),
  env_version: EnvVersion.optional(),
  width: num.optional(),
  auto_color: z.boolean().optional(),
  line_color: LineColor.optional(),
  is_hyaline: z.boolean().optional(),
})
export type GetUnlimitedCode = z.infer<typeof GetUnlimitedCode>

/** getQRCode (`POST /wxa/getwxacode`): `path` may carry a query. */
export const GetCode = z.object({
  path: z.string().optional(),
  width: num.optional(),
  auto_color: z.boolean().optional(),
  line_color: LineColor.optional(),
  is_hyaline: z.boolean().optional(),
  env_version: EnvVersion.optional(),
})
export type GetCode = z.infer<typeof GetCode>

/** createQRCode (`POST /cgi-bin/wxaapp/createwxaqrcode`). */
export const CreateQrCode = z.object({
  path: z.string().optional(),
  width: num.optional(),
})
export type CreateQrCode = z.infer<typeof CreateQrCode>

const Expiry = {
  is_expire: z.boolean().optional(),
  expire_type: num.optional(),
  expire_time: num.optional(),
  expire_interval: num.optional(),
}

/** generateScheme (`POST /wxa/generatescheme`). */
export const GenerateScheme = z.object({
  jump_wxa: z
    .object({ path: z.string().optional(), query: z.string().optional(), env_version: EnvVersion.optional() })
    .optional(),
  ...Expiry,
})
export type GenerateScheme = z.infer<typeof GenerateScheme>

/** generateUrlLink (`POST /wxa/generate_urllink`). */
export const GenerateUrlLink = z.object({
  path: z.string().optional(),
  query: z.string().optional(),
  env_version: EnvVersion.optional(),
  ...Expiry,
})
export type GenerateUrlLink = z.infer<typeof GenerateUrlLink>

/** subscribeMessage.send (`POST /cgi-bin/message/subscribe/send`). */
export const SubscribeSend = z.object({
  touser: z.string().min(1),
  template_id: z.string().min(1),
  page: z.string().max(1024).optional(),
  miniprogram_state: z.enum(['developer', 'trial', 'formal']).optional(),
  lang: z.enum(['zh_CN', 'en_US', 'zh_HK', 'zh_TW']).optional(),
  data: z.record(z.string(), z.object({ value: z.union([z.string(), z.number()]) })),
})
export type SubscribeSend = z.infer<typeof SubscribeSend>

/** One template of getTemplateList (`GET /wxaapi/newtmpl/gettemplate`). */
export interface TemplateListItem {
  priTmplId: string
  title: string
  content: string
  example: string
  type: 2 | 3
}
