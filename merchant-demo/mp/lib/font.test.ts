import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
// @ts-expect-error: wawoff2 (subset-font's WOFF2 codec) ships no types
import { decompress } from 'wawoff2'

const root = join(import.meta.dirname, '../../..')

/** The characters a TrueType font draws (its cmap: format 4 and 12 subtables). */
function drawn(font: Uint8Array): Set<number> {
  const b = Buffer.from(font)
  const tables = b.readUInt16BE(4)
  let cmap = 0
  for (let i = 0; i < tables; i++) if (b.toString('latin1', 12 + i * 16, 16 + i * 16) === 'cmap') cmap = b.readUInt32BE(12 + i * 16 + 8)
  const have = new Set<number>()
  for (let i = 0; i < b.readUInt16BE(cmap + 2); i++) {
    const at = cmap + b.readUInt32BE(cmap + 8 + i * 8)
    if (b.readUInt16BE(at) === 4) {
      const segs = b.readUInt16BE(at + 6) / 2
      for (let s = 0; s < segs; s++) {
        const end = b.readUInt16BE(at + 14 + s * 2)
        const start = b.readUInt16BE(at + 16 + segs * 2 + s * 2)
        const delta = b.readInt16BE(at + 16 + segs * 4 + s * 2)
        const rangeAt = at + 16 + segs * 6 + s * 2
        const range = b.readUInt16BE(rangeAt)
        for (let c = start; c <= end && c !== 0xffff; c++) if ((range === 0 ? (c + delta) & 0xffff : b.readUInt16BE(rangeAt + range + (c - start) * 2))) have.add(c)
      }
    } else if (b.readUInt16BE(at) === 12) {
      for (let g = 0; g < b.readUInt32BE(at + 12); g++) for (let c = b.readUInt32BE(at + 16 + g * 12); c <= b.readUInt32BE(at + 20 + g * 12); c++) have.add(c)
    }
  }
  return have
}

const files = (dir: string, ext: RegExp): string[] => readdirSync(join(root, dir)).filter((f) => ext.test(f)).map((f) => join(root, dir, f))

test('the bundled CJK font draws every Chinese character of the store pages’ dictionary and the shipped kits (else run phone-ui/scripts/build-font.ts)', async () => {
  const font = drawn(await decompress(readFileSync(join(root, 'phone-ui/public/fonts/wx-cjk.woff2'))))
  // the 3 755 common hanzi and more: the cmap was read
  expect(font.size).toBeGreaterThan(3755)
  const sources = [join(root, 'merchant-demo/mp/lib/i18n.ts'), ...files('merchant-demo/brands', /^(?!kit\.schema).*\.json$/)]
  const missing = new Set<string>()
  for (const file of sources) for (const ch of readFileSync(file, 'utf8')) if (/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(ch) && !font.has(ch.codePointAt(0)!)) missing.add(ch)
  expect([...missing].join('')).toBe('')
})
