import { createCipheriv, createDecipheriv } from 'node:crypto'

/**
 * 开放数据 (encryptedData + iv) as WeChat gives it to a mini program (wx.getShareInfo, getPhoneNumber
 * of old, getUserInfo): AES-128-CBC with key = base64-decoded session_key, a random 16-byte iv,
 * PKCS#7; the JSON carries a `watermark` of the appid and a timestamp. The merchant's server
 * decrypts it with the session_key it got from jscode2session.
 */
export function sealOpenData(sessionKey: string, data: Record<string, unknown>, appid: string, timestamp: number, iv: Buffer) {
  const key = Buffer.from(sessionKey, 'base64')
  const plain = JSON.stringify({ ...data, watermark: { timestamp, appid } })
  const cipher = createCipheriv('aes-128-cbc', key, iv)
  const encryptedData = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64')
  return { encryptedData, iv: iv.toString('base64') }
}

/** What the merchant's server does with it (WXBizDataCrypt.decryptData): the JSON, or an error for a wrong key or appid. */
export function openOpenData(sessionKey: string, encryptedData: string, iv: string, appid: string): Record<string, unknown> {
  const decipher = createDecipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), Buffer.from(iv, 'base64'))
  const plain = Buffer.concat([decipher.update(Buffer.from(encryptedData, 'base64')), decipher.final()]).toString('utf8')
  const data = JSON.parse(plain) as { watermark?: { appid?: string } }
  if (data.watermark?.appid !== appid) throw new Error('Illegal Buffer: the watermark names another appid')
  return data
}
