import { z } from 'zod'

/** qrcode/create */
export const QrCreate = z.object({
  expire_seconds: z.number().int().optional(),
  action_name: z.enum(['QR_SCENE', 'QR_STR_SCENE', 'QR_LIMIT_SCENE', 'QR_LIMIT_STR_SCENE']),
  action_info: z.object({ scene: z.object({ scene_id: z.number().optional(), scene_str: z.string().optional() }) }),
})
export type QrCreate = z.infer<typeof QrCreate>

const ButtonFields = {
  type: z.string().optional(),
  name: z.string(),
  key: z.string().optional(),
  url: z.string().optional(),
  appid: z.string().optional(),
  pagepath: z.string().optional(),
  media_id: z.string().optional(),
  article_id: z.string().optional(),
}
/** menu/create: one button (a sub-button has no sub_button of its own) */
export const MenuButton = z.object({ ...ButtonFields, sub_button: z.array(z.object(ButtonFields)).optional() })
export type MenuButton = z.infer<typeof MenuButton> & { sub_button?: MenuButton[] }
export const MenuCreate = z.object({ button: z.array(MenuButton) })
export type MenuCreate = z.infer<typeof MenuCreate>

const Article = z.object({ title: z.string(), description: z.string().optional(), url: z.string().optional(), picurl: z.string().optional() })

/** message/custom/send */
export const CustomSend = z.discriminatedUnion('msgtype', [
  z.object({ touser: z.string(), msgtype: z.literal('text'), text: z.object({ content: z.string().min(1).max(2048) }) }),
  z.object({ touser: z.string(), msgtype: z.literal('image'), image: z.object({ media_id: z.string().min(1) }) }),
  z.object({ touser: z.string(), msgtype: z.literal('news'), news: z.object({ articles: z.array(Article).length(1) }) }),
  z.object({
    touser: z.string(),
    msgtype: z.literal('miniprogrampage'),
    miniprogrampage: z.object({ title: z.string().min(1), appid: z.string().min(1), pagepath: z.string().min(1), thumb_media_id: z.string().optional() }),
  }),
])
export type CustomSend = z.infer<typeof CustomSend>

/** message/template/send */
export const TemplateSend = z.object({
  touser: z.string(),
  template_id: z.string(),
  url: z.string().optional(),
  miniprogram: z.object({ appid: z.string(), pagepath: z.string().optional() }).optional(),
  client_msg_id: z.string().max(64).optional(),
  data: z.record(z.string(), z.object({ value: z.string(), color: z.string().optional() })),
})
export type TemplateSend = z.infer<typeof TemplateSend>

/** user/info/batchget */
export const BatchGet = z.object({ user_list: z.array(z.object({ openid: z.string(), lang: z.string().optional() })).min(1).max(100) })

/** draft/add: one article */
export const DraftArticle = z.object({
  article_type: z.enum(['news', 'newspic']).optional(),
  title: z.string().min(1).max(32),
  author: z.string().max(16).optional(),
  digest: z.string().max(128).optional(),
  content: z.string().min(1).max(20_000),
  content_source_url: z.string().max(1024).optional(),
  thumb_media_id: z.string().optional(),
  need_open_comment: z.number().int().min(0).max(1).optional(),
  only_fans_can_comment: z.number().int().min(0).max(1).optional(),
  pic_crop_235_1: z.string().optional(),
  pic_crop_1_1: z.string().optional(),
})
export type DraftArticle = z.infer<typeof DraftArticle>
export const DraftAdd = z.object({ articles: z.array(DraftArticle).min(1).max(8) })
export const MediaIdBody = z.object({ media_id: z.string() })
export const PublishIdBody = z.object({ publish_id: z.union([z.string(), z.number()]).transform(String) })
export const ArticleIdBody = z.object({ article_id: z.string() })
export const Page = z.object({ offset: z.number().int().min(0), count: z.number().int().min(1).max(20), no_content: z.number().int().min(0).max(1).optional() })

/** 获得模板ID: a library template's number and, for a category template, the keywords picked */
export const AddTemplate = z.object({ template_id_short: z.string().min(1).max(64), keyword_name_list: z.array(z.string().min(1).max(20)).optional() })
export const TemplateIdBody = z.object({ template_id: z.string().min(1).max(128) })
/** 设置所属行业: two codes of WeChat's industry table, as strings or numbers */
export const SetIndustry = z.object({ industry_id1: z.union([z.string(), z.number()]), industry_id2: z.union([z.string(), z.number()]) })
