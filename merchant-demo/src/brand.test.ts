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

test('every problem of a kit comes at once, each named by its path: schema and cross-references in one pass', () => {
  const kit = cafe()
  kit.colours.primary = 'brown'
  kit.products[2].price = '28'
  kit.products[3].art = 'mug'
  kit.products[4].pirce = 3
  kit.products[1].category = 'smoothies'
  kit.products[0].options[0].default = 'huge'
  delete kit.loyalty.pointsPerYuan
  kit.gifts[0].product = 'caviar'
  let error: BrandKitError | undefined
  try {
    parseBrandKit(kit, 'my-brand.json')
  } catch (err) {
    error = err as BrandKitError
  }
  expect(error).toBeInstanceOf(BrandKitError)
  // the unknown category comes with the type errors, not in a later round once they are fixed
  expect(error!.message).toMatchInlineSnapshot(`
    "my-brand.json is not a valid brand kit (8 problems):
      colours.primary: expected a #rrggbb colour
      products[2].price: expected a positive integer (fen)
      products[3].art: expected one of "cup", "pastry", "shirt", "shoe", "bag", got "mug"
      products[4]: unknown field "pirce"
      loyalty.pointsPerYuan: missing (expected a number)
      products[0].options[0].default: default must be one of the choices (tall, grande, venti)
      products[1].category: unknown category "smoothies" (known: coffee, tea, bakery)
      gifts[0].product: unknown product "caviar""
  `)
  expect(error!.issues[1]).toEqual({ path: 'products[2].price', message: 'expected a positive integer (fen)' })
})

test('a missing price, a price in yuan and a duplicate product id are refused', () => {
  const missing = cafe()
  delete missing.products[2].price
  expect(() => parseBrandKit(missing)).toThrow('products[2].price: expected a positive integer (fen)')
  const yuan = cafe()
  yuan.products[2].price = 28.5
  expect(() => parseBrandKit(yuan)).toThrow('products[2].price: expected a positive integer (fen)')
  const duplicate = cafe()
  duplicate.products[3].id = duplicate.products[4].id
  expect(() => parseBrandKit(duplicate)).toThrow('products[4].id: duplicate product id "jasmine-green"')
})

test('a kit that is not JSON names the line and column of the mistake', () => {
  const dir = mkdtempSync(join(tmpdir(), 'brand-'))
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text)
    return join(dir, name)
  }
  const cut = write('cut.json', '{ "id": ')
  expect(() => loadBrandKit(cut)).toThrow(`${cut} is not valid JSON: line 1, column 9: expected a value, found the end of the file`)
  const unquoted = write('unquoted.json', '{\n  "id": "kicks",\n  "name": KickLab\n}\n')
  expect(() => loadBrandKit(unquoted)).toThrow('line 3, column 11: expected a value, found "KickLab" (strings need "quotes")')
  const trailing = write('trailing.json', '{\n  "id": "kicks",\n  "stores": [\n    { "id": "a" },\n  ]\n}')
  expect(() => loadBrandKit(trailing)).toThrow('line 5, column 3: a comma before "]" (trailing commas are not JSON)')
  expect(() => loadBrandKit(join(dir, 'missing.json'))).toThrow(/cannot read brand kit .*missing\.json: no such file/)
})

test('the shipped kits name their JSON Schema, which the validator tolerates', () => {
  expect(cafe().$schema).toBe('./kit.schema.json')
  expect(JSON.parse(readFileSync(SPORTSWEAR_KIT, 'utf8')).$schema).toBe('./kit.schema.json')
  expect(() => parseBrandKit({ ...cafe(), $schema: 42 })).toThrow('$schema: expected a string, got 42')
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
