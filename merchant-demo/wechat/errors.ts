/** A failed call to api.weixin.qq.com: WeChat's `{errcode, errmsg}` envelope, kept whole. */
export class WeChatApiError extends Error {
  constructor(
    readonly api: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${api}: ${errcode} ${errmsg}`)
  }
}

/** A failed WeChat Pay v3 call: HTTP status and `{code, message}`, or a response that failed verification. */
export class WeChatPayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`WeChat Pay ${status} ${code}: ${message}`)
  }
}
