import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/** 验证消息的确来自微信服务器: sha1 of the sorted, joined parts, lower-case hex. */
export function sha1Signature(...parts: string[]) {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex')
}

/** An EncodingAESKey is 43 characters of [A-Za-z0-9] that decode to a 32-byte AES key. */
export function aesKeyOf(encodingAESKey: string): Buffer | null {
  if (!/^[A-Za-z0-9]{43}$/.test(encodingAESKey)) return null
  const key = Buffer.from(`${encodingAESKey}=`, 'base64')
  return key.length === 32 ? key : null
}

const BLOCK = 32

/** 消息加解密: AES-256-CBC, IV = key[0..16], random(16) ‖ len(4, BE) ‖ msg ‖ receiveid, PKCS#7 to 32. */
export function encryptMessage(encodingAESKey: string, receiveId: string, message: string, random: Buffer = randomBytes(16)) {
  const key = aesKeyOf(encodingAESKey)
  if (!key) throw new Error('invalid EncodingAESKey')
  const msg = Buffer.from(message, 'utf8')
  const len = Buffer.alloc(4)
  len.writeUInt32BE(msg.length)
  const plain = Buffer.concat([random, len, msg, Buffer.from(receiveId, 'utf8')])
  const pad = BLOCK - (plain.length % BLOCK)
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64')
}

export type DecryptResult = { ok: true; message: string; receiveId: string } | { ok: false; code: -40004 | -40005 | -40007 | -40010; reason: string }

/**
 * The reverse of `encryptMessage`, with the official sample library's error codes: −40004 bad
 * key, −40007 cannot decrypt, −40010 bad base64, −40005 the receiveid is not `expectId`.
 */
export function decryptMessage(encodingAESKey: string, encrypted: string, expectId?: string): DecryptResult {
  const key = aesKeyOf(encodingAESKey)
  if (!key) return { ok: false, code: -40004, reason: 'invalid EncodingAESKey' }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)) return { ok: false, code: -40010, reason: 'Encrypt is not base64' }
  const bytes = Buffer.from(encrypted, 'base64')
  if (bytes.length === 0 || bytes.length % 16 !== 0) return { ok: false, code: -40007, reason: 'ciphertext is not whole AES blocks' }
  let plain: Buffer
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
    plain = Buffer.concat([decipher.update(bytes), decipher.final()])
  } catch {
    return { ok: false, code: -40007, reason: 'AES decryption failed' }
  }
  const pad = plain[plain.length - 1]!
  if (pad < 1 || pad > BLOCK || plain.length - pad < 20) return { ok: false, code: -40007, reason: 'bad padding (wrong EncodingAESKey?)' }
  const body = plain.subarray(16, plain.length - pad)
  const len = body.readUInt32BE(0)
  if (len > body.length - 4) return { ok: false, code: -40007, reason: 'bad message length (wrong EncodingAESKey?)' }
  const message = body.subarray(4, 4 + len).toString('utf8')
  const receiveId = body.subarray(4 + len).toString('utf8')
  if (expectId !== undefined && receiveId !== expectId) return { ok: false, code: -40005, reason: `receiveid ${receiveId} is not ${expectId}` }
  return { ok: true, message, receiveId }
}
