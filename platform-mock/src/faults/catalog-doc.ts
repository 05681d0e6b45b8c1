import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { faultCatalog } from './routes'

/** Where the catalog's document lives: what can be injected, surface by surface. */
export const FAULTS_DOC = fileURLToPath(new URL('../../FAULTS.md', import.meta.url))

interface ParamSchema {
  type?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  default?: unknown
  format?: string
  enum?: unknown[]
}

/** One parameter in words: its type, its bounds, its default. */
function param(name: string, s: ParamSchema, required: boolean) {
  const bounds = [
    s.minimum !== undefined && `≥ ${s.minimum}`,
    s.exclusiveMinimum !== undefined && `> ${s.exclusiveMinimum}`,
    s.maximum !== undefined && `≤ ${s.maximum}`,
  ].filter(Boolean)
  const type = s.enum ? s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ') : (s.format ?? s.type ?? 'any')
  const said = [type, ...bounds].join(', ')
  const dflt = s.default !== undefined ? `, default \`${JSON.stringify(s.default)}\`` : required ? ', required' : ', optional'
  return `\`${name}\` (${said}${dflt})`
}

function params(schema: unknown) {
  const s = schema as { properties?: Record<string, ParamSchema>; required?: string[] } | null
  if (!s?.properties || Object.keys(s.properties).length === 0) return '—'
  return Object.entries(s.properties)
    .map(([name, p]) => param(name, p, (s.required ?? []).includes(name) && p.default === undefined))
    .join('; ')
}

/** A cell of a Markdown table: one line, pipes escaped. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ')

/** The document's text, generated from the catalog: what `npm run faults:doc` writes and a test compares. */
export function faultsDocText() {
  const lines = [
    '# Fault catalog',
    '',
    'What `/_sandbox/faults` can inject, surface by surface: generated from the catalog the platform',
    'validates rules against (`GET /_sandbox/faults/catalog` answers the same, with each kind\'s',
    'parameters as JSON Schema). Do not edit by hand: run `npm run faults:doc`. How rules are written',
    '(scope, `times`, `probability`, the event log) is in [README.md](README.md#fault-rules).',
    '',
  ]
  for (const surface of faultCatalog()) {
    lines.push(`## \`${surface.surface}\` — ${surface.description}`, '')
    if (surface.faults.length === 0) {
      lines.push('Nothing can be injected here yet.', '')
      continue
    }
    lines.push('| fault | what happens | where | params |', '|---|---|---|---|')
    for (const f of surface.faults) lines.push(`| \`${f.fault}\` | ${cell(f.summary)} | ${cell(f.where)} | ${cell(params(f.params))} |`)
    lines.push('')
  }
  return lines.join('\n')
}

// `npm run faults:doc`
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(FAULTS_DOC, faultsDocText())
  console.log(`wrote ${FAULTS_DOC}`)
}
