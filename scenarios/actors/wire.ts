/**
 * The only place in scenarios/ that speaks HTTP: actors call their surface through a Wire, so a
 * journey never holds a URL or a JSON body.
 */
export class WireError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} answered ${status}: ${JSON.stringify(body)}`)
  }
}

export interface Answer<T = any> {
  status: number
  body: T
}

export class Wire {
  constructor(
    readonly base: string,
    private readonly headers: (method: string, path: string) => Record<string, string> = () => ({}),
  ) {}

  /** Any answer, whatever its status. */
  async raw<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const res = await fetch(this.base + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...this.headers(method, path), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const type = res.headers.get('content-type') ?? ''
    if (type.startsWith('image/')) return { status: res.status, body: Buffer.from(await res.arrayBuffer()) as T }
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T }
  }

  /** A 2xx answer's body, or a WireError naming the call. */
  async call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const answer = await this.raw<T>(method, path, body, headers)
    if (answer.status < 200 || answer.status > 299) throw new WireError(answer.status, answer.body, `${method} ${path}`)
    return answer.body
  }

  get<T = any>(path: string) {
    return this.call<T>('GET', path)
  }

  post<T = any>(path: string, body: unknown = {}) {
    return this.call<T>('POST', path, body)
  }
}
