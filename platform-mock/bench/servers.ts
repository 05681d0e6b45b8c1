import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startPlatform } from '../src/server'

/**
 * The servers a benchmark can load, each started in its own process (pinned to one core when
 * `taskset` exists) so the load generator never shares its core.
 */
export const SERVERS = {
  /** The floor: raw node:http answering a small JSON. */
  'node-http': async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end('{"hello":"world"}')
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    return (server.address() as AddressInfo).port
  },
  /** The platform on a throwaway world. */
  platform: async () => (await startPlatform({ memory: true, port: 0 })).port,
} satisfies Record<string, () => Promise<number>>

export type ServerName = keyof typeof SERVERS

if (process.argv[2]) {
  const name = process.argv[2] as ServerName
  if (!(name in SERVERS)) throw new Error(`no bench server ${name}`)
  const port = await SERVERS[name]()
  console.log(`PORT ${port}`)
}
