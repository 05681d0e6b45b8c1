import { afterEach, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../testing'

const open: TestPlatform[] = []
afterEach(async () => {
  for (const p of open.splice(0)) await p.close()
})

interface Frame {
  event: string
  id?: string
  data: any
}

/** Reads server-sent events from a real HTTP response, frame by frame. */
async function sse(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController()
  const res = await fetch(url, { headers, signal: controller.signal })
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  const frames: Frame[] = []
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += value
        let end
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const raw = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const frame: Frame = { event: 'message', data: '' }
          for (const line of raw.split('\n')) {
            const [field, ...rest] = line.split(':')
            const value = rest.join(':').replace(/^ /, '')
            if (field === 'event') frame.event = value
            if (field === 'id') frame.id = value
            if (field === 'data') frame.data = JSON.parse(value)
          }
          if (raw.startsWith(':')) continue
          frames.push(frame)
        }
      }
    } catch {
      // aborted
    }
  })()
  return {
    frames,
    async waitFor(n: number) {
      await expect.poll(() => frames.length, { timeout: 3000 }).toBeGreaterThanOrEqual(n)
      return frames
    },
    async close() {
      controller.abort()
      await pump
    },
  }
}

test('streams new events live, filtered, with ids', async () => {
  const p = await testPlatform()
  open.push(p)
  const stream = await sse(`${p.url}/_sandbox/events/stream?type=person.created`)
  await stream.waitFor(1)
  expect(stream.frames[0]!.event).toBe('ready')
  await p.post('/_sandbox/people', { id: 'zoe', name: 'Zoe Ma' }, { 'X-Sandbox-Journey': 'live-1' })
  await p.post('/_sandbox/people/zoe/friends', { with: 'alice' })
  await p.post('/_sandbox/people', { id: 'yuki', name: 'Yuki Sato' })
  const frames = await stream.waitFor(3)
  await stream.close()
  expect(frames.slice(1).map((f) => [f.event, f.data.type, f.data.subject.person])).toEqual([
    ['event', 'person.created', 'zoe'],
    ['event', 'person.created', 'yuki'],
  ])
  expect(frames[1]!.data.journeyId).toBe('live-1')
  expect(Number(frames[2]!.id)).toBe(frames[2]!.data.id)
})

test('replays what was missed after Last-Event-ID, then goes on live without duplicates', async () => {
  const p = await testPlatform()
  open.push(p)
  const [seeded] = (await p.json('/_sandbox/events')).events
  await p.post('/_sandbox/people', { id: 'zoe', name: 'Zoe Ma' })
  await p.post('/_sandbox/people', { id: 'yuki', name: 'Yuki Sato' })
  const stream = await sse(`${p.url}/_sandbox/events/stream`, { 'Last-Event-ID': String(seeded.id) })
  await stream.waitFor(3)
  await p.post('/_sandbox/people', { id: 'kai', name: 'Kai Lin' })
  const frames = await stream.waitFor(4)
  await stream.close()
  const people = frames.filter((f) => f.event === 'event').map((f) => f.data.subject.person)
  expect(people).toEqual(['zoe', 'yuki', 'kai'])
})

test('tells live listeners when the world is replaced by a reset', async () => {
  const p = await testPlatform()
  open.push(p)
  const stream = await sse(`${p.url}/_sandbox/events/stream`)
  await stream.waitFor(1)
  await p.post('/_sandbox/reset')
  const frames = await stream.waitFor(3)
  await stream.close()
  expect(frames.map((f) => f.event)).toEqual(['ready', 'event', 'replaced'])
  expect(frames[1]!.data.type).toBe('world.seeded')
})
