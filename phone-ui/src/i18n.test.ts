import { afterEach, expect, test, vi } from 'vitest'
import { setWorldClock, worldNow } from './i18n'

afterEach(() => void vi.useRealTimers())

test("the phones' world clock runs on from a live read and stands while the world is frozen", () => {
  vi.useFakeTimers({ now: Date.parse('2026-12-07T10:00:00Z') })
  const at = Date.parse('2026-03-02T02:30:00.000Z')
  setWorldClock(at, false)
  vi.advanceTimersByTime(90_000)
  expect(worldNow().toISOString()).toBe('2026-03-02T02:31:30.000Z')

  setWorldClock(at, true)
  vi.advanceTimersByTime(3_600_000)
  expect(worldNow().toISOString()).toBe('2026-03-02T02:30:00.000Z')
  // a jump while frozen keeps it frozen at the new time
  setWorldClock(at + 86_400_000)
  vi.advanceTimersByTime(60_000)
  expect(worldNow().toISOString()).toBe('2026-03-03T02:30:00.000Z')
  // resumed: it runs again
  setWorldClock(at, false)
  vi.advanceTimersByTime(60_000)
  expect(worldNow().toISOString()).toBe('2026-03-02T02:31:00.000Z')
})
