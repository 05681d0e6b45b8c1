import { createHash } from 'node:crypto'
import type { Db } from '../../shared/db'
import type { WorldCredentials } from '../../world/credentials'
import { oaTemplates } from './schema'

/** The template messages the seeded account has picked from the library. */
export const OA_TEMPLATES = [
  { slug: 'order-paid', title: '订单支付成功通知', content: '商品名称{{thing1.DATA}}\n支付金额{{amount2.DATA}}\n订单号{{character_string3.DATA}}' },
  { slug: 'points-changed', title: '积分变动提醒', content: '变动积分{{number1.DATA}}\n当前积分{{number2.DATA}}\n变动原因{{thing3.DATA}}' },
] as const

/** A template id: 43 url-safe characters, stable for the account. */
export const templateIdFor = (appid: string, slug: string) => createHash('sha256').update(`tmpl:${appid}:${slug}`).digest('base64url').slice(0, 43)

/** Rows the seeded world's Official Account starts with. */
export function officialAccountSeedQueries(db: Db, cred: WorldCredentials) {
  const appid = cred.officialAccount.appid
  return [db.insert(oaTemplates).values(OA_TEMPLATES.map((t) => ({ appid, templateId: templateIdFor(appid, t.slug), title: t.title, content: t.content })))]
}
