import { eq } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import type { Store } from './context'
import { ApiError } from './errors'
import { members, sessions } from './schema'
import { WeChatApiError } from '../wechat/errors'

export type Member = typeof members.$inferSelect

/**
 * wx.login → the page sends its code → jscode2session names the person → the store's own session
 * token. The member is found (or created) by openid; the unionid is kept when WeChat gives one.
 */
export async function login(store: Store, code: string) {
  let session
  try {
    session = await store.wechat.code2Session(code)
  } catch (err) {
    if (err instanceof WeChatApiError) throw new ApiError(401, 'login_failed', `jscode2session: ${err.errcode} ${err.errmsg}`, 'code')
    throw err
  }
  const id = `m_${randomBytes(8).toString('hex')}`
  const token = randomBytes(24).toString('base64url')
  const [member] = await store.db
    .insert(members)
    .values({ id, openid: session.openid, unionid: session.unionid ?? null })
    .onConflictDoUpdate({ target: members.openid, set: { unionid: session.unionid ?? null } })
    .returning()
  await store.db.insert(sessions).values({ token, memberId: member.id })
  return { token, member }
}

/** The member behind `Authorization: Bearer <token>`, or 401. */
export async function memberOf(store: Store, authorization: string | undefined): Promise<Member> {
  const token = authorization?.match(/^Bearer (\S+)$/)?.[1]
  if (!token) throw new ApiError(401, 'no_session', 'log in first: Authorization: Bearer <token>')
  const [row] = await store.db.select({ member: members }).from(sessions).innerJoin(members, eq(members.id, sessions.memberId)).where(eq(sessions.token, token))
  if (!row) throw new ApiError(401, 'no_session', 'unknown or expired session; log in again')
  return row.member
}

/** What the member centre shows. */
export function memberView(store: Store, m: Member) {
  return { id: m.id, points: m.points, lifetimeSpend: m.lifetimeSpend, level: store.catalog.level(m.lifetimeSpend), unionid: m.unionid !== null }
}
