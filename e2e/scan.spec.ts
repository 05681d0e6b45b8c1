import { PNG } from 'pngjs'
import { expect, phone, test } from './fixtures'

// the platform's bundled sample mini program, not the demo store's pages (which the store publishes again after each reset)
test.use({ samplePages: true })

test('scanning a generated table code opens the mini program at its page with scene 1047', async ({ phones, request }) => {
  const page = await phones(['dave'])
  const dave = phone(page, 'dave')
  const poster = await (await request.get('/_sandbox/qr/posters/table?table=12&format=json')).json()

  await dave.getByRole('tab', { name: 'Discover' }).click()
  await dave.getByRole('button', { name: 'Scan' }).click()
  await dave.getByRole('button', { name: 'Point at Table 12' }).click()

  const store = dave.frameLocator('iframe[title="Lumen Coffee Store"]')
  await expect(store.locator('#scene')).toHaveText('1047')
  await expect(store.locator('#path')).toHaveText(poster.page)
  await expect(store.locator('#query')).toContainText('scene')

  const events = await (await request.get('/_sandbox/events?actor=dave&type=miniprogram.launched')).json()
  expect(events.events).toHaveLength(1)
  expect(events.events[0]).toMatchObject({ channel: 'qr', payload: expect.objectContaining({ scene: 1047 }) })
})

test('a picture without a code is refused in the scanner, and text that is not a WeChat code too', async ({ phones }) => {
  const page = await phones(['dave'])
  const dave = phone(page, 'dave')
  await dave.getByRole('tab', { name: 'Discover' }).click()
  await dave.getByRole('button', { name: 'Scan' }).click()
  const blank = new PNG({ width: 64, height: 64 })
  blank.data.fill(255)
  await dave.getByLabel('Album').setInputFiles({ name: 'blank.png', mimeType: 'image/png', buffer: PNG.sync.write(blank) })
  await expect(dave.getByRole('status')).toHaveText('No QR code found in this picture')
  await dave.getByRole('textbox', { name: 'Paste a code’s text' }).fill('https://example.com/hello')
  await dave.getByRole('button', { name: 'Recognize' }).click()
  await expect(dave.getByRole('alert')).toContainText('not a WeChat code')
})
