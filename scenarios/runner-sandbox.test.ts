import { expect, test } from 'vitest'
import { loadJourney, runJourney } from './runner'
import { startSandbox } from './sandbox'

test('a journey run in a sandbox already up leaves it running and compares no golden trace', async () => {
  const sandbox = await startSandbox(1)
  try {
    const captions: string[] = []
    const result = await runJourney(await loadJourney('refund'), { sandbox, beforeStep: async (caption) => void captions.push(caption) })
    expect(result.ok).toBe(true)
    expect(result.golden.status).toBe('skipped')
    expect(captions).toEqual(result.steps.map((s) => s.caption))
    // still up: the live sandbox the phones show (classroom mode) goes on after the journey
    expect((await fetch(`${sandbox.platformUrl}/_sandbox/health`)).ok).toBe(true)
    expect(result.events.length).toBeGreaterThan(0)
  } finally {
    await sandbox.close()
  }
})
