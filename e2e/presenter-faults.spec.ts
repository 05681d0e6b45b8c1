import { expect, merchantUrl, phone, test } from './fixtures'
import { staff } from './staff'

/**
 * A trainer teaches WeChat Pay's failures from the presenter's Faults panel: SYSTEM_ERROR switched
 * on for two turns (the store asks again once after a 5xx, with the same out_trade_no), Alice checks
 * out and is told the order could not be placed, the timeline reads the firings out and the rule is
 * spent; switched off, and a bad parameter is refused in words beside the form.
 */
test('the Faults panel switches WeChat Pay SYSTEM_ERROR on, the checkout fails, the timeline says it fired, and it is switched off', async ({ phones, request, baseURL }) => {
  test.setTimeout(90_000)
  const page = await phones(['alice'])
  await page.getByRole('button', { name: 'Presenter' }).click()
  const faults = page.getByRole('region', { name: 'Faults' })
  const timeline = page.getByRole('region', { name: 'Event timeline' })
  await expect(faults).toContainText('none on')
  await faults.getByRole('button', { name: 'Inject' }).click()

  // the catalog's WeChat Pay kinds, each with its summary
  await faults.getByLabel('Surface', { exact: true }).selectOption({ label: 'WeChat Pay' })
  await faults.getByLabel('Fault', { exact: true }).selectOption('SYSTEM_ERROR')
  await expect(faults.getByLabel('What happens')).toContainText('HTTP 500')
  await faults.getByLabel('Times', { exact: true }).fill('2')
  await faults.getByRole('button', { name: 'Switch on' }).click()
  const rule = faults.getByRole('listitem', { name: /^Fault rule \d+$/ })
  await expect(rule).toContainText('SYSTEM_ERROR')
  await expect(rule.getByLabel('Turns left')).toHaveText('2 turns left')
  await expect(faults).toContainText('1 on')
  await expect(timeline).toContainText(/Fault rule \d+ switched on: WeChat Pay SYSTEM_ERROR · 2 times/)

  // Alice orders a latte at table 3: WeChat Pay answers SYSTEM_ERROR to the order and to the store's second try
  const code = await request.get(`${merchantUrl(baseURL!)}/admin/tables/3/code.png`, staff)
  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Discover' }).click()
  await alice.getByRole('button', { name: 'Scan' }).click()
  await alice.getByLabel('Album').setInputFiles({ name: 'table-3.png', mimeType: 'image/png', buffer: await code.body() })
  const top = () => alice.locator('iframe').last().contentFrame()
  await expect(top().getByRole('status')).toHaveText(/Table 3/, { timeout: 15_000 })
  await top().getByRole('button', { name: 'Latte ¥28.00' }).click()
  await top().getByRole('button', { name: 'Add to cart' }).click()
  await top().getByRole('button', { name: 'Checkout' }).click()
  await top().getByRole('button', { name: 'Pay ¥28.00' }).click()
  const refused = alice.getByRole('dialog', { name: 'Could not place the order' })
  await expect(refused).toBeVisible({ timeout: 15_000 })
  await expect(alice.getByRole('dialog', { name: 'WeChat Pay' })).toBeHidden()

  await expect(timeline).toContainText(/WeChat Pay answered SYSTEM_ERROR to Lumen Coffee's order \(fault rule \d+, 1 left\)/)
  await expect(timeline).toContainText(/WeChat Pay answered SYSTEM_ERROR to Lumen Coffee's order \(fault rule \d+, its last turn\)/)
  await expect(rule.getByLabel('Turns left')).toHaveText('spent: no turn left')
  await expect(rule.getByLabel('Fired')).toHaveText('fired 2×')
  await expect(faults).toContainText('none on')
  await refused.getByRole('button', { name: 'OK' }).click()

  // switched off: the list is empty and the timeline says so
  await rule.getByRole('button', { name: /^Switch off rule \d+$/ }).click()
  await expect(rule).toHaveCount(0)
  await expect(faults).toContainText('No fault rule is on')
  await expect(timeline).toContainText(/Fault rule \d+ switched off: WeChat Pay SYSTEM_ERROR \(fired 2 times\)/)
  expect((await (await request.get('/_sandbox/faults')).json()).faults).toEqual([])
})

test('a bad parameter is refused in words beside the form, nothing is switched on; clear all switches every rule off', async ({ phones, request }) => {
  const page = await phones(['alice'])
  await page.getByRole('button', { name: 'Presenter' }).click()
  const faults = page.getByRole('region', { name: 'Faults' })
  await faults.getByRole('button', { name: 'Inject' }).click()

  // SLOW_ANSWER's `ms`, from the catalog's schema: 50 is below its 100
  await faults.getByLabel('Surface', { exact: true }).selectOption({ label: 'WeChat Pay' })
  await faults.getByLabel('Fault', { exact: true }).selectOption('SLOW_ANSWER')
  const ms = faults.getByRole('spinbutton', { name: 'ms' })
  await ms.fill('50')
  await faults.getByRole('button', { name: 'Switch on' }).click()
  await expect(faults.getByRole('alert')).toHaveText('Not switched on: ms must be at least 100.')
  expect((await (await request.get('/_sandbox/faults')).json()).faults).toEqual([])

  // a default from the catalog (pay-keys clock-skew: 600 s), and a rule made elsewhere, both in the list
  await faults.getByLabel('Surface', { exact: true }).selectOption({ label: 'WeChat Pay signatures' })
  await faults.getByLabel('Fault', { exact: true }).selectOption('clock-skew')
  await expect(faults.getByRole('spinbutton', { name: 'seconds' })).toHaveValue('600')
  await faults.getByLabel('Times', { exact: true }).fill('')
  await faults.getByRole('button', { name: 'Switch on' }).click()
  await expect(faults.getByRole('alert')).toHaveCount(0)
  expect((await request.post('/_sandbox/faults', { data: { surface: 'api', fault: '45009', person: 'bob' } })).ok()).toBe(true)
  const rules = faults.getByRole('listitem', { name: /^Fault rule \d+$/ })
  await expect(rules).toHaveCount(2)
  await expect(rules.first()).toContainText('clock-skew (seconds 600)')
  await expect(rules.first().getByLabel('Turns left')).toHaveText('until switched off')
  await expect(rules.last()).toContainText('45009 · for Bob Li')
  await expect(faults).toContainText('2 on')

  await faults.getByRole('button', { name: 'Clear all' }).click()
  await expect(rules).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Event timeline' })).toContainText('All 2 fault rules switched off')
})
