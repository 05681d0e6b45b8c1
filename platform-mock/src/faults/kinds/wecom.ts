import type { FaultKind } from './types'

const TOKEN_APIS = 'any WeCom access-token API (after the token is checked)'

/**
 * qyapi.weixin.qq.com: what WeCom's server APIs answer instead of the real result, with WeCom's
 * own codes where they differ from api.weixin.qq.com's (an invalid token is 40014, an untrusted IP
 * 60020, a missing permission 48002) and the `hint: […], from ip: …, more info at …` every error
 * carries. WeCom keeps a token while it lives, so it has no "not latest" token. Nothing changes.
 */
export const WECOM_FAULTS: FaultKind[] = [
  {
    surface: 'wecom',
    fault: '-1',
    summary: '{"errcode":-1,"errmsg":"system busy, hint: […], …"}: WeCom is busy; nothing changes, the merchant retries',
    where: `${TOKEN_APIS}, and /cgi-bin/gettoken`,
  },
  {
    surface: 'wecom',
    fault: '40014',
    summary: '{"errcode":40014,"errmsg":"invalid access_token, hint: […], …"} once; the token still works, a client that fetches a new one and retries goes through',
    where: TOKEN_APIS,
  },
  {
    surface: 'wecom',
    fault: '42001',
    summary: '{"errcode":42001,"errmsg":"access_token expired, hint: […], …"} once; a client that fetches a new one and retries goes through',
    where: TOKEN_APIS,
  },
  {
    surface: 'wecom',
    fault: '45009',
    summary: '{"errcode":45009,"errmsg":"api freq out of limit, hint: […], …"}: the API\'s call limit is reached; nothing is sent',
    where: TOKEN_APIS,
  },
  {
    surface: 'wecom',
    fault: '60020',
    summary: '{"errcode":60020,"errmsg":"not allow to access from your ip, hint: […], from ip: …"}: the caller\'s IP is not a trusted IP of the app',
    where: `${TOKEN_APIS}, and /cgi-bin/gettoken`,
  },
  {
    surface: 'wecom',
    fault: '48002',
    summary: '{"errcode":48002,"errmsg":"api forbidden, hint: […], …"}: this secret\'s app may not call the API',
    where: TOKEN_APIS,
  },
]
