import '../../world/keys' // sets @peculiar/x509's crypto provider
import * as x509 from '@peculiar/x509'
import { createPrivateKey, randomBytes, webcrypto, X509Certificate } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { activeFaults, fire } from '../../faults/rules'
import type { Platform } from '../../platform'
import { sandboxKeys } from '../../sandbox/schema'
import { parseDuration } from '../../shared/clock'
import { signatureHeaders } from './auth'
import { merchantKeys, type PlatformSigner } from './crypto'
import { findMerchant } from './merchants'

/** A platform certificate as GET /v3/certificates lists it, with the key that signs under it. */
export interface PlatformCertificate {
  serial: string
  pem: string
  effectiveTime: number
  expireTime: number
  signer: PlatformSigner
}

/** The prefix of WeChat Pay's signature probes (签名探测流量): such a signature never verifies. */
export const SIGNTEST_PREFIX = 'WECHATPAY/SIGNTEST/'

/**
 * The headers that sign an answer or a notification for a merchant, the `pay-keys` faults
 * applied: the signer of its mode (after a certificate rotation's overlap, the new certificate),
 * then at most one firing: the WeChat Pay public key instead of the certificate, a timestamp off
 * by some seconds, or a signature probe.
 */
export async function signedHeaders(platform: Platform, mchid: string, body: Buffer | string, route: string, method?: string) {
  const merchant = await findMerchant(platform, mchid)
  const keys = merchantKeys(platform.credentials, mchid)
  if (!merchant || !keys) throw new Error(`no keys for merchant ${mchid}`)
  const certificateMode = merchant.platformMode === 'certificate'
  let signer = keys.signers[merchant.platformMode]
  if (certificateMode) {
    const rotation = await rotationOf(platform, mchid)
    if (rotation?.switched) signer = rotation.next.signer
  }
  const fired = await fire<{ seconds?: number }>(platform, {
    surface: 'pay-keys',
    faults: certificateMode ? ['SIGNTEST', 'clock-skew', 'public-key'] : ['SIGNTEST', 'clock-skew'],
    route,
    method,
    app: mchid,
  })
  if (fired?.rule.fault === 'public-key') signer = keys.signers.public_key
  const headers = signatureHeaders(signer, body, fired?.rule.fault === 'clock-skew' ? (fired.params.seconds ?? 600) : 0)
  if (fired?.rule.fault === 'SIGNTEST') headers['Wechatpay-Signature'] = SIGNTEST_PREFIX + randomBytes(192).toString('base64')
  return headers
}

/** The certificates GET /v3/certificates lists for a merchant in certificate mode, newest first. */
export async function listedCertificates(platform: Platform, mchid: string): Promise<Omit<PlatformCertificate, 'signer'>[]> {
  const keys = merchantKeys(platform.credentials, mchid)
  if (!keys) return []
  const rotation = await rotationOf(platform, mchid)
  return rotation ? [rotation.next, keys.certificate] : [keys.certificate]
}

/**
 * A certificate rotation in force for the merchant (fault `cert-rotation`): the new certificate,
 * and whether its overlap is over (the new one signs).
 */
async function rotationOf(platform: Platform, mchid: string) {
  const [rule] = await activeFaults(platform, { surface: 'pay-keys', faults: ['cert-rotation'], route: '/v3/certificates', app: mchid })
  if (!rule) return null
  const since = Date.parse(rule.createdAt)
  const overlap = parseDuration(String(rule.params.overlap ?? '10m')) ?? 0
  const next = await nextCertificate(platform, mchid)
  return { next: { ...next, effectiveTime: Math.min(next.effectiveTime, since) }, switched: platform.clock.now() >= since + overlap }
}

const KEY_NAME = (mchid: string) => `pay.next-platform-certificate.${mchid}`
const cache = new WeakMap<Platform, Map<string, Promise<PlatformCertificate>>>()

/**
 * The certificate a rotation brings in: made on first need and kept with the data dir's keys
 * (sandbox_keys: a reset leaves it, so a merchant that downloaded it keeps it valid).
 */
function nextCertificate(platform: Platform, mchid: string): Promise<PlatformCertificate> {
  let map = cache.get(platform)
  if (!map) cache.set(platform, (map = new Map()))
  let cert = map.get(mchid)
  if (!cert) {
    cert = loadOrIssue(platform, mchid)
    cert.catch(() => map.delete(mchid))
    map.set(mchid, cert)
  }
  return cert
}

async function loadOrIssue(platform: Platform, mchid: string): Promise<PlatformCertificate> {
  const name = KEY_NAME(mchid)
  const [row] = await platform.db.select().from(sandboxKeys).where(eq(sandboxKeys.name, name))
  let stored = row ? (JSON.parse(row.value) as { serial: string; certificate: string; privateKey: string }) : null
  if (!stored) {
    stored = await issue(platform.clock.now())
    await platform.db.insert(sandboxKeys).values({ name, value: JSON.stringify(stored) }).onConflictDoNothing()
    const [kept] = await platform.db.select().from(sandboxKeys).where(eq(sandboxKeys.name, name))
    stored = JSON.parse(kept!.value) as typeof stored
  }
  const parsed = new X509Certificate(stored.certificate)
  return {
    serial: stored.serial,
    pem: stored.certificate,
    effectiveTime: Date.parse(parsed.validFrom),
    expireTime: Date.parse(parsed.validTo),
    signer: { serial: stored.serial, key: createPrivateKey(stored.privateKey) },
  }
}

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const

/** A new platform certificate valid five years (the sandbox root CA's key is not kept, so it signs itself). */
async function issue(now: number) {
  const keys = (await webcrypto.subtle.generateKey({ ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify'])) as CryptoKeyPair
  const hex = randomBytes(20).toString('hex').toUpperCase()
  const serial = ((parseInt(hex.slice(0, 2), 16) & 0x7f) | 0x10).toString(16).toUpperCase() + hex.slice(2)
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial,
    name: 'C=CN, ST=Guangdong, L=Shenzhen, O=Tenpay.com, OU=Tenpay.com CA Center, CN=Tenpay.com sign',
    notBefore: new Date(now - 86_400_000),
    notAfter: new Date(now + 5 * 365 * 86_400_000),
    keys,
    signingAlgorithm: RSA,
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true)],
  })
  const der = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)
  const privateKey = `-----BEGIN PRIVATE KEY-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`
  return { serial, certificate: cert.toString('pem') + '\n', privateKey }
}
