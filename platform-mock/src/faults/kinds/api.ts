import { z } from 'zod'
import type { FaultKind } from './types'

/** The address a 40164 names when a rule gives none: TEST-NET-3, never a real server's. */
export const DEFAULT_CALLER_IP = '203.0.113.7'

const TOKEN_APIS = 'any access-token API (after the token is checked): Official Account, mini program, Channels'

/**
 * api.weixin.qq.com: what the server APIs of the Official Account, the mini program and Channels
 * answer instead of the real result. Each errmsg is WeChat's, with the ` rid: …` every error
 * carries; nothing changes when one fires (the not-latest token excepted: that is its point).
 */
export const API_FAULTS: FaultKind[] = [
  {
    surface: 'api',
    fault: '-1',
    summary: '{"errcode":-1,"errmsg":"system error rid: …"}: WeChat is busy; nothing changes, the merchant retries',
    where: `${TOKEN_APIS}, and /cgi-bin/token and /cgi-bin/stable_token`,
  },
  {
    surface: 'api',
    fault: '40001',
    summary: '{"errcode":40001,"errmsg":"invalid credential, access_token is invalid or not latest rid: …"} once; the token still works, an SDK that fetches a new one and retries goes through',
    where: TOKEN_APIS,
  },
  {
    surface: 'api',
    fault: 'token-not-latest',
    summary:
      'another service refreshed the app\'s token: the token the merchant holds stops working now (40001 "… invalid or not latest" on this call and every later one); a plain /cgi-bin/token gives a new one, /cgi-bin/stable_token gives the stable token the other service now holds',
    where: TOKEN_APIS,
  },
  {
    surface: 'api',
    fault: '42001',
    summary: '{"errcode":42001,"errmsg":"access_token expired rid: …"} once; the token still works, an SDK that fetches a new one and retries goes through',
    where: TOKEN_APIS,
  },
  {
    surface: 'api',
    fault: '45009',
    summary: '{"errcode":45009,"errmsg":"reach max api daily quota limit rid: …"}: the API\'s daily quota is used up; nothing is sent',
    where: `${TOKEN_APIS} (narrow it with route, e.g. /cgi-bin/message/custom/send)`,
  },
  {
    surface: 'api',
    fault: '45011',
    summary: '{"errcode":45011,"errmsg":"api minute-quota reach limit mustslower retry next minute rid: …"}: too many calls this minute; nothing is sent',
    where: TOKEN_APIS,
  },
  {
    surface: 'api',
    fault: '40164',
    summary: '{"errcode":40164,"errmsg":"invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: …"}: the caller\'s IP is not in the account\'s API IP whitelist',
    where: `${TOKEN_APIS}, and /cgi-bin/token and /cgi-bin/stable_token`,
    params: z.object({ ip: z.ipv4().optional() }).strict(),
  },
  {
    surface: 'api',
    fault: '48001',
    summary: '{"errcode":48001,"errmsg":"api unauthorized rid: …"}: the account has no permission for this API',
    where: TOKEN_APIS,
  },
  {
    surface: 'api',
    fault: '43101',
    summary: '{"errcode":43101,"errmsg":"user refuse to accept the msg rid: …"}: the person refused the subscription message; nothing reaches their Service Notifications, no consent is used',
    where: '/cgi-bin/message/subscribe/send (person: the touser)',
  },
  {
    surface: 'api',
    fault: '45047',
    summary: '{"errcode":45047,"errmsg":"out of response count limit rid: …"}: the customer-service messages allowed since the person last wrote are used up; nothing is sent',
    where: '/cgi-bin/message/custom/send (person: the touser)',
  },
]
