import { createHmac } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { SandboxError } from '../../shared/errors'
import { wecomAgents, wecomCorps, wecomStaff } from './schema'

export type Corp = typeof wecomCorps.$inferSelect
export type Staff = typeof wecomStaff.$inferSelect

/** The corp a control-API call names (`corpid`), or the world's only corp. */
export async function findCorp(platform: Platform, corpid?: string): Promise<Corp> {
  const rows = corpid
    ? await platform.db.select().from(wecomCorps).where(eq(wecomCorps.corpid, corpid))
    : await platform.db.select().from(wecomCorps).limit(1)
  if (!rows[0]) throw new SandboxError(404, 'not_found', `no WeCom corp ${corpid ?? ''}`.trim())
  return rows[0]
}

export async function corpById(platform: Platform, corpid: string) {
  const [row] = await platform.db.select().from(wecomCorps).where(eq(wecomCorps.corpid, corpid))
  return row
}

export async function staffOf(platform: Platform, corpid: string, userid: string): Promise<Staff | undefined> {
  const [row] = await platform.db.select().from(wecomStaff).where(and(eq(wecomStaff.corpid, corpid), eq(wecomStaff.userid, userid)))
  return row
}

export async function allStaff(platform: Platform, corpid: string) {
  return platform.db.select().from(wecomStaff).where(eq(wecomStaff.corpid, corpid))
}

export async function agentsOf(platform: Platform, corpid: string) {
  return platform.db.select().from(wecomAgents).where(eq(wecomAgents.corpid, corpid))
}

/** A token's owner (`corpid:agentid` or `corpid:contact`) taken apart. */
export function ownerOf(tokenOwner: string) {
  const [corpid, who] = tokenOwner.split(':') as [string, string]
  return { corpid, agentid: who === 'contact' ? null : Number(who) }
}

const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** A person's external_userid in a corp: `wm` + 28 characters, stable, different in every corp. */
export function externalUseridFor(worldSecret: string, corpid: string, personId: string) {
  const digest = createHmac('sha256', worldSecret).update(`external_userid:${corpid}:${personId}`).digest()
  let s = 'wm'
  for (let i = 0; s.length < 30; i++) s += CHARS[digest[i % digest.length]! % 64]
  return s
}
