import { parse } from 'csv-parse/sync'
import { readFile } from 'node:fs/promises'
import type { Download, Page } from '@playwright/test'
import { expect, phone, test } from './fixtures'

/** Clicks a download button and gives back the file's name and bytes. */
async function downloads(page: Page, name: string): Promise<{ file: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()])
  return { file: (download as Download).suggestedFilename(), body: await readFile((await download.path())!) }
}

const csv = (body: Buffer) => parse(body, { columns: true, bom: true }) as Record<string, string>[]

test('the presenter downloads the timeline and the funnel as CSV, JSON and a PNG, matching what it shows', async ({ phones, page, request }) => {
  await phones(['alice', 'bob'])
  await page.getByRole('button', { name: 'Presenter' }).click()
  const funnel = page.getByRole('region', { name: 'Funnel' })
  const channels = page.getByRole('region', { name: 'By channel' })
  const timeline = page.getByRole('region', { name: 'Event timeline' })

  // Bob shares a card, Alice opens it: a share, a person reached and one who opened
  const card = { appid: (await (await request.get('/_sandbox/credentials')).json()).miniProgram.appid, title: 'Oat latte week', path: 'pages/index/index' }
  expect((await request.post('/_sandbox/people/bob/messages', { data: { to: 'alice', type: 'miniprogram', miniprogram: card } })).ok()).toBe(true)
  const alice = phone(page, 'alice')
  await alice.getByRole('button', { name: /Bob Li, 1 unread/ }).click()
  await alice.getByRole('button', { name: /Mini Program: / }).click()
  await expect(timeline).toContainText('Alice Wang opened Lumen Coffee Store (scene 1007: card in a 1:1 chat)')
  await expect(funnel.getByLabel('Opened the mini program: 1')).toBeVisible()
  // the store's own answers to the launch come and go: wait for the timeline to settle
  const list = timeline.locator('ol')
  let ids = ''
  await expect
    .poll(async () => {
      const now = (await list.getAttribute('data-ids')) ?? ''
      const same = now === ids
      ids = now
      return same
    }, { intervals: [700] })
    .toBe(true)

  // the timeline as CSV: the same events in the same order, in the same words
  const t = await downloads(page, 'Download the timeline as CSV')
  expect(t.file).toBe('lumen-timeline-2026-03-02.csv')
  const rows = csv(t.body)
  expect(rows.map((r) => r['Event id']).join(',')).toBe(ids)
  const shown = (await list.innerText()).replace(/\s+/g, ' ')
  for (const r of rows.filter((r) => r['Setup step'] !== 'yes')) expect(shown).toContain(r['What happened']!.replace(/\s+/g, ' '))
  const open = rows.find((r) => r['What happened']!.startsWith('Alice Wang opened Lumen Coffee Store'))!
  expect(open).toMatchObject({ 'China time': expect.stringMatching(/^2026-03-02 09:00:\d\d$/), Surface: 'Mini program', Actor: 'Alice Wang', Channel: 'Chat share', 'Journey id': expect.stringMatching(/\S/) })
  expect(open['Subject ids']).toMatch(/appid=wx/)

  // and as JSON, the same rows
  const tj = await downloads(page, 'Download the timeline as JSON')
  expect(tj.file).toBe('lumen-timeline-2026-03-02.json')
  const tjson = JSON.parse(tj.body.toString())
  expect(tjson.world).toBe('Lumen Coffee')
  expect(tjson.events.map((e: { id: number }) => e.id).join(',')).toBe(ids)
  expect(tjson.events.find((e: { id: number }) => String(e.id) === open['Event id'])).toMatchObject({ caption: open['What happened'], actor: 'Alice Wang', surface: 'Mini program' })

  // filtered to one surface, the export is what the filtered timeline shows
  await timeline.getByRole('combobox', { name: 'Filter by surface' }).selectOption({ label: 'Chats' })
  const chatIds = (await list.getAttribute('data-ids')) ?? ''
  const chats = csv((await downloads(page, 'Download the timeline as CSV')).body)
  expect(chats.map((r) => r['Event id']).join(',')).toBe(chatIds)
  expect(new Set(chats.map((r) => r.Surface))).toEqual(new Set(['Chats']))

  // the funnel as CSV: the brand's row and the channel table's rows, figure by figure
  const f = await downloads(page, 'Download the funnel as CSV')
  expect(f.file).toBe('lumen-funnel-2026-03-02.csv')
  const figures = csv(f.body)
  const all = figures[0]!
  expect(all['Channel (first touch)']).toBe('All channels')
  for (const [header, label] of [['Reached', 'Reached'], ['Opened the mini program', 'Opened the mini program'], ['Bought', 'Bought'], ['Bought again', 'Bought again']] as const) {
    await expect(funnel.getByLabel(`${label}: ${all[header]}`)).toBeVisible()
  }
  expect(all).toMatchObject({ Reached: '1', 'Opened the mini program': '1', Bought: '0' })
  const tableRows = channels.locator('tr').filter({ has: page.locator('td') })
  await expect(tableRows).toHaveCount(figures.length - 1)
  for (const [i, r] of figures.slice(1).entries()) {
    const cells = (await tableRows.nth(i).locator('td').allInnerTexts()).map((s) => s.trim())
    expect(cells.slice(0, 4)).toEqual([r['Channel (first touch)'], r.Reached, r['Opened the mini program'], r.Bought])
  }
  expect(figures[1]!['Channel (first touch)']).toBe('Chat share')

  // as JSON: the stages, the totals the funnel shows
  const fj = JSON.parse((await downloads(page, 'Download the funnel as JSON')).body.toString())
  expect(fj.stages.map((s: { people: number }) => s.people)).toEqual([1, 1, 0, 0])
  expect(fj.totals).toEqual({ orders: 0, salesYuan: 0, shares: 1, refundedYuan: 0 })
  await expect(funnel).toContainText('Shares 1')

  // and a picture of it: a real PNG, 1920 × 1200, not a blank
  const png = await downloads(page, 'Download the funnel as PNG')
  expect(png.file).toBe('lumen-funnel-2026-03-02.png')
  expect(png.body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  expect(png.body.subarray(12, 16).toString()).toBe('IHDR')
  expect([png.body.readUInt32BE(16), png.body.readUInt32BE(20)]).toEqual([1920, 1200])
  expect(png.body.length).toBeGreaterThan(20_000)
})
