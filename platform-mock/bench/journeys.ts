import { loadJourney, runJourney } from '../../scenarios/runner'

/**
 * Headless journey throughput for `npm run bench`: journey 1 (offline-table-qr) replayed in this
 * process, each run in a fresh sandbox (platform + merchant, as the scenario runner does), golden
 * comparison off. Every HTTP request made during a run is counted (the actors' calls, the store's
 * calls to WeChat and WeChat Pay's notifications all go through fetch in this one process), so the
 * cost per request inside a journey can be set beside the raw request cost measured in the same run.
 */
export interface JourneyBench {
  name: string
  runs: number
  /** sequential journeys per second (fresh sandbox included) */
  perSecond: number
  /** median wall time of one journey, sandbox start and close included */
  medianMs: number
  /** median time of the journey's steps only */
  medianStepsMs: number
  /** journeys per second with `parallel` running at once */
  parallelPerSecond: number
  parallel: number
  /** HTTP requests in one journey, sandbox start to close */
  requests: number
  /** of which during its steps (the runner's own two per step, events and clock, included) */
  stepRequests: number
}

export async function benchJourney(name = 'offline-table-qr', runs = 10, parallel = 4): Promise<JourneyBench> {
  const journey = await loadJourney(name)
  const realFetch = globalThis.fetch
  let requests = 0
  let stepRequests = 0
  let inStep = false
  globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
    requests++
    if (inStep) stepRequests++
    return realFetch(...args)
  }) as typeof fetch
  try {
    const once = async () => {
      const r = await runJourney(journey, {
        golden: false,
        beforeStep: async () => void (inStep = true),
        afterStep: () => void (inStep = false),
      })
      if (!r.ok) throw new Error(`journey ${name} failed during the bench: ${r.failure}`)
      return r
    }
    await once() // warm-up: module loading, JIT
    requests = 0
    stepRequests = 0
    const counted = await once()
    const perRun = requests
    const perRunInSteps = stepRequests
    const walls: number[] = [counted.ms]
    const steps: number[] = [counted.steps.reduce((n, s) => n + s.ms, 0)]
    const t0 = performance.now()
    for (let i = 1; i < runs; i++) {
      const r = await once()
      walls.push(r.ms)
      steps.push(r.steps.reduce((n, s) => n + s.ms, 0))
    }
    const sequentialMs = performance.now() - t0 + counted.ms
    const t1 = performance.now()
    let next = 0
    await Promise.all(Array.from({ length: parallel }, async () => {
      while (next++ < runs) await once()
    }))
    const parallelMs = performance.now() - t1
    return {
      name,
      runs,
      perSecond: (runs * 1000) / sequentialMs,
      medianMs: median(walls),
      medianStepsMs: median(steps),
      parallelPerSecond: (runs * 1000) / parallelMs,
      parallel,
      requests: perRun,
      stepRequests: perRunInSteps,
    }
  } finally {
    globalThis.fetch = realFetch
  }
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}
