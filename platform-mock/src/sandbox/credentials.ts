import type { WorldCredentials } from '../world/credentials'
import type { World } from '../world/world'

/**
 * The document `GET /_sandbox/credentials` returns: everything a merchant configures itself with.
 * Field names say what each value is; PEMs are complete with their headers.
 */
export function credentialsDocument(cred: WorldCredentials, world: World, baseUrl: string) {
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
    brand: { id: world.brand.id, name: world.brand.name, nameZh: world.brand.nameZh },
    miniProgram: { appid: mp.appid, secret: mp.secret, originalId: mp.originalId, name: world.miniProgram.name },
    officialAccount: {
      appid: oa.appid,
      secret: oa.secret,
      originalId: oa.originalId,
      name: world.officialAccount.name,
      token: oa.token,
      encodingAESKey: oa.encodingAESKey,
    },
    pay: {
      mchid: pay.mchid,
      merchantName: world.pay.merchantName,
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
      corpName: world.wecom.corpName,
      agentid: wecom.agentid,
      agentSecret: wecom.agentSecret,
      contactSecret: wecom.contactSecret,
      token: wecom.token,
      encodingAESKey: wecom.encodingAESKey,
    },
  }
}

export type CredentialsDocument = ReturnType<typeof credentialsDocument>
