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
import { openidFor, type WorldCredentials } from './credentials'
import { friendshipsQueries, peopleQueries } from './people'
import { apps, brands } from './schema'
import type { World } from './world'

/**
 * Everything the seeded world holds, as one list of inserts (run in one atomic batch): the brand,
 * its mini program and Official Account, its pay merchant and WeCom corp, and the cast with their
 * wallets, openids, friendships, group chats and follows — names and people from `world`.
 */
export function seedQueries(db: Db, cred: WorldCredentials, world: World, now: number): BatchItem<'sqlite'>[] {
  const { miniProgram: mp, officialAccount: oa, pay, wecom } = cred
  const brand = world.brand
  const appRows = [
    { appid: mp.appid, brandId: brand.id },
    { appid: oa.appid, brandId: brand.id },
  ]
  return [
    db.insert(brands).values(brand),
    db.insert(apps).values([
      { ...appRows[0]!, kind: 'miniprogram', name: world.miniProgram.name, nameZh: world.miniProgram.nameZh ?? null, secret: mp.secret, originalId: mp.originalId },
      {
        ...appRows[1]!,
        kind: 'official_account',
        name: world.officialAccount.name,
        nameZh: world.officialAccount.nameZh ?? null,
        secret: oa.secret,
        originalId: oa.originalId,
        token: oa.token,
        encodingAesKey: oa.encodingAESKey,
      },
    ]),
    db.insert(payMerchants).values({
      mchid: pay.mchid,
      brandId: brand.id,
      name: world.pay.merchantName,
      appids: [mp.appid, oa.appid],
      merchantSerial: pay.merchant.serial,
      platformSerial: pay.platformCert.serial,
      platformPublicKeyId: pay.platformPublicKey.id,
    }),
    db.insert(wecomCorps).values({
      corpid: wecom.corpid,
      brandId: brand.id,
      name: world.wecom.corpName,
      token: wecom.token,
      encodingAesKey: wecom.encodingAESKey,
      contactSecret: wecom.contactSecret,
    }),
    db.insert(wecomAgents).values({ corpid: wecom.corpid, agentid: wecom.agentid, name: world.wecom.agentName, secret: wecom.agentSecret }),
    ...(world.wecom.consultants.length ? [db.insert(wecomStaff).values(world.wecom.consultants.map((s) => ({ ...s, corpid: wecom.corpid, avatar: avatarSvg(s.name) })))] : []),
    ...kfSeedQueries(db, cred.worldSecret, { corpid: wecom.corpid, name: world.wecom.corpName }, world.wecom.consultants[0]?.userid ?? ''),
    ...peopleQueries(db, cred.worldSecret, appRows, world.cast, now),
    ...friendshipsQueries(db, world.friendships, now),
    ...world.groups.flatMap((g) => [
      db.insert(chatGroups).values({ id: g.id, name: g.name, ownerId: g.ownerId, createdAt: now }),
      db.insert(chatGroupMembers).values(g.members.map((personId) => ({ groupId: g.id, personId, joinedAt: now }))),
    ]),
    ...(world.followers.length ? [db.insert(oaFollowers).values(
      world.followers.map(([personId, subscribeScene], i) => ({
        appid: oa.appid,
        openid: openidFor(cred.worldSecret, oa.appid, personId),
        subscribeTime: Math.floor(now / 1000) - 86_400 * (30 + i * 7),
        subscribeScene,
      })),
    )] : []),
    ...miniprogramSeedQueries(db, cred),
    ...officialAccountSeedQueries(db, cred),
    ...channelsSeedQueries(db, cred, world, now),
  ]
}
