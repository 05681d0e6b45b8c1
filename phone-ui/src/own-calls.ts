/**
 * The phone's own calls to the platform, so that it can tell its own mini program launches from
 * launches made elsewhere (a scenario, a QA script, another tab) without guessing by time: every
 * launch the phone's calls answer is noted before the call settles, and `settled()` waits until
 * no call of the phone is in flight. An event for a launch is the phone's own exactly when one of
 * its calls answered that launch.
 */
let inFlight = 0
let waiters: (() => void)[] = []
const launches = new Set<number>()

/** fetch, counted; a body that answers a launch (`{eventId, launchOptions}`, or `{launch: …}`) is noted. */
export async function ownFetch(input: string, init?: RequestInit): Promise<Response> {
  inFlight++
  try {
    const res = await fetch(input, init)
    if (res.ok && res.headers.get('content-type')?.includes('json')) noteLaunch(await res.clone().json().catch(() => null))
    return res
  } finally {
    if (--inFlight === 0) {
      const ready = waiters
      waiters = []
      for (const w of ready) w()
    }
  }
}

function noteLaunch(body: unknown) {
  if (!body || typeof body !== 'object') return
  const b = body as { eventId?: unknown; launchOptions?: unknown; launch?: unknown }
  if (typeof b.eventId === 'number' && b.launchOptions) launches.add(b.eventId)
  if (b.launch) noteLaunch(b.launch)
}

/** Resolves once none of the phone's calls is in flight. */
export function settled(): Promise<void> {
  return inFlight === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))
}

/** Whether a `miniprogram.launched` event answered one of the phone's own calls. */
export function isOwnLaunch(eventId: number) {
  return launches.has(eventId)
}
