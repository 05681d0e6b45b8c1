import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { BrandKit } from './brand'

/** Where the published JSON Schema of the kit lives (shipped kits name it in `$schema`). */
export const KIT_SCHEMA = fileURLToPath(new URL('../brands/kit.schema.json', import.meta.url))

/**
 * The JSON Schema of a brand kit, generated from the validator (what a file may say, defaults
 * optional). The checks between parts (unknown categories, products…) are only in the validator.
 */
export function kitJsonSchema() {
  const schema = z.toJSONSchema(BrandKit, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' })
  return { ...schema, $id: 'https://wechat-commerce-sandbox.invalid/kit.schema.json', title: 'WeChat Commerce Sandbox brand kit' }
}

/** The file's text: what `npm run kit:schema` writes and the test compares. */
export const kitSchemaText = () => `${JSON.stringify(kitJsonSchema(), null, 2)}\n`

// `npm run kit:schema`
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(KIT_SCHEMA, kitSchemaText())
  console.log(`wrote ${KIT_SCHEMA}`)
}
