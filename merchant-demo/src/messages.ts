import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm'
import type { Store } from './context'
import { ApiError } from './errors'
import { memberConsents, memberCoupons, members } from './schema'
import { WeChatApiError } from '../wechat/errors'

/**
 * Re-engagement: subscription messages (订阅消息) from the app's templates, sent only with consent.
 * The page asks `wx.requestSubscribeMessage` and tells the store what the person accepted; each
 * acceptance is good for one message (WeChat counts the same way, so the store keeps its own count).
 */
export const TEMPLATES = {
  orderReady: '取餐提醒',
  orderShipped: '订单发货通知',
  pointsChanged: '积分变动提醒',
  couponExpiring: '优惠券到期提醒',
} as const
export type TemplateKind = keyof typeof TEMPLATES
/** Messages that belong to the member rather than to an order. */
export type MemberMessage = 'pointsChanged' | 'couponExpiring'

const cache = new WeakMap<Store, Promise<Map<string, string>>>()
/** The id of the app's template with this title (looked up once with gettemplate). */
export async function templateId(store: Store, kind: TemplateKind) {
  let found = cache.get(store)
  if (!found) {
    found = store.wechat.templates().then((list) => new Map(list.map((t) => [t.title, t.priTmplId])))
    found.catch(() => cache.delete(store))
    cache.set(store, found)
  }
  const id = (await found).get(TEMPLATES[kind])
  if (!id) {
    cache.delete(store)
    throw new ApiError(503, 'no_template', `the mini program has no ${TEMPLATES[kind]} (${kind}) template`)
  }
  return id
}

/** The template ids belong to the platform's world: looked up again after a sandbox reset. */
export function forgetTemplateIds(store: Store) {
  cache.delete(store)
}

/** All four template ids, for the pages' wx.requestSubscribeMessage. */
export async function templateIds(store: Store) {
  const entries = await Promise.all((Object.keys(TEMPLATES) as TemplateKind[]).map(async (k) => [k, await templateId(store, k)] as const))
  return Object.fromEntries(entries) as Record<TemplateKind, string>
}

/** The person accepted these member messages in wx.requestSubscribeMessage: one more of each. */
export async function addConsents(store: Store, memberId: string, kinds: MemberMessage[]) {
  for (const kind of kinds)
    await store.db
      .insert(memberConsents)
      .values({ memberId, kind, credits: 1 })
      .onConflictDoUpdate({ target: [memberConsents.memberId, memberConsents.kind], set: { credits: sql`${memberConsents.credits} + 1` } })
  return consentsOf(store, memberId)
}

export async function consentsOf(store: Store, memberId: string) {
  const rows = await store.db.select().from(memberConsents).where(eq(memberConsents.memberId, memberId))
  return { pointsChanged: rows.find((r) => r.kind === 'pointsChanged')?.credits ?? 0, couponExpiring: rows.find((r) => r.kind === 'couponExpiring')?.credits ?? 0 }
}

/**
 * Sends a member message when a consent is left: the consent is taken first (so two senders never
 * spend one consent twice) and given back when WeChat refuses. Never throws for WeChat's refusal.
 */
export async function sendWithConsent(store: Store, memberId: string, kind: MemberMessage, message: { page: string; data: Record<string, string> }): Promise<{ sent: boolean; reason?: string }> {
  const taken = await store.db
    .update(memberConsents)
    .set({ credits: sql`${memberConsents.credits} - 1` })
    .where(and(eq(memberConsents.memberId, memberId), eq(memberConsents.kind, kind), gt(memberConsents.credits, 0)))
    .returning()
  if (taken.length === 0) return { sent: false, reason: 'no consent' }
  const [member] = await store.db.select().from(members).where(eq(members.id, memberId))
  try {
    await store.wechat.sendSubscribeMessage({
      touser: member.openid,
      template_id: await templateId(store, kind),
      page: message.page,
      miniprogram_state: 'formal',
      lang: 'en_US',
      data: Object.fromEntries(Object.entries(message.data).map(([k, value]) => [k, { value }])),
    })
    return { sent: true }
  } catch (err) {
    await store.db.update(memberConsents).set({ credits: sql`${memberConsents.credits} + 1` }).where(and(eq(memberConsents.memberId, memberId), eq(memberConsents.kind, kind)))
    if (err instanceof WeChatApiError || err instanceof ApiError) return { sent: false, reason: err instanceof WeChatApiError ? `${err.errcode} ${err.errmsg}` : err.message }
    throw err
  }
}

/** 积分变动提醒 after points were earned or taken back (only with consent; never fails the caller). */
export async function notifyPoints(store: Store, memberId: string, delta: number, reason: string) {
  try {
    const [member] = await store.db.select().from(members).where(eq(members.id, memberId))
    if (!member || delta === 0) return { sent: false, reason: 'nothing changed' }
    return await sendWithConsent(store, memberId, 'pointsChanged', {
      page: 'pages/member/member',
      data: { thing1: thing(reason), number2: String(Math.abs(delta)), number3: String(member.points), time4: chinaTime(store.now()) },
    })
  } catch (err) {
    console.warn('merchant-demo: points message failed:', (err as Error).message)
    return { sent: false, reason: (err as Error).message }
  }
}

/**
 * The coupon-expiring job: every unused coupon that expires within `withinDays` on the store clock
 * and was not reminded yet gets one 优惠券到期提醒, when its member consented. The coupon is marked
 * before sending (so overlapping runs send once) and unmarked when there was no consent or WeChat
 * refused, so a later consent still gets the reminder.
 */
export async function remindExpiringCoupons(store: Store, opts: { withinDays?: number } = {}) {
  const now = store.now()
  const horizon = new Date(now.getTime() + (opts.withinDays ?? 3) * 86_400_000).toISOString()
  const due = await store.db
    .select()
    .from(memberCoupons)
    .where(and(isNull(memberCoupons.usedOrderId), isNull(memberCoupons.remindedAt), gt(memberCoupons.expiresAt, now.toISOString()), lte(memberCoupons.expiresAt, horizon)))
  const result = { due: due.length, sent: 0, noConsent: 0 }
  for (const c of due) {
    const mine = await store.db.update(memberCoupons).set({ remindedAt: now.toISOString() }).where(and(eq(memberCoupons.id, c.id), isNull(memberCoupons.remindedAt))).returning()
    if (mine.length === 0) continue
    const kind = store.kit.coupons.find((k) => k.id === c.couponId)
    const sent = await sendWithConsent(store, c.memberId, 'couponExpiring', {
      page: 'pages/member/member',
      data: {
        thing1: thing(kind?.title ?? c.couponId),
        amount2: `¥${((kind?.amountOff ?? 0) / 100).toFixed(2)}`,
        date3: chinaTime(new Date(c.expiresAt)).slice(0, 10),
        thing4: 'Use it soon',
      },
    })
    if (sent.sent) result.sent++
    else {
      if (sent.reason === 'no consent') result.noConsent++
      await store.db.update(memberCoupons).set({ remindedAt: null }).where(eq(memberCoupons.id, c.id))
    }
  }
  return result
}

/** A `thing` keyword: at most 20 characters. */
export function thing(s: string) {
  const chars = [...s.replace(/\s+/g, ' ').trim()]
  return chars.length <= 20 ? chars.join('') : `${chars.slice(0, 19).join('').trimEnd()}…`
}

/** `YYYY-MM-DD HH:mm` in China time. */
export function chinaTime(d: Date) {
  const t = new Date(d.getTime() + 8 * 3600_000)
  return t.toISOString().slice(0, 16).replace('T', ' ')
}
