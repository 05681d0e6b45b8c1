/**
 * Builds phone-ui/public/fonts/wx-cjk.woff2: WenQuanYi Micro Hei (Apache-2.0 / GPLv3 with font
 * exception, from Debian's fonts-wqy-microhei) cut down to the 3 755 most common hanzi (GB2312
 * level 1), CJK punctuation and every CJK character the sandbox's own sources use, so Chinese
 * renders the same on every machine with no network. Run after adding Chinese labels or names:
 *   apt-get install fonts-wqy-microhei && npx tsx phone-ui/scripts/build-font.ts
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import subsetFont from 'subset-font'

const root = join(import.meta.dirname, '../..')
const source = process.env.CJK_FONT ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else if (/\.(ts|html|json|md)$/.test(name)) yield path
  }
}

const chars = new Set<string>()
const gbk = new TextDecoder('gbk')
for (let hi = 0xb0; hi <= 0xd7; hi++) {
  for (let lo = 0xa1; lo <= 0xfe; lo++) {
    if (hi === 0xd7 && lo > 0xf9) break
    chars.add(gbk.decode(new Uint8Array([hi, lo])))
  }
}
for (const ch of '，。！？、：；“”‘’（）《》【】…—·￥0123456789') chars.add(ch)
for (const dir of ['phone-ui/src', 'platform-mock/src', 'merchant-demo', 'scenarios']) {
  try {
    for (const file of files(join(root, dir))) {
      for (const ch of readFileSync(file, 'utf8')) if (/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(ch)) chars.add(ch)
    }
  } catch {
    // a part that does not exist yet
  }
}

/** The first face of a TrueType collection as a standalone font (tables re-addressed). */
function firstFace(file: Buffer): Buffer {
  if (file.toString('latin1', 0, 4) !== 'ttcf') return file
  const start = file.readUInt32BE(12)
  const numTables = file.readUInt16BE(start + 4)
  const header = Buffer.from(file.subarray(start, start + 12 + 16 * numTables))
  const chunks: Buffer[] = [header]
  let offset = header.length
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i
    const from = header.readUInt32BE(rec + 8)
    const length = header.readUInt32BE(rec + 12)
    header.writeUInt32BE(offset, rec + 8)
    const padded = Buffer.alloc((length + 3) & ~3)
    file.copy(padded, 0, from, from + length)
    chunks.push(padded)
    offset += padded.length
  }
  return Buffer.concat(chunks)
}

const font = await subsetFont(firstFace(readFileSync(source)), [...chars].join(''), { targetFormat: 'woff2' })
const out = join(root, 'phone-ui/public/fonts/wx-cjk.woff2')
writeFileSync(out, font)
console.log(`${out}: ${chars.size} characters, ${(font.length / 1024).toFixed(0)} KiB`)
