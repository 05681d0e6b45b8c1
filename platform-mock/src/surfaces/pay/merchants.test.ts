import { randomBytes } from 'node:crypto'
import { expect, test } from 'vitest'
import { createPlatform } from '../../app'
import { Platform } from '../../platform'
import { memoryDb } from '../../shared/db'
import { cachedMerchants, findMerchant, MAX_CACHED } from './merchants'

test('unsigned requests with made-up mchids leave nothing in memory', async () => {
  const platform = await Platform.open(await memoryDb(), { seed: '1' })
  try {
    const app = createPlatform(platform)
    const made = (i: number) => (i % 2 ? randomBytes(3000).toString('hex') : String(10n ** 20n + BigInt(i)))
    for (let i = 0; i < 2000; i++) {
      const auth = `WECHATPAY2-SHA256-RSA2048 mchid="${made(i)}",nonce_str="n",signature="s",timestamp="1",serial_no="x"`
      const res = await app.request('/v3/certificates', { headers: { Authorization: auth } })
      expect(res.status).toBe(401)
    }
    expect(cachedMerchants(platform)).toBe(0)
    // the real merchant is kept once found
    expect(await findMerchant(platform, platform.credentials.pay.mchid)).toMatchObject({ mchid: platform.credentials.pay.mchid })
    expect(cachedMerchants(platform)).toBe(1)
    expect(MAX_CACHED).toBeLessThanOrEqual(1024)
  } finally {
    await platform.close()
  }
})
