import { readFile } from 'node:fs/promises'
import { expect, test } from './fixtures'

// the sandbox of these specs reads its lab runs from e2e/fixtures/lab (playwright.config.ts)
const NEWEST = '20260302-090000-lumen-p10000-d30-s1'

test('a trainer opens a strategy lab report from the presenter and downloads its figures', async ({ phones, page, context }) => {
  await phones(['alice'])
  await page.getByRole('button', { name: 'Presenter' }).click()
  const lab = page.getByRole('region', { name: 'Strategy lab' })
  await expect(lab).toContainText('2 runs')

  await lab.getByRole('button', { name: 'Reports' }).click()
  const runs = lab.getByRole('list', { name: 'Strategy lab runs' }).getByRole('listitem')
  await expect(runs).toHaveCount(2)
  // newest first: the A/B run of 10,000 people, then the small one
  await expect(runs.first()).toContainText('10,000 people × 30 days')
  await expect(runs.first()).toContainText('baseline')
  await expect(runs.first()).toContainText('referral-boost')
  await expect(runs.first()).toContainText('Buyers 1,184')
  await expect(runs.first()).toContainText('Sales ¥54,804')
  await expect(runs.nth(1)).toContainText('500 people × 7 days')

  const opened = context.waitForEvent('page')
  await runs.first().getByRole('link', { name: /^Open the report: Lumen Coffee, 10,000 people × 30 days/ }).click()
  const report = await opened
  await expect(report).toHaveURL(new RegExp(`/_sandbox/lab/reports/${NEWEST}/report\\.html$`))
  await expect(report.locator('body')).toContainText('Lab report fixture')
  // its scripts run, in an origin of their own that cannot reach the sandbox
  await expect(report.locator('#scripts')).toHaveText('Inline scripts run (origin null).')
  await expect(report.locator('#reach')).toHaveText('The sandbox is out of reach.')
  await report.close()

  const downloading = page.waitForEvent('download')
  await runs.first().getByRole('link', { name: /^Download summary\.csv of / }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe(`${NEWEST}-summary.csv`)
  expect((await readFile(await download.path(), 'utf8')).split('\n')[0]).toBe('metric,a,b')
})
