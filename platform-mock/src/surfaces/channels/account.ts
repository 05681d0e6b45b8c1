import { createHmac } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import type { Db } from '../../shared/db'
import type { WorldCredentials } from '../../world/credentials'
import type { World } from '../../world/world'
import { noSuchAccount } from './errors'
import { channelsAccounts } from './schema'

export type AccountRow = typeof channelsAccounts.$inferSelect

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** A Channels id as WeChat shows them (`sphcqO59YEPCvoe`): `sph` and 12 letters, derived from the world secret. */
export function finderUserNameFor(worldSecret: string, brandId: string) {
  const d = createHmac('sha256', worldSecret).update(`channels:${brandId}`).digest()
  return `sph${[...d.subarray(0, 12)].map((b) => ALNUM[b % ALNUM.length]).join('')}`
}

/** The seeded world's brand account (no videos: the brand posts them). */
export function channelsSeedQueries(db: Db, cred: WorldCredentials, world: World, now: number) {
  return [
    db.insert(channelsAccounts).values({
      finderUserName: finderUserNameFor(cred.worldSecret, world.brand.id),
      brandId: world.brand.id,
      nickname: world.channels.nickname,
      signature: world.channels.signature,
      color: world.brand.color,
      appid: cred.miniProgram.appid,
      createdAt: now,
    }),
  ]
}

/** An account by its id; without one, the world brand's. */
export async function findAccount(platform: Platform, finder?: string): Promise<AccountRow> {
  const id = finder ?? finderUserNameFor(platform.credentials.worldSecret, platform.world.brand.id)
  const [row] = await platform.db.select().from(channelsAccounts).where(eq(channelsAccounts.finderUserName, id))
  if (!row) throw noSuchAccount(id)
  return row
}

export async function listAccounts(db: Db) {
  return db.select().from(channelsAccounts)
}

export async function updateAccount(platform: Platform, finder: string, set: Partial<Pick<AccountRow, 'nickname' | 'signature' | 'color' | 'appid'>>) {
  const account = await findAccount(platform, finder)
  if (Object.keys(set).length === 0) return account
  const [row] = await platform.db.update(channelsAccounts).set(set).where(eq(channelsAccounts.finderUserName, account.finderUserName)).returning()
  await platform.events.append({ actor: account.finderUserName, surface: 'channels', type: 'channels.account.updated', subject: { finder: account.finderUserName }, payload: { ...set } })
  return row!
}

export const avatarUrl = (finder: string) => `/_sandbox/channels/accounts/${finder}/avatar.svg`

export function accountView(a: AccountRow) {
  return {
    finderUserName: a.finderUserName,
    nickname: a.nickname,
    signature: a.signature,
    color: a.color,
    appid: a.appid,
    headUrl: avatarUrl(a.finderUserName),
  }
}
