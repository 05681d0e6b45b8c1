import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, sign, verify, X509Certificate, type KeyObject } from 'node:crypto'
import type { WorldCredentials } from '../../world/credentials'
import type { PlatformMode } from './schema'

/** The algorithm of every v3 signature: RSASSA-PKCS1-v1_5 with SHA-256, Base64. */
export function rsaSign(key: KeyObject, message: string | Buffer): string {
  return sign('sha256', typeof message === 'string' ? Buffer.from(message) : message, key).toString('base64')
}

export function rsaVerify(key: KeyObject, message: string | Buffer, signature: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false
  try {
    return verify('sha256', typeof message === 'string' ? Buffer.from(message) : message, key, Buffer.from(signature, 'base64'))
  } catch {
    return false
  }
}

/** 签名串 of a request: method, path+query, timestamp, nonce and body, each line ending in `\n`. */
export function requestMessage(method: string, target: string, timestamp: string, nonce: string, body: Buffer | string): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  return Buffer.concat([Buffer.from(`${method}\n${target}\n${timestamp}\n${nonce}\n`), bytes, Buffer.from('\n')])
}

/** 验签串 of a response or notification: timestamp, nonce and body, each line ending in `\n`. */
export function responseMessage(timestamp: string, nonce: string, body: Buffer | string): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  return Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), bytes, Buffer.from('\n')])
}

/** The paySign message of wx.requestPayment / getBrandWCPayRequest: appId, timeStamp, nonceStr, package. */
export const jsapiPayMessage = (appId: string, timeStamp: string, nonceStr: string, pkg: string) =>
  `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`

/** The sign message of an APP payment: appid, timestamp, noncestr and the bare prepayid. */
export const appPayMessage = (appid: string, timestamp: string, noncestr: string, prepayid: string) =>
  `${appid}\n${timestamp}\n${noncestr}\n${prepayid}\n`

/** AEAD_AES_256_GCM with the APIv3 key, as notification resources and certificates are sealed: base64(ciphertext ‖ tag). */
export function aesGcmEncrypt(apiV3Key: string, nonce: string, associatedData: string, plaintext: string): string {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(nonce))
  cipher.setAAD(Buffer.from(associatedData))
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()])
  return sealed.toString('base64')
}

export function aesGcmDecrypt(apiV3Key: string, nonce: string, associatedData: string, ciphertext: string): string {
  const data = Buffer.from(ciphertext, 'base64')
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(nonce))
  decipher.setAAD(Buffer.from(associatedData))
  decipher.setAuthTag(data.subarray(data.length - 16))
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8')
}

export interface PlatformSigner {
  /** `Wechatpay-Serial`: the platform certificate serial or the `PUB_KEY_ID_…` */
  serial: string
  key: KeyObject
}

/** A merchant's keys parsed once (PEM parsing costs more than the signature itself). */
export interface MerchantKeys {
  mchid: string
  merchantSerial: string
  /** the public key of the merchant API certificate: verifies requests and paySign */
  merchantPublicKey: KeyObject
  apiV3Key: string
  certificate: { serial: string; pem: string; effectiveTime: number; expireTime: number }
  signers: Record<PlatformMode, PlatformSigner>
}

const parsed = new WeakMap<WorldCredentials, MerchantKeys>()

/** The keys of the world's merchant, or undefined for any other mchid. */
export function merchantKeys(cred: WorldCredentials, mchid: string): MerchantKeys | undefined {
  if (mchid !== cred.pay.mchid) return undefined
  let keys = parsed.get(cred)
  if (!keys) {
    const { pay } = cred
    const cert = new X509Certificate(pay.platformCert.certificate)
    keys = {
      mchid: pay.mchid,
      merchantSerial: pay.merchant.serial,
      merchantPublicKey: createPublicKey(pay.merchant.certificate),
      apiV3Key: pay.apiV3Key,
      certificate: {
        serial: pay.platformCert.serial,
        pem: pay.platformCert.certificate,
        effectiveTime: Date.parse(cert.validFrom),
        expireTime: Date.parse(cert.validTo),
      },
      signers: {
        public_key: { serial: pay.platformPublicKey.id, key: createPrivateKey(pay.platformPublicKey.privateKey) },
        certificate: { serial: pay.platformCert.serial, key: createPrivateKey(pay.platformCert.privateKey) },
      },
    }
    parsed.set(cred, keys)
  }
  return keys
}
