import { describe, expect, test } from 'vitest'
import { PHONE, PICKER, PICKER_GAP, phoneScale, presenterBox } from './fit'

/** The stage a window leaves for the phones: the page's header (44) and the stage's padding (4 + 16, 16 + 16) gone. */
const stage = (w: number, h: number, presenter: boolean) => {
  const height = h - 44 - 20
  const width = w - 32 - (presenter ? 16 + presenterBox(w, height).width * presenterBox(w, height).zoom : 0)
  return { width, height }
}

describe('phoneScale', () => {
  for (const [w, h] of [
    [1280, 720],
    [1366, 768],
    [1920, 1080],
    [3840, 2160],
  ])
    for (const count of [1, 2, 3, 4])
      test(`${count} phones and the presenter fit ${w}×${h} whole`, () => {
        const { width, height } = stage(w, h, true)
        const s = phoneScale(count, width, height)
        expect(PICKER + PICKER_GAP + PHONE.height * s).toBeLessThanOrEqual(height + 1e-9)
        expect(count * PHONE.width * s + (count - 1) * 36 * s).toBeLessThanOrEqual(width + 1e-9)
      })

  test('two phones are drawn at most of the height at 1280×720 and bigger than life at 1920×1080', () => {
    const small = stage(1280, 720, true)
    const large = stage(1920, 1080, true)
    expect(phoneScale(2, small.width, small.height)).toBeCloseTo(0.73, 2)
    expect(phoneScale(2, large.width, large.height)).toBeGreaterThan(1.1)
  })

  test('never grows past ×1.4 nor shrinks to nothing', () => {
    expect(phoneScale(1, 10_000, 10_000)).toBe(1.4)
    expect(phoneScale(4, 10, 10)).toBe(0.1)
  })
})

describe('presenterBox', () => {
  test('is ×1 and 350 px at 1280×720, zoomed ×1.25 and 480 px on screen at 1920×1080', () => {
    expect(presenterBox(1280, 656)).toEqual({ zoom: 1, width: 350, height: 656 })
    const large = presenterBox(1920, 1016)
    expect(large.zoom).toBe(1.25)
    expect(Math.round(large.width * large.zoom)).toBeLessThanOrEqual(480)
    expect(large.height * large.zoom).toBeLessThanOrEqual(1016)
  })
})
