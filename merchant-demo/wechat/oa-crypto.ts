import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * The Official Account message server's crypto (公众平台 消息加解密), written from WeChat's
 * description rather than imported: the 3-part `signature` of URL verification and plain pushes,
 * the 4-part `msg_signature` of encrypted ones, and AES-256-CBC with the key from the
 * EncodingAESKey, IV = key[0..16], PKCS#7 padding to 32 bytes, plaintext
 * `random(16) ‖ len(4, big-endian) ‖ xml ‖ appid`.
 */

/** sha1 of the sorted, concatenated parts, lower-case hex: `signature` (token, timestamp, nonce) and `msg_signature` (+ Encrypt). */
export function sha1Signature(...parts: string[]) {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex')
}

/** Compares two hex signatures without leaking where they differ. */
export function sameSignature(a: string | null | undefined, b: string) {
  if (!a || a.length !== b.length) return false
  return timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

/** Why a message could not be opened; codes as in WeChat's sample libraries. */
export class OaCryptoError extends Error {
  constructor(
    readonly code: -40001 | -40002 | -40004 | -40005 | -40007,
    message: string,
  ) {
    super(message)
  }
}

export class OaCrypto {
  readonly #key: Buffer
  readonly #iv: Buffer

  constructor(
    readonly token: string,
    encodingAESKey: string,
    readonly appid: string,
  ) {
    if (!/^[A-Za-z0-9]{43}$/.test(encodingAESKey)) throw new OaCryptoError(-40004, 'EncodingAESKey must be 43 letters and digits')
    this.#key = Buffer.from(encodingAESKey + '=', 'base64')
    this.#iv = this.#key.subarray(0, 16)
  }

  /** `Encrypt` for a message: base64 of the AES-256-CBC ciphertext. `random` is for the official test vectors. */
  encrypt(xml: string, random: Buffer = randomBytes(16)): string {
    const msg = Buffer.from(xml, 'utf8')
    const len = Buffer.alloc(4)
    len.writeUInt32BE(msg.length)
    const plain = Buffer.concat([random, len, msg, Buffer.from(this.appid, 'utf8')])
    const pad = 32 - (plain.length % 32)
    const cipher = createCipheriv('aes-256-cbc', this.#key, this.#iv).setAutoPadding(false)
    return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64')
  }

  /** The XML inside `Encrypt`; refuses a wrong key (bad padding), a wrong appid or a broken length. */
  decrypt(encrypted: string): string {
    let plain: Buffer
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.#key, this.#iv).setAutoPadding(false)
      plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()])
    } catch (err) {
      throw new OaCryptoError(-40007, `decrypt failed: ${(err as Error).message}`)
    }
    const pad = plain.at(-1) ?? 0
    if (pad < 1 || pad > 32 || plain.length < 20 + pad) throw new OaCryptoError(-40007, 'decrypt failed: bad padding')
    const body = plain.subarray(16, plain.length - pad)
    const len = body.readUInt32BE(0)
    if (len > body.length - 4) throw new OaCryptoError(-40007, 'decrypt failed: bad length')
    const receiveid = body.subarray(4 + len).toString('utf8')
    if (receiveid !== this.appid) throw new OaCryptoError(-40005, `receiveid ${receiveid} is not ${this.appid}`)
    return body.subarray(4, 4 + len).toString('utf8')
  }

  /** Checks `msg_signature` over (token, timestamp, nonce, Encrypt), then decrypts. */
  open(q: { timestamp: string; nonce: string; msg_signature: string | null }, encrypted: string): string {
    if (!sameSignature(q.msg_signature, sha1Signature(this.token, q.timestamp, q.nonce, encrypted))) throw new OaCryptoError(-40001, 'msg_signature does not match')
    return this.decrypt(encrypted)
  }

  /** An encrypted passive reply: `<xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>`. */
  seal(xml: string, timestamp = String(Math.floor(Date.now() / 1000)), nonce = String(randomBytes(4).readUInt32BE(0))): string {
    const encrypted = this.encrypt(xml)
    const signature = sha1Signature(this.token, timestamp, nonce, encrypted)
    return `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt><MsgSignature><![CDATA[${signature}]]></MsgSignature><TimeStamp>${timestamp}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`
  }
}

/** The flat fields of a WeChat `<xml>` message (CDATA or bare text); nested elements are skipped. */
export function parseXml(xml: string): Record<string, string> | null {
  const root = /<xml>([\s\S]*)<\/xml>/.exec(xml)
  if (!root) return null
  const fields: Record<string, string> = {}
  const el = /<([A-Za-z_][\w.-]*)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g
  for (let m = el.exec(root[1]!); m; m = el.exec(root[1]!)) fields[m[1]!] ??= m[2] ?? decodeEntities(m[3] ?? '')
  return fields
}

function decodeEntities(s: string) {
  return s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!)
}

type XmlValue = string | number | XmlValue[] | { [k: string]: XmlValue }

/** WeChat's XML: strings in CDATA, numbers bare, arrays as repeated `<item>`. */
export function toXml(fields: Record<string, XmlValue>): string {
  const render = (v: XmlValue): string => {
    if (typeof v === 'number') return String(v)
    if (typeof v === 'string') return `<![CDATA[${v.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
    if (Array.isArray(v)) return v.map((item) => `<item>${render(item)}</item>`).join('')
    return Object.entries(v).map(([k, x]) => `<${k}>${render(x)}</${k}>`).join('')
  }
  return `<xml>${render(fields)}</xml>`
}
