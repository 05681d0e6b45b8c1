import { z } from 'zod'

/** 配置客户联系「联系我」方式 (add_contact_way) request. */
export const AddContactWay = z.object({
  type: z.union([z.literal(1), z.literal(2)]),
  scene: z.union([z.literal(1), z.literal(2)]),
  style: z.number().int().optional(),
  remark: z.string().max(30).optional(),
  skip_verify: z.boolean().optional(),
  state: z.string().max(30).optional(),
  user: z.array(z.string()).optional(),
  party: z.array(z.number().int()).optional(),
  is_temp: z.boolean().optional(),
})
export type AddContactWay = z.infer<typeof AddContactWay>

/** 配置客户联系「联系我」方式 response. */
export interface AddContactWayResponse {
  errcode: 0
  errmsg: 'ok'
  config_id: string
  qr_code: string
}

export const ConfigIdOnly = z.object({ config_id: z.string().min(1) })

/** A welcome or mass message attachment (image, link, miniprogram, video, file). */
export const Attachment = z.discriminatedUnion('msgtype', [
  z.object({ msgtype: z.literal('image'), image: z.object({ media_id: z.string().optional(), pic_url: z.string().optional() }) }),
  z.object({ msgtype: z.literal('link'), link: z.object({ title: z.string().min(1).max(128), picurl: z.string().optional(), desc: z.string().max(512).optional(), url: z.string().min(1).max(2048) }) }),
  z.object({
    msgtype: z.literal('miniprogram'),
    miniprogram: z.object({ title: z.string().min(1).max(64), pic_media_id: z.string().min(1), appid: z.string().min(1), page: z.string().min(1) }),
  }),
  z.object({ msgtype: z.literal('video'), video: z.object({ media_id: z.string().min(1) }) }),
  z.object({ msgtype: z.literal('file'), file: z.object({ media_id: z.string().min(1) }) }),
])
export type Attachment = z.infer<typeof Attachment>

const Text = z.object({ content: z.string().max(4000) })

/** 发送新客户欢迎语 (send_welcome_msg) request. */
export const SendWelcomeMsg = z.object({
  welcome_code: z.string().min(1),
  text: Text.optional(),
  attachments: z.array(Attachment).optional(),
})
export type SendWelcomeMsg = z.infer<typeof SendWelcomeMsg>

/** 创建企业群发 (add_msg_template) request. */
export const AddMsgTemplate = z.object({
  chat_type: z.enum(['single', 'group']).optional(),
  external_userid: z.array(z.string()).max(10000).optional(),
  chat_id_list: z.array(z.string()).optional(),
  tag_filter: z.object({ group_list: z.array(z.object({ tag_list: z.array(z.string()) })) }).optional(),
  sender: z.string().optional(),
  allow_select: z.boolean().optional(),
  text: Text.optional(),
  attachments: z.array(Attachment).optional(),
})
export type AddMsgTemplate = z.infer<typeof AddMsgTemplate>

/** 创建企业群发 response. */
export interface AddMsgTemplateResponse {
  errcode: 0
  errmsg: 'ok'
  fail_list: string[]
  msgid: string
}

/** 发送应用消息 (message/send) request: text or miniprogram_notice. */
export const SendAppMessage = z.object({
  touser: z.string().optional(),
  toparty: z.string().optional(),
  totag: z.string().optional(),
  msgtype: z.string(),
  agentid: z.number().int().optional(),
  safe: z.union([z.literal(0), z.literal(1)]).optional(),
  text: Text.optional(),
  miniprogram_notice: z
    .object({
      appid: z.string().min(1),
      page: z.string().max(1024).optional(),
      title: z.string().min(1),
      description: z.string().optional(),
      emphasis_first_item: z.boolean().optional(),
      content_item: z.array(z.object({ key: z.string(), value: z.string() })).max(10).optional(),
    })
    .optional(),
  enable_id_trans: z.union([z.literal(0), z.literal(1)]).optional(),
  enable_duplicate_check: z.union([z.literal(0), z.literal(1)]).optional(),
  duplicate_check_interval: z.number().int().optional(),
})
export type SendAppMessage = z.infer<typeof SendAppMessage>

/** 发送应用消息 response. */
export interface SendAppMessageResponse {
  errcode: 0
  errmsg: 'ok'
  invaliduser: string
  invalidparty: string
  invalidtag: string
  unlicenseduser: string
  msgid: string
  response_code: string
}

/** 读取消息 (kf/sync_msg) request. */
export const KfSyncMsg = z.object({
  cursor: z.string().optional(),
  token: z.string().optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  voice_format: z.union([z.literal(0), z.literal(1)]).optional(),
  open_kfid: z.string().optional(),
})
export type KfSyncMsg = z.infer<typeof KfSyncMsg>

/** 发送消息 (kf/send_msg) request: text, link or miniprogram. */
export const KfSendMsg = z.object({
  touser: z.string().min(1),
  open_kfid: z.string().min(1),
  msgid: z.string().max(32).optional(),
  msgtype: z.enum(['text', 'link', 'miniprogram']),
  text: Text.optional(),
  link: z.object({ title: z.string(), desc: z.string().optional(), url: z.string(), thumb_media_id: z.string() }).optional(),
  miniprogram: z.object({ appid: z.string(), title: z.string().optional(), thumb_media_id: z.string(), pagepath: z.string() }).optional(),
})
export type KfSendMsg = z.infer<typeof KfSendMsg>

/** 添加企业客户标签 (add_corp_tag) request: tags into a group (by id, or by name — created when new). */
export const AddCorpTag = z.object({
  group_id: z.string().optional(),
  group_name: z.string().min(1).max(30).optional(),
  order: z.number().int().optional(),
  tag: z.array(z.object({ name: z.string().min(1).max(30), order: z.number().int().optional() })).min(1),
  agentid: z.number().int().optional(),
})
export type AddCorpTag = z.infer<typeof AddCorpTag>

/** 获取企业标签库 (get_corp_tag_list) request. */
export const GetCorpTagList = z.object({ tag_id: z.array(z.string()).optional(), group_id: z.array(z.string()).optional() })
export type GetCorpTagList = z.infer<typeof GetCorpTagList>

/** 编辑客户企业标签 (mark_tag) request. */
export const MarkTag = z.object({
  userid: z.string().min(1),
  external_userid: z.string().min(1),
  add_tag: z.array(z.string()).optional(),
  remove_tag: z.array(z.string()).optional(),
})
export type MarkTag = z.infer<typeof MarkTag>

/** A tag group as get_corp_tag_list / add_corp_tag answer it. */
export interface CorpTagGroup {
  group_id: string
  group_name: string
  create_time: number
  order: number
  deleted?: boolean
  tag: { id: string; name: string; create_time: number; order: number; deleted?: boolean }[]
}
