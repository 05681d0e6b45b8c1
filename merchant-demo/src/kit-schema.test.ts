import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { KIT_SCHEMA, kitJsonSchema, kitSchemaText } from './kit-schema'

test('the published kit schema is the one the validator generates (run npm run kit:schema when this fails)', () => {
  expect(readFileSync(KIT_SCHEMA, 'utf8')).toBe(kitSchemaText())
})

test('the kit schema requires what the validator requires and refuses unknown fields', () => {
  const schema = kitJsonSchema() as { required: string[]; additionalProperties: boolean; properties: Record<string, { items?: { required?: string[] } }> }
  expect(schema.required).toEqual(expect.arrayContaining(['id', 'name', 'fulfilment', 'colours', 'stores', 'categories', 'products', 'loyalty']))
  expect(schema.required).not.toContain('$schema')
  expect(schema.additionalProperties).toBe(false)
  expect(schema.properties.products.items?.required).toEqual(expect.arrayContaining(['id', 'category', 'name', 'price', 'colour']))
})
