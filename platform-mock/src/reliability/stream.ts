import { request } from 'node:http'

export interface StreamedAnswer {
  status: number
  body: string
  /** bytes written before the answer came (socket buffers included) */
  sent: number
  /** whether the whole body had been written when the answer came */
  finished: boolean
}

/**
 * POSTs a chunked body of up to `total` bytes through node:http, 64 KiB at a time with
 * back-pressure, and stops writing as soon as the answer arrives: a server that limits bodies
 * while they stream answers long before `total` is sent; one that buffers them first never does.
 */
export function streamBody(url: string, total: number, headers: Record<string, string> = {}): Promise<StreamedAnswer> {
  return new Promise((resolve, reject) => {
    let sent = 0
    let answered = false
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers, 'Transfer-Encoding': 'chunked' } }, (res) => {
      answered = true
      const finished = sent >= total
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c) => (body += c))
      res.on('end', () => {
        resolve({ status: res.statusCode!, body, sent, finished })
        req.destroy()
      })
    })
    req.on('error', (err) => (answered ? undefined : reject(err)))
    // a JSON array of spaces: well-formed for as long as it goes
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    req.write('[')
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!answered) req.end(']')
    }
    pump()
  })
}
