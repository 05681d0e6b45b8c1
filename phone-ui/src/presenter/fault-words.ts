/** The fault library's surfaces as a trainer says them (the catalog's description is the fallback). */
export const FAULT_SURFACE_LABELS: Record<string, string> = {
  api: 'WeChat server APIs',
  wecom: 'WeCom server APIs',
  pay: 'WeChat Pay',
  'pay-notify': 'WeChat Pay notifications',
  'pay-keys': 'WeChat Pay signatures',
  miniprogram: 'Mini program runtime',
  'oa-push': 'Official Account pushes',
  'wecom-push': 'WeCom callbacks',
}

export const faultSurfaceLabel = (surface: string) => FAULT_SURFACE_LABELS[surface] ?? surface

const FIELDS: Record<string, string> = { times: 'Times', probability: 'Chance', person: 'Person', route: 'Route', surface: 'Surface', fault: 'Fault' }

/**
 * A refusal of `POST /_sandbox/faults` (`params.ms: Too small: expected number to be >=100`) in
 * words: `ms must be at least 100`. The API names the field; the panel names it as its form does.
 */
export function faultRefusal(message: string): string {
  const m = /^(?:\d+\.)?([\w.]+): (.*)$/s.exec(message)
  if (!m) return message
  const path = m[1]!
  let what = m[2]!
  const field = path.startsWith('params.') ? path.slice(7) : (FIELDS[path] ?? path)
  // a custom message that starts with its own field name (`by: a duration such as …`)
  if (what.startsWith(`${field}: `)) what = what.slice(field.length + 2)
  const chance = path === 'probability'
  const bound = (n: string) => (chance ? `${Math.round(Number(n) * 100)}%` : n)
  const rules: [RegExp, (...g: string[]) => string][] = [
    [/^Too small: expected number to be >=?(\S+)$/, (n) => `must be at least ${bound(n)}`],
    [/^Too small: expected number to be >(\S+)$/, (n) => `must be more than ${bound(n)}`],
    [/^Too big: expected number to be <=?(\S+)$/, (n) => `must be at most ${bound(n)}`],
    [/^Invalid input: expected \w+, received undefined$/, () => 'is needed'],
    [/^Invalid input: expected int, received number$/, () => 'must be a whole number'],
    [/^Invalid input: expected (number|int), received \w+$/, () => 'must be a number'],
    [/^Invalid input: expected string, received \w+$/, () => 'must be text'],
    [/^Unrecognized key/, () => 'is not a parameter of this fault'],
    [/^Invalid IPv4 address$/, () => 'must be an IPv4 address such as 203.0.113.7'],
  ]
  for (const [re, say] of rules) {
    const g = re.exec(what)
    if (g) return `${field} ${say(...g.slice(1))}`
  }
  return `${field}: ${what}`
}
