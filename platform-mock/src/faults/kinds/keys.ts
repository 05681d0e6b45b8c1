import { z } from 'zod'
import { Duration } from './notify'
import type { FaultKind } from './types'

const WHERE =
  'every signed 2xx answer of api.mch.weixin.qq.com (`route` its path) and every notification attempt (`route` `/` and its event_type); `app` the mchid'

/**
 * The signatures WeChat Pay puts on its answers and notifications (Wechatpay-Serial, -Timestamp,
 * -Nonce, -Signature), and the platform certificates a merchant downloads to check them.
 */
export const KEY_FAULTS: FaultKind[] = [
  {
    surface: 'pay-keys',
    fault: 'SIGNTEST',
    summary:
      'a signature probe (签名探测流量): Wechatpay-Signature is `WECHATPAY/SIGNTEST/…`, which must fail verification; a merchant that accepts it does not verify. A notification the merchant rightly refuses is retried on the ladder',
    where: WHERE,
  },
  {
    surface: 'pay-keys',
    fault: 'clock-skew',
    summary:
      'Wechatpay-Timestamp is `seconds` away from now (signed correctly over that timestamp): beyond the 300 s SDKs allow, the merchant must refuse the answer or notification',
    where: WHERE,
    params: z
      .object({ seconds: z.number().int().min(-86_400).max(86_400).refine((s) => s !== 0, 'not 0').default(600) })
      .strict(),
  },
  {
    surface: 'pay-keys',
    fault: 'public-key',
    summary:
      'the switch to the WeChat Pay public key (微信支付公钥): a merchant still on platform certificates gets this answer or notification signed with `Wechatpay-Serial: PUB_KEY_ID_…` (with `times` or a `probability`, a mix of both serials, as during the switch-over)',
    where: `${WHERE}; merchants in certificate mode`,
  },
  {
    surface: 'pay-keys',
    fault: 'cert-rotation',
    summary:
      'the platform certificate rotates: from the moment the rule is added GET /v3/certificates lists a new certificate (a new serial) beside the old; for `overlap` the old one still signs, then answers and notifications are signed by the new one. The old stays listed. A state while the rule is on: `times` and `probability` do not apply',
    where: 'GET /v3/certificates and every signed answer and notification of merchants in certificate mode (`app` the mchid)',
    params: z.object({ overlap: Duration('overlap', 30 * 86_400_000).default('10m') }).strict(),
  },
]
