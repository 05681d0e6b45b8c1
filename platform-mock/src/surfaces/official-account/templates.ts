import { createHash } from 'node:crypto'
import { and, asc, eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { WxError } from '../../shared/errors'
import { argumentInvalid, invalidTemplateId } from './errors'
import { oaIndustries, oaTemplates } from './schema'

/** WeChat's industry table for template messages (设置所属行业): code → [primary, secondary]. */
export const INDUSTRIES: Record<number, readonly [string, string]> = {
  1: ['IT科技', '互联网|电子商务'], 2: ['IT科技', 'IT软件与服务'], 3: ['IT科技', 'IT硬件与设备'], 4: ['IT科技', '电子技术'],
  5: ['IT科技', '通信与运营商'], 6: ['IT科技', '网络游戏'], 7: ['金融业', '银行'], 8: ['金融业', '基金|理财|信托'], 9: ['金融业', '保险'],
  10: ['餐饮', '餐饮'], 11: ['酒店旅游', '酒店'], 12: ['酒店旅游', '旅游'], 13: ['运输与仓储', '快递'], 14: ['运输与仓储', '物流'],
  15: ['运输与仓储', '仓储'], 16: ['教育', '培训'], 17: ['教育', '院校'], 18: ['政府与公共事业', '学术科研'], 19: ['政府与公共事业', '交警'],
  20: ['政府与公共事业', '博物馆'], 21: ['政府与公共事业', '公共事业|非盈利机构'], 22: ['医药护理', '医药医疗'], 23: ['医药护理', '护理美容'],
  24: ['医药护理', '保健与卫生'], 25: ['交通工具', '汽车相关'], 26: ['交通工具', '摩托车相关'], 27: ['交通工具', '火车相关'],
  28: ['交通工具', '飞机相关'], 29: ['房地产', '建筑'], 30: ['房地产', '物业'], 31: ['消费品', '消费品'], 32: ['商业服务', '法律'],
  33: ['商业服务', '会展'], 34: ['商业服务', '中介服务'], 35: ['商业服务', '认证'], 36: ['商业服务', '审计'], 37: ['文体娱乐', '传媒'],
  38: ['文体娱乐', '体育'], 39: ['文体娱乐', '娱乐休闲'], 40: ['印刷', '印刷'], 41: ['其它', '其它'],
}

/** The industries a seeded account starts with: 互联网|电子商务 and 消费品 (a brand selling online). */
export const SEEDED_INDUSTRIES = [1, 31] as const

/**
 * A template of the sandbox's library. A category template (类目模板, a numeric number) is picked
 * with the keywords wanted; an industry template of the older library (`TM…` / `OPENTM…`) comes
 * whole, its fields `keyword1…n` between `first` and `remark`.
 */
export interface LibraryTemplate {
  shortId: string
  form: 'category' | 'industry'
  title: string
  /** industry code the template belongs to */
  industry: number
  /** keyword name, its field (`thing1`, `amount2` …) and an example value, in the library's order */
  keywords: readonly (readonly [string, string, string])[]
}

/**
 * The sandbox's template library. Real WeChat's library is browsed in the console, not through the
 * API, so these are the sandbox's own: `GET /_sandbox/official-account/template-library` lists them.
 */
export const TEMPLATE_LIBRARY: readonly LibraryTemplate[] = [
  { form: 'category', shortId: '43216', title: '订单支付成功通知', industry: 1, keywords: [['商品名称', 'thing1', '拿铁'], ['支付金额', 'amount2', '28.00元'], ['订单号', 'character_string3', 'A1024'], ['支付时间', 'time4', '2026年3月2日 09:30'], ['门店名称', 'thing5', '静安店']] },
  { form: 'category', shortId: '43217', title: '积分变动提醒', industry: 1, keywords: [['变动积分', 'number1', '28'], ['当前积分', 'number2', '128'], ['变动原因', 'thing3', '消费得积分'], ['变动时间', 'time4', '2026年3月2日 09:30']] },
  { form: 'category', shortId: '43218', title: '订单发货通知', industry: 1, keywords: [['商品名称', 'thing1', '跑步鞋'], ['快递公司', 'thing2', '顺丰速运'], ['快递单号', 'character_string3', 'SF1234567890'], ['发货时间', 'time4', '2026年3月2日 15:00']] },
  { form: 'category', shortId: '43219', title: '退款成功通知', industry: 1, keywords: [['退款金额', 'amount1', '28.00元'], ['退款原因', 'thing2', '不想要了'], ['订单号', 'character_string3', 'A1024'], ['到账时间', 'time4', '2026年3月2日 10:00']] },
  { form: 'category', shortId: '43220', title: '会员卡开通成功提醒', industry: 31, keywords: [['会员卡号', 'character_string1', '8800 1234'], ['会员等级', 'thing2', '银卡会员'], ['开通时间', 'time3', '2026年3月2日 09:30']] },
  { form: 'category', shortId: '43221', title: '优惠券到期提醒', industry: 31, keywords: [['优惠券名称', 'thing1', '满50减10'], ['到期时间', 'time2', '2026年3月9日'], ['使用说明', 'thing3', '全场通用']] },
  { form: 'industry', shortId: 'TM00015', title: '购买成功通知', industry: 1, keywords: [['商品名称', 'keyword1', '拿铁'], ['消费金额', 'keyword2', '28.00元'], ['购买时间', 'keyword3', '2026年3月2日 09:30']] },
  { form: 'industry', shortId: 'OPENTM400231951', title: '会员积分变动提醒', industry: 31, keywords: [['变动积分', 'keyword1', '+28'], ['积分余额', 'keyword2', '128'], ['变动时间', 'keyword3', '2026年3月2日 09:30']] },
  { form: 'category', shortId: '43222', title: '取餐提醒', industry: 10, keywords: [['取餐号', 'character_string1', 'A1024'], ['门店名称', 'thing2', '静安店'], ['商品名称', 'thing3', '拿铁'], ['下单时间', 'time4', '2026年3月2日 09:30']] },
]

/** What the seeded account has picked: the slug names it for the sandbox's docs and tests. */
export const SEEDED_PICKS = [
  { slug: 'order-paid', shortId: '43216', keywords: ['商品名称', '支付金额', '订单号'] },
  { slug: 'points-changed', shortId: '43217', keywords: ['变动积分', '当前积分', '变动原因'] },
] as const

/** An account uses at most 25 templates at once. */
export const MAX_TEMPLATES = 25

export const templateLimit = () => new WxError(45026, 'template num exceeds limit')

/** The keyword lines of a template's content: `商品名称{{thing1.DATA}}` one per line. */
export function contentOf(t: LibraryTemplate, names: readonly string[]) {
  const lines = names.map((n) => `${n}${t.form === 'industry' ? '：' : ''}{{${t.keywords.find(([k]) => k === n)![1]}.DATA}}`)
  return t.form === 'industry' ? ['{{first.DATA}}', ...lines, '{{remark.DATA}}'].join('\n') : lines.join('\n')
}

/** WeChat's example of a template: each keyword with a sample value. */
const example = (t: LibraryTemplate, names: readonly string[]) => names.map((n) => `${n}：${t.keywords.find(([k]) => k === n)?.[2] ?? ''}`).join('\n')

/** The library template with this number, or 40037. */
export function libraryTemplate(shortId: string) {
  const t = TEMPLATE_LIBRARY.find((x) => x.shortId === shortId)
  if (!t) throw invalidTemplateId()
  return t
}

/** A picked template's id: 43 url-safe characters (from the seed, the account, the template and how many were picked before). */
function pickedId(platform: Platform, appid: string, shortId: string, n: number) {
  // a seeded world derives it apart from the main id sequence, so a pick shifts no other id
  if (platform.ids.seed === null) return platform.ids.urlsafe(43)
  return createHash('sha256').update(`tmpl:${platform.ids.seed}:${appid}:${shortId}:${n}`).digest('base64url').slice(0, 43)
}

/**
 * 获得模板ID (template/api_add_template): picks a library template with the keywords asked for
 * (a category template needs `keyword_name_list`: 1 to 5 of its keywords, each once; an industry
 * template needs none); 40037 for a
 * number the library does not have, 47003 naming a keyword it lacks, 45026 past 25 templates.
 */
export async function addTemplate(platform: Platform, appid: string, shortId: string, keywordNames: readonly string[] | undefined) {
  const t = libraryTemplate(shortId)
  // an industry template comes whole; a category template is picked by its keywords
  if (t.form === 'industry' && !keywordNames?.length) keywordNames = t.keywords.map(([k]) => k)
  if (!keywordNames?.length) throw argumentInvalid('keyword_name_list is empty')
  if (keywordNames.length > 5) throw argumentInvalid('keyword_name_list size exceeds 5')
  const unknown = keywordNames.find((n) => !t.keywords.some(([k]) => k === n))
  if (unknown !== undefined) throw argumentInvalid(`keyword_name_list "${unknown}" is not a keyword of template ${shortId}`)
  if (new Set(keywordNames).size !== keywordNames.length) throw argumentInvalid('keyword_name_list has a keyword twice')
  const picked = await platform.db.$count(oaTemplates, eq(oaTemplates.appid, appid))
  if (picked >= MAX_TEMPLATES) throw templateLimit()
  // two picks at once may count the same n: the second takes the next free id
  for (let n = picked; ; n++) {
    const templateId = pickedId(platform, appid, shortId, n)
    const rows = await platform.db
      .insert(oaTemplates)
      .values({ appid, templateId, title: t.title, content: contentOf(t, keywordNames), shortId, addedAt: platform.clock.now() })
      .onConflictDoNothing()
      .returning()
    if (rows.length) return templateId
  }
}

/** 删除模板 (template/del_private_template): 40037 for an id the account does not have. */
export async function deleteTemplate(platform: Platform, appid: string, templateId: string) {
  const rows = await platform.db.delete(oaTemplates).where(and(eq(oaTemplates.appid, appid), eq(oaTemplates.templateId, templateId))).returning()
  if (!rows.length) throw invalidTemplateId()
}

/** 获取模板列表 (template/get_all_private_template), oldest pick first, as WeChat lists them. */
export async function privateTemplates(platform: Platform, appid: string) {
  const rows = await platform.db.select().from(oaTemplates).where(eq(oaTemplates.appid, appid)).orderBy(asc(oaTemplates.addedAt), asc(oaTemplates.templateId))
  return rows.map((r) => {
    const t = TEMPLATE_LIBRARY.find((x) => x.shortId === r.shortId)
    const [primary, deputy] = INDUSTRIES[t?.industry ?? 41]!
    const names = r.content.split('\n').map((line) => line.replace(/：?\{\{.*$/, '')).filter(Boolean)
    return { template_id: r.templateId, title: r.title, primary_industry: primary, deputy_industry: deputy, content: r.content, example: t ? example(t, names) : '' }
  })
}

const industryView = (code: number) => ({ first_class: INDUSTRIES[code]![0], second_class: INDUSTRIES[code]![1] })

/** 获取设置的行业信息 (template/get_industry). */
export async function getIndustry(platform: Platform, appid: string) {
  const [row] = await platform.db.select().from(oaIndustries).where(eq(oaIndustries.appid, appid))
  const [one, two] = row ? [row.industry1, row.industry2] : SEEDED_INDUSTRIES
  return { primary_industry: industryView(one), secondary_industry: industryView(two) }
}

/**
 * 设置所属行业 (template/api_set_industry): two codes of WeChat's table. The console's once-a-month
 * limit is not enforced: its error code is not confirmed.
 */
export async function setIndustry(platform: Platform, appid: string, body: { industry_id1: string | number; industry_id2: string | number }) {
  const code = (v: string | number, field: string) => {
    const n = Number(v)
    if (!Number.isInteger(n) || !INDUSTRIES[n]) throw argumentInvalid(`${field} invalid`)
    return n
  }
  const industry1 = code(body.industry_id1, 'industry_id1')
  const industry2 = code(body.industry_id2, 'industry_id2')
  const row = { appid, industry1, industry2, changedAt: platform.clock.now() }
  await platform.db.insert(oaIndustries).values(row).onConflictDoUpdate({ target: oaIndustries.appid, set: row })
}
