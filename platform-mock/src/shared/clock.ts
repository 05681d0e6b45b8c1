import type { Db } from './db'
import { readMeta, writeMeta } from './meta'

export interface ClockState {
  mode: 'live' | 'frozen'
  /** live: virtual time minus real time */
  offsetMs: number
  /** frozen: the virtual time it stands at */
  frozenAt: number | null
}

/** The fixed start of a seeded world, so that replays carry the same timestamps. */
export const SEEDED_EPOCH = Date.parse('2026-03-02T09:00:00+08:00')

/**
 * The one clock of business time: token and code expiry, order expiry, retries, coupons, the
 * 48-hour window. It runs live, stands frozen, or jumps ahead. Wire signatures use real time.
 */
export class VirtualClock {
  #state: ClockState = { mode: 'live', offsetMs: 0, frozenAt: null }

  constructor(private readonly db: Db) {}

  now(): number {
    const s = this.#state
    return s.mode === 'frozen' ? s.frozenAt! : Date.now() + s.offsetMs
  }

  get mode() {
    return this.#state.mode
  }

  describe() {
    const now = this.now()
    return { mode: this.#state.mode, now: new Date(now).toISOString(), nowMs: now, offsetMs: now - Date.now() }
  }

  async load() {
    this.#state = (await readMeta<ClockState>(this.db, 'clock')) ?? this.#state
  }

  async start(seeded: boolean) {
    await this.#save(
      seeded ? { mode: 'frozen', offsetMs: 0, frozenAt: SEEDED_EPOCH } : { mode: 'live', offsetMs: 0, frozenAt: null },
    )
  }

  async freeze(at = this.now()) {
    await this.#save({ mode: 'frozen', offsetMs: 0, frozenAt: at })
  }

  async resume() {
    await this.#save({ mode: 'live', offsetMs: this.now() - Date.now(), frozenAt: null })
  }

  /** Moves business time to `at`, keeping the mode. Time never goes backwards. */
  async moveTo(at: number) {
    if (at < this.now()) throw new RangeError('the virtual clock cannot go backwards')
    const s = this.#state
    await this.#save(s.mode === 'frozen' ? { ...s, frozenAt: at } : { ...s, offsetMs: at - Date.now() })
  }

  async #save(state: ClockState) {
    this.#state = state
    await writeMeta(this.db, 'clock', state)
  }
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/** Parses '90s', '3d', '1h30m' or a number of milliseconds. */
export function parseDuration(input: string | number): number | null {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? input : null
  const parts = [...input.trim().matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)/g)]
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== input.replace(/\s+/g, '')) return null
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNITS[unit!]!, 0)
}
