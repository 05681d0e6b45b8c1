import { request } from 'node:http'
import { connect } from 'node:net'

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

/**
 * Writes a chunked POST of `total` bytes over a raw socket without reading anything until it is
 * all written, then reads the answer to the end: a server that refuses early must keep reading
 * (and discarding) while the client is still writing, or the client's writes draw a reset that
 * loses the answer (EPIPE / ECONNRESET, which rejects).
 */
export function streamUnread(url: string, total: number): Promise<string> {
  const { hostname, port, pathname, search } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname)
    let received = ''
    socket.setEncoding('utf8')
    socket.on('error', reject)
    socket.on('data', (c) => (received += c))
    socket.on('end', () => resolve(received))
    socket.pause()
    socket.write(`POST ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`)
    const size = 64 * 1024
    const chunk = `${size.toString(16)}\r\n${' '.repeat(size)}\r\n`
    let written = 0
    const pump = () => {
      while (written < total) {
        written += size
        if (!socket.write(chunk)) return void socket.once('drain', pump)
      }
      socket.resume()
    }
    pump()
  })
}
