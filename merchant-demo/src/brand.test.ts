import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { BrandKitError, CAFE_KIT, SPORTSWEAR_KIT, loadBrandKit, parseBrandKit } from './brand'
import { Catalog } from './catalog'

const cafe = () => JSON.parse(readFileSync(CAFE_KIT, 'utf8'))

test('the café kit is valid and prices a grande iced half-sugar latte at ¥31', () => {
  const kit = loadBrandKit(CAFE_KIT)
  const line = new Catalog(kit).price('latte', { size: 'grande', temperature: 'iced', sugar: 'half' })
  expect(line.unitPrice).toBe(3100)
  expect(line.labels.map((l) => l.choice)).toEqual(['Grande', 'Iced', 'Half sugar'])
})

test('a bad colour, an unknown category and a default outside the choices are named by their path', () => {
  const kit = cafe()
  kit.colours.primary = 'brown'
  kit.products[1].category = 'smoothies'
  kit.products[0].options[0].default = 'huge'
  expect(() => parseBrandKit(kit, 'my-brand.json')).toThrow(BrandKitError)
  try {
    parseBrandKit(kit, 'my-brand.json')
  } catch (err) {
    const message = (err as Error).message
    expect(message).toMatch(/^my-brand\.json is not a valid brand kit:/)
    expect(message).toContain('colours.primary: a #rrggbb colour')
    expect(message).toContain('products.0.options.0.default: default must be one of the choices')
    expect(message).toContain('products.1.category: unknown category "smoothies"')
  }
})

test('a missing price and a duplicate product id are refused', () => {
  const missing = cafe()
  delete missing.products[2].price
  expect(() => parseBrandKit(missing)).toThrow(/products\.2\.price: Invalid input: expected number/)
  const duplicate = cafe()
  duplicate.products[3].id = duplicate.products[4].id
  expect(() => parseBrandKit(duplicate)).toThrow(/products\.4\.id: duplicate product id "jasmine-green"/)
})

test('a file that is not JSON says so with its path', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'brand-')), 'broken.json')
  writeFileSync(path, '{ "id": ')
  expect(() => loadBrandKit(path)).toThrow(/broken\.json is not JSON/)
  expect(() => loadBrandKit(path + '.missing')).toThrow(/cannot read brand kit/)
})

test('levels follow lifetime spend and points are per whole yuan', () => {
  const catalog = new Catalog(loadBrandKit(CAFE_KIT))
  expect(catalog.level(0)).toEqual({ name: 'Green', next: { name: 'Gold', spendToGo: 50000 } })
  expect(catalog.level(50000).name).toBe('Gold')
  expect(catalog.level(400000)).toEqual({ name: 'Black', next: null })
  expect(catalog.pointsFor(5799)).toBe(57)
})

test('the sportswear kit is valid: sizes and colours, shipping, two points per yuan', () => {
  const kit = loadBrandKit(SPORTSWEAR_KIT)
  expect(kit.fulfilment).toBe('shipping')
  const catalog = new Catalog(kit)
  expect(catalog.price('core-hoodie', { size: 'xl' }).unitPrice).toBe(47900)
  expect(catalog.price('tempo-runner').labels).toEqual([{ option: 'Size', choice: 'EU 42' }, { option: 'Colour', choice: 'Ocean blue' }])
  expect(catalog.pointsFor(79900)).toBe(1598)
})
