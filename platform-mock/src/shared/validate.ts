import type { Context, MiddlewareHandler } from 'hono'
import type { z } from 'zod'
import { PayError, SandboxError, WecomError, WxError } from './errors'

/**
 * Reads the body as JSON whatever the Content-Type says (WeChat parses what it is sent), validates
 * it in the caller's envelope, and hands the result to `c.req.valid('json')`.
 */
function jsonBody<T extends z.ZodType>(check: (text: string, c: Context) => Promise<z.infer<T>>) {
  const mw: MiddlewareHandler<any, string, { in: { json: z.input<T> }; out: { json: z.output<T> } }> = async (c, next) => {
    const text = await c.req.text()
    c.req.addValidatedData('json', (await check(text, c)) as object)
    await next()
  }
  return mw
}

/** Deeper than any WeChat body (a menu is 3 levels, a card 6): deeper is refused as malformed. */
export const MAX_JSON_DEPTH = 64

/** How deeply arrays and objects nest in a JSON text, counted without parsing it. */
function nesting(text: string) {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 92) i++ // backslash: skip the escaped character
      else if (ch === 34) inString = false
    } else if (ch === 34) inString = true
    else if (ch === 123 || ch === 91) max = Math.max(max, ++depth)
    else if (ch === 125 || ch === 93) depth--
  }
  return max
}

/**
 * `JSON.parse`, refusing (by throwing a SyntaxError) a text nested deeper than MAX_JSON_DEPTH: such a
 * value would overflow the stack later, when it is stored or sent back, after something was written.
 */
export function parseJson(text: string): unknown {
  if (nesting(text) > MAX_JSON_DEPTH) throw new SyntaxError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`)
  return JSON.parse(text)
}

async function readJson(text: string): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: text === '' ? undefined : parseJson(text) }
  } catch {
    return { ok: false }
  }
}

function describe(error: z.ZodError) {
  const issue = error.issues[0]
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid'
}

/** A JSON body on api.weixin.qq.com: unparsable → 47001, wrong shape → 47003 naming the field. */
export const wxJson = <T extends z.ZodType>(schema: T) =>
  jsonBody<T>(async (text) => {
    const parsed = await readJson(text)
    if (!parsed.ok || parsed.value === undefined) throw new WxError(parsed.ok ? 44002 : 47001, parsed.ok ? 'empty post data' : 'data format error')
    const result = schema.safeParse(parsed.value)
    if (!result.success) throw new WxError(47003, `argument invalid! ${describe(result.error)}`)
    return result.data as z.infer<T>
  })

/** A JSON body on qyapi.weixin.qq.com. */
export const wecomJson = <T extends z.ZodType>(schema: T) =>
  jsonBody<T>(async (text) => {
    const parsed = await readJson(text)
    if (!parsed.ok || parsed.value === undefined) throw new WecomError(parsed.ok ? 44002 : 47001, parsed.ok ? 'empty post data' : 'Warning: wrong json format. data format error')
    const result = schema.safeParse(parsed.value)
    if (!result.success) throw new WecomError(40058, `invalid parameter: ${describe(result.error)}`)
    return result.data as z.infer<T>
  })

/** A JSON body on WeChat Pay: anything wrong → 400 PARAM_ERROR with the field in `detail`. */
export const payJson = <T extends z.ZodType>(schema: T) =>
  jsonBody<T>(async (text) => {
    const parsed = await readJson(text)
    if (!parsed.ok || parsed.value === undefined) throw new PayError(400, 'PARAM_ERROR', '请求体格式错误', { location: 'body' })
    const result = schema.safeParse(parsed.value)
    if (!result.success) {
      const issue = result.error.issues[0]
      throw new PayError(400, 'PARAM_ERROR', `参数错误：${describe(result.error)}`, {
        location: 'body',
        field: `/${issue?.path.join('/') ?? ''}`,
        issue: issue?.message,
      })
    }
    return result.data as z.infer<T>
  })

/** A JSON body on the sandbox control API (an empty body counts as `{}`). */
export const sandboxJson = <T extends z.ZodType>(schema: T) =>
  jsonBody<T>(async (text) => {
    const parsed = await readJson(text)
    if (!parsed.ok) throw new SandboxError(400, 'bad_json', 'the body is not valid JSON')
    const result = schema.safeParse(parsed.value ?? {})
    if (!result.success) throw new SandboxError(400, 'invalid', describe(result.error))
    return result.data as z.infer<T>
  })
