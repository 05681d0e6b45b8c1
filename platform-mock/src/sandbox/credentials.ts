import type { WorldCredentials } from '../world/credentials'
import { BRAND } from '../world/cast'

/**
 * The document `GET /_sandbox/credentials` returns: everything a merchant configures itself with.
 * Field names say what each value is; PEMs are complete with their headers.
 */
export function credentialsDocument(cred: WorldCredentials, baseUrl: string) {
  const { miniProgram: mp, officialAccount: oa, pay, wecom } = cred
  return {
    platform: {
      baseUrl,
      hosts: {
        'api.weixin.qq.com': baseUrl,
        'api.mch.weixin.qq.com': baseUrl,
        'qyapi.weixin.qq.com': `${baseUrl}/wecom`,
        'mp.weixin.qq.com': `${baseUrl}/mp`,
      },
      note: 'Send requests to baseUrl with the real paths, or keep the real https URLs and use the interception helper of platform-mock.',
    },
    brand: { id: BRAND.id, name: BRAND.name, nameZh: BRAND.nameZh },
    miniProgram: { appid: mp.appid, secret: mp.secret, originalId: mp.originalId, name: mp.name },
    officialAccount: {
      appid: oa.appid,
      secret: oa.secret,
      originalId: oa.originalId,
      name: oa.name,
      token: oa.token,
      encodingAESKey: oa.encodingAESKey,
    },
    pay: {
      mchid: pay.mchid,
      merchantName: pay.name,
      appids: [mp.appid, oa.appid],
      apiV3Key: pay.apiV3Key,
      merchantSerialNo: pay.merchant.serial,
      merchantPrivateKey: pay.merchant.privateKey,
      merchantCertificate: pay.merchant.certificate,
      platformPublicKeyId: pay.platformPublicKey.id,
      platformPublicKey: pay.platformPublicKey.publicKey,
      platformCertificateSerialNo: pay.platformCert.serial,
      platformCertificate: pay.platformCert.certificate,
      rootCertificate: pay.rootCa,
    },
    wecom: {
      corpid: wecom.corpid,
      corpName: wecom.name,
      agentid: wecom.agentid,
      agentSecret: wecom.agentSecret,
      contactSecret: wecom.contactSecret,
      token: wecom.token,
      encodingAESKey: wecom.encodingAESKey,
    },
  }
}

export type CredentialsDocument = ReturnType<typeof credentialsDocument>
