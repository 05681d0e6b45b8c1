/**
 * The store's business clock: what "now" is for coupon and points expiry, gift validity, the
 * reminder and reconciliation jobs, and the times in its messages.
 *
 * Against real WeChat this is simply the server's own clock. In the sandbox, business time is the
 * platform's virtual clock (frozen at a seeded moment, or advanced by days in a demo), and a store
 * on its own clock would never see a coupon expire. So the store asks the sandbox — a documented
 * sandbox-only hook, like the attribution call at checkout; no WeChat API tells a merchant the
 * time — `GET {platform}/_sandbox/clock` → `{mode: 'live' | 'frozen', nowMs, offsetMs}`, and keeps
 * the answer:
 *
 * - frozen: now is `nowMs` until the next sync;
 * - live: now is the local clock plus `offsetMs`, so it keeps running between syncs.
 *
 * `sync()` runs before every request of the store's API and before its jobs, so a
 * `POST /_sandbox/clock/advance` is seen by the next thing the store does. No hook (a 404: real
 * WeChat, or a platform without it) → the store's own clock. A failed sync keeps the last answer,
 * so a hiccup never sends time back to the real date.
 */
export class StoreClock {
  #state: { source: 'own' } | { source: 'sandbox'; mode: 'frozen'; at: number } | { source: 'sandbox'; mode: 'live'; offsetMs: number } = { source: 'own' }
  #hook: boolean

  /** `platformUrl`: where `/_sandbox/clock` is; null when the platform is real WeChat */
  constructor(private readonly platformUrl: string | null) {
    this.#hook = platformUrl !== null
  }

  /** Business time, as last synced. */
  now(): Date {
    const s = this.#state
    if (s.source === 'own') return new Date()
    return new Date(s.mode === 'frozen' ? s.at : Date.now() + s.offsetMs)
  }

  /** Where time comes from: the sandbox's virtual clock, or the store's own. */
  get source() {
    return this.#state.source
  }

  /** Asks the sandbox for its clock (nothing to do without the hook). */
  async sync(): Promise<void> {
    if (!this.#hook) return
    let res: Response
    try {
      res = await fetch(`${this.platformUrl}/_sandbox/clock`, { signal: AbortSignal.timeout(2000) })
    } catch {
      return // unreachable for a moment: keep the last answer
    }
    if (res.status === 404) {
      // no such hook: this is not the sandbox, the server's own clock is business time
      this.#hook = false
      this.#state = { source: 'own' }
      return
    }
    if (!res.ok) return
    const c = (await res.json().catch(() => null)) as { mode?: string; nowMs?: number; offsetMs?: number } | null
    if (c?.mode === 'frozen' && typeof c.nowMs === 'number') this.#state = { source: 'sandbox', mode: 'frozen', at: c.nowMs }
    else if (c?.mode === 'live' && typeof c.offsetMs === 'number') this.#state = { source: 'sandbox', mode: 'live', offsetMs: c.offsetMs }
  }
}
