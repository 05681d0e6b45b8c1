import { createHmac } from 'node:crypto'
import type { Ids } from '../shared/ids'
import { BRAND } from './cast'
import { generatePayKeys, type PayKeys } from './keys'
import type { OwnIds } from './world'

/**
 * The brand's identifiers and secrets (its names are the world's, see World): generated once per data dir, kept in sandbox_keys and never
 * regenerated (reset and restore leave them alone), so a configured merchant keeps working.
 */
export interface WorldCredentials {
  /** derives openids and unionids; never leaves the platform */
  worldSecret: string
  miniProgram: { appid: string; secret: string; originalId: string }
  officialAccount: {
    appid: string
    secret: string
    originalId: string
    token: string
    encodingAESKey: string
  }
  pay: { mchid: string } & PayKeys
  wecom: {
    corpid: string
    agentid: number
    agentSecret: string
    contactSecret: string
    token: string
    encodingAESKey: string
  }
}

export async function generateCredentials(ids: Ids, now: Date): Promise<WorldCredentials> {
  const mchid = `16${ids.digits(8)}`
  return {
    worldSecret: ids.hex(64),
    miniProgram: {
      appid: `wx${ids.hex(16)}`,
      secret: ids.hex(32),
      originalId: `gh_${ids.hex(12)}`,
    },
    officialAccount: {
      appid: `wx${ids.hex(16)}`,
      secret: ids.hex(32),
      originalId: `gh_${ids.hex(12)}`,
      token: ids.alnum(32),
      encodingAESKey: ids.alnum(43),
    },
    pay: { mchid, ...(await generatePayKeys(ids, mchid, BRAND.name, now)) },
    wecom: {
      corpid: `ww${ids.hex(16)}`,
      agentid: 1000002,
      agentSecret: ids.urlsafe(43),
      contactSecret: ids.urlsafe(43),
      token: ids.alnum(32),
      encodingAESKey: ids.alnum(43),
    },
  }
}

const OPENID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

function derive(secret: string, prefix: string, input: string) {
  const digest = createHmac('sha256', secret).update(input).digest()
  let s = prefix
  for (let i = 0; s.length < 28; i++) s += OPENID_CHARS[digest[i % digest.length]! % 64]
  return s
}

/** A person's openid in one app: 28 characters, stable, different in every app. */
export const openidFor = (secret: string, appid: string, personId: string) => derive(secret, 'o', `openid:${appid}:${personId}`)

/** A person's unionid under a brand's Open Platform account: the same across its apps. */
export const unionidFor = (secret: string, brandId: string, personId: string) => derive(secret, 'o', `unionid:${brandId}:${personId}`)

/**
 * The credentials with a brand's own identifiers in place of the generated ones (a kit's `ids`),
 * so that its production configuration works unchanged; keys and certificates stay the sandbox's.
 */
export function withOwnIds(c: WorldCredentials, own: OwnIds = {}): WorldCredentials {
  return {
    ...c,
    miniProgram: { ...c.miniProgram, appid: own.miniProgramAppid ?? c.miniProgram.appid, secret: own.miniProgramSecret ?? c.miniProgram.secret },
    officialAccount: {
      ...c.officialAccount,
      appid: own.officialAccountAppid ?? c.officialAccount.appid,
      secret: own.officialAccountSecret ?? c.officialAccount.secret,
      token: own.officialAccountToken ?? c.officialAccount.token,
      encodingAESKey: own.officialAccountEncodingAESKey ?? c.officialAccount.encodingAESKey,
    },
    pay: {
      ...c.pay,
      mchid: own.mchid ?? c.pay.mchid,
      apiV3Key: own.apiV3Key ?? c.pay.apiV3Key,
      merchant: { ...c.pay.merchant, serial: own.merchantSerialNo ?? c.pay.merchant.serial },
    },
    wecom: { ...c.wecom, corpid: own.corpid ?? c.wecom.corpid, agentid: own.wecomAgentid ?? c.wecom.agentid },
  }
}
