/** How the page fits its phones and the presenter into any window from 1280 × 720 up. */

/** A phone's own size in CSS pixels (an iPhone 14's points), before it is scaled to the stage. */
export const PHONE = { width: 390, height: 844 }
/** The person picker above each phone, and the space under it. */
export const PICKER = 30
export const PICKER_GAP = 8
/** Phones never grow past this (a 4K projector would otherwise show giants). */
const MAX_SCALE = 1.4

/**
 * The presenter beside the phones: 27 % of the window's width (350–480 px) and the stage's
 * height, its text zoomed with the window from 1280 × 720 up (×1 there, ×1.25 at 1920 × 1080), so
 * that the room reads it as well as the phones.
 */
export function presenterBox(windowWidth: number, stageHeight: number) {
  const zoom = Math.round(Math.min(1.3, Math.max(1, stageHeight / 810)) * 100) / 100
  const width = Math.min(480, Math.max(350, windowWidth * 0.27))
  return { zoom, width: Math.floor(width / zoom), height: Math.floor(stageHeight / zoom) }
}

/**
 * How much the phones are scaled so that `count` of them fit side by side in a `width` × `height`
 * stage, each whole (status bar to tab bar), with `gap` (at scale 1) between them.
 */
export function phoneScale(count: number, width: number, height: number, gap = 36): number {
  const byHeight = (height - PICKER - PICKER_GAP) / PHONE.height
  const byWidth = width / (count * PHONE.width + (count - 1) * gap)
  return Math.max(0.1, Math.min(MAX_SCALE, byHeight, byWidth))
}
