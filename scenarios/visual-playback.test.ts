import { expect, test } from 'vitest'
import type { Page } from '@playwright/test'
import { loadJourney, runJourney } from './runner'
import { castOf, openVisual } from './visual'
import { CAST } from './journey'

/**
 * --visual on loyalty-over-time, looking at the phones as each step is photographed: the consent
 * prompt Grace answered (each message by name), then the reminder in her Service Notifications.
 * Needs the built phone UI (npm run build) and Chromium, as e2e/ does.
 */
test('visual playback photographs the consent prompt as answered and the reminder in Service Notifications', { timeout: 120_000 }, async () => {
  const seen: { caption: string; texts: string }[] = []
  let caption = ''
  const visual = await openVisual({
    staged: async (page: Page) => {
      const grace = page.getByRole('region', { name: "Grace Sun's phone" })
      const prompt = grace.getByRole('dialog', { name: /wants to send you the following messages/ })
      const switches = await prompt.getByRole('switch').evaluateAll((els) => els.map((e) => `${e.getAttribute('aria-label')}=${e.getAttribute('aria-checked')}`))
      // the staged screen sits in a layer the open mini program marks aria-hidden: found by its text, seen when visible
      const notifications = await grace.getByText('Service Notifications', { exact: true }).first().isVisible()
      seen.push({ caption, texts: [...switches, notifications ? 'Service Notifications' : ''].filter(Boolean).join(' ') })
    },
  })
  const j = await loadJourney('loyalty-over-time')
  try {
    const r = await runJourney(j, {
      golden: false,
      onSandbox: (urls, cast) => visual.open(urls, castOf(j.run, cast)),
      beforeStep: async (c) => void (caption = c),
      afterStep: async (s, _i, world) => void (s.screenshot = await visual.screenshot(world.people, world.screens, world.events)),
    })
    expect(r.failure).toBeUndefined()
  } finally {
    await visual.close()
  }
  expect(CAST).toContain('grace')
  const at = (re: RegExp) => seen.find((s) => re.test(s.caption))?.texts
  expect(at(/allows the messages/)).toBe('Points changed=true Coupon expiring=true')
  expect(at(/arrives in her Service Notifications/)).toBe('Service Notifications')
  // the step before the reminder shows neither
  expect(at(/3 days pass/)).toBe('')
})

test('visual playback of the whole loop photographs the welcome card in Alice’s chat and the presenter’s funnel', { timeout: 180_000 }, async () => {
  const seen = new Map<string, { welcome: boolean; orderPage: boolean; funnel: boolean }>()
  let caption = ''
  const visual = await openVisual({
    staged: async (page: Page) => {
      const alice = page.getByRole('region', { name: "Alice Wang's phone" })
      const welcome = await alice.getByText(/I'm your .* consultant/).first().isVisible().catch(() => false)
      const orderPage = await alice.locator('iframe').last().contentFrame().getByText('Pickup number').isVisible().catch(() => false)
      const funnel = await page.locator('section[aria-label="Funnel"]').isVisible().catch(() => false)
      seen.set(caption, { welcome, orderPage: orderPage && (await alice.locator('wx-mp-container').evaluate((el) => getComputedStyle(el).visibility !== 'hidden').catch(() => false)), funnel })
    },
  })
  const j = await loadJourney('whole-loop')
  try {
    const r = await runJourney(j, {
      golden: false,
      onSandbox: (urls, cast) => visual.open(urls, castOf(j.run, cast)),
      beforeStep: async (c) => void (caption = c),
      afterStep: async (s, _i, world) => void (s.screenshot = await visual.screenshot(world.people, world.screens, world.events)),
    })
    expect(r.failure).toBeUndefined()
  } finally {
    await visual.close()
  }
  const at = (re: RegExp) => [...seen].find(([c]) => re.test(c))?.[1]
  expect(at(/the welcome card arrives in their chat/)).toEqual({ welcome: true, orderPage: false, funnel: false })
  expect(at(/^The funnel/)).toMatchObject({ funnel: true })
})
