import type { BatchItem } from 'drizzle-orm/batch'
import type { Db } from '../shared/db'
import { channelsSeedQueries } from '../surfaces/channels/account'
import { chatGroupMembers, chatGroups } from '../surfaces/chat/schema'
import { miniprogramSeedQueries } from '../surfaces/miniprogram/seed'
import { oaFollowers } from '../surfaces/official-account/schema'
import { officialAccountSeedQueries } from '../surfaces/official-account/seed'
import { payMerchants } from '../surfaces/pay/schema'
import { kfSeedQueries } from '../surfaces/wecom/kf'
import { wecomAgents, wecomCorps, wecomStaff } from '../surfaces/wecom/schema'
import { avatarSvg } from './avatars'
import { BRAND, CAST, FRIENDSHIPS, GROUP, OA_FOLLOWERS, WECOM_STAFF } from './cast'
import { openidFor, type WorldCredentials } from './credentials'
import { friendshipQuery, personQueries } from './people'
import { apps, brands } from './schema'

/**
 * Everything the seeded world holds, as one list of inserts (run in one atomic batch): the brand,
 * its mini program and Official Account, its pay merchant and WeCom corp, and the cast with their
 * wallets, openids, friendships, group chat and follows.
 */
export function seedQueries(db: Db, cred: WorldCredentials, now: number): BatchItem<'sqlite'>[] {
  const { miniProgram: mp, officialAccount: oa, pay, wecom } = cred
  const appRows = [
    { appid: mp.appid, brandId: BRAND.id },
    { appid: oa.appid, brandId: BRAND.id },
  ]
  return [
    db.insert(brands).values(BRAND),
    db.insert(apps).values([
      { ...appRows[0]!, kind: 'miniprogram', name: mp.name, secret: mp.secret, originalId: mp.originalId },
      {
        ...appRows[1]!,
        kind: 'official_account',
        name: oa.name,
        secret: oa.secret,
        originalId: oa.originalId,
        token: oa.token,
        encodingAesKey: oa.encodingAESKey,
      },
    ]),
    db.insert(payMerchants).values({
      mchid: pay.mchid,
      brandId: BRAND.id,
      name: pay.name,
      appids: [mp.appid, oa.appid],
      merchantSerial: pay.merchant.serial,
      platformSerial: pay.platformCert.serial,
      platformPublicKeyId: pay.platformPublicKey.id,
    }),
    db.insert(wecomCorps).values({
      corpid: wecom.corpid,
      brandId: BRAND.id,
      name: wecom.name,
      token: wecom.token,
      encodingAesKey: wecom.encodingAESKey,
      contactSecret: wecom.contactSecret,
    }),
    db.insert(wecomAgents).values({ corpid: wecom.corpid, agentid: wecom.agentid, name: 'Store Assistant', secret: wecom.agentSecret }),
    db.insert(wecomStaff).values(WECOM_STAFF.map((s) => ({ ...s, corpid: wecom.corpid, avatar: avatarSvg(s.name) }))),
    ...kfSeedQueries(db, cred.worldSecret, wecom, WECOM_STAFF[0]!.userid),
    ...CAST.flatMap((p) => personQueries(db, cred.worldSecret, appRows, p, now)),
    ...FRIENDSHIPS.map(([a, b]) => friendshipQuery(db, a, b, now)),
    db.insert(chatGroups).values({ id: GROUP.id, name: GROUP.name, ownerId: GROUP.ownerId, createdAt: now }),
    db.insert(chatGroupMembers).values(GROUP.members.map((personId) => ({ groupId: GROUP.id, personId, joinedAt: now }))),
    db.insert(oaFollowers).values(
      OA_FOLLOWERS.map(([personId, subscribeScene], i) => ({
        appid: oa.appid,
        openid: openidFor(cred.worldSecret, oa.appid, personId),
        subscribeTime: Math.floor(now / 1000) - 86_400 * (30 + i * 7),
        subscribeScene,
      })),
    ),
    ...miniprogramSeedQueries(db, cred),
    ...officialAccountSeedQueries(db, cred),
    ...channelsSeedQueries(db, cred, now),
  ]
}
