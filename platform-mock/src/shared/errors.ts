import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'

/** The errcode envelope of api.weixin.qq.com (OA, mini program, Channels): HTTP 200 + JSON. */
export class WxError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(errmsg)
  }

  /** WeChat appends the request id to every errmsg: `… rid: 6569a7c3-…`. */
  getResponse(rid: string) {
    return Response.json({ errcode: this.errcode, errmsg: `${this.errmsg} rid: ${rid}` })
  }
}

/** The errcode envelope of qyapi.weixin.qq.com: the errmsg carries a hint and a help link. */
export class WecomError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(errmsg)
  }

  getResponse(rid: string) {
    const errmsg =
      `${this.errmsg}, hint: [${rid}], from ip: 127.0.0.1, ` +
      `more info at https://open.work.weixin.qq.com/devtool/query?e=${this.errcode}`
    return Response.json({ errcode: this.errcode, errmsg })
  }
}

/** WeChat Pay v3: the real HTTP status and `{ code, message, detail? }`. */
export class PayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message)
  }

  getResponse() {
    const body = { code: this.code, message: this.message, ...(this.detail && { detail: this.detail }) }
    return Response.json(body, { status: this.status })
  }
}

/** The sandbox's own control API: a plain REST error. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }

  getResponse() {
    return Response.json({ error: { code: this.code, message: this.message } }, { status: this.status })
  }
}

export type Envelope = 'weixin' | 'wecom' | 'pay' | 'sandbox'

export const invalidUrl = () => new WxError(40066, 'invalid url')
export const systemBusy = () => new WxError(-1, 'system error')
export const dataFormatError = () => new WxError(47001, 'data format error')
/** A body over the host's limit (WeChat's 45002 "content size out of limit"). */
export const contentTooLarge = () => new WxError(45002, 'content size out of limit')
/** A GET (or other method) on an API WeChat only answers by POST. */
export const requirePost = () => new WxError(43002, 'require POST method')

/** Renders any thrown value in the envelope of the host that was asked; never a stack trace. */
export function errorResponse(envelope: Envelope, err: unknown, rid: string): Response {
  if (err instanceof WxError || err instanceof WecomError) return err.getResponse(rid)
  if (err instanceof PayError || err instanceof SandboxError) return err.getResponse()
  const status = err instanceof HTTPException ? err.status : 500
  const malformed = status >= 400 && status < 500
  if (!malformed) console.error(`[platform] ${rid}`, err)
  switch (envelope) {
    case 'pay':
      return malformed
        ? new PayError(400, 'PARAM_ERROR', '参数错误').getResponse()
        : new PayError(500, 'SYSTEM_ERROR', '系统错误').getResponse()
    case 'wecom':
      return (malformed ? new WecomError(47001, 'data format error') : new WecomError(-1, 'system busy')).getResponse(rid)
    case 'sandbox':
      return malformed
        ? new SandboxError(400, 'bad_request', err instanceof Error ? err.message : 'bad request').getResponse()
        : new SandboxError(500, 'internal', 'internal error, see the platform log').getResponse()
    default:
      return (malformed ? dataFormatError() : systemBusy()).getResponse(rid)
  }
}

/** The request id a handler's errors and responses carry. */
export const requestId = (c: Context) => (c.get('requestId' as never) as string | undefined) ?? 'unknown'
