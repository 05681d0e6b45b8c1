/** The parts of the platform's `GET /_sandbox/credentials` this merchant configures itself with. */
export interface SandboxCredentials {
  platform: { baseUrl: string; hosts: Record<string, string> }
  miniProgram: { appid: string; secret: string; name: string }
  officialAccount: { appid: string; secret: string; originalId: string; name: string; token: string; encodingAESKey: string }
  pay: {
    mchid: string
    apiV3Key: string
    merchantSerialNo: string
    merchantPrivateKey: string
    platformPublicKeyId?: string
    platformPublicKey?: string
    platformCertificateSerialNo?: string
    platformCertificate?: string
  }
}

/**
 * Reads the credentials, as a merchant would copy them from the WeChat consoles. Retries for a
 * few seconds, so the merchant may start just before the platform is listening.
 */
export async function fetchCredentials(platformUrl: string, attempts = 20): Promise<SandboxCredentials> {
  for (let i = 1; ; i++) {
    try {
      const res = await fetch(`${platformUrl}/_sandbox/credentials`)
      if (res.ok) return (await res.json()) as SandboxCredentials
      throw new Error(`HTTP ${res.status}`)
    } catch (err) {
      if (i >= attempts) throw new Error(`cannot read ${platformUrl}/_sandbox/credentials: ${(err as Error).message}`)
      await new Promise((r) => setTimeout(r, 250))
    }
  }
}
