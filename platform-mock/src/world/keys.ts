import 'reflect-metadata' // @peculiar/x509 (through tsyringe) needs it loaded first
import * as x509 from '@peculiar/x509'
import { webcrypto } from 'node:crypto'
import type { Ids } from '../shared/ids'

x509.cryptoProvider.set(webcrypto as unknown as Crypto)

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const

/** A 2048-bit RSA key pair as PEM, plus its X.509 certificate when it has one. */
export interface KeyMaterial {
  privateKey: string
  publicKey: string
  certificate?: string
  serial?: string
}

/** Everything WeChat Pay hands a merchant, generated for one mchid. */
export interface PayKeys {
  merchant: Required<KeyMaterial>
  platformCert: Required<KeyMaterial>
  platformPublicKey: KeyMaterial & { id: string }
  apiV3Key: string
  rootCa: string
}

function pem(label: string, der: ArrayBuffer) {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`
}

async function rsaPair() {
  return webcrypto.subtle.generateKey(
    { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  ) as Promise<CryptoKeyPair>
}

async function exportPair(keys: CryptoKeyPair) {
  return {
    privateKey: pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
    publicKey: pem('PUBLIC KEY', await webcrypto.subtle.exportKey('spki', keys.publicKey)),
  }
}

/** A 40-hex-digit upper-case serial whose first byte is < 0x80 (no DER sign padding). */
function serialFrom(ids: Ids) {
  const hex = ids.hex(40, true)
  return ((parseInt(hex.slice(0, 2), 16) & 0x7f) | 0x10).toString(16).toUpperCase() + hex.slice(2)
}

/**
 * Generates a merchant's WeChat Pay key material: the merchant API key and certificate (what the
 * merchant signs requests with), the platform certificate (certificate mode) and the WeChat Pay
 * public key with its `PUB_KEY_ID_…` (public-key mode), all issued by a sandbox root CA.
 */
export async function generatePayKeys(ids: Ids, mchid: string, merchantName: string, now: Date): Promise<PayKeys> {
  const notBefore = new Date(now.getTime() - 86_400_000)
  const notAfter = new Date(now.getTime() + 5 * 365 * 86_400_000)
  const [caKeys, merchantKeys, platformKeys, publicKeys] = await Promise.all([rsaPair(), rsaPair(), rsaPair(), rsaPair()])
  const caName = 'C=CN, O=Tenpay.com, OU=Tenpay.com CA Center, CN=Tenpay.com Root CA (WeChat Commerce Sandbox)'
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialFrom(ids),
    name: caName,
    notBefore,
    notAfter: new Date(now.getTime() + 20 * 365 * 86_400_000),
    keys: caKeys,
    signingAlgorithm: RSA,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  })
  const issue = async (keys: CryptoKeyPair, subject: string) => {
    const serial = serialFrom(ids)
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial,
      subject,
      issuer: ca.subject,
      notBefore,
      notAfter,
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: RSA,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      ],
    })
    return { ...(await exportPair(keys)), certificate: cert.toString('pem') + '\n', serial }
  }
  const merchant = await issue(
    merchantKeys,
    `C=CN, ST=Guangdong, L=Shenzhen, O=${merchantName.replace(/[,=+]/g, ' ')}, OU=${mchid}, CN=${mchid}`,
  )
  const platformCert = await issue(
    platformKeys,
    'C=CN, ST=Guangdong, L=Shenzhen, O=Tenpay.com, OU=Tenpay.com CA Center, CN=Tenpay.com sign',
  )
  const publicKeyId = `PUB_KEY_ID_01${mchid}${ids.digits(22)}`
  return {
    merchant,
    platformCert,
    platformPublicKey: { ...(await exportPair(publicKeys)), id: publicKeyId },
    apiV3Key: ids.alnum(32),
    rootCa: ca.toString('pem') + '\n',
  }
}
