import { request } from 'node:http'
import { startPlatform, type RunningPlatform, type StartOptions } from './server'

/** A platform on a random port and a throwaway database, with small helpers for tests. */
export async function testPlatform(opts: StartOptions = {}) {
  const running = await startPlatform({ memory: true, port: 0, ...opts })
  return Object.assign(running, {
    async get(path: string, headers: Record<string, string> = {}) {
      return fetch(running.url + path, { headers })
    },
    async post(path: string, body?: unknown, headers: Record<string, string> = {}) {
      return fetch(running.url + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      })
    },
    /** A GET through node:http, which (unlike fetch) lets a test set the Host header. */
    async raw(path: string, headers: Record<string, string> = {}) {
      return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }>((resolve, reject) => {
        const req = request(running.url + path, { headers }, (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk) => (text += chunk))
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }))
        })
        req.on('error', reject)
        req.end()
      })
    },
    async json<T = any>(path: string, init?: RequestInit): Promise<T> {
      const res = await fetch(running.url + path, init)
      return (await res.json()) as T
    },
  })
}

export type TestPlatform = RunningPlatform & Awaited<ReturnType<typeof testPlatform>>
