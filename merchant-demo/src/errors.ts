import type { ZodType } from 'zod'

/** An answer the store's API gives to bad input: a 4xx with `{error: {code, message, field?}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 502 | 503,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message)
  }
  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } }
  }
}

/** Parses a request body with a zod schema; the first issue becomes a 400 naming its field. */
export async function readJson<T>(req: { text(): Promise<string> }, schema: ZodType<T>): Promise<T> {
  const text = await req.text()
  let data: unknown
  try {
    data = text ? JSON.parse(text) : {}
  } catch {
    throw new ApiError(400, 'bad_json', 'the body is not JSON')
  }
  const result = schema.safeParse(data)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const field = issue.path.join('.')
  throw new ApiError(400, 'invalid', field ? `${field}: ${issue.message}` : issue.message, field || undefined)
}
